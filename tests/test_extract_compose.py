"""Actors as event data codes them (extract/compose.py; capitals, places, roles and
acronyms), on sentences written for these tests from many conflicts."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.pipeline import Extractor
from claimgraph.places import countries
from claimgraph.records import Extraction
from tests.conftest import known, triples

Extract = Callable[..., Extraction]


def at(ex: Extraction, text: str) -> str | None:
    """The actor of the mention whose text is ``text``."""
    return next((m.actor_id for m in ex.mentions if m.text == text), None)


@pytest.mark.parametrize(("sentence", "phrase", "country", "sector"), [
    ("Bolivian officials met the delegation.", "Bolivian officials", "BOL", "GOV"),
    ("Somali rebels attacked the convoy.", "Somali rebels", "SOM", "REB"),
    ("Burkinabe police arrested the suspects.", "Burkinabe police", "BFA", "COP"),
    ("The Kabul government accused Pakistan of shelling.", "Kabul government", "AFG", "GOV"),
    ("Rebels in northern Mozambique attacked the port.", "Rebels", "MOZ", "REB"),
    ("Militants in Idlib shelled the town.", "Militants", "SYR", "REB"),
    ("Venezuelan soldiers crossed the river.", "Venezuelan soldiers", "VEN", "MIL"),
    ("Peru's rebels ambushed a patrol.", "rebels", "PER", "REB"),
    ("The army of Chad attacked the rebels.", "army", "TCD", "MIL"),
])
def test_a_country_and_an_agent_noun_make_one_actor(
        extractor: Extractor, extract: Extract, sentence: str, phrase: str,
        country: str, sector: str) -> None:
    ex = extract(sentence)
    actor = known(extractor)[at(ex, phrase) or ""]
    assert (actor.country, actor.sector, actor.kind) == (country, sector, "composed")


def test_the_same_country_and_sector_in_other_words_is_the_same_actor(
        extractor: Extractor, extract: Extract) -> None:
    ex = extract("Kenyan troops entered the town. Kenyan soldiers searched homes. "
                 "The Kenyan army later withdrew.")
    ids = {at(ex, p) for p in ("Kenyan troops", "Kenyan soldiers", "Kenyan army")}
    assert len(ids) == 1 and None not in ids
    other = extract("Kenya's military shelled the camp.", doc_id="u.txt")
    assert at(other, "military") in ids  # another article, another wording: one actor


def test_a_states_organs_are_never_the_state(extractor: Extractor, extract: Extract) -> None:
    ex = extract("The Sudanese army fought the Rapid Support Forces in Omdurman. "
                 "Sudan's armed forces shelled the city. Sudan protested.")
    army = known(extractor)[at(ex, "Sudanese army") or ""]
    assert army.name == "Sudanese Armed Forces"  # the gazetteer's organ
    assert at(ex, "armed forces") == army.id
    assert at(ex, "Sudan") == "sdn" != army.id and army.parents == ["sdn"]
    mil = extract("Chadian troops and the Chadian government disagreed.", doc_id="c.txt")
    troops, gov = (known(extractor)[at(mil, p) or ""] for p in
                   ("Chadian troops", "Chadian government"))
    assert troops.id != gov.id and troops.parents == gov.parents == ["tcd"]
    assert (troops.sector, gov.sector) == ("MIL", "GOV")
    ex = extract("The SAF shelled Omdurman, while Sudan denied it.", doc_id="s.txt")
    assert at(ex, "SAF") == army.id and at(ex, "Sudan") == "sdn"  # the organ's acronym


def test_communities_with_an_agent_noun_are_actors_of_their_own(
        extractor: Extractor, extract: Extract) -> None:
    ex = extract("Tamil leaders rejected the plan. Syrian Druze protested in Sweida.")
    tamil = known(extractor)[at(ex, "Tamil leaders") or ""]
    druze = known(extractor)[at(ex, "Syrian Druze") or ""]
    assert tamil.kind == druze.kind == "composed" and druze.country == "SYR"
    assert tamil.type == druze.type == "organization" and tamil.id != druze.id


def test_a_singular_office_is_a_person_not_a_composition(
        extractor: Extractor, extract: Extract) -> None:
    ex = extract("The Iraqi Foreign Minister met Chinese officials.")
    assert known(extractor)[at(ex, "Chinese officials") or ""].sector == "GOV"
    assert all(known(extractor)[m.actor_id].kind != "composed" for m in ex.mentions
               if "Minister" in m.text)


STATES = ["afg", "are", "aze", "bfa", "cod", "eth", "irq", "ken", "lby", "mli", "mmr",
          "nga", "pak", "som", "ssd", "syr", "tcd", "ukr", "ven", "yem"]


@pytest.mark.parametrize("state", STATES)
def test_a_capital_stands_for_its_state(extractor: Extractor, extract: Extract,
                                        state: str) -> None:
    actor = extractor.index.actors[state]
    assert actor.capital  # every state has one (GeoNames' capitals fill the gaps)
    ex = extract(f"{actor.capital} accused the rebels of breaking the truce.")
    assert at(ex, actor.capital) == state


def test_seats_of_government_stand_for_their_state_and_capitals_come_from_geonames(
        extractor: Extractor, extract: Extract) -> None:
    ex = extract("The Hague recalled its ambassador.")
    assert at(ex, "The Hague") == "nld"
    by_iso3 = {c.iso3: c.capital for c in countries().values()}
    assert extractor.index.actors["bfa"].capital == by_iso3["BFA"]


def test_places_are_not_actors_and_fill_the_location(
        extractor: Extractor, extract: Extract) -> None:
    ex = extract("Al-Shabaab attacked Kenyan troops in Mandera.")
    assert at(ex, "Mandera") is None
    st = next(s for s in ex.statements if s.type == "ASSAULT")
    assert st.place is not None and st.place.name == "Mandera"
    assert st.place.lat is not None and 3 < st.place.lat < 4.5
    assert not [a for a in ex.actors.values() if a.name == "Raqqah"]
    ex = extract("Raqqah was bombed by the coalition.", doc_id="r.txt")
    assert not [a for a in ex.actors.values() if a.name == "Raqqah"]


def test_roles_give_leadership_and_membership(extractor: Extractor, extract: Extract) -> None:
    ex = extract("RSF commander Mohamed Hamdan Dagalo met Egyptian officials.")
    assert ("Mohamed Hamdan Dagalo", "LEADER_OF", None, "Rapid Support Forces",
            "asserted") in triples(extractor, ex)
    ex = extract("A Houthi military spokesman, Yahya Saree, said the group attacked a "
                 "ship.", doc_id="h.txt")
    assert ("Yahya Saree", "MEMBER_OF", None, "Houthis", "asserted") in triples(extractor, ex)
    attack = next(s for s in ex.statements if s.type == "ASSAULT")
    assert attack.origin.label == "Yahya Saree (Houthis)"  # clean names, no comma
    assert attack.origin.key == "actor:houthis"  # he speaks for them: their spokesmen are one
    ex = extract("Abdullah Yusuf, the Hamas commander, was killed.", doc_id="y.txt")
    assert ("Abdullah Yusuf", "LEADER_OF", None, "Hamas", "asserted") in triples(extractor, ex)
    ex = extract("Abdullah Yusuf, a Hamas commander, was killed.", doc_id="z.txt")
    assert ("Abdullah Yusuf", "MEMBER_OF", None, "Hamas", "asserted") in triples(extractor, ex)
    ex = extract("Al-Shabaab leader Ahmed Diriye called for attacks.", doc_id="d.txt")
    assert ("Ahmed Diriye", "LEADER_OF", None, "Al-Shabaab", "asserted") in \
        triples(extractor, ex)
    ex = extract("Amina Yusuf, a spokeswoman for the African Union, said Hamas attacked "
                 "Israel.", doc_id="a.txt")
    assert ("Amina Yusuf", "MEMBER_OF", None, "African Union", "asserted") in \
        triples(extractor, ex)
    attack = next(s for s in ex.statements if s.type == "ASSAULT")
    assert (attack.origin.key, attack.origin.label) == ("actor:au",
                                                        "Amina Yusuf (African Union)")


@pytest.mark.parametrize("text", [
    "The Ceasefire Violations Committee (CFVC) accused the militia. The CFVC met again.",
    "The CFVC (Ceasefire Violations Committee) accused the militia. The CFVC met again.",
])
def test_acronyms_defined_in_the_text_link_both_forms(extract: Extract, text: str) -> None:
    ex = extract(text)
    ids = {m.actor_id for m in ex.mentions if m.text in ("CFVC", "Ceasefire Violations Committee")}
    assert len(ids) == 1
    assert len([m for m in ex.mentions if m.text == "CFVC"]) == 2


def test_a_conjunct_takes_its_partners_country(extractor: Extractor, extract: Extract) -> None:
    ex = extract("The Malian government and security forces control the roads.")
    forces = known(extractor)[at(ex, "security forces") or ""]
    assert (forces.country, forces.sector, forces.parents) == ("MLI", "MIL", ["mli"])
    # one state's organs acting together are not two parties cooperating
    assert not [s for s in ex.statements if s.type == "COOPERATE"]


def test_plural_agent_nouns_are_groups_and_things_are_not(
        extractor: Extractor, extract: Extract) -> None:
    ex = extract("Ministers met businessmen in Addis Ababa. Then warplanes struck hospitals.")
    ministers = known(extractor)[at(ex, "Ministers") or ""]
    assert (ministers.sector, ministers.kind, ministers.country) == ("GOV", "composed", None)
    assert known(extractor)[at(ex, "businessmen") or ""].sector == "BUS"
    assert at(ex, "warplanes") is None and at(ex, "hospitals") is None


def test_a_persons_we_is_the_body_the_text_ties_them_to(
        extractor: Extractor, extract: Extract) -> None:
    ex = extract('"We will keep up the pressure on the militants," said Amina Diallo, '
                 'commander of the Sahel Joint Force.')
    we = next(m for m in ex.mentions if m.text == "We")
    assert known(extractor)[we.actor_id].name == "Sahel Joint Force"


def test_a_name_after_a_title_is_a_person_and_offices_inside_names_count(
        extractor: Extractor, extract: Extract) -> None:
    ex = extract("His chief of staff is Colonel Bakary, who met the envoy.")
    bakary = at(ex, "Bakary")
    assert bakary is not None and known(extractor)[bakary].type == "person"
    assert at(ex, "chief of staff") == bakary
    ex = extract("Defense Secretary Ash Carter arrived. The secretary met troops.",
                 doc_id="c.txt")
    assert at(ex, "secretary") == at(ex, "Defense Secretary Ash Carter") is not None


def test_format_characters_do_not_hide_words(extractor: Extractor, extract: Extract) -> None:
    ex = extract("Carter met Prime Minister\u200e Haider al-Abadi in Baghdad. Carter "
                 "thanked the prime minister.")
    assert at(ex, "prime minister") == at(ex, "Haider al-Abadi") is not None


def test_the_body_a_spokesman_speaks_for_is_composed_too(
        extractor: Extractor, extract: Extract) -> None:
    ex = extract("A Chadian army spokesman, Azem Bermandoa, said the rebels had fled.")
    army = known(extractor)[at(ex, "Chadian army") or ""]
    assert (army.country, army.sector, army.parents) == ("TCD", "MIL", ["tcd"])
    assert ("Azem Bermandoa", "MEMBER_OF", None, army.name, "asserted") in \
        triples(extractor, ex)


def test_a_community_that_is_also_a_nationality_is_named_once(
        extractor: Extractor, extract: Extract) -> None:
    ex = extract("Turkish drones hit Kurdish fighters. Syrian Kurdish forces withdrew.")
    fighters = known(extractor)[at(ex, "Kurdish fighters") or ""]
    assert (fighters.country, fighters.sector, fighters.name) == ("KUR", "REB", "Kurdish rebels")
    assert known(extractor)[at(ex, "Turkish drones") or ""].sector == "MIL"  # equipment: MIL
    syrian = known(extractor)[at(ex, "Syrian Kurdish forces") or ""]
    assert syrian.country == "SYR" and "Kurdish" in syrian.name and syrian.parents == []


def test_a_city_the_model_calls_a_person_is_a_place(extract: Extract) -> None:
    ex = extract("The RSF said it had attacked El Obeid.")
    assert not [a for a in ex.actors.values() if a.type == "person"]


def test_a_composed_actor_is_named_by_words_never_by_a_code(
        extractor: Extractor, extract: Extract) -> None:
    """A country with no demonym or nationality word is named by its state's name."""
    ex = extract("Congo's government accused Rwanda of sending troops.")
    actor = known(extractor)[at(ex, "government") or ""]
    assert actor.kind == "composed" and not any(w.isupper() and len(w) == 3
                                                for w in actor.name.split())
