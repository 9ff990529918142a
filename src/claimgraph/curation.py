"""Curation: a curator's judgements about actors and claims, kept as statements of
their own (kind, target, author, time) beside the evidence, which they never change.

- merge A into B: A's statements count as B's (aggregation reads them so);
- split A: undo the merge that put A into another actor;
- reject / confirm a claim; add a note to a claim;
- undo any judgement (an ``undo`` judgement names the one it cancels).
Exports leave rejected claims out and carry the rest."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from claimgraph.errors import ClaimgraphError, NotFound
from claimgraph.store.db import Store

KINDS = ("merge", "reject", "confirm", "note", "undo")


class CurationError(ClaimgraphError):
    code = "E501"


@dataclass
class Curation:
    merged_into: dict[str, str] = field(default_factory=dict)  # actor -> final actor
    rejected: set[str] = field(default_factory=set)
    confirmed: set[str] = field(default_factory=set)
    notes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    merges: dict[str, int] = field(default_factory=dict)  # actor -> its active merge

    def actor(self, actor_id: str) -> str:
        return self.merged_into.get(actor_id, actor_id)


def load(store: Store) -> Curation:
    rows = store.judgements()
    undone = {r.undoes for r in rows if r.kind == "undo" and r.undoes is not None}
    cur = Curation()
    direct: dict[str, str] = {}
    for r in rows:
        if r.id in undone or r.kind == "undo":
            continue
        if r.kind == "merge" and r.other:
            direct[r.target] = r.other
            cur.merges[r.target] = r.id
        elif r.kind == "reject":
            cur.rejected.add(r.target)
            cur.confirmed.discard(r.target)
        elif r.kind == "confirm":
            cur.confirmed.add(r.target)
            cur.rejected.discard(r.target)
        elif r.kind == "note":
            cur.notes.setdefault(r.target, []).append(
                {"id": r.id, "text": r.text, "author": r.author, "at": r.at.isoformat()})
    for a in direct:  # follow chains: A -> B -> C
        seen = {a}
        b = direct[a]
        while b in direct and b not in seen:
            seen.add(b)
            b = direct[b]
        cur.merged_into[a] = b
    return cur


def merge(store: Store, actor: str, into: str, author: str) -> int:
    actors = store.context()["actors"]
    for a in (actor, into):
        if a not in actors:
            raise NotFound("no such actor", source=a)
    cur = load(store)
    if cur.actor(into) == actor or actor == into:
        raise CurationError(f"cannot merge into itself or into an actor merged into it "
                            f"({into})", source=actor)
    return store.add_judgement("merge", actor, author, other=into)


def split(store: Store, actor: str, author: str) -> int:
    cur = load(store)
    if actor not in cur.merges:
        raise CurationError("is not merged into another actor", source=actor)
    return store.add_judgement("undo", actor, author, undoes=cur.merges[actor])


def judge_claim(store: Store, kind: str, claim_id: str, author: str,
                text: str | None = None) -> int:
    if kind not in ("reject", "confirm", "note"):
        raise CurationError(f"unknown judgement {kind!r}", source=claim_id)
    if kind == "note" and not (text or "").strip():
        raise CurationError("a note needs text", source=claim_id)
    return store.add_judgement(kind, claim_id, author, text=text)


def undo(store: Store, judgement_id: int, author: str) -> int:
    rows = {r.id: r for r in store.judgements()}
    row = rows.get(judgement_id)
    if row is None:
        raise NotFound("no such judgement", source=str(judgement_id))
    if row.kind == "undo":
        raise CurationError("an undo cannot be undone; judge again instead",
                            source=str(judgement_id))
    if any(r.undoes == judgement_id for r in rows.values()):
        raise CurationError("is already undone", source=str(judgement_id))
    return store.add_judgement("undo", row.target, author, undoes=judgement_id)
