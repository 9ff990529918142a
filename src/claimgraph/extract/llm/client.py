"""A client of any OpenAI-compatible chat server (llama.cpp, Ollama, vLLM): one request
at a time per call, with a timeout and retries with backoff. What it returns is the
model's answer text; everything else is an LLMError that names the server and why."""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
from typing import Any

from claimgraph.config import LLMSettings
from claimgraph.errors import LLMBadResponse, LLMUnreachable

RETRIED_STATUS = {429, 500, 502, 503, 504}  # busy or restarting: worth another try


class ChatClient:
    def __init__(self, settings: LLMSettings) -> None:
        self.settings = settings
        self.endpoint = settings.url.rstrip("/") + "/chat/completions"

    def complete(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> str:
        """The model's answer to ``messages``, constrained to ``schema``."""
        s = self.settings
        body = json.dumps({
            "model": s.model, "messages": messages, "temperature": 0, "seed": 0,
            "max_tokens": s.max_tokens, "stream": False,
            "response_format": {"type": "json_schema",
                                "json_schema": {"name": "events", "strict": True,
                                                "schema": schema}},
        }).encode("utf-8")
        delay = s.backoff
        for attempt in range(s.retries + 1):
            try:
                return _content(self._post(body), self.endpoint)
            except (LLMUnreachable, _Retry) as exc:
                if attempt == s.retries:
                    raise LLMUnreachable(f"no answer after {s.retries + 1} tries: {exc}",
                                         source=self.endpoint) from exc
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")  # the loop returns or raises

    def _post(self, body: bytes) -> Any:
        headers = {"Content-Type": "application/json"}
        key = self.settings.key()
        if key:
            headers["Authorization"] = f"Bearer {key}"
        req = urllib.request.Request(self.endpoint, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(req, timeout=self.settings.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            if exc.code in RETRIED_STATUS:
                raise _Retry(f"HTTP {exc.code}") from exc
            raise LLMBadResponse(f"HTTP {exc.code} {exc.reason}", source=self.endpoint) from exc
        except (urllib.error.URLError, http.client.HTTPException, ConnectionError,
                TimeoutError) as exc:
            reason = getattr(exc, "reason", exc)
            raise LLMUnreachable(f"{type(exc).__name__}: {reason}",
                                 source=self.endpoint) from exc
        try:
            return json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise LLMBadResponse(f"the answer is not JSON ({len(raw)} bytes)",
                                 source=self.endpoint) from exc


class _Retry(Exception):
    """A status that says: try again later."""


def _content(data: Any, endpoint: str) -> str:
    """The answer text of a chat completion; anything else is a bad response."""
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise LLMBadResponse("the answer is no chat completion (no choices[0].message)",
                             source=endpoint) from exc
    if not isinstance(content, str):
        raise LLMBadResponse("the answer's message content is not text", source=endpoint)
    return content
