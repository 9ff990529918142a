"""The actor index: every known actor and alias, with spaCy phrase matchers.

It starts from the gazetteer. An article's new actors and aliases last while it is read
(``reading``): afterwards the index is as it was, so what an article gives depends on
the article, the gazetteer and the lexicon alone, never on the articles read before it.
Names that one article ties together ("the Harbor Shield Movement (HSMV)") join other
articles' actors of the same name when claims are aggregated (export/claims.py).

Tokenising tens of thousands of gazetteer aliases up front takes seconds in every
worker process, so a surface is tokenised and put in a matcher only when a text
first contains its longest word (see ``match``). A surface can only match a text
that contains all its words, so the matches are the same as with eager matchers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from claimgraph.gazetteer import Gazetteer, norm, variants
from claimgraph.records import ActorInfo

# words around a publisher's name: "UK Government", "Government of Iraq", "MoD website"
PUBLISHER_WORDS = {"government", "govt", "website", "official", "press", "news", "release",
                   "releases", "gov.uk", "of", "the"}
_WORD = re.compile(r"[^\W_]+")


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", norm(text).replace("'", "")).strip("-")
    return s or "x"


def is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "")
    return 1 < len(letters) <= 6 and letters.isupper()


@dataclass
class ActorIndex:
    nlp: Language
    gazetteer: Gazetteer
    actors: dict[str, ActorInfo] = field(default_factory=dict)
    by_alias: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    nationality: dict[str, str] = field(default_factory=dict)  # adjective -> country code
    non_actors: set[str] = field(default_factory=set)
    _surfaces: set[tuple[str, str]] = field(default_factory=set)
    # longest word of a surface -> surfaces waiting for a text that contains it
    _pending: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)
    # while an article is read: how to undo each change it makes (None: none kept)
    _journal: list[tuple[str, object, object]] | None = None
    _scoped: int = 0  # matcher keys of the surfaces an article added
    _fresh: set[tuple[str, str, str]] = field(default_factory=set)  # surfaces it added

    def __post_init__(self) -> None:
        self.exact = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.descriptive = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for actor in self.gazetteer.actors.values():
            self.add(actor)
            for dem in actor.demonyms:
                self.demonyms[dem] = actor.id
                if actor.country:
                    self.nationality[dem.lower()] = actor.country
            if actor.capital:
                self.capitals[actor.capital] = actor.id
        for city, state in self.gazetteer.seats.items():  # "The Hague", "Pretoria"
            self.capitals.setdefault(city, state)
        for adjective, country in self.gazetteer.nationalities.items():
            self.nationality.setdefault(adjective.lower(), country)
        self.non_actors = {norm(n) for n in self.gazetteer.non_actors}

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Changes made inside last until the block ends (one article's reading)."""
        self._journal = []
        try:
            yield
        finally:
            journal, self._journal = self._journal, None
            for kind, a, b in reversed(journal):
                self._undo(kind, a, b)

    def _note(self, kind: str, a: object, b: object = None) -> None:
        if self._journal is not None:
            self._journal.append((kind, a, b))

    def _undo(self, kind: str, a: object, b: object) -> None:
        if kind == "actor":
            self.actors.pop(str(a), None)
        elif kind == "restore":
            assert isinstance(b, ActorInfo)
            self.actors[str(a)] = b
        elif kind == "alias" and str(a) in self.actors:
            self.actors[str(a)].aliases.discard(str(b))
        elif kind == "by_alias":
            if b is None:
                self.by_alias.pop(str(a), None)
            else:
                self.by_alias[str(a)] = str(b)
        elif kind == "surface":
            self._surfaces.discard(a)
        elif kind == "pending":
            waiting = self._pending.get(str(a), [])
            if b in waiting:
                waiting.remove(b)
            self._fresh.discard(b)
        elif kind == "matcher":
            getattr(self, str(b)).remove(str(a))

    def add(self, actor: ActorInfo) -> None:
        """Register an actor (new, or with new aliases) for matching."""
        known = self.actors.get(actor.id)
        if known is None:
            self.actors[actor.id] = actor
            self._note("actor", actor.id)
            known = actor
        for alias in list(actor.aliases):
            self.add_alias(known.id, alias)

    def add_alias(self, actor_id: str, alias: str) -> None:
        key = norm(alias)
        if not key or key in ("the", "a"):
            return
        if alias not in self.actors[actor_id].aliases:
            self.actors[actor_id].aliases.add(alias)
            self._note("alias", actor_id, alias)
        if key not in self.by_alias:
            self.by_alias[key] = actor_id
            self._note("by_alias", key, None)
        if self.by_alias[key] != actor_id or len(key) < 2:
            return
        for v in variants(alias):
            if (actor_id, v) in self._surfaces:
                continue
            self._surfaces.add((actor_id, v))
            self._note("surface", (actor_id, v))
            kind = self._kind(actor_id, v)
            if kind:
                words = _WORD.findall(v.lower())
                key = max(words, key=len) if words else ""
                item = (actor_id, v, kind)
                self._pending.setdefault(key, []).append(item)
                if self._journal is not None:
                    self._fresh.add(item)
                    self._note("pending", key, item)

    def remove(self, actor_id: str) -> ActorInfo:
        """Take an actor out (merged into another); its names no longer point to it."""
        dropped = self.actors.pop(actor_id)
        self._note("restore", actor_id, dropped)
        for alias in dropped.aliases:
            key = norm(alias)
            if self.by_alias.get(key) == actor_id:
                del self.by_alias[key]
                self._note("by_alias", key, actor_id)
        return dropped

    def _kind(self, actor_id: str, surface: str) -> str:
        """Which matcher a surface belongs in ('' for none)."""
        actor = self.actors[actor_id]
        if is_acronym(surface):
            return "exact"
        if not any(ch.isupper() for ch in surface.replace("the ", "")) and \
                actor.source == "gazetteer":
            return "descriptive"
        if any(ch.isupper() for ch in surface) or actor.type != "person":
            return "lower"
        return ""

    def _prepare(self, text: str) -> None:
        """Put in the matchers every waiting surface whose longest word is in ``text``."""
        keys = {""} | set(_WORD.findall(text.lower()))
        for key in keys & self._pending.keys():
            waiting = self._pending.pop(key)
            for item in waiting:
                actor_id, surface, kind = item
                if actor_id not in self.actors:
                    continue  # merged into another actor since
                matcher = getattr(self, kind)
                if item not in self._fresh:
                    matcher.add(actor_id, [self.nlp.make_doc(surface)])
                    continue
                # a surface the article being read added: its own key, taken out when
                # the article ends
                self._scoped += 1
                scoped = f"{actor_id}\x1f{self._scoped}"
                matcher.add(scoped, [self.nlp.make_doc(surface)])
                self._note("matcher", scoped, kind)

    def match(self, doc: Doc) -> tuple[list[tuple[str, int, int]], ...]:
        """Matches of (actor id, start, end): exact (acronyms), lower-cased, descriptive."""
        self._prepare(doc.text)
        strings = self.nlp.vocab.strings
        return tuple([(strings[m].split("\x1f")[0], s, e) for m, s, e in matcher(doc)]
                     for matcher in (self.exact, self.lower, self.descriptive))

    def lookup(self, name: str) -> str | None:
        return self.by_alias.get(norm(name))

    def publisher(self, outlet: str | None) -> str | None:
        """The known actor that publishes as ``outlet``: "UK Government" -> the UK."""
        if not outlet:
            return None
        found = self.lookup(outlet)
        if found is None:
            words = [w for w in re.findall(r"[\w.’'-]+", outlet)
                     if w.lower() not in PUBLISHER_WORDS]
            if words and len(words) < len(outlet.split()):
                found = self.lookup(" ".join(words))
        return found

    def same_family(self, a: str, b: str) -> bool:
        """An actor and its own parent are not two sides of a relation."""
        return b in self.actors[a].parents or a in self.actors[b].parents

    def siblings(self, a: str, b: str) -> bool:
        """Two parts of one actor (a state's army and its government)."""
        return bool(set(self.actors[a].parents) & set(self.actors[b].parents))

    def children(self, actor_id: str) -> list[ActorInfo]:
        return [a for a in self.actors.values() if actor_id in a.parents]
