"""The event coder on sentences written here, across conflicts: every PLOVER type, the
dictionary's patterns and particle verbs, complement chains, events without a target,
and words matched as tokens (never substrings)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimgraph.config import Settings
from claimgraph.engine.local import make_extractor
from claimgraph.extract.pipeline import Extractor
from claimgraph.extract.words import Phrases
from claimgraph.records import Article, Extraction

from .conftest import name

Extract = Callable[..., Extraction]

# (sentence, subject, type, object): one or more for each PLOVER event type
EVERY_TYPE = [
    ("Colombia and the ELN agreed to a ceasefire.", "Colombia", "AGREE",
     "National Liberation Army (Colombia)"),
    ("Ethiopia promised aid to Somalia.", "Ethiopia", "AGREE", "Somalia"),
    ("Kenya's foreign minister visited Somalia.", "Kenya", "CONSULT", "Somalia"),
    ("Morocco praised Mauritania.", "Morocco", "SUPPORT", "Mauritania"),
    ("Ghana endorsed Nigeria.", "Ghana", "SUPPORT", "Nigeria"),
    ("The Taliban freed two Pakistani soldiers.", "Taliban", "CONCEDE", "Pakistani military"),
    ("Chad cooperated with Niger.", "Chad", "COOPERATE", "Niger"),
    ("Turkey sent Syria 40 tonnes of food aid.", "Turkey", "AID", "Syria"),
    ("Russia withdrew its troops from Georgia.", "Russia", "RETREAT", "Georgia"),
    ("Mali urged Algeria to close the border.", "Mali", "REQUEST", "Algeria"),
    ("Venezuela accused Colombia of harbouring rebels.", "Venezuela", "ACCUSE", "Colombia"),
    ("Hamas turned down Egypt's offer.", "Hamas", "REJECT", "Egypt"),
    ("North Korea threatened South Korea.", "North Korea", "THREATEN", "South Korea"),
    ("Armenian protesters demonstrated against Azerbaijan.", "Armenian opposition",
     "PROTEST", "Azerbaijan"),
    ("The EU imposed sanctions on Belarus.", "European Union", "SANCTION", "Belarus"),
    ("Egypt recalled its ambassador from Qatar.", "Egypt", "SANCTION", "Qatar"),
    ("Uganda deployed troops to Somalia.", "Uganda", "MOBILIZE", None),
    ("Israel detained Palestinian activists.", "Israel", "COERCE", "Palestinian opposition"),
    ("India shot down a Pakistani drone.", "India", "ASSAULT", "Pakistan"),
]


def ties(extractor: Extractor, ex: Extraction) -> set[tuple[str | None, str, str | None]]:
    return {(name(extractor, s.subject_id), s.type, name(extractor, s.object_id))
            for s in ex.statements}


@pytest.mark.parametrize(("text", "subject", "kind", "target"), EVERY_TYPE)
def test_every_plover_type(extractor: Extractor, extract: Extract, text: str, subject: str,
                           kind: str, target: str | None) -> None:
    assert (subject, kind, target) in ties(extractor, extract(text))


def test_all_sixteen_types_are_covered() -> None:
    from claimgraph.ontology import load_ontology

    events = {t for t, spec in load_ontology().event_types.items() if not spec.get("standing")}
    assert events == {k for _, _, k, _ in EVERY_TYPE}


def test_the_dictionary_codes_what_the_curated_words_lack(extractor: Extractor,
                                                         extract: Extract) -> None:
    ex = extract("Egypt recalled its ambassador from Qatar.")
    (st,) = [s for s in ex.statements if s.type == "SANCTION"]
    assert st.code == "161" and st.mode == "withdraw"  # the pattern "* AMBASSADOR" [161]
    ex = extract("Armenian protesters demonstrated against Azerbaijan.")
    assert {s.code for s in ex.statements} == {"141"}
    # a verb the dictionary codes by its block alone takes its target only as its object
    assert not [s for s in extract("Cairo watched them take coffee breaks at Hamas "
                                   "positions.").statements if s.object_id == "hamas"]


def test_complement_chains_are_data(extractor: Extractor, extract: Extract) -> None:
    got = ties(extractor, extract("Russia threatened to expel Britain's diplomats."))
    assert got == {("Russia", "THREATEN", "United Kingdom")}  # the expulsion is no deed
    got = extract("Ethiopia refused to meet Egypt.").statements
    assert {(s.type, s.polarity) for s in got} == {("REJECT", "asserted"),
                                                    ("CONSULT", "denied")}
    (attack,) = [s for s in extract("Al-Shabaab vowed to attack Kenya.").statements
                 if s.type == "ASSAULT"]
    assert attack.hedged  # an intention, not a deed
    assert not ties(extractor, extract("Egypt said it did not want a war with Israel."))


def test_events_without_a_target(extractor: Extractor, extract: Extract) -> None:
    got = ties(extractor, extract("Iranian students staged protests."))
    assert got == {("Iranian students", "PROTEST", None)}
    got = ties(extractor, extract("The Houthis rejected the plan."))
    assert got == {("Houthis", "REJECT", None)}
    # giving needs a receiver; words are no act; a mutual act needs its other side
    assert not extract("Iran sent 10,000 soldiers to the border region.").statements
    assert not extract("The Pentagon will release the results of the strike.").statements
    assert not [s for s in extract("Hamas maintains close relations.").statements
                if s.type == "COOPERATE"]


def test_words_match_tokens_never_substrings(extractor: Extractor, extract: Extract) -> None:
    media = Phrases(["media", "safe house"])
    doc = extractor.nlp("Norway offered mediation. They used a safe house and the media.")
    assert [t.text for t in doc if media.at(t)] == ["house", "media"]
    got = extract("Qatar funded Kenya's mediation effort.").statements
    assert got and all(s.mode != "media" for s in got)


def test_statements_do_not_depend_on_what_was_read_before() -> None:
    first = "Al-Shabaab attacked the Kenyan base. The group was led by Ahmed Diriye."
    other = ("Fighters of the Ras Kamboni Brigade, known as Ras Kamboni, ambushed "
             "Al-Shabaab. Ras Kamboni later seized the port.")
    alone = make_extractor(Settings())
    after = make_extractor(Settings())
    after.extract(Article(id="b", text=other, source="b"))
    for text in (first, other):
        a = alone.extract(Article(id="x", text=text, source="x")).statements
        b = after.extract(Article(id="x", text=text, source="x")).statements
        assert a == b


def test_phrasings_from_the_lexicon(extractor: Extractor, extract: Extract) -> None:
    got = ties(extractor, extract("The Northern Brigade, under the command of Jane Roe, "
                                  "attacked the town."))
    assert ("Jane Roe", "LEADER_OF", "Northern Brigade") in got
    got = ties(extractor, extract("Villagers were killed at the hands of Boko Haram."))
    assert ("Boko Haram", "ASSAULT", "villagers") in got
    got = ties(extractor, extract("Chad, as part of the African Union, sent troops."))
    assert ("Chad", "MEMBER_OF", "African Union") in got


def test_names_one_article_ties_join_at_aggregation(tmp_path: Path,
                                                    new_db: Callable[[str], str]) -> None:
    """Each article is read alone; an acronym one article explains joins the other
    article's actor of that name when claims are aggregated, in any order or split."""
    import json

    from typer.testing import CliRunner

    from claimgraph.cli import app

    texts = {"a.txt": "The HSMV attacked Kenya on Monday.",
             "b.txt": "The Harbor Shield Movement (HSMV) attacked Somalia."}
    exports = []
    for order in (["a.txt", "b.txt"], ["b.txt", "a.txt"]):
        db = new_db("names")
        for n in order:  # one ingest a file: the split of the corpus differs
            (tmp_path / n).write_text(texts[n], encoding="utf-8")
            res = CliRunner().invoke(app, ["ingest", str(tmp_path / n), "--db", db])
            assert res.exit_code == 0, res.output
        res = CliRunner().invoke(app, ["export", "claims", "--db", db, "-o", "-"])
        claims = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
        exports.append(sorted((c["subject"]["name"], c["type"], c["object"]["name"])
                              for c in claims))
    assert exports[0] == exports[1]
    assert ("Harbor Shield Movement", "ASSAULT", "Kenya") in exports[0]


def test_people_handed_over_and_acts_that_stand_alone(extractor: Extractor,
                                                      extract: Extract) -> None:
    got = ties(extractor, extract("Azerbaijan returned 12 prisoners to Armenia."))
    assert ("Azerbaijan", "RETREAT", "Armenia") in got  # the prisoners are what is returned
    got = ties(extractor, extract("Chilean students marched in Santiago."))
    assert got == {("Chilean students", "PROTEST", None)}  # a protest needs no target
    # a verb coded by its block alone makes no targetless event of another kind
    assert not extract("Cairo thought they were working.").statements
