"""PETRARCH's unit-test records as a test of the coder's mechanism (patterns, synonym
sets, multi-word verbs, passives, negation, clauses), apart from any one dictionary.

As PETRARCH's own unit tests do, the run uses the records' own dictionaries: the verb
lexicon is built from PETR.Validate.verbs.txt by the same build as CAMEO.2.0 (its codes
are mostly WEIS-style; a code the CAMEO->PLOVER table does not map takes a stand-in
type, since only the raw code is scored), and the fictional states and agents
(Arnor, Gondor, ...) come from PETR.Validate.actors.txt and .agents.txt. Our curated
words are left out: they code PLOVER types, not raw codes.

Scored for each expected coding: the raw event code found in the sentence (code
accuracy), and the code with both the source's and the target's actor codes
(source_target). A composed actor ("Arnorian soldiers") is coded by its country and
sector (ARNMIL), as PETRARCH composes a state's code with an agent's. ``root`` scores
compare actors by their first three letters (the country: ARNGOV is read as ARN).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from spacy.language import Language

from claimgraph.build.lexicon import build as build_lexicon
from claimgraph.build.phoenix import read_actors, read_agents, words
from claimgraph.errors import DataFileError
from claimgraph.extract.pipeline import Extractor
from claimgraph.gazetteer import Gazetteer
from claimgraph.lexicon import read_verb_lexicon
from claimgraph.ontology import load_ontology
from claimgraph.records import ActorInfo, Article, Extraction

STAND_IN = "SUPPORT"  # a verbal type that no rule treats as joint, conflict or standing


@dataclass(frozen=True)
class Coding:
    source: str
    target: str
    code: str


@dataclass
class Record:
    id: str
    category: str
    text: str
    expected: list[Coding]
    no_events: bool = False


@dataclass
class PetrResult:
    total: int = 0
    code_hits: int = 0
    full_hits: int = 0
    root_hits: int = 0
    by_category: dict[str, list[int]] = field(default_factory=lambda: defaultdict(
        lambda: [0, 0, 0, 0]))  # expected, code, full, root
    quiet_ok: list[int] = field(default_factory=lambda: [0, 0])  # no-event records right / all
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        n = max(self.total, 1)
        return {"event_code_accuracy": self.code_hits / n,
                "source_target": self.full_hits / n,
                "source_target_root": self.root_hits / n,
                "no_event_records": self.quiet_ok[0] / max(self.quiet_ok[1], 1)}


def read_records(path: Path) -> list[Record]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise DataFileError(f"cannot read the records: {exc}", source=str(path)) from exc
    out: list[Record] = []
    for s in root.iter("Sentence"):
        text_el = s.find("Text")
        text = text_el.text if text_el is not None else None
        if not text or not text.strip():
            continue
        codings = s.findall("EventCoding")
        expected = [Coding(c.get("sourcecode", ""), c.get("targetcode", ""),
                           c.get("eventcode", "")) for c in codings if c.get("eventcode")]
        quiet = any(c.get("noevents") for c in codings)
        out.append(Record(s.get("id", "?"), s.get("category", "?"),
                          " ".join(text.split()), expected, quiet))
    return out


def validation_gazetteer(actors: Path, agents: Path) -> Gazetteer:
    """The fictional actors with their codes as ids (lower case), and the agents."""
    gaz = Gazetteer()
    for rec in read_actors(actors):
        current = rec.current
        if current is None or not current.code or current.code.startswith("-"):
            continue
        aid = current.code.lower()
        names = {words(rec.phrase, acronyms=False), *(words(s, acronyms=False)
                                                       for s in rec.synonyms)}
        names = {n for n in names if n}
        if aid in gaz.actors:
            gaz.actors[aid].aliases |= names
            continue
        kind = "state" if len(current.code) == 3 else "organization"
        name = sorted(names, key=len)[0] if names else aid
        gaz.actors[aid] = ActorInfo(aid, name, kind, aliases=names, source="gazetteer",
                                    country=current.code[:3])
    gaz.agents = read_agents(agents)
    return gaz


def validation_extractor(nlp: Language, folder: Path, mapping: Path) -> Extractor:
    built = build_lexicon(folder / "PETR.Validate.verbs.txt", mapping, stand_in=STAND_IN)
    verbs = read_verb_lexicon(built, "PETR.Validate.verbs.txt")
    gaz = validation_gazetteer(folder / "PETR.Validate.actors.txt",
                               folder / "PETR.Validate.agents.txt")
    onto = replace(load_ontology(), triggers={})  # the records' dictionary alone
    return Extractor(nlp, gaz, onto, verbs=verbs)


def score_records(ex: Extractor, records: list[Record]) -> PetrResult:
    res = PetrResult()
    for rec in records:
        found = ex.extract(Article(id=rec.id, text=rec.text, source=rec.id))
        coded = [(code_of(found, st.subject_id), code_of(found, st.object_id), st.code)
                 for st in found.statements if st.code]
        if rec.no_events:
            res.quiet_ok[1] += 1
            res.quiet_ok[0] += not coded
        for exp in rec.expected:
            cat = res.by_category[rec.category]
            res.total += 1
            cat[0] += 1
            code = any(c == exp.code for _, _, c in coded)
            full = any(c == exp.code and s == exp.source and o == exp.target
                       for s, o, c in coded)
            root = any(c == exp.code and s[:3] == exp.source[:3] and o[:3] == exp.target[:3]
                       for s, o, c in coded)
            res.code_hits += code
            res.full_hits += full
            res.root_hits += root
            cat[1] += code
            cat[2] += full
            cat[3] += root
            if not full and len(res.misses) < 400:
                got = "; ".join(f"{s} {c} {o}" for s, o, c in coded) or "nothing"
                res.misses.append(f"{rec.id}: want {exp.source} {exp.code} {exp.target}, "
                                  f"got {got} :: {rec.text[:90]}")
    return res


def code_of(ex: Extraction, actor_id: str | None) -> str:
    """An actor's CAMEO code: the dictionary's own for its actors, country and sector
    for a composed one ("Arnorian soldiers": ARNMIL), and a state's GOV for an office
    the text anchors to a state ("Ithilen's president": ITHGOV)."""
    if actor_id is None:
        return ""
    actor = ex.actors.get(actor_id)
    if actor is not None and actor.kind == "composed" and actor.country and actor.sector:
        return f"{actor.country}{actor.sector}"
    if actor is not None and actor.type == "person" and actor.source == "text":
        state = next((ex.actors[p] for p in actor.parents if p in ex.actors and
                      ex.actors[p].type == "state"), None)
        if state is not None:
            return f"{state.id.upper()}GOV"
    return actor_id.upper()

