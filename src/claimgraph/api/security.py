"""Who may do what: a token on every request when one is set (required off
loopback), read-only mode, and headers that keep article text inert in the page."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
COOKIE = "claimgraph_token"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")


def needs_token(host: str) -> bool:
    return host not in LOOPBACK


def install_security(app: FastAPI, *, read_only: bool, token: str | None) -> None:
    @app.middleware("http")
    async def guard(request: Request,
                    call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        from_query = False
        if token is not None:
            given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            if not given:
                given = request.query_params.get("token", "")
                from_query = bool(given)
            if not given:
                given = request.cookies.get(COOKIE, "")
            if not hmac.compare_digest(given.encode(), token.encode()):
                return JSONResponse({"detail": "a valid token is required"}, status_code=401)
        if read_only and request.method not in ("GET", "HEAD", "OPTIONS"):
            return JSONResponse({"detail": "this workbench is read-only"}, status_code=403)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if from_query and token is not None:
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return response
