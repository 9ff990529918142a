"""The offline place list (claimgraph/places.py) and the places that fill a claim's
location (extract/pipeline.py)."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.gazetteer import load_gazetteer
from claimgraph.places import countries, world_place
from claimgraph.records import Extraction

Extract = Callable[..., Extraction]


def test_spellings_of_a_city_are_one_place_and_foreign_words_are_not() -> None:
    raqqa = world_place("Raqqa")
    assert raqqa is not None and raqqa.country == "SYR"
    assert world_place("Ar Raqqah") == raqqa == world_place("raqqah")
    assert world_place("Kandahar") == world_place("Kandahār")  # diacritics folded
    assert world_place("Hamas") is None  # a Lithuanian name of Hamm is not kept
    assert world_place("AUH") is None  # codes are not names


def test_every_country_has_its_iso3_and_the_gazetteer_fills_countries() -> None:
    table = countries()
    assert table["SD"].iso3 == "SDN" and table["SD"].capital == "Khartoum"
    idlib = load_gazetteer().place("Idlib")
    assert idlib is not None and idlib.country == "SYR"  # curated place, list's country
    assert load_gazetteer().place("Idlib", world=False) is not None


def test_places_in_the_sentence_fill_the_location_and_targets_do_not(
        extract: Extract) -> None:
    ex = extract("RSF fighters attacked El Fasher.")
    (st,) = [s for s in ex.statements if s.type == "ASSAULT"]
    assert st.place is not None and st.place.name == "El Fasher" and st.place.lon
    ex = extract("Hamas fired rockets at Israel from Gaza.", doc_id="g.txt")
    (st,) = [s for s in ex.statements if s.type == "ASSAULT"]
    assert st.place is not None and st.place.name == "Gaza"  # not the target Israel
