"""A relation as the reader finds it in a sentence, before it becomes a statement."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token


@dataclass
class Relation:
    subj: str
    type: str
    mode: str | None
    obj: str | None  # None: to be filled from context (denials of "any ties")
    polarity: str
    hedged: bool
    hearsay: bool
    trigger: Token
    sent: Span
    contexts: set[str] = field(default_factory=set)
    directed: bool = True  # False: the text names the pair and what, not who gives
    code: str | None = None  # the dictionary's raw code, where a frame coded it
    targetless: bool = False  # the text names no target: the statement's object is null

def ties(relations: list[Relation]) -> dict[str, str]:
    """The body each person belongs to, by the first tie the text gives."""
    return {r.subj: r.obj for r in reversed(relations)
            if r.type in ("MEMBER_OF", "LEADER_OF") and r.obj is not None}

