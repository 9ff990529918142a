"""Helpers of the LLM extractor's tests: scripted answers for grounding, a stub HTTP
server for failure modes a real server shows only by chance (garbage, hanging, busy),
and a real llama.cpp server (xllamacpp) in a child process that a test can kill."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SHORT_PROMPT = str(HERE / "data" / "llm-prompt-short.yaml")


class Scripted:
    """A cache that holds an answer for every passage asked, in the order asked: the
    coder's own path from a cached answer to statements, with answers a test writes."""

    def __init__(self, answers: list[Any]) -> None:
        self.answers = [a if isinstance(a, str) else json.dumps(a) for a in answers]
        self.asked = 0

    def get(self, key: str) -> str | None:
        self.asked += 1
        return self.answers.pop(0) if self.answers else json.dumps({"events": []})

    def put(self, key: str, model: str, prompt: str, passage_hash: str, content: str) -> None:
        raise AssertionError("a scripted cache is never asked to keep an answer")


def event(source: str, target: str, type_: str, quote: str, mode: str = "",
          polarity: str = "asserted", hedged: bool = False, says: str = "") -> dict[str, Any]:
    return {"source": source, "target": target, "type": type_, "mode": mode,
            "polarity": polarity, "hedged": hedged, "quote": quote, "says": says}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def completion(content: str) -> bytes:
    return json.dumps({"choices": [{"index": 0, "message": {"role": "assistant",
                                                           "content": content}}]}).encode()


@contextmanager
def stub_server(respond: Callable[[int, dict[str, Any], dict[str, str]], tuple[int, bytes]]
                ) -> Iterator[str]:
    """A loopback HTTP server answering each POST with ``respond(n, body, headers)``
    (n counts the requests from 0); yields its /v1 URL."""
    count = {"n": 0}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with lock:
                n = count["n"]
                count["n"] += 1
            status, payload = respond(n, body, dict(self.headers))
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def log_message(self, *_: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def llm_unavailable() -> str | None:
    from claimgraph.extract.llm.serve import available

    return available()


class RealServer:
    """``claimgraph llm-serve`` in a child process, on a port of its own."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60) -> RealServer:
        # one slot: on the CI machine's two cores, two slots decode no faster, and each
        # slot reads the prompt's long shared start once
        cmd = [sys.executable, "-m", "claimgraph", "llm-serve", "--port", str(self.port),
               "--slots", "1"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     env={**os.environ, "LLAMA_LOG_VERBOSITY": "0"})
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"llm-serve exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.url.removesuffix("/v1") + "/health",
                                            timeout=2) as resp:
                    if resp.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("llm-serve did not become healthy in time")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
