"""The demo corpus: the actors, claims and chains it was written to contain."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from tests.conftest import find_claim

runner = CliRunner()


@pytest.fixture(scope="module")
def claims(demo_db: str) -> list[dict[str, Any]]:
    res = runner.invoke(app, ["export", "claims", "--db", str(demo_db), "-o", "-"])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


find = find_claim


def test_memo_allegation_repeated_by_outlets_is_one_origin(claims: list[dict[str, Any]]) -> None:
    c = find(claims, "Ashvale Brigades", "AID", "Northern Sons Coastal Province", "weapons")
    assert len({e["document"] for e in c["evidence"]}) >= 3
    assert c["independent_origins"] == 1
    assert all("memo" in e["origin"] for e in c["evidence"])
    translated = [e for e in c["evidence"] if "Strait Policy Institute" in e["chain"]]
    assert translated, "the translator should stand in the chain"


def test_hierarchy_and_aliases(claims: list[dict[str, Any]]) -> None:
    c = find(claims, "Ashvale Brigades", "AID", "Northern Sons Coastal Province", "weapons")
    assert c["subject"]["parents"] == ["demo-hlf"]
    assert c["object"]["parents"] == ["demo-northern-sons"]


def test_denial_is_attributed_to_the_denier(claims: list[dict[str, Any]]) -> None:
    denied = [c for c in claims if c["polarity"] == "denied"]
    assert any(c["subject"]["name"] == "Harbor Liberation Front" or
               c["object"]["name"] == "Harbor Liberation Front" for c in denied)
    for c in denied:  # the denier is the origin, whether it speaks or issues a statement
        assert {o["id"] for o in c["origins"]} <= {"actor:demo-hlf", "actor:demo-veloria"}
        assert all(e["chain"][-1] in ("Veloria", "Harbor Liberation Front",
                                      "statement of Harbor Liberation Front")
                   for e in c["evidence"])


def test_an_arrest_the_ministry_reports_is_the_state_s(claims: list[dict[str, Any]]) -> None:
    """"Ostravian police arrested ..., the interior ministry said": the ministry names no
    state, so the state named last speaks through it (before issue 17 the wire's own)."""
    arrests = [c for c in claims if c["type"] == "COERCE" and any(
        e["quote"].startswith("Ostravian police arrested") for e in c["evidence"])]
    assert arrests and all(e["chain"] == ["Kellburg Daily Wire",
                                          "the interior ministry (Ostravia)"]
                           for c in arrests for e in c["evidence"])
    assert all({o["id"] for o in c["origins"]} == {"actor:demo-ostravia"} for c in arrests)


def test_hedged_claim_is_marked(claims: list[dict[str, Any]]) -> None:
    c = find(claims, "Veloria", "AID", "Harbor Liberation Front", "money")
    assert c["hedged"] is True


def test_outlet_from_html_metadata_heads_the_chain(claims: list[dict[str, Any]]) -> None:
    ev = [e for c in claims for e in c["evidence"] if e["document"] == "02_meridian_memo.html"]
    assert ev and all(e["chain"][0] == "Meridian Post" for e in ev)


def test_hostile_text_is_stored_as_text(claims: list[dict[str, Any]]) -> None:
    quotes = [e["quote"] for c in claims for e in c["evidence"]
              if e["document"] == "wire-2031-0320-hostile"]
    source = (Path(__file__).parents[1] / "src/claimgraph/data/demo/08_wire_hostile.jsonl")
    raw = json.loads(source.read_text("utf-8"))["text"]
    assert quotes and all(q in raw for q in quotes)  # verbatim, nothing stripped or run


def test_claim_ids_are_stable(new_db: Callable[[str], str],
                              claims: list[dict[str, Any]]) -> None:
    db = new_db("again")
    assert runner.invoke(app, ["demo", "--db", db]).exit_code == 0
    res = runner.invoke(app, ["export", "claims", "--db", db, "-o", "-"])
    again = {json.loads(line)["id"] for line in res.stdout.splitlines() if line.strip()}
    assert again == {c["id"] for c in claims}
