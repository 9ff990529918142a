"""An event whose target the text does not name is a claim with a null object: the
claims export and the PLOVER export carry it, the network formats and the chart do not
draw it, and the API lists it without failing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimgraph.api.app import create_app
from claimgraph.cli import app
from claimgraph.store.db import Store

runner = CliRunner()

TEXT = ("Iranian students staged protests in Tehran on Monday.\n\n"
        "The Houthis rejected the plan.\n\n"
        "Saudi Arabia later attacked the Houthis.\n")


def _store(tmp_path: Path, new_db: Callable[[str], str]) -> str:
    article = tmp_path / "report.txt"
    article.write_text(TEXT, encoding="utf-8")
    db = new_db("targetless")
    res = runner.invoke(app, ["ingest", str(article), "--db", db])
    assert res.exit_code == 0, res.output
    return db


def _claims(db: str) -> list[dict[str, Any]]:
    res = runner.invoke(app, ["export", "claims", "--db", db, "-o", "-"])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def test_targetless_events_through_store_and_exports(tmp_path: Path,
                                                     new_db: Callable[[str], str]) -> None:
    db = _store(tmp_path, new_db)
    claims = _claims(db)
    got = {(c["subject"]["name"], c["type"], (c["object"] or {}).get("name")) for c in claims}
    assert {("Iranian students", "PROTEST", None), ("Houthis", "REJECT", None),
            ("Saudi Arabia", "ASSAULT", "Houthis")} <= got
    protest = next(c for c in claims if c["type"] == "PROTEST")
    assert protest["object"] is None and protest["independent_origins"] == 1
    assert protest["evidence"][0]["object"] is None
    assert "staged protests" in protest["evidence"][0]["quote"]
    # the network draws two-actor claims only
    runner.invoke(app, ["export", "gexf", "--db", db, "-o", str(tmp_path / "g.gexf")])
    g = nx.read_gexf(tmp_path / "g.gexf")
    assert g.number_of_edges() == sum(1 for c in claims if c["object"] is not None)
    # PLOVER codes such events with a source alone
    res = runner.invoke(app, ["export", "plover", "--db", db, "-o", str(tmp_path / "p.jsonl")])
    assert res.exit_code == 0, res.output
    events = [json.loads(x) for x in (tmp_path / "p.jsonl").read_text("utf-8").splitlines()]
    demo = next(e for e in events if e["event_type"] == "PROTEST")
    assert demo["recipient"] == [] and demo["actor"][0]["name"] == "Iranian students"
    res = runner.invoke(app, ["export", "csv", "--db", db, "-o", str(tmp_path / "t.zip")])
    assert res.exit_code == 0, res.output
    # an identical second ingest changes nothing
    again = tmp_path / "again"
    again.mkdir()
    (again / "copy.txt").write_text(TEXT, encoding="utf-8")
    runner.invoke(app, ["ingest", str(again / "copy.txt"), "--db", db])
    assert len(_claims(db)) == len(claims)


def test_the_api_lists_targetless_claims_and_leaves_them_off_the_chart(
        tmp_path: Path, new_db: Callable[[str], str]) -> None:
    client = TestClient(create_app(Store(_store(tmp_path, new_db))))
    listed = client.get("/api/claims").json()
    rows = listed["items"]
    assert any(r["object"] is None for r in rows)
    network = client.get("/api/network").json()
    assert network["edges"] and all(e["object"] is not None for e in network["edges"])
    claim = next(r for r in rows if r["object"] is None)
    detail = client.get(f"/api/claims/{claim['id']}")
    assert detail.status_code == 200 and detail.json()["object"] is None
    actors = client.get("/api/actors").json()
    assert actors
