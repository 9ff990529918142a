"""Bodies described rather than named (extract/described.py)."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.extract.pipeline import Extractor
from claimgraph.records import Extraction
from tests.conftest import known

Extract = Callable[..., Extraction]


def at(ex: Extraction, text: str) -> str | None:
    return next((m.actor_id for m in ex.mentions if m.text == text), None)


def test_described_bodies_are_per_document_and_typed_by_their_head(
        extractor: Extractor, extract: Extract) -> None:
    ex = extract("A press-freedom group condemned the arrests. The U.N. tribunal for "
                 "Rwanda sentenced the former mayor. An alliance of opposition parties "
                 "called for protests.")
    group = known(extractor)[at(ex, "press-freedom group") or ""]
    tribunal = known(extractor)[at(ex, "U.N. tribunal") or ""]
    alliance = known(extractor)[at(ex, "alliance") or ""]
    assert {group.kind, tribunal.kind, alliance.kind} == {"described"}
    assert tribunal.parents == ["un"] and tribunal.type == "igo"
    assert group.type == alliance.type == "organization"
    assert group.name == "press-freedom group"
    again = extract("A press-freedom group condemned the arrests.", doc_id="other.txt")
    assert at(again, "press-freedom group") != group.id  # unnamed: kept per document
    bare = extract("Hamas said the group would respond. A group fled.", doc_id="bare.txt")
    assert all(known(extractor)[m.actor_id].kind != "described" for m in bare.mentions)
    assert at(bare, "the group") == "hamas"  # a bare definite refers back


def test_a_name_in_apposition_wins(extractor: Extractor, extract: Extract) -> None:
    ex = extract("Reporters Without Borders, a press-freedom group, condemned the arrests.")
    assert not [a for a in ex.actors.values() if a.kind == "described"]


def test_a_definite_phrase_of_a_named_bodys_words_refers_back(
        extractor: Extractor, extract: Extract) -> None:
    ex = extract("The 41st Expeditionary Airlift Squadron arrived in Djibouti. The squadron "
                 "will fly supplies, and this expeditionary squadron will stay a year.")
    squadron = at(ex, "41st Expeditionary Airlift Squadron")
    assert squadron is not None
    assert at(ex, "The squadron") == at(ex, "this expeditionary squadron") == squadron
    ex = extract("Task Force 88 left port. Hezbollah said the task force was a threat.",
                 doc_id="t.txt")
    assert at(ex, "the task force") == at(ex, "Task Force 88") is not None


def test_a_body_a_named_actor_owns(extractor: Extractor, extract: Extract) -> None:
    ex = extract("The African Union's peace and security council suspended Niger.")
    council = known(extractor)[at(ex, "peace and security council") or ""]
    assert council.kind == "described" and council.parents == ["au"]
    assert at(ex, "African Union") == "au"  # the owner keeps its own mention


def test_a_name_after_a_body_noun_is_that_body(extractor: Extractor, extract: Extract) -> None:
    ex = extract("The militant group Jund al-Aqsa claimed the attack. The Iraqi militia "
                 "Kataib Hezbollah fired rockets.")
    jund = known(extractor)[at(ex, "Jund al-Aqsa") or ""]
    assert jund.type == "organization"  # not the person the model may take it for
    assert at(ex, "Iraqi militia") == at(ex, "Kataib Hezbollah") == "kataib-hezbollah"
    ex = extract("The Sahel Monitoring Centre is an independent monitoring group.",
                 doc_id="w.txt")
    assert at(ex, "independent monitoring group") == at(ex, "Sahel Monitoring Centre") \
        is not None
