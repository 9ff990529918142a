"""The claims and actors exports of contracts/export.md (fields may be added, never renamed)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from claimgraph.aggregate.claims import Claim, build_claims, canonical_origins
from claimgraph.ontology import load_ontology
from claimgraph.store.db import Store


class View:
    """A read-only snapshot of the store with the lookups exports need."""

    def __init__(self, store: Store) -> None:
        snap = store.snapshot()
        self.actors = snap["actors"]
        self.origins = snap["origins"]
        self.documents = snap["documents"]
        self.statements = snap["statements"]
        self.mention_counts: dict[str, int] = snap["mentions"]
        self.parents: dict[str, list[str]] = {}
        for child, parent in snap["parents"]:
            self.parents.setdefault(child, []).append(parent)
        self.aliases: dict[str, list[str]] = {}
        for actor_id, name in sorted(snap["aliases"]):
            self.aliases.setdefault(actor_id, []).append(name)
        self.canon = canonical_origins(self.origins)
        self.claims: list[Claim] = build_claims(self.statements, load_ontology(), self.canon)

    def actor(self, actor_id: str) -> dict[str, Any]:
        a = self.actors[actor_id]
        aliases = self.aliases.get(actor_id, [])
        return {"id": a.id, "name": a.name, "type": a.type,
                "aliases": sorted(set(aliases) | {a.name}),
                "parents": sorted(self.parents.get(actor_id, [])),
                "country": a.country, "sector": a.sector}

    def claim(self, c: Claim) -> dict[str, Any]:
        times = [st for st in c.statements if st.time_start or st.time_text]
        time = None
        if times:
            first = min(times, key=lambda st: st.time_start or "9999")
            time = {"start": first.time_start, "end": first.time_end, "text": first.time_text}
        place = next((st.place for st in c.statements if st.place), None)
        contexts = sorted({ctx for st in c.statements for ctx in (st.contexts or [])})
        origins = [{"id": k, "label": self.origins[k].label, "kind": self.origins[k].kind}
                   for k in c.origin_keys]
        docs = c.documents
        return {
            "id": c.id,
            "subject": self.actor(c.subject),
            "type": c.type,
            "mode": c.mode,
            "contexts": contexts,
            "object": self.actor(c.object),
            "polarity": c.polarity,
            "hedged": c.hedged,
            "time": time,
            "location": place,
            "independent_origins": len(origins),
            "origins": origins,
            "mentions": len(c.statements),
            "documents": len(docs),
            "evidence": [self.evidence(st, c.origin_of(st)) for st in c.statements],
        }

    def evidence(self, st: Any, origin_key: str) -> dict[str, Any]:
        return {
            "document": st.document_id,
            "quote": st.quote,
            "start": st.start,
            "end": st.end,
            "chain": list(st.chain),
            "origin": self.origins[origin_key].label,
            "origin_id": origin_key,
            "hedged": st.hedged,
            "trigger": st.trigger,
        }


def iter_claims(view: View) -> Iterator[dict[str, Any]]:
    for c in view.claims:
        yield view.claim(c)


def iter_actors(view: View) -> Iterator[dict[str, Any]]:
    for actor_id in sorted(view.actors):
        if actor_id not in view.mention_counts and not any(
                c.subject == actor_id or c.object == actor_id for c in view.claims):
            continue
        row = view.actor(actor_id)
        row["mentions"] = view.mention_counts.get(actor_id, 0)
        yield row


def write_jsonl(rows: Iterator[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=False) + "\n")
        n += 1
    return n
