"""Claims: statements that say the same thing about the same actors, aggregated.

One claim per (subject, type, mode, object, polarity). Mutual types (COOPERATE)
are keyed with their two actors in a fixed order. A statement whose text names
the pair and what passes between them but not the direction ("X works with Y
through explosives manufacturing") takes the direction that explicit statements
of the same pair and mode give, anywhere in the store.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from claimgraph.ontology import Ontology


@dataclass
class Claim:
    id: str
    subject: str
    type: str
    mode: str | None
    object: str
    polarity: str
    statements: list[Any] = field(default_factory=list)
    canon: dict[str, str] = field(default_factory=dict)

    def origin_of(self, st: Any) -> str:
        key: str = self.canon.get(st.origin_key, st.origin_key)
        return key

    @property
    def origin_keys(self) -> list[str]:
        return list(dict.fromkeys(self.origin_of(st) for st in self.statements))

    @property
    def documents(self) -> set[str]:
        return {st.document_id for st in self.statements}

    @property
    def hedged(self) -> bool:
        return all(st.hedged for st in self.statements)


def claim_id(subject: str, type_: str, mode: str | None, obj: str, polarity: str) -> str:
    raw = "\x1f".join([subject, type_, mode or "", obj, polarity])
    return "c-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _orient(statements: list[Any]) -> dict[str, tuple[str, str]]:
    """Direction for undirected statements, from the directed ones."""
    directed: dict[tuple[str, str, str, str | None], int] = defaultdict(int)
    for st in statements:
        if st.directed:
            directed[(st.subject_id, st.object_id, st.type, st.mode)] += 1
    out: dict[str, tuple[str, str]] = {}
    for st in statements:
        if st.directed:
            continue
        forward = directed.get((st.subject_id, st.object_id, st.type, st.mode), 0)
        backward = directed.get((st.object_id, st.subject_id, st.type, st.mode), 0)
        if backward > forward:
            out[st.id] = (st.object_id, st.subject_id)
    return out


def canonical_origins(origins: dict[str, Any]) -> dict[str, str]:
    """Map each origin key to a canonical one. Documents described differently in
    different articles are one origin when they are of one kind and agree on a named
    author or recipient, with no named attribute in conflict."""
    docs = [o for o in origins.values() if o.kind == "document"]
    canon = {k: k for k in origins}
    for i, a in enumerate(docs):
        for b in docs[:i]:
            if _same_document(a.attrs or {}, b.attrs or {}):
                canon[a.key] = canon[b.key]
                break
    return canon


def _same_document(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("kind") != b.get("kind"):
        return False
    shared = False
    for field_ in ("author", "recipient"):
        x, y = a.get(field_), b.get(field_)
        if x and y:
            if x != y:
                return False
            shared = True
    return shared


def build_claims(statements: list[Any], ontology: Ontology, canon: dict[str, str] | None = None,
                 rejected: set[str] | None = None) -> list[Claim]:
    flips = _orient(statements)
    claims: dict[tuple[str, str, str | None, str, str], Claim] = {}
    for st in statements:
        subj, obj = flips.get(st.id, (st.subject_id, st.object_id))
        if ontology.is_symmetric(st.type) and obj < subj:
            subj, obj = obj, subj
        key = (subj, st.type, st.mode, obj, st.polarity)
        claim = claims.get(key)
        if claim is None:
            claim = Claim(claim_id(*key), subj, st.type, st.mode, obj, st.polarity,
                          canon=canon or {})
            claims[key] = claim
        claim.statements.append(st)
    out = [c for c in claims.values() if not rejected or c.id not in rejected]
    out.sort(key=lambda c: (-len(c.origin_keys), -len(c.statements), c.id))
    return out
