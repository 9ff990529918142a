"""Plain typed records passed between pipeline stages (no database, no spaCy)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One input article, before NLP. ``id`` is the export's document id."""

    id: str
    text: str
    source: str  # where it came from (path, or path:line for JSONL)
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    extra: dict[str, Any] = field(default_factory=dict)
    encoding: str | None = None  # how the file's bytes were read ("utf-8", "cp1252", ...)
    pages: tuple[int, ...] = ()  # a paged file (PDF): the offset in text where each page starts


# ids of unnamed groups of people ("civilians", "Syrian refugees": extract/groups.py);
# they have no aliases, so no text matches them by name
UNNAMED = "group:"


def unnamed(actor_id: str | None) -> bool:
    return actor_id is not None and actor_id.startswith(UNNAMED)


@dataclass
class ActorInfo:
    """An actor as the extractor knows it (from the gazetteer or found in text)."""

    id: str
    name: str
    type: str  # organization | state | person | media | igo
    aliases: set[str] = field(default_factory=set)
    parents: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    role: str | None = None  # military_wing, political_wing, affiliate, ...
    region: str | None = None
    capital: str | None = None
    demonyms: list[str] = field(default_factory=list)
    source: str = "text"
    # named (a name: the gazetteer's or the text's), composed (country x sector: "Israeli
    # troops", or a group by its noun: "civilians"), described ("a press-freedom group")
    kind: str = "named"


@dataclass(frozen=True)
class MentionRec:
    start: int
    end: int
    text: str
    actor_id: str


@dataclass(frozen=True)
class OriginRec:
    """Where a statement ultimately comes from. ``key`` identifies it across documents."""

    key: str
    kind: str  # actor | anonymous | outlet | document | unattributed
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TimeRec:
    start: str | None
    end: str | None
    text: str


@dataclass(frozen=True)
class PlaceRec:
    name: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class StatementRec:
    """One mention of a claim in one document: the immutable evidence."""

    start: int
    end: int
    quote: str
    subject_id: str
    type: str
    mode: str | None
    object_id: str | None  # None: an event whose target the text does not name
    polarity: str  # asserted | denied
    hedged: bool
    chain: tuple[str, ...]
    origin: OriginRec
    contexts: tuple[str, ...] = ()
    time: TimeRec | None = None
    place: PlaceRec | None = None
    trigger: str = ""
    directed: bool = True  # False: the text names the pair, not who gives to whom
    code: str | None = None  # the verb dictionary's raw (CAMEO) code, where it coded this
    extractor: str = "rules"  # who wrote it: "rules", or "llm:<model>"


@dataclass
class Extraction:
    """What the extractor found in one article."""

    article: Article
    actors: dict[str, ActorInfo]
    mentions: list[MentionRec]
    statements: list[StatementRec]
    signals: list[str] = field(default_factory=list)
    # answers an extractor gave that grounding refused, by (extractor, reason)
    drops: dict[tuple[str, str], int] = field(default_factory=dict)
