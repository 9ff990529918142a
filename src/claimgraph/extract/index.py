"""The actor index: every known actor and alias, with spaCy phrase matchers.

It starts from the gazetteer, takes in actors already in the store, and grows as
articles introduce new ones, so one name resolves to one actor across documents.

Tokenising tens of thousands of gazetteer aliases up front takes seconds in every
worker process, so a surface is tokenised and put in a matcher only when a text
first contains its longest word (see ``match``). A surface can only match a text
that contains all its words, so the matches are the same as with eager matchers.
"""

from __future__ import annotations

import re
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
        for adjective, country in self.gazetteer.nationalities.items():
            self.nationality.setdefault(adjective.lower(), country)
        self.non_actors = {norm(n) for n in self.gazetteer.non_actors}

    def add(self, actor: ActorInfo) -> None:
        """Register an actor (new, or with new aliases) for matching."""
        known = self.actors.get(actor.id)
        if known is None:
            self.actors[actor.id] = actor
            known = actor
        else:
            known.aliases |= actor.aliases
        for alias in list(actor.aliases):
            self.add_alias(known.id, alias)

    def add_alias(self, actor_id: str, alias: str) -> None:
        key = norm(alias)
        if not key or key in ("the", "a"):
            return
        self.actors[actor_id].aliases.add(alias)
        self.by_alias.setdefault(key, actor_id)
        if self.by_alias[key] != actor_id or len(key) < 2:
            return
        for v in variants(alias):
            if (actor_id, v) in self._surfaces:
                continue
            self._surfaces.add((actor_id, v))
            kind = self._kind(actor_id, v)
            if kind:
                words = _WORD.findall(v.lower())
                key = max(words, key=len) if words else ""
                self._pending.setdefault(key, []).append((actor_id, v, kind))

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
            for actor_id, surface, kind in self._pending.pop(key):
                if actor_id not in self.actors:
                    continue  # merged into another actor since
                matcher = getattr(self, kind)
                matcher.add(actor_id, [self.nlp.make_doc(surface)])

    def match(self, doc: Doc) -> tuple[list[tuple[str, int, int]], ...]:
        """Matches of (actor id, start, end): exact (acronyms), lower-cased, descriptive."""
        self._prepare(doc.text)
        strings = self.nlp.vocab.strings
        return tuple([(strings[m], s, e) for m, s, e in matcher(doc)]
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

    def children(self, actor_id: str) -> list[ActorInfo]:
        return [a for a in self.actors.values() if actor_id in a.parents]
