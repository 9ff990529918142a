"""The REST API on the demo corpus: every endpoint and filter, bad parameters,
curation with its audit trail and undo, and the security switches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimgraph.api.app import create_app
from claimgraph.cli import app as cli
from claimgraph.store.db import Store

runner = CliRunner()


def session_client(application: FastAPI) -> TestClient:
    """A client that carries the session's CSRF token, as the workbench page does."""
    c = TestClient(application)
    c.headers["X-CSRF-Token"] = c.get("/api/session").json()["csrf"]
    return c


@pytest.fixture(scope="module")
def client(demo_db: Path) -> TestClient:
    return session_client(create_app(Store(str(demo_db))))


@pytest.fixture()
def fresh(demo_copy: Path) -> tuple[Path, TestClient]:
    """A private copy of the demo store, for tests that change it."""
    return demo_copy, session_client(create_app(Store(str(demo_copy))))


def ok(client: TestClient, url: str) -> Any:
    res = client.get(url)
    assert res.status_code == 200, (url, res.text)
    return res.json()


def names(items: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(c["subject"]["name"], c["type"], c["object"]["name"]) for c in items}


def test_openapi_and_health(client: TestClient) -> None:
    spec = ok(client, "/openapi.json")
    for path in ("/api/actors", "/api/actors/{actor_id}", "/api/claims", "/api/claims/{claim_id}",
                 "/api/documents/{doc_id}", "/api/network", "/api/search", "/api/health"):
        assert path in spec["paths"]
    health = ok(client, "/api/health")
    assert health["status"] == "ok" and health["claims"] == 17 and health["documents"] == 10


def test_claims_paginate(client: TestClient) -> None:
    first = ok(client, "/api/claims?limit=5")
    second = ok(client, "/api/claims?limit=5&offset=5")
    assert first["total"] == 17 and len(first["items"]) == 5
    assert not {c["id"] for c in first["items"]} & {c["id"] for c in second["items"]}
    origins = [c["independent_origins"] for c in first["items"] + second["items"]]
    assert origins == sorted(origins, reverse=True)


@pytest.mark.parametrize(("query", "check"), [
    ("actor=Ostravia", lambda c: any(  # the state or its organs ("demo-ostravia/mil")
        x.split("/")[0] == "demo-ostravia" for x in (c["subject"]["id"], c["object"]["id"]))),
    ("actor=HLF", lambda c: True),
    ("type=AID", lambda c: c["type"] == "AID"),
    ("type=aid&mode=weapons", lambda c: (c["type"], c["mode"]) == ("AID", "weapons")),
    ("polarity=denied", lambda c: c["polarity"] == "denied"),
    ("hedged=true", lambda c: c["hedged"] is True),
    ("hedged=false", lambda c: c["hedged"] is False),
    ("min_origins=2", lambda c: c["independent_origins"] >= 2),
    ("since=2031-03&until=2031-03", lambda c: c["time_start"].startswith("2031-03")),
    ("document=04_spi_report.md", lambda c: True),
    ("origin=actor:demo-ostravia", lambda c: True),
    ("status=none", lambda c: c["status"] is None),
])
def test_claim_filters(client: TestClient, query: str, check: Any) -> None:
    everything = ok(client, "/api/claims?limit=500")["items"]
    found = ok(client, f"/api/claims?limit=500&{query}")["items"]
    assert found and all(check(c) for c in found), query
    assert len(found) <= len(everything)
    network = ok(client, f"/api/network?{query}")
    assert sorted(e["id"] for e in network["edges"]) == sorted(c["id"] for c in found)


def test_filters_narrow_for_real(client: TestClient) -> None:
    doc = ok(client, "/api/claims?limit=500&document=04_spi_report.md")["items"]
    assert ("Veloria", "AID", "Harbor Liberation Front") in names(doc)
    assert ("Ostravian police", "COERCE", "Mira Talen") not in names(doc)
    hlf = ok(client, "/api/claims?limit=500&actor=the Harbor Front")["items"]
    assert ("Ashvale Brigades", "AID", "Northern Sons Coastal Province") in names(hlf)  # sub-unit


@pytest.mark.parametrize("url", [
    "/api/claims?limit=0", "/api/claims?limit=100000", "/api/claims?offset=-1",
    "/api/claims?min_origins=x", "/api/claims?polarity=maybe", "/api/claims?hedged=perhaps",
    "/api/claims?since=March", "/api/claims?until=2031-13-99x", "/api/claims?type=AID;DROP",
    "/api/network?limit=0", "/api/actors?limit=-5", "/api/search", "/api/search?q=",
    "/api/claims?status=deleted",
])
def test_bad_parameters_are_422_with_a_reason(client: TestClient, url: str) -> None:
    res = client.get(url)
    assert res.status_code == 422, (url, res.status_code, res.text)
    body = res.json()
    assert body["detail"].startswith("bad request:") and body["problems"]


@pytest.mark.parametrize("url", ["/api/claims/c-0000000000000000", "/api/actors/nobody",
                                 "/api/documents/nothing.txt", "/api/claims?actor=Nobody"])
def test_unknown_ids_are_404(client: TestClient, url: str) -> None:
    res = client.get(url)
    assert res.status_code == 404 and "E109" in res.json()["detail"]


def test_claim_detail_has_evidence_chains_origins_and_the_denial(client: TestClient) -> None:
    claims = ok(client, "/api/claims?limit=500&type=AID&mode=weapons&actor=Ashvale Brigades")
    weapons = next(c for c in claims["items"] if c["polarity"] == "asserted")
    c = ok(client, f"/api/claims/{weapons['id']}")
    assert c["circular"] is True and c["origin_groups"][0]["evidence"]
    for e in c["evidence"]:
        assert e["chain"] and e["context"]["quote"] == e["quote"][:len(e["context"]["quote"])]
    assert any(d["polarity"] == "denied" for d in c["contradicting"])


