"""Claims: statements that say the same thing about the same actors, aggregated,
with their independent origins, circular-reporting flag, contradictions and
credibility.

- One claim per (subject, type, mode, object, polarity). Modes split claims only
  for AID (weapons and money are different claims); for other types the mode says
  how (a visit, a phone call) and is reported, not keyed. Mutual types
  (COOPERATE) are keyed with their two actors in a fixed order.
- A statement whose text names the pair and what passes but not who gives
  ("X works with Y through explosives manufacturing") takes the direction that
  explicit statements of the same pair and mode give, anywhere in the store.
- Claims whose actors differ only by level of one hierarchy (Hamas / its military
  wing; Islamic State / its Sinai province) are one claim: sources name the same
  tie at different levels. The claim is headed by the actors most of its evidence
  names; each evidence keeps the actors its text names. Standing ties (MEMBER_OF,
  LEADER_OF, PART_OF) are never merged this way.
- Origins are canonical (aggregate/origins.py). Within a claim, a source that only
  relays a document (it translated or leaked it) adds nothing to the document.
- Near-duplicate articles count once: a copy's statements that its original also
  makes are kept as evidence but marked as copies and counted nowhere.
- A claim in two or more documents with one origin is circular.
- A denied claim contradicts the asserted claims of the same actors (either
  direction, any level of their hierarchies) and type family; both carry the link.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from claimgraph.aggregate.copies import copy_clusters
from claimgraph.aggregate.credibility import Reliability, credibility
from claimgraph.aggregate.origins import Hierarchy, OriginResolver, UnionFind
from claimgraph.gazetteer import norm
from claimgraph.ontology import Ontology

MODE_KEYED = {"AID"}


@dataclass
class Corpus:
    """What aggregation needs besides the statements (small next to them)."""

    origins: dict[str, Any]
    parents: list[tuple[str, str]]
    documents: dict[str, Any]  # id -> row with .outlet and .published
    copies: list[tuple[str, str]]
    actor_names: dict[str, set[str]]  # actor id -> its name and aliases


@dataclass
class Evidence:
    st: Any
    origin: str  # canonical origin key, as counted in its claim
    copy_of: str | None = None  # the document whose statement this repeats

    @property
    def counted(self) -> bool:
        return self.copy_of is None


@dataclass
class Claim:
    id: str
    subject: str
    type: str
    mode: str | None
    object: str | None  # None: the text names no target ("students staged protests")
    polarity: str
    evidence: list[Evidence] = field(default_factory=list)
    origin_labels: dict[str, str] = field(default_factory=dict)
    origin_reliability: dict[str, str] = field(default_factory=dict)
    contradicts: list[str] = field(default_factory=list)
    credibility: int = 6
    documents_of: dict[str, str] = field(default_factory=dict)  # doc -> its original
    status: str | None = None  # a curator's: rejected | confirmed
    notes: list[dict[str, Any]] = field(default_factory=list)

    # Read only once a claim is built (Aggregator._claim sets evidence and origins first).
    @cached_property
    def counted(self) -> list[Evidence]:
        return [e for e in self.evidence if e.counted]

    @cached_property
    def origin_keys(self) -> list[str]:
        return list(dict.fromkeys(e.origin for e in self.counted))

    @cached_property
    def documents(self) -> set[str]:
        """Distinct texts behind the counted evidence (a copy and its original are one)."""
        return {self.documents_of.get(e.st.document_id, e.st.document_id) for e in self.counted}

    @property
    def hedged(self) -> bool:
        return all(e.st.hedged for e in self.counted)

    @property
    def circular(self) -> bool:
        return len(self.documents) >= 2 and len(self.origin_keys) == 1

    def explanation(self) -> str:
        n, d, o = len(self.counted), len(self.documents), len(self.origin_keys)
        text = f"{n} mention{'s' * (n != 1)} in {d} article{'s' * (d != 1)}"
        if self.circular:
            label = self.origin_labels.get(self.origin_keys[0], self.origin_keys[0])
            return f"{text}, all from one origin: {label}"
        return f"{text}, from {o} independent origin{'s' * (o != 1)}"


# the object of an event whose target the text does not name, inside aggregation keys
NO_TARGET = ""


def claim_id(subject: str, type_: str, mode: str | None, obj: str | None, polarity: str) -> str:
    raw = "\x1f".join([subject, type_, mode or "", obj or "", polarity])
    return "c-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


class Aggregator:
    def __init__(self, corpus: Corpus, ontology: Ontology,
                 reliability: Reliability | None = None) -> None:
        self.c = corpus
        self.ontology = ontology
        self.reliability = reliability or Reliability()
        self.hierarchy = Hierarchy(corpus.parents)
        docs = corpus.documents

        def rank(d: str) -> tuple[str, str]:
            row = docs.get(d)
            return ((row.published if row is not None and row.published else "9999"), d)

        self.rank = rank
        self.copy_of = copy_clusters(corpus.copies, rank)
        outlet_actor = {norm(n): a for a, names in corpus.actor_names.items() for n in names}
        document_outlet = {d: f"outlet:{norm(row.outlet or d)}" for d, row in docs.items()}
        self.resolver = OriginResolver(corpus.origins, self.hierarchy, outlet_actor,
                                       document_outlet, self.copy_of)
        self.oriented: dict[str, tuple[str, str]] = {}

    def bucket(self, subject: str, obj: str | None) -> tuple[str, str]:
        """Claims never merge or contradict across buckets (the unordered pair of the
        roots of their actors), so statements can be aggregated bucket by bucket. An
        event with no target is in its subject's bucket with ``NO_TARGET``."""
        a, b = self.hierarchy.root(subject), self.hierarchy.root(obj or NO_TARGET)
        return (a, b) if a <= b else (b, a)

    # ------------------------------------------------------------ grouping
    def claims(self, statements: list[Any]) -> list[Claim]:
        """The claims of ``statements``, which must hold whole buckets."""
        self.oriented = {}
        groups = self._merge(self._base_groups(statements))
        out = [self._claim(sts) for sts in groups]
        self._link_contradictions(out)
        by_id = {c.id: c for c in out}
        for c in out:
            self._grade(c, by_id)
        out.sort(key=lambda c: (-len(c.origin_keys), -len(c.counted), c.id))
        return out

    def _key(self, st: Any, flips: dict[str, tuple[str, str]]) -> tuple[str, str, str | None,
                                                                        str, str]:
        subj, obj = flips.get(st.id, (st.subject_id, st.object_id or NO_TARGET))
        if self.ontology.is_symmetric(st.type) and obj and obj < subj:
            subj, obj = obj, subj
        mode = st.mode if st.type in MODE_KEYED else None
        return (subj, st.type, mode, obj, st.polarity)

    def _base_groups(self, statements: list[Any]
                     ) -> dict[tuple[str, str, str | None, str, str], list[Any]]:
        flips = _orient(statements)
        groups: dict[tuple[str, str, str | None, str, str], list[Any]] = defaultdict(list)
        for st in statements:
            groups[self._key(st, flips)].append(st)
        for key, sts in groups.items():
            for st in sts:  # the actors of each statement, oriented as its group
                self.oriented[st.id] = (key[0], key[3])
        return groups

    def _merge(self, groups: dict[tuple[str, str, str | None, str, str], list[Any]]
               ) -> list[list[Any]]:
        """Union the groups whose actors differ only by hierarchy level."""
        uf = UnionFind()
        names = {key: "\x1f".join(str(p) for p in key) for key in groups}
        buckets: dict[tuple[Any, ...], list[tuple[str, str, str | None, str, str]]] = \
            defaultdict(list)
        root = self.hierarchy.root
        for key in groups:
            uf.find(names[key])
            subj, type_, mode, obj, pol = key
            if self.ontology.is_standing(type_):
                continue
            pair = tuple(sorted((root(subj), root(obj)))) if \
                self.ontology.is_symmetric(type_) else (root(subj), root(obj))
            buckets[(type_, mode, pol, pair)].append(key)
        rel = self.hierarchy.related
        symmetric = self.ontology.is_symmetric
        for keys in buckets.values():
            for i, a in enumerate(keys):
                for b in keys[:i]:
                    same = rel(a[0], b[0]) and rel(a[3], b[3])
                    if not same and symmetric(a[1]):
                        same = rel(a[0], b[3]) and rel(a[3], b[0])
                    if same and a[0] != a[3] and b[0] != b[3]:
                        uf.union(names[a], names[b])
        merged: dict[str, list[Any]] = defaultdict(list)
        for key, sts in groups.items():
            merged[uf.find(names[key])].extend(sts)
        return list(merged.values())

    # ------------------------------------------------------------- a claim
    def _claim(self, sts: list[Any]) -> Claim:
        sts = sorted(sts, key=lambda st: (st.document_id, st.start, st.id))
        type_, polarity = sts[0].type, sts[0].polarity
        copied = self._copies(sts)
        subj, obj = self._headline([st for st in sts if st.id not in copied], type_)
        if type_ in MODE_KEYED:
            mode = sts[0].mode
        else:
            modes = Counter(st.mode for st in sts if st.mode)
            mode = min(modes, key=lambda m: (-modes[m], m)) if modes else None
        claim = Claim(claim_id(subj, type_, mode if type_ in MODE_KEYED else None, obj, polarity),
                      subj, type_, mode, obj or None, polarity, documents_of=self.copy_of)
        for st in sts:
            claim.evidence.append(Evidence(st, self.resolver.canonical(st.origin_key,
                                                                      st.document_id),
                                           copied.get(st.id)))
        self._fold_relays(claim)
        raw: dict[str, set[str]] = defaultdict(set)  # stored origins behind each counted one
        for e in claim.counted:
            raw[e.origin].add(e.st.origin_key)
        for key in claim.origin_keys:
            claim.origin_labels[key] = self.resolver.label(key, sorted(raw[key]))
            claim.origin_reliability[key] = self._reliability(key, raw[key])
        return claim

    def _headline(self, sts: list[Any], type_: str) -> tuple[str, str]:
        """The subject and object most of the evidence names (ties: the more specific)."""
        subjects: Counter[str] = Counter()
        objects: Counter[str] = Counter()
        for st in sts:
            s, o = self.oriented[st.id]
            subjects[s] += 1
            objects[o] += 1
        depth = self.hierarchy.depth

        def best(c: Counter[str]) -> str:
            return min(c, key=lambda a: (-c[a], -depth(a), a))

        subj, obj = best(subjects), best(objects)
        if subj == obj:  # a merged mutual claim: keep a pair the evidence actually names
            s, o = self.oriented[sts[0].id]
            subj, obj = s, o
        if self.ontology.is_symmetric(type_) and obj and obj < subj:
            subj, obj = obj, subj
        return subj, obj

    def _fold_relays(self, claim: Claim) -> None:
        """A source that translated, leaked or published a document of this claim
        relays it: its evidence rests on the document."""
        relays = {k: via for k in dict.fromkeys(e.origin for e in claim.evidence)
                  if (via := self.resolver.via_of(k))}
        if not relays:
            return
        for ev in claim.evidence:
            if not ev.origin.startswith("actor:") or ev.origin in relays:
                continue
            names = {norm(n) for n in self.c.actor_names.get(ev.origin[6:], set())}
            for key, via in relays.items():
                if via & names:
                    ev.origin = key
                    break

    def _copies(self, sts: list[Any]) -> dict[str, str]:
        """Within a cluster of near-duplicates, only the earliest document's statements
        count; the others repeat it. Returns statement id -> the document repeated."""
        first: dict[str, str] = {}
        for st in sts:
            doc = st.document_id
            cluster = self.copy_of.get(doc, doc)
            if cluster not in first or self.rank(doc) < self.rank(first[cluster]):
                first[cluster] = doc
        out: dict[str, str] = {}
        for st in sts:
            head = first[self.copy_of.get(st.document_id, st.document_id)]
            if st.document_id != head:
                out[st.id] = head
        return out

    def _reliability(self, key: str, members: Iterable[str]) -> str:
        if not self.reliability.grades:
            return "F"
        names: list[str] = []
        if key.startswith("actor:"):
            names.extend(sorted(self.c.actor_names.get(key[6:], set())))
        for m in members:
            info = self.resolver.origins.get(m)
            if info is None:
                continue
            names.append(info.label)
            if info.kind == "outlet":
                names.append(str(info.attrs.get("outlet", "")))
            if info.kind == "document" and info.attrs.get("author"):
                names.extend(sorted(self.c.actor_names.get(info.attrs["author"], set())))
        return self.reliability.of(*names)

    # ------------------------------------------------------ across claims
    def _link_contradictions(self, claims: list[Claim]) -> None:
        root = self.hierarchy.root
        rel = self.hierarchy.related
        by_pair: dict[tuple[str, frozenset[str]], list[Claim]] = defaultdict(list)
        for c in claims:
            if self.ontology.is_standing(c.type):
                continue
            family = self.ontology.family(c.type)
            by_pair[(family, frozenset((root(c.subject), root(c.object or NO_TARGET))))].append(c)
        for group in by_pair.values():
            denied = [c for c in group if c.polarity == "denied"]
            asserted = [c for c in group if c.polarity == "asserted"]
            for d in denied:
                for a in asserted:
                    ao, do = a.object or NO_TARGET, d.object or NO_TARGET
                    if not ((rel(a.subject, d.subject) and rel(ao, do)) or
                            (rel(a.subject, do) and rel(ao, d.subject))):
                        continue
                    if d.type == a.type and d.type in MODE_KEYED and d.mode and a.mode and \
                            d.mode != a.mode:
                        continue
                    d.contradicts.append(a.id)
                    a.contradicts.append(d.id)
        for c in claims:
            c.contradicts = sorted(set(c.contradicts))

    def _grade(self, claim: Claim, by_id: dict[str, Claim]) -> None:
        contra: set[str] = set()
        for cid in claim.contradicts:
            contra.update(by_id[cid].origin_keys)
        unreliable = sum(1 for k in claim.origin_keys if claim.origin_reliability.get(k) == "E")
        claim.credibility = credibility(len(claim.origin_keys), unreliable, claim.hedged,
                                        bool(claim.contradicts), len(contra))


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
