"""The actor layer of one document: each mention of an actor, by token, and the part-of
facts the mentions show ("Hamas's military wing")."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.records import ActorInfo


@dataclass
class ActorMention:
    start: int  # token offsets
    end: int
    actor_id: str
    kind: str  # name | subunit | ner | alias | demonym | capital | description | pronoun
    #            | composed

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


@dataclass
class PartOfFact:
    child: str
    parent: str
    start: int  # token span of the evidence
    end: int


@dataclass
class ActorLayer:
    mentions: list[ActorMention] = field(default_factory=list)
    by_token: dict[int, ActorMention] = field(default_factory=dict)
    part_of: list[PartOfFact] = field(default_factory=list)
    new_actors: dict[str, ActorInfo] = field(default_factory=dict)

    def add(self, m: ActorMention) -> bool:
        if any(i in self.by_token for i in range(m.start, m.end)):
            return False
        self.mentions.append(m)
        for i in range(m.start, m.end):
            self.by_token[i] = m
        return True

    def at(self, tok: Token) -> ActorMention | None:
        return self.by_token.get(tok.i)

    def within(self, start: int, end: int) -> list[ActorMention]:
        """The mentions that touch tokens ``start`` to ``end`` (exclusive)."""
        found = {id(m): m for i in range(start, end) if (m := self.by_token.get(i))}
        return list(found.values())

    def remove(self, m: ActorMention) -> None:
        """Take a mention out, to make room for a reading that replaces it."""
        self.mentions = [x for x in self.mentions if x is not m]
        for i in range(m.start, m.end):
            if self.by_token.get(i) is m:
                del self.by_token[i]

    def sorted(self) -> list[ActorMention]:
        return sorted(self.mentions, key=lambda m: m.start)
