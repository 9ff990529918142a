"""What every attribution finder of one article reads: the parse, the actor layer, the
sentences with their paragraphs, and the outlet's own voice."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.attribution.lexicon import CueLexicon
from claimgraph.extract.index import ActorIndex
from claimgraph.extract.layer import ActorLayer
from claimgraph.gazetteer import norm
from claimgraph.records import Article, OriginRec


@dataclass(frozen=True)
class Words:
    """What attribution reads besides the text: the actor index, the cue lexicon and
    the ontology's attribution lists."""

    index: ActorIndex
    cues: CueLexicon
    doc_kinds: frozenset[str]
    anon_heads: frozenset[str]
    author_bodies: frozenset[str]
    non_voices: frozenset[str]
    speaking_roles: frozenset[str]


@dataclass
class Source:
    label: str
    origin: OriginRec
    via: tuple[str, ...] = ()  # intermediaries between the outlet and the origin


def actor_source(actor_id: str, label: str, **attrs: object) -> Source:
    """An actor as the source of what is said: its origin is the actor itself, however the
    text names it ("IDF officials", "Yahya Saree (Houthis)")."""
    return Source(label, OriginRec(key=f"actor:{actor_id}", kind="actor", label=label,
                                   attrs={"actor": actor_id, **attrs}))


@dataclass
class DocOrigin:
    """A document that the article describes and quotes (a letter, a report)."""

    kind: str
    first: int  # token index of its first description
    author: str | None = None  # actor id
    author_head: str | None = None  # "fighter" in "a letter from an ISIS fighter"
    recipient: str | None = None
    channel: str | None = None
    via: list[str] = field(default_factory=list)  # translators / reporters (labels)
    date: str | None = None


@dataclass
class Cue:
    token: Token
    source: Source
    scope: set[int]  # token indices it covers
    carries: bool  # "said that" carries to following sentences; "according to" does not


SELF = OriginRec(key="", kind="self", label="")  # a speaker that is the subject itself


class Context:
    def __init__(self, owner: Words, doc: Doc, layer: ActorLayer,
                 article: Article, publisher: str | None = None) -> None:
        self.o = owner
        self.publisher = publisher  # the actor publishing the article, when known
        self.doc = doc
        self.layer = layer
        self.article = article
        self.outlet = article.outlet or article.id
        self.outlet_source = Source(self.outlet, OriginRec(
            key=f"outlet:{norm(self.outlet)}", kind="outlet",
            label=f"{self.outlet} (own reporting)", attrs={"outlet": self.outlet}))
        self.sents: list[Span] = list(doc.sents)
        self.starts = [s.start for s in self.sents]
        self.sent_of: dict[int, int] = {}
        self.para_of: dict[int, int] = {}
        text, para, pos = doc.text, 0, 0
        for k, sent in enumerate(self.sents):
            para += text.count("\n", pos, sent.start_char)
            pos = sent.start_char
            self.sent_of[sent.start] = k
            self.para_of[k] = para

    def sentence(self, i: int) -> int:
        """The number of the sentence holding token ``i``."""
        return bisect_right(self.starts, i) - 1
