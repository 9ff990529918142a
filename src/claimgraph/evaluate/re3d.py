"""Evaluate on dstl's re3d format (documents.json, entities.json, relations.json:
mongoexport JSON lines), one folder per subset, or a folder of such folders.

- Relation recall per re3d type, for the types that map to ours (below). A gold
  relation is found when a statement of a mapped type in the same document has its
  subject at the gold source span and its object at the target span (either way round
  for the mutual types, and for our statements that say the same both ways: a symmetric
  type such as COOPERATE, or an undirected pair). An actor is "at" a span when one of
  its mentions overlaps it.
- IsSynonymOf recall: both names resolve to one actor.
- Entity-type accuracy over the gold Person / Organisation / Location / Nationality
  entities that one of our mentions overlaps, and how many of them we mention at all.
- Statements that match no gold relation of any type between the same two spans."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.errors import InputError
from claimgraph.extract.pipeline import Extractor
from claimgraph.ontology import Ontology
from claimgraph.records import Article, Extraction, StatementRec

MAPPING: dict[str, set[str]] = {
    "FightingAgainst": {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE"},
    "AlliesOf": {"COOPERATE", "AID", "SUPPORT", "AGREE"},
    "Likes": {"SUPPORT", "AID", "AGREE", "COOPERATE", "CONSULT"},
    "Dislikes": {"ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST"},
    "CommWith": {"CONSULT", "AGREE", "REQUEST", "SUPPORT", "ACCUSE"},
    "BelongsTo": {"MEMBER_OF", "PART_OF"},
    "InChargeOf": {"LEADER_OF"},
}
MUTUAL = {"FightingAgainst", "AlliesOf", "CommWith"}
TYPE_OK = {"person": {"Person"}, "organization": {"Organisation"}, "media": {"Organisation"},
           "igo": {"Organisation"}, "state": {"Organisation", "Location", "Nationality"}}


def read_lines(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"line {n} is not JSON: {exc.msg}", source=str(path)) \
                        from exc


def subsets(folder: Path) -> list[Path]:
    if (folder / "documents.json").is_file():
        return [folder]
    found = sorted(p.parent for p in folder.glob("*/documents.json"))
    if not found:
        raise InputError("no re3d subset here (documents.json, entities.json, relations.json)",
                         source=str(folder))
    return found


@dataclass
class Result:
    found: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    synonyms: list[int] = field(default_factory=lambda: [0, 0])
    types: list[int] = field(default_factory=lambda: [0, 0, 0])  # right, overlapped, gold
    statements: list[int] = field(default_factory=lambda: [0, 0])  # unmatched, all
    unmatched: list[str] = field(default_factory=list)

    def add(self, other: Result) -> None:
        self.found.update(other.found)
        self.total.update(other.total)
        for mine, theirs in ((self.synonyms, other.synonyms), (self.types, other.types),
                             (self.statements, other.statements)):
            for i, v in enumerate(theirs):
                mine[i] += v
        self.unmatched += other.unmatched

    def figures(self) -> dict[str, float]:
        mapped_total = sum(self.total[t] for t in MAPPING)
        out = {f"recall_{t}": self.found[t] / self.total[t] for t in MAPPING if self.total[t]}
        out["mapped_relation_recall"] = \
            sum(self.found[t] for t in MAPPING) / mapped_total if mapped_total else 0.0
        out["synonym_recall"] = self.synonyms[0] / self.synonyms[1] if self.synonyms[1] else 0.0
        out["entity_type_accuracy"] = self.types[0] / self.types[1] if self.types[1] else 0.0
        out["entity_coverage"] = self.types[1] / self.types[2] if self.types[2] else 0.0
        out["unmatched_statements"] = \
            self.statements[0] / self.statements[1] if self.statements[1] else 0.0
        return out


def _mutual(st: StatementRec, onto: Ontology) -> bool:
    """Our statement says the same both ways: a symmetric type ("A cooperates with B"
    is "B cooperates with A") or a pair whose giver the text does not name."""
    return onto.is_symmetric(st.type) or not st.directed


def _at(ex: Extraction, begin: int, end: int) -> set[str]:
    return {m.actor_id for m in ex.mentions if m.start < end and begin < m.end}


def evaluate_subset(folder: Path, extractor: Extractor) -> Result:
    docs = {d["_id"]: d for d in read_lines(folder / "documents.json")}
    entities: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in read_lines(folder / "entities.json"):
        entities[e["documentId"]].append(e)
    relations: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in read_lines(folder / "relations.json"):
        relations[r["documentId"]].append(r)
    res = Result()
    for doc_id, d in sorted(docs.items()):
        art = Article(id=doc_id, text=d["text"], source=str(folder / "documents.json"),
                      title=d.get("title"), url=d.get("sourceUrl"), outlet=d.get("sourceName"))
        ex = extractor.extract(art)
        _score_document(ex, entities[doc_id], relations[doc_id], res, extractor.ontology)
    return res


def _score_document(ex: Extraction, entities: list[dict[str, Any]],
                    relations: list[dict[str, Any]], res: Result, onto: Ontology) -> None:
    actors = ex.actors
    for e in entities:
        if e["type"] not in ("Person", "Organisation", "Location", "Nationality"):
            continue
        if e["type"] in ("Person", "Organisation"):
            res.types[2] += 1
        ids = _at(ex, e["begin"], e["end"])
        if ids and e["type"] in ("Person", "Organisation"):
            res.types[1] += 1
            res.types[0] += any(e["type"] in TYPE_OK.get(actors[a].type, set()) for a in ids)
    spans: list[tuple[set[str], set[str]]] = []
    for r in relations:
        src = _at(ex, r["sourceBegin"], r["sourceEnd"])
        tgt = _at(ex, r["targetBegin"], r["targetEnd"])
        spans.append((src, tgt))
        if r["type"] == "IsSynonymOf":
            res.synonyms[1] += 1
            res.synonyms[0] += bool(src & tgt)
            continue
        ours = MAPPING.get(r["type"])
        if ours is None:
            continue
        res.total[r["type"]] += 1
        hit = any(st.type in ours and (
            (st.subject_id in src and st.object_id in tgt) or
            ((r["type"] in MUTUAL or _mutual(st, onto)) and
             st.subject_id in tgt and st.object_id in src))
            for st in ex.statements)
        res.found[r["type"]] += hit
    for st in ex.statements:
        if st.object_id is None:
            continue  # re3d's relations are pairs: precision over statements with two actors
        res.statements[1] += 1
        if not any((st.subject_id in a and st.object_id in b) or
                   (st.subject_id in b and st.object_id in a) for a, b in spans):
            res.statements[0] += 1
            if len(res.unmatched) < 30:
                res.unmatched.append(f"{actors[st.subject_id].name} {st.type} "
                                     f"{actors[st.object_id].name} :: {st.quote[:80]}")
