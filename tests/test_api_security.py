"""Forged requests, Host checks, body caps, bounded paging, security headers on every
response, and document ids with any characters: against `claimgraph serve` itself, on
a free loopback port."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from typer.testing import CliRunner

from claimgraph.cli import app as cli
from claimgraph.store.pgtemp import free_port
from tests.conftest import copy_demo, settle

runner = CliRunner()
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options",
                    "referrer-policy")


def start(db: str, *extra: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "claimgraph", "serve", "--db", db,
                             "--port", str(port), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            httpx.get(url + "/api/health", timeout=1, headers={"Authorization": "Bearer t0k3n"})
            return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("the server did not start")


def stop(proc: subprocess.Popen[bytes]) -> str:
    proc.terminate()
    out, _ = proc.communicate(timeout=10)
    return out.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def server(demo_db: str, new_db: Callable[[str], str], tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[str]:
    db = copy_demo(demo_db, new_db)
    feed = tmp_path_factory.mktemp("feed") / "wire.jsonl"
    feed.write_text(json.dumps({"url": "https://news.example/2031/03/raid?id=7&x=%2F",
                                "text": "Ostravian police raided a depot in Kellburg."}) + "\n",
                    "utf-8")
    res = runner.invoke(cli, ["ingest", str(feed), "--db", str(db)])
    assert res.exit_code == 0, res.output
    settle(str(db))
    proc, url = start(str(db))
    yield url
    stop(proc)


def csrf(url: str) -> str:
    token: str = httpx.get(url + "/api/session").json()["csrf"]
    return token


def a_claim(url: str) -> str:
    claim: str = httpx.get(url + "/api/claims?limit=1").json()["items"][0]["id"]
    return claim


def test_a_change_without_the_sessions_token_is_refused(server: str) -> None:
    path = f"{server}/api/claims/{a_claim(server)}/note"
    # a plain form post from another page: no token, a form body
    form = httpx.post(path, data={"text": "forged"})
    assert form.status_code == 403 and "X-CSRF-Token" in form.json()["detail"]
    # a no-cors fetch from another port: its Origin says where it comes from
    other = httpx.post(path, json={"text": "forged"},
                       headers={"Origin": "http://127.0.0.1:9", "X-CSRF-Token": csrf(server)})
    assert other.status_code == 403
    good = httpx.post(path, json={"text": "checked"},
                      headers={"Origin": server, "X-CSRF-Token": csrf(server)})
    assert good.status_code == 200
    notes = httpx.get(f"{server}/api/claims/{a_claim(server)}").json()["curation"]["notes"]
    assert [n["text"] for n in notes] == ["checked"]


def test_the_page_carries_the_token_another_origin_cannot_read(server: str) -> None:
    page = httpx.get(server + "/")
    assert f'<meta name="csrf-token" content="{csrf(server)}">' in page.text
    assert "access-control-allow-origin" not in page.headers  # no CORS: unreadable elsewhere


def test_an_unknown_host_is_refused(server: str) -> None:
    res = httpx.get(server + "/api/health", headers={"Host": "rebind.attacker.example"})
    assert res.status_code == 400
    assert httpx.get(server + "/api/health", headers={"Host": "localhost"}).status_code == 200


def test_bodies_are_capped_and_paging_is_bounded(server: str) -> None:
    path = f"{server}/api/claims/{a_claim(server)}/note"
    big = httpx.post(path, content=b'{"text": "' + b"x" * 1_100_000 + b'"}',
                     headers={"X-CSRF-Token": csrf(server), "Content-Type": "application/json"})
    assert big.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"text": "'
        for _ in range(12):
            yield b"y" * 100_000
        yield b'"}'

    streamed = httpx.post(path, content=chunks(), headers={"X-CSRF-Token": csrf(server)})
    assert streamed.status_code == 413
    deep = httpx.get(f"{server}/api/search?q=raid&offset={2 ** 63}")
    assert deep.status_code == 422 and "offset" in deep.text


def test_every_response_carries_the_security_headers(server: str) -> None:
    responses = [httpx.get(server + "/api/documents/nothing-here"),  # 404
                 httpx.post(f"{server}/api/claims/x/note", data={}),  # 403
                 httpx.get(server + "/api/health", headers={"Host": "evil.example"}),  # 400
                 httpx.get(server + "/api/claims?limit=0")]  # 422
    assert [r.status_code for r in responses] == [404, 403, 400, 422]
    for r in responses:
        assert all(h in r.headers for h in SECURITY_HEADERS), r.status_code


def test_document_ids_with_any_characters_open(server: str) -> None:
    doc_id = "https://news.example/2031/03/raid?id=7&x=%2F"
    res = httpx.get(server + "/api/documents/" + quote(doc_id, safe=""))  # as the page asks
    assert res.status_code == 200, res.text
    assert res.json()["id"] == doc_id and "raided" in res.json()["text"]


def test_token_mode_with_a_proxy_host_and_a_quiet_startup_line(
        demo_db: str, tmp_path: Path) -> None:
    proc, url = start(demo_db, "--token", "t0k3n", "--allowed-host", "claims.example.org",
                      "--read-only")
    try:
        bearer = {"Authorization": "Bearer t0k3n"}
        refused = httpx.get(url + "/api/health")
        assert refused.status_code == 401 and "x-frame-options" in refused.headers
        proxied = httpx.get(url + "/api/health", headers={**bearer, "Host": "claims.example.org"})
        assert proxied.status_code == 200
        assert httpx.post(f"{url}/api/claims/x/note", json={}, headers=bearer).status_code == 403
    finally:
        out = stop(proc)
    assert "claimgraph workbench" in out and "t0k3n" not in out
