"""Origins as entities: which evidence rests on the same source, across documents.

Each statement stores the origin its own article gives it (an actor, an anonymous
group as reported by someone, an unattributed report, the outlet's own reporting,
or a document that speaks). Here those are mapped to canonical origins:

- an actor speaks for its whole organisation: a sub-unit and its parent are one
  voice (Hamas and its political wing; the IDF and Israel);
- an outlet's own reporting, its unattributed reports ("reportedly") and the
  unnamed sources it cites ("sources in Gaza said") are one origin, the outlet:
  a reader cannot tell its unnamed sources apart from each other or from it.
  An outlet whose name is a known actor is that actor, so a blog citing the
  Times of Israel and the Times of Israel's own article meet in one origin;
- a document that speaks (a letter, a memo) is one origin across all articles
  that describe it, however they word it: descriptions match on kind, author,
  recipient, date, channel and the intermediaries that translated or leaked it
  (no named attribute may conflict); a document with a named author is one
  origin with its author (the SPI and "a report by the SPI");
- a near-duplicate copy of an article (syndication) has its original's origins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from claimgraph.gazetteer import norm

DATE_SLACK_DAYS = 3


class UnionFind:
    def __init__(self) -> None:
        self.up: dict[str, str] = {}

    def find(self, x: str) -> str:
        root = x
        while self.up.get(root, root) != root:
            root = self.up[root]
        while self.up.get(x, x) != root:  # path compression
            self.up[x], x = root, self.up[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the smaller key stands for the set, whatever the order of arrival
            lo, hi = sorted((ra, rb))
            self.up[hi] = lo


@dataclass(frozen=True)
class OriginInfo:
    key: str
    kind: str
    label: str
    attrs: dict[str, Any]


class OriginResolver:
    """Canonical origin keys for the origins of a store."""

    def __init__(self, origins: dict[str, Any], hierarchy: Hierarchy,
                 outlet_actor: dict[str, str], document_outlet: dict[str, str],
                 copy_of: dict[str, str]) -> None:
        """``outlet_actor``: normalised outlet name -> actor id; ``document_outlet``:
        document id -> its outlet origin key; ``copy_of``: document -> its original."""
        self.origins = {k: OriginInfo(o.key, o.kind, o.label, dict(o.attrs or {}))
                        for k, o in origins.items()}
        self.hierarchy = hierarchy
        self.outlet_actor = outlet_actor
        self.document_outlet = document_outlet
        self.copy_of = copy_of
        self.documents = _match_documents(
            [o for o in self.origins.values() if o.kind == "document"])
        for info in self.origins.values():  # a document speaks for its author
            author = info.attrs.get("author") if info.kind == "document" else None
            if author:
                self.documents.union(info.key, "actor:" + hierarchy.root(author))
        self._via: dict[str, set[str]] = {}
        described: dict[str, list[OriginInfo]] = {}
        for info in self.origins.values():
            if info.kind == "document":
                canon = self.documents.find(info.key)
                self._via.setdefault(canon, set()).update(
                    norm(v) for v in info.attrs.get("via") or [])
                described.setdefault(canon, []).append(info)
        # the fullest description of each document, whichever article gives it
        self._doc_label = {k: max(v, key=lambda i: (_richness(i.attrs), len(i.label), i.key)).label
                           for k, v in described.items()}

    def canonical(self, key: str, document_id: str) -> str:
        """The canonical origin of evidence with origin ``key`` in ``document_id``."""
        info = self.origins.get(key)
        if info is None:
            return key
        if info.kind == "actor":
            return self.documents.find(
                "actor:" + self.hierarchy.root(info.attrs.get("actor") or key[6:]))
        if info.kind == "document":
            return self.documents.find(key)
        if info.kind == "outlet":
            return self._outlet(document_id)
        if info.kind in ("unattributed", "anonymous"):
            reporter = info.attrs.get("reporter_origin")
            if reporter and reporter in self.origins and \
                    self.origins[reporter].kind not in ("unattributed", "anonymous"):
                return self.canonical(reporter, document_id)
            return self._outlet(document_id)
        return key

    def _outlet(self, document_id: str) -> str:
        original = self.copy_of.get(document_id, document_id)
        key = self.document_outlet.get(original, f"outlet:{norm(original)}")
        info = self.origins.get(key)
        name = info.attrs.get("outlet", "") if info else ""
        actor = self.outlet_actor.get(norm(name)) if name else None
        return self.documents.find("actor:" + self.hierarchy.root(actor)) if actor else key

    def via_of(self, canonical_key: str) -> set[str]:
        """Normalised names of who translated, leaked or reported the documents of a
        canonical origin (none if it has none)."""
        return self._via.get(canonical_key, set())

    def label(self, canonical_key: str, members: Iterable[str]) -> str:
        """A label for a canonical origin: a document's fullest description, or the
        labels of the stored origins that fold into it here."""
        if canonical_key in self._doc_label:
            return self._doc_label[canonical_key]
        infos = [self.origins[k] for k in dict.fromkeys(members) if k in self.origins]
        if not infos:
            return canonical_key
        order = {"actor": 0, "outlet": 1, "anonymous": 2, "unattributed": 3}
        labels = [i.label for i in sorted(infos, key=lambda i: (order.get(i.kind, 9), i.key))]
        return "; ".join(dict.fromkeys(labels))


class Hierarchy:
    """Parent links between actors (Al-Qassam Brigades -> Hamas)."""

    def __init__(self, parents: Iterable[tuple[str, str]]) -> None:
        self.parents: dict[str, list[str]] = {}
        for child, parent in parents:
            self.parents.setdefault(child, []).append(parent)
        for ps in self.parents.values():
            ps.sort()
        self._ancestors: dict[str, tuple[str, ...]] = {}

    def ancestors(self, actor: str) -> tuple[str, ...]:
        """The actor's ancestors, nearest first (the first parent's line)."""
        cached = self._ancestors.get(actor)
        if cached is not None:
            return cached
        out: list[str] = []
        seen = {actor}
        cur = actor
        while self.parents.get(cur):
            cur = self.parents[cur][0]
            if cur in seen:
                break
            seen.add(cur)
            out.append(cur)
        self._ancestors[actor] = tuple(out)
        return self._ancestors[actor]

    def root(self, actor: str) -> str:
        line = self.ancestors(actor)
        return line[-1] if line else actor

    def related(self, a: str, b: str) -> bool:
        return a == b or a in self.ancestors(b) or b in self.ancestors(a)

    def depth(self, actor: str) -> int:
        return len(self.ancestors(actor))


def _richness(attrs: dict[str, Any]) -> tuple[int, int]:
    """How much a description names: who wrote it and to whom first, then the rest."""
    return (sum(1 for f in ("author", "recipient") if attrs.get(f)),
            sum(1 for f in ("date", "channel", "via") if attrs.get(f)))


def _match_documents(docs: list[OriginInfo]) -> UnionFind:
    uf = UnionFind()
    for i, a in enumerate(docs):
        uf.find(a.key)
        for b in docs[:i]:
            if same_document(a.attrs, b.attrs):
                uf.union(a.key, b.key)
    return uf


def same_document(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two descriptions of a document are one document when they are of one kind,
    no named attribute conflicts, and they agree on an author or recipient, or on
    two of date, channel and intermediary."""
    if a.get("kind") != b.get("kind"):
        return False
    strong = 0
    for field_ in ("author", "recipient"):
        x, y = a.get(field_), b.get(field_)
        if x and y:
            if x != y:
                return False
            strong += 1
    weak = 0
    da, db = a.get("date"), b.get("date")
    if da and db:
        if not _dates_close(da, db):
            return False
        weak += 1
    ca, cb = a.get("channel"), b.get("channel")
    if ca and cb and (norm(ca) in norm(cb) or norm(cb) in norm(ca)):
        weak += 1
    if {norm(v) for v in a.get("via") or []} & {norm(v) for v in b.get("via") or []}:
        weak += 1
    return strong >= 1 or weak >= 2


def _dates_close(a: str, b: str) -> bool:
    from datetime import date

    try:
        da, db = date.fromisoformat(a[:10]), date.fromisoformat(b[:10])
    except ValueError:
        return a[:7] == b[:7]
    return abs((da - db).days) <= DATE_SLACK_DAYS
