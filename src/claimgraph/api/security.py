"""Who may do what: a token on every request when one is set (required off
loopback), read-only mode, forged requests refused, and headers that keep article text
inert in the page.

Forged requests. A page served from another origin (another port on 127.0.0.1 counts:
cookies do not tell ports apart) can make the analyst's browser send a form or a
no-cors fetch to the workbench. So a request that changes something must:

- carry the session's CSRF token in ``X-CSRF-Token`` (the page has it from a meta tag
  of the index page, which another origin cannot read; scripts get it from
  ``GET /api/session``), or a valid ``Authorization: Bearer`` token, which a browser
  never sends across origins unasked;
- come from this origin when the browser says where it comes from (``Origin``).

Every request's ``Host`` must be one the server answers to (the bound address and, on
loopback, its loopback names, plus ``--allowed-host``): a rebinding DNS name is refused.
Request bodies are capped (``max_body``, 1 MB by default). Every response, errors
included, carries the security headers.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
COOKIE = "claimgraph_token"
CSRF_HEADER = "x-csrf-token"
SAFE = {"GET", "HEAD", "OPTIONS"}
MAX_BODY = 1_000_000
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY",
           "Cross-Origin-Resource-Policy": "same-origin"}


def needs_token(host: str) -> bool:
    return host not in LOOPBACK


def allowed_hosts(bound: str, extra: tuple[str, ...] = ()) -> set[str]:
    """The names a server bound to ``bound`` answers to."""
    names = {bound, *extra}
    if bound in LOOPBACK:
        names |= LOOPBACK
    return {n.lower().strip("[]") for n in names}


def host_name(header: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1'; '[::1]:8000' -> '::1'."""
    netloc = urlsplit(f"//{header}")
    return (netloc.hostname or "").lower()


def _refuse(detail: str, status: int) -> Response:
    return JSONResponse({"detail": detail}, status_code=status)


def _harden(response: Response) -> Response:
    for key, value in HEADERS.items():
        response.headers[key] = value
    return response


class Guard:
    def __init__(self, *, read_only: bool, token: str | None, hosts: set[str] | None,
                 max_body: int) -> None:
        self.read_only = read_only
        self.token = token
        self.hosts = hosts
        self.max_body = max_body
        self.csrf = secrets.token_urlsafe(32)

    def check(self, request: Request) -> tuple[Response | None, bool]:
        """A refusal, or None; and whether the token came in the query (to set the
        cookie)."""
        if self.hosts is not None and host_name(request.headers.get("host", "")) \
                not in self.hosts:
            return _refuse("this server does not answer to that Host", 400), False
        from_query = False
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if self.token is not None:
            given = bearer or request.query_params.get("token", "")
            from_query = not bearer and bool(given)
            given = given or request.cookies.get(COOKIE, "")
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return _refuse("a valid token is required", 401), False
        if request.method in SAFE:
            return None, from_query
        if self.read_only:
            return _refuse("this workbench is read-only", 403), False
        return self._forged(request, bearer), from_query

    def _forged(self, request: Request, bearer: str) -> Response | None:
        origin = request.headers.get("origin")
        if origin is not None and urlsplit(origin).netloc.lower() != \
                request.headers.get("host", "").lower():
            return _refuse(f"a request from {origin[:100]} may not change this workbench",
                           403)
        by_token = self.token is not None and bool(bearer) and \
            hmac.compare_digest(bearer.encode(), self.token.encode())
        given = request.headers.get(CSRF_HEADER, "")
        if not by_token and not hmac.compare_digest(given.encode(), self.csrf.encode()):
            return _refuse("a change needs the session's X-CSRF-Token header "
                           "(GET /api/session)", 403)
        size = request.headers.get("content-length", "")
        if size.isdigit() and int(size) > self.max_body:
            return _refuse(f"the request body is over {self.max_body} bytes", 413)
        return None

    async def read_body(self, request: Request) -> Response | None:
        """Read a changing request's body, at most ``max_body`` bytes of it (a body with
        no length is counted as it arrives)."""
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.max_body:
                return _refuse(f"the request body is over {self.max_body} bytes", 413)
            chunks.append(chunk)
        request._body = b"".join(chunks)  # what the route reads
        return None


def install_security(app: FastAPI, *, read_only: bool, token: str | None,
                     hosts: set[str] | None = None, max_body: int = MAX_BODY) -> Guard:
    guard = Guard(read_only=read_only, token=token, hosts=hosts, max_body=max_body)
    app.state.guard = guard

    @app.middleware("http")
    async def secure(request: Request,
                     call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        refused, from_query = guard.check(request)
        if refused is None and request.method not in SAFE:
            refused = await guard.read_body(request)
        if refused is not None:
            return _harden(refused)
        response = await call_next(request)
        if from_query and token is not None:
            response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
        return _harden(response)

    return guard
