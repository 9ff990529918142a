"""The claims and actors exports of contracts/export.md (fields may be added, never renamed)."""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterator
from typing import Any, TextIO

from claimgraph import curation
from claimgraph.aggregate.claims import Aggregator, Claim, Corpus, Evidence
from claimgraph.aggregate.credibility import CREDIBILITY, Reliability
from claimgraph.aggregate.names import same_name
from claimgraph.ontology import load_ontology
from claimgraph.store.db import Store


class _Merged:
    """A stored statement read with a curator's actor merges applied."""

    def __init__(self, row: Any, subject_id: str, object_id: str | None) -> None:
        self._row = row
        self.subject_id = subject_id
        self.object_id = object_id

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, name)


class View:
    """The store as exports and commands read it. Claims are aggregated bucket by
    bucket (see Aggregator.bucket), so iterating them holds one batch of statements
    in memory at a time; ``claims`` gives them all, ranked, for tables."""

    def __init__(self, store: Store, reliability: Reliability | None = None,
                 batch: int = 5000) -> None:
        self.store = store
        self.batch = batch
        ctx = store.context()
        self.actors = ctx["actors"]
        self.origins = ctx["origins"]
        self.documents = ctx["documents"]
        self.mention_counts: dict[str, int] = ctx["mentions"]
        self.parents: dict[str, list[str]] = {}
        for child, parent in ctx["parents"]:
            self.parents.setdefault(child, []).append(parent)
        self.aliases: dict[str, list[str]] = {}
        for actor_id, name in sorted(ctx["aliases"]):
            self.aliases.setdefault(actor_id, []).append(name)
        names: dict[str, set[str]] = {a: {row.name} for a, row in self.actors.items()}
        for actor_id, alias_list in self.aliases.items():
            names.setdefault(actor_id, set()).update(alias_list)
        self.curation = curation.load(store)
        # actors found in text under a name another article's actor has (aggregate/names.py)
        self.same_name = same_name(self.actors, self.aliases)
        corpus = Corpus(self.origins, ctx["parents"], self.documents, ctx["copies"], names)
        self.aggregator = Aggregator(corpus, load_ontology(), reliability)
        self._all: list[Claim] | None = None

    def actor_of(self, actor_id: str) -> str:
        """The actor a stored actor counts as: the same name's, then a curator's merge."""
        return self.curation.actor(self.same_name.get(actor_id, actor_id))

    def buckets(self) -> dict[tuple[str, str], list[tuple[str, str | None, int]]]:
        """The stored (subject, object) pairs by aggregation bucket, merges applied."""
        out: dict[tuple[str, str], list[tuple[str, str | None, int]]] = {}
        act = self.actor_of
        for subj, obj, n in self.store.pair_counts():
            bucket = self.aggregator.bucket(act(subj), act(obj) if obj is not None else None)
            out.setdefault(bucket, []).append((subj, obj, n))
        return out

    def claims_of(self, pairs: list[tuple[str, str | None]]) -> list[Claim]:
        """The claims of whole buckets, given their stored pairs, with curation applied."""
        rows = self.store.statements_for(pairs)
        if self.curation.merged_into or self.same_name:
            act = self.actor_of
            rows = [_Merged(r, act(r.subject_id),
                            act(r.object_id) if r.object_id is not None else None)
                    for r in rows]
        out = self.aggregator.claims(rows)
        for c in out:
            c.status = "rejected" if c.id in self.curation.rejected else \
                "confirmed" if c.id in self.curation.confirmed else None
            c.notes = self.curation.notes.get(c.id, [])
        return out

    def iter_claims(self, include_rejected: bool = False,
                    buckets: dict[tuple[str, str], list[tuple[str, str | None, int]]] | None = None
                    ) -> Iterator[Claim]:
        """Every claim, bucket by bucket (buckets in a fixed order, claims ranked
        within their batch): the same store gives the same sequence. Rejected claims
        are left out unless asked for. ``buckets``: from ``self.buckets()``, if at hand."""
        buckets = buckets if buckets is not None else self.buckets()
        pending: list[tuple[str, str | None]] = []
        size = 0
        for key in sorted(buckets):
            pending += [(a, b) for a, b, _ in buckets[key]]
            size += sum(n for _, _, n in buckets[key])
            if size >= self.batch:
                yield from self._kept(self.claims_of(pending), include_rejected)
                pending, size = [], 0
        if pending:
            yield from self._kept(self.claims_of(pending), include_rejected)

    @staticmethod
    def _kept(claims: list[Claim], include_rejected: bool) -> list[Claim]:
        return claims if include_rejected else [c for c in claims if c.status != "rejected"]

    @property
    def claims(self) -> list[Claim]:
        """All claims but the rejected, most independent origins first."""
        if self._all is None:
            self._all = sorted(self.iter_claims(),
                               key=lambda c: (-len(c.origin_keys), -len(c.counted), c.id))
        return self._all

    @property
    def by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    def actor(self, actor_id: str) -> dict[str, Any]:
        a = self.actors[actor_id]
        aliases = self.aliases.get(actor_id, [])
        return {"id": a.id, "name": a.name, "type": a.type,
                "aliases": sorted(set(aliases) | {a.name}),
                "parents": sorted(self.parents.get(actor_id, [])),
                "country": a.country, "sector": a.sector, "kind": a.kind}

    def claim(self, c: Claim) -> dict[str, Any]:
        sts = [e.st for e in c.evidence]
        times = [st for st in sts if st.time_start or st.time_text]
        time = None
        if times:
            first = min(times, key=lambda st: st.time_start or "9999")
            time = {"start": first.time_start, "end": first.time_end, "text": first.time_text}
        place = next((st.place for st in sts if st.place), None)
        contexts = sorted({ctx for st in sts for ctx in (st.contexts or [])})
        origins = [{"id": k, "label": c.origin_labels[k], "kind": self._kind(k),
                    "reliability": c.origin_reliability[k]} for k in c.origin_keys]
        return {
            "id": c.id,
            "subject": self.actor(c.subject),
            "type": c.type,
            "mode": c.mode,
            "contexts": contexts,
            "object": self.actor(c.object) if c.object is not None else None,
            "polarity": c.polarity,
            "hedged": c.hedged,
            "time": time,
            "location": place,
            "independent_origins": len(origins),
            "origins": origins,
            "mentions": len(c.counted),
            "documents": len(c.documents),
            "circular": c.circular,
            "explanation": c.explanation(),
            "contradicts": c.contradicts,
            "credibility": c.credibility,
            "credibility_label": CREDIBILITY[c.credibility],
            "curation": {"status": c.status, "notes": c.notes},
            "evidence": [self.evidence(c, e) for e in c.evidence],
        }

    def _kind(self, key: str) -> str:
        info = self.origins.get(key)
        return info.kind if info is not None else key.split(":", 1)[0]

    def evidence(self, c: Claim, e: Evidence) -> dict[str, Any]:
        st = e.st
        doc = self.documents.get(st.document_id)
        return {
            "document": st.document_id,
            "quote": st.quote,
            "start": st.start,
            "end": st.end,
            "chain": list(st.chain),
            "origin": c.origin_labels.get(e.origin, e.origin),
            "origin_id": e.origin,
            "stated_origin": self.origins[st.origin_key].label,
            "hedged": st.hedged,
            "subject": self.actors[st.subject_id].name,
            "object": self.actors[st.object_id].name if st.object_id is not None else None,
            "mode": st.mode,
            "trigger": st.trigger,
            "extractor": st.extractor,  # rules, or llm:<model> (docs/llm.md)
            "copy_of": e.copy_of,
            "document_signals": list(doc.signals or []) if doc is not None else [],
            "page": page_of(doc.pages if doc is not None else None, st.start),
        }


def page_of(pages: list[int] | None, offset: int) -> int | None:
    """The 1-based page of a paged document (PDF) on which ``offset`` falls."""
    if not pages:
        return None
    return bisect.bisect_right(pages, offset) or 1


def iter_claims(view: View) -> Iterator[dict[str, Any]]:
    for c in view.iter_claims():
        yield view.claim(c)


def iter_actors(view: View) -> Iterator[dict[str, Any]]:
    in_claims = {a for subj, obj, _ in view.store.pair_counts() for a in (subj, obj) if a}
    for actor_id in sorted(view.actors):
        if actor_id not in view.mention_counts and actor_id not in in_claims:
            continue
        row = view.actor(actor_id)
        row["mentions"] = view.mention_counts.get(actor_id, 0)
        final = view.actor_of(actor_id)
        row["merged_into"] = final if final != actor_id else None
        yield row


def write_jsonl(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")
        n += 1
    return n
