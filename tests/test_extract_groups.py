"""Unnamed groups of people (extract/groups.py): parties named by what they are."""

from __future__ import annotations

from claimgraph.extract.pipeline import Extractor
from claimgraph.records import Extraction, unnamed
from tests.conftest import known, triples


def _group(ex: Extraction, text: str) -> str | None:
    """The actor of the mention whose text is ``text``."""
    return next((m.actor_id for m in ex.mentions if m.text == text), None)


def test_a_group_of_people_is_a_party(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("The Houthis shelled civilians in Taiz.")
    assert ("Houthis", "ASSAULT", "civilians") in {(t[0], t[1], t[3]) for t in triples(extractor, ex)}
    civilians = known(extractor)[_group(ex, "civilians") or ""]
    assert unnamed(civilians.id) and civilians.sector == "CVL" and civilians.country is None
    again = extract("Al-Shabaab attacked civilians near Mogadishu.", doc_id="u.txt")
    assert _group(again, "civilians") == civilians.id  # one actor across articles


def test_a_nationality_makes_the_group_that_country_s(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Hezbollah fighters attacked Syrian refugees near the border.")
    refugees = known(extractor)[_group(ex, "Syrian refugees") or ""]
    assert (refugees.country, refugees.sector) == ("SYR", "REF")
    assert ("Hezbollah", "ASSAULT", None, refugees.name, "asserted") in triples(extractor, ex)
    assert not [s for s in ex.statements if known(extractor)[s.object_id].type == "state"]
    again = extract("Hezbollah attacked Syrian refugees near Homs.", doc_id="u.txt")
    assert _group(again, "Syrian refugees") == refugees.id  # not an alias of Syria now
    ex = extract("Hezbollah attacked Iraqi soldiers.")  # a state's own agents: its organ
    assert ("Hezbollah", "ASSAULT", None, "Iraqi military", "asserted") in triples(extractor, ex)


def test_an_armed_description_refers_back(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Al-Shabaab claimed the bombing in Nairobi. Kenya attacked the militants "
                 "a week later.")
    assert ("Kenya", "ASSAULT", None, "Al-Shabaab", "asserted") in triples(extractor, ex)
    ex = extract("Gunmen attacked Kenya's army.")  # nothing to refer to: a group of its own
    gunmen = known(extractor)[_group(ex, "Gunmen") or ""]
    assert unnamed(gunmen.id) and gunmen.sector == "UAF"


def test_whose_fighters_the_text_does_not_say_is_no_actor(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Al-Shabaab sold rifles to the Houthis and paid injured fighters in Kismayo.")
    assert _group(ex, "injured fighters") is None and _group(ex, "fighters") is None
    assert not [s for s in ex.statements if unnamed(s.object_id) or unnamed(s.subject_id)]


def test_members_of_a_named_body_are_that_body(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("The Islamic State killed 70 members of Hezbollah in Syria.")
    assert ("Islamic State", "ASSAULT", None, "Hezbollah", "asserted") in triples(extractor, ex)
    ex = extract("Hezbollah attacked fighters of the Islamic State.")
    assert ("Hezbollah", "ASSAULT", None, "Islamic State", "asserted") in triples(extractor, ex)


def test_speakers_stay_anonymous(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Residents said that Hezbollah attacked Israeli soldiers.")
    assert _group(ex, "Residents") is None
    assert [s.origin.kind for s in ex.statements if s.type == "ASSAULT"] == ["anonymous"]
    ex = extract("Civilians fled the town. They said that Hezbollah attacked Israeli soldiers.")
    assert [(s.origin.kind, s.origin.label.split(" (")[0]) for s in ex.statements
            if s.type == "ASSAULT"] == [("anonymous", "civilians")]


def test_people_comprise_a_body(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("The 300 soldiers, who will comprise the 12th Armoured Brigade, arrived.")
    got = {(t[0], t[1], t[3]) for t in triples(extractor, ex)}
    assert ("soldiers", "MEMBER_OF", "12th Armoured Brigade") in got
    assert ("12th Armoured Brigade", "MEMBER_OF", "soldiers") not in got


def test_allies_and_proxies_are_the_owners_group(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("Iran's proxies attacked U.S. forces. Egypt is working with its allies.")
    got = {(t[0], t[1], t[3]) for t in triples(extractor, ex)}
    assert ("proxies of Iran", "ASSAULT", "American military") in got  # not Iran itself
    assert ("Egypt", "COOPERATE", "allies of Egypt") in got
    assert unnamed(_group(ex, "proxies") or "")
    ex = extract('"We will back our partners," Hezbollah said.')  # "our": the speaker
    assert _group(ex, "partners") == _group(extract("Hezbollah's partners met."), "partners")
    ex = extract("Hezbollah attacked Coalition partners.")  # a body says who they are
    assert ("Hezbollah", "ASSAULT", "Coalition") in {(t[0], t[1], t[3])
                                                     for t in triples(extractor, ex)}


def test_people_from_a_place_are_not_its_members(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    got = {(t[0], t[1], t[3]) for t in triples(
        extractor, extract("Boko Haram abducted 200 schoolgirls from Chibok."))}
    assert ("Boko Haram", "ASSAULT", "schoolgirls") in got
    got = {(t[0], t[1], t[3]) for t in triples(
        extractor, extract("Fighters from Hezbollah attacked Israel."))}
    assert ("Hezbollah", "ASSAULT", "Israel") in got  # whose fighters


def test_a_group_known_by_a_name_is_that_organisation(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("The rebels, known as Black Banner, are backed by Qatar.")
    assert ("Qatar", "AID", None, "Black Banner", "asserted") in triples(extractor, ex)
    assert not unnamed(_group(ex, "rebels") or "group:")
    ex = extract("Iraqi militias attacked Kuwait.")  # armed people are not the state's
    assert ("Iraqi rebels", "ASSAULT", None, "Kuwait", "asserted") in triples(extractor, ex)
    assert known(extractor)[_group(ex, "Iraqi militias") or ""].parents == []


def test_bare_allies_are_the_voices(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract('"We will consult with allies before acting," Hezbollah said.')
    allies = _group(ex, "allies")
    assert allies is not None and known(extractor)[allies].name == "allies of Hezbollah"


def test_an_abbreviation_and_a_hyphen_are_two_tokens(extractor: Extractor, extract) -> None:  # type: ignore[no-untyped-def]
    ex = extract("A strong U.S.-Iraq partnership is critical, the U.N.-backed envoy said.")
    assert {m.text for m in ex.mentions} >= {"U.S.", "Iraq"}
