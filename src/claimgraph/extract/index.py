"""The actor index: every known actor and alias, with spaCy matchers built once per run.

It starts from the gazetteer, takes in actors already in the store, and grows as
articles introduce new ones, so one name resolves to one actor across documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher

from claimgraph.gazetteer import Gazetteer, norm, variants
from claimgraph.records import ActorInfo


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
            doc = self.nlp.make_doc(v)
            if is_acronym(v):
                self.exact.add(actor_id, [doc])
            elif not any(ch.isupper() for ch in v.replace("the ", "")) and \
                    self.actors[actor_id].source == "gazetteer":
                self.descriptive.add(actor_id, [doc])
            elif any(ch.isupper() for ch in v) or self.actors[actor_id].type != "person":
                self.lower.add(actor_id, [doc])

    def lookup(self, name: str) -> str | None:
        return self.by_alias.get(norm(name))

    def children(self, actor_id: str) -> list[ActorInfo]:
        return [a for a in self.actors.values() if actor_id in a.parents]