def test_actor_and_document(client: TestClient) -> None:
    hlf = ok(client, "/api/actors/demo-hlf")
    assert hlf["children"] == ["demo-ashvale"] and "HLF" in hlf["aliases"]
    assert hlf["claims_in"] or hlf["claims_out"]
    found = ok(client, "/api/actors?q=harbor")["items"]
    assert [a["id"] for a in found] == ["demo-hlf"]
    doc = ok(client, "/api/documents/wire-2031-0320-hostile")
    assert "<img src=x onerror=alert(1)>" in doc["text"]  # stored verbatim; the page escapes
    assert doc["mentions"] and all(doc["text"][m["start"]:m["end"]] == m["text"]
                                   for m in doc["mentions"])


def test_search(client: TestClient) -> None:
    res = ok(client, "/api/search?q=memo rockets")
    ids = {d["id"] for d in res["items"]}
    assert "wire-2031-0311-memo" in ids and res["total"] == len(ids)
    assert ok(client, "/api/search?q=zzzunheardof")["total"] == 0
    assert ok(client, "/api/search?q=\"; DROP TABLE documents; --")["total"] == 0
    assert ok(client, "/api/health")["documents"] == 10


def test_curation_persists_is_audited_and_undoes(fresh: tuple[Path, TestClient]) -> None:
    path, client = fresh
    claim = ok(client, "/api/claims?polarity=denied&limit=1")["items"][0]
    res = client.post(f"/api/claims/{claim['id']}/reject", json={"who": "tester"})
    assert res.status_code == 200
    jid = res.json()["judgement"]
    # persisted: a new app on the same file sees it, and exports leave the claim out
    again = TestClient(create_app(Store(str(path))))
    assert ok(again, f"/api/claims/{claim['id']}")["curation"]["status"] == "rejected"
    out = runner.invoke(cli, ["export", "claims", "--db", str(path), "-o", "-"]).stdout
    assert claim["id"] not in {json.loads(line)["id"] for line in out.splitlines()}
    audit = ok(again, "/api/judgements")["items"]
    assert audit[0]["kind"] == "reject" and audit[0]["author"] == "tester"
    assert client.post(f"/api/judgements/{jid}/undo", json={}).status_code == 200
    assert ok(client, f"/api/claims/{claim['id']}")["curation"]["status"] is None
    assert client.post(f"/api/judgements/{jid}/undo", json={}).status_code == 409
    note = client.post(f"/api/claims/{claim['id']}/note", json={"text": "<b>check</b>"})
    assert note.status_code == 200
    assert ok(client, f"/api/claims/{claim['id']}")["curation"]["notes"][0]["text"] == \
        "<b>check</b>"
    assert client.post(f"/api/claims/{claim['id']}/note", json={}).status_code == 409
    assert client.post(f"/api/claims/{claim['id']}/delete", json={}).status_code == 422


def test_merge_and_split_actors(fresh: tuple[Path, TestClient]) -> None:
    path, client = fresh
    before = names(ok(client, "/api/claims?limit=500")["items"])
    assert ("Veloria", "AID", "Northern Sons") in before
    res = client.post("/api/actors/demo-northern-sons/merge", json={"into": "demo-coastal"})
    assert res.status_code == 200
    merged = names(ok(client, "/api/claims?limit=500")["items"])
    assert ("Veloria", "AID", "Northern Sons Coastal Province") in merged
    assert ("Veloria", "AID", "Northern Sons") not in merged
    assert ok(client, "/api/actors/demo-northern-sons")["merged_into"] == "demo-coastal"
    out = runner.invoke(cli, ["export", "claims", "--db", str(path), "-o", "-"]).stdout
    exported = {(json.loads(x)["subject"]["name"], json.loads(x)["object"]["name"])
                for x in out.splitlines()}
    assert ("Veloria", "Northern Sons Coastal Province") in exported
    assert client.post("/api/actors/demo-coastal/merge",
                       json={"into": "demo-northern-sons"}).status_code == 409  # a cycle
    assert client.post("/api/actors/demo-northern-sons/split", json={}).status_code == 200
    assert names(ok(client, "/api/claims?limit=500")["items"]) == before
    assert client.post("/api/actors/nobody/merge", json={"into": "demo-hlf"}).status_code == 404


def test_token_and_read_only(demo_db: Path) -> None:
    guarded = TestClient(create_app(Store(str(demo_db)), token="s3cret"))
    assert guarded.get("/api/health").status_code == 401
    assert guarded.get("/").status_code == 401
    assert guarded.get("/api/health", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert guarded.get("/api/health", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    page = guarded.get("/?token=s3cret")
    assert page.status_code == 200 and "claimgraph_token" in page.headers["set-cookie"]
    assert guarded.get("/static/app.js").status_code == 200  # the cookie carries it now
    frozen = session_client(create_app(Store(str(demo_db)), read_only=True))
    claim = ok(frozen, "/api/claims?limit=1")["items"][0]
    assert frozen.post(f"/api/claims/{claim['id']}/reject", json={}).status_code == 403
    headers = frozen.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_serve_refuses_an_open_host_without_a_token(demo_db: Path) -> None:
    res = runner.invoke(cli, ["serve", "--db", str(demo_db), "--host", "0.0.0.0"],
                        env={"CLAIMGRAPH_TOKEN": ""})
    assert res.exit_code == 2 and "needs a token" in res.output


def test_page_and_assets_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/app.js" in page.text
    assert "http" not in page.text.split("<body>")[0].replace('http-equiv', '')  # no CDN
    js = client.get("/vendor/vis-network.min.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert client.get("/static/../../etc/passwd").status_code == 404
