"""Provenance on the demo corpus: the origin counts, circular flags and contradiction
links it was written to contain; syndicated copies change no count; incremental
builds equal fresh ones."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from claimgraph.demo import build_demo, demo_files
from claimgraph.export.claims import View, iter_claims
from claimgraph.store.db import Store
from tests.conftest import find_claim

COPY = "07_courier_syndicated.txt"


def build(db: str, *batches: list[str] | None) -> list[dict[str, Any]]:
    """Build a demo store batch by batch (each batch a separate ingest run with its
    own extractor, as separate CLI calls would be) and export its claims."""
    store = Store(db)
    store.migrate()
    for files in batches:
        rep = build_demo(store, files)
        assert not rep.failed, rep.failed
    return [json.loads(json.dumps(row)) for row in iter_claims(View(store))]


@pytest.fixture(scope="module")
def claims(new_db: Callable[[str], str]) -> list[dict[str, Any]]:
    return build(new_db("full"), None)


find = find_claim


def counts(claims: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    return {c["id"]: (c["mentions"], c["documents"], c["independent_origins"], c["circular"],
                      tuple(c["contradicts"]), c["credibility"]) for c in claims}


def test_memo_repeated_in_three_articles_is_circular(claims: list[dict[str, Any]]) -> None:
    c = find(claims, "Ashvale Brigades", "AID", "Northern Sons Coastal Province", "weapons")
    assert c["documents"] == 3 and c["independent_origins"] == 1
    assert c["circular"] is True
    assert c["explanation"].startswith("4 mentions in 3 articles, all from one origin: memo")
    assert c["origins"][0]["label"] == "memo of Piet Larsen to Tomas Rell"


def test_translator_of_the_memo_adds_no_origin(claims: list[dict[str, Any]]) -> None:
    """The SPI translated the memo; its report repeating the memo's allegation relays it."""
    c = find(claims, "Ashvale Brigades", "AID", "Northern Sons Coastal Province", "training")
    assert {e["document"] for e in c["evidence"]} == {"02_meridian_memo.html", "04_spi_report.md"}
    assert c["independent_origins"] == 1 and c["circular"] is True


def test_independent_sources_count_separately(claims: list[dict[str, Any]]) -> None:
    c = find(claims, "Veloria", "AID", "Harbor Liberation Front", "weapons")
    labels = sorted(o["label"] for o in c["origins"])
    assert labels == ["Ostravian officials", "report of Strait Policy Institute"]
    assert c["independent_origins"] == 2 and c["circular"] is False


def test_one_voice_in_two_wire_stories_is_circular(claims: list[dict[str, Any]]) -> None:
    c = find(claims, "Veloria", "AID", "Northern Sons", "money")
    assert (c["documents"], c["independent_origins"], c["circular"]) == (2, 1, True)


def test_anonymous_sources_fold_into_the_outlet(claims: list[dict[str, Any]]) -> None:
    c = find(claims, "Ostravian military", "ASSAULT", "Northern Sons Coastal Province")
    assert c["origins"][0]["id"] == "actor:demo-meridian"
    assert c["evidence"][0]["stated_origin"] == "residents (per Meridian Post)"


def test_denial_and_assertion_link_both_ways(claims: list[dict[str, Any]]) -> None:
    denial = next(c for c in claims if c["polarity"] == "denied" and c["type"] == "COOPERATE")
    pair = {denial["subject"]["name"], denial["object"]["name"]}  # mutual: either order
    assert "Harbor Liberation Front" in pair and pair & {"Northern Sons",
                                                         "Northern Sons Coastal Province"}
    weapons = find(claims, "Ashvale Brigades", "AID", "Northern Sons Coastal Province", "weapons")
    meeting = find(claims, "Harbor Liberation Front", "CONSULT", "Northern Sons Coastal Province")
    assert weapons["id"] in denial["contradicts"] and meeting["id"] in denial["contradicts"]
    assert denial["id"] in weapons["contradicts"] and denial["id"] in meeting["contradicts"]
    arms_denied = find(claims, "Veloria", "AID", "Harbor Liberation Front", "weapons", "denied")
    arms = find(claims, "Veloria", "AID", "Harbor Liberation Front", "weapons")
    money = find(claims, "Veloria", "AID", "Harbor Liberation Front", "money")
    assert arms_denied["contradicts"] == [arms["id"]]  # another mode is another claim
    assert money["contradicts"] == []
    unrelated = find(claims, "Ostravian police", "COERCE", "Mira Talen")
    assert unrelated["contradicts"] == []


def test_credibility_follows_the_rule(claims: list[dict[str, Any]]) -> None:
    arms = find(claims, "Veloria", "AID", "Harbor Liberation Front", "weapons")
    assert arms["credibility"] == 3  # 2 origins -> 2, contradicted -> 3
    denied = find(claims, "Veloria", "AID", "Harbor Liberation Front", "weapons", "denied")
    assert denied["credibility"] == 5  # 1 origin -> 3, outnumbered by its contradiction -> 5
    hedged = find(claims, "Veloria", "AID", "Harbor Liberation Front", "money")
    assert hedged["hedged"] is True and hedged["credibility"] == 4


def test_document_signals_reach_the_evidence(claims: list[dict[str, Any]]) -> None:
    c = find(claims, "Northern Sons", "ACCUSE", "Ostravia")
    signals = c["evidence"][0]["document_signals"]
    assert any(s.startswith("fundraising appeal") for s in signals)
    assert any(s.startswith("comment section") for s in signals)


def test_syndicated_copy_changes_no_count(new_db: Callable[[str], str],
                                         claims: list[dict[str, Any]]) -> None:
    others = [p.name for p in demo_files() if p.name != COPY]
    without = build(new_db("without"), others)
    assert counts(without) == counts(claims)
    copies = [e for c in claims for e in c["evidence"] if e["document"] == COPY]
    assert copies and all(e["copy_of"] == "01_courier_memo.txt" for e in copies)


def test_incremental_build_equals_fresh(new_db: Callable[[str], str],
                                       claims: list[dict[str, Any]]) -> None:
    names = [p.name for p in demo_files()]
    later_first = build(new_db("incremental"), names[4:], names[:4])
    assert later_first == claims
