"""How a text ties two names of one actor together (extract/aliases.py)."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.records import Extraction

Extract = Callable[..., Extraction]


def ids(ex: Extraction, *texts: str) -> set[str]:
    return {m.actor_id for m in ex.mentions if m.text in texts}


def test_a_quoted_translation_in_a_gloss_is_the_same_actor(extract: Extract) -> None:
    ex = extract('Jabhat al-Nidal (Arabic: جبهة النضال, "Front of the Struggle") '
                 "attacked a checkpoint. The Front of the Struggle denied it.")
    assert len(ids(ex, "Jabhat al-Nidal", "Front of the Struggle")) == 1


def test_an_acronym_after_a_possessive_names_the_owner(extract: Extract) -> None:
    ex = extract("The frigate joined Combined Maritime Forces' (CMF) Task Force 151. "
                 "CMF said the patrol would last a month.")
    (cmf,) = ids(ex, "Combined Maritime Forces", "CMF")
    assert len([m for m in ex.mentions if m.actor_id == cmf]) >= 3


def test_a_described_phrase_in_apposition_is_the_named_body(extract: Extract) -> None:
    ex = extract("The alliance, made up of local tribes and its newly armed Arab "
                 "component, the Tribal Defence Brigade, advanced.")
    assert len(ids(ex, "Arab component", "Tribal Defence Brigade")) == 1


def test_an_organisation_is_known_without_its_generic_last_word(extract: Extract) -> None:
    ex = extract("Kalima News is a Yemeni channel. Kalima said the port was shelled.")
    assert len(ids(ex, "Kalima News", "Kalima")) == 1
