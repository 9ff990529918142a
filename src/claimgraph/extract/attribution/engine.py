"""For each relation, the chain of who says it, from the outlet to the origin.

Sources, by scope (the finders are the modules beside this one):
- a cue in the sentence (cues.py): a verb of saying in one of its frames, a noun whose
  owner speaks, a phrase naming a source; cues inside cues nest ("X told Reuters that
  Y said S": the outlet, Reuters, X, Y);
- a quotation (quotes.py), over as many sentences as it runs, spoken by its tag;
- a document that speaks, or a person who wrote it (documents.py);
- carry-over: after "X said that ..." the following uncued sentences of the same
  paragraph are still X's;
- a block: "X reports:" or "X listed five areas:" introduces what follows;
- hearsay hedges with no named source ("reportedly"): an unattributed report;
- otherwise the outlet's own reporting.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from claimgraph.extract.attribution.context import (
    Context,
    Cue,
    DocOrigin,
    Source,
    Words,
    actor_source,
)
from claimgraph.extract.attribution.cues import Cues
from claimgraph.extract.attribution.documents import Documents
from claimgraph.extract.attribution.lexicon import load_cues
from claimgraph.extract.attribution.quotes import Quotes, find_blocks
from claimgraph.extract.attribution.sources import Sources
from claimgraph.extract.index import ActorIndex
from claimgraph.extract.layer import ActorLayer
from claimgraph.gazetteer import norm
from claimgraph.ontology import Ontology
from claimgraph.records import Article, OriginRec


class Attributor:
    def __init__(self, index: ActorIndex, ontology: Ontology) -> None:
        att = ontology.attribution
        self.words = Words(
            index, load_cues(), frozenset(att["document_kinds"]),
            frozenset(att["anonymous_heads"]), frozenset(att.get("author_bodies", [])),
            frozenset(att.get("non_voices", [])), frozenset(att.get("speaking_roles", [])))

    def prepare(self, doc: Doc, layer: ActorLayer, article: Article,
                publisher: str | None = None) -> DocAttribution:
        """``publisher``: the actor that publishes the article, when known."""
        return DocAttribution(self, doc, layer, article, publisher)


class DocAttribution:
    def __init__(self, owner: Attributor, doc: Doc, layer: ActorLayer, article: Article,
                 publisher: str | None = None) -> None:
        self.c = ctx = Context(owner.words, doc, layer, article, publisher)
        self.publisher = publisher
        self.outlet, self.outlet_source = ctx.outlet, ctx.outlet_source
        self.documents_found = Documents(ctx)
        self.documents: dict[str, DocOrigin] = self.documents_found.found
        self.sources = Sources(ctx, self.documents_found)
        self.cues: list[Cue] = Cues(ctx, self.sources).found
        self.cues_of: dict[int, list[Cue]] = {}  # sentence start -> its cues, in order
        for cue in self.cues:
            self.cues_of.setdefault(ctx.starts[ctx.sentence(cue.token.i)], []).append(cue)
        self.quotes = Quotes(ctx, self.cues)
        self.block_of = find_blocks(ctx, self.cues_of)

    def document_origin(self, info: DocOrigin) -> OriginRec:
        return self.documents_found.document_origin(info)

    # ------------------------------------------------------------- resolving
    def attribute(self, trigger: Token, subject: str, hearsay: bool) -> tuple[list[str], OriginRec]:
        """(chain, origin) for a relation read at ``trigger``."""
        stack, outer = self._speakers(trigger, subject, hearsay)
        chain = [self.outlet]
        if not stack:
            return chain, self.outlet_source.origin
        if outer is not None and outer.origin.key != stack[0].origin.key:
            stack = [outer, *stack]
        origin = self.outlet_source.origin
        for n, src in enumerate(stack):
            for via in src.via:
                if via not in chain:
                    chain.append(via)
            by = Source(src.via[-1], OriginRec(key=f"outlet:{norm(src.via[-1])}", kind="outlet",
                                               label=src.via[-1])) if src.via else \
                stack[n - 1] if n else None  # "an official told Reuters": per Reuters
            origin = self._anchor(src.origin, by)
            if origin.label not in chain:
                chain.append(origin.label)
        return chain, origin

    def speaker(self, tok: Token) -> Source | None:
        """Who says what is at ``tok`` (the innermost speaker); None: the outlet."""
        stack, _ = self._speakers(tok, None, False)
        return stack[-1] if stack else None

    def _speakers(self, trigger: Token, subject: str | None,
                  hearsay: bool) -> tuple[list[Source], Source | None]:
        """(who says what is at ``trigger``, outermost first; the block around it). An
        empty list is the outlet's own voice. A cue whose speaker is the subject itself
        needs ``subject``."""
        c = self.c
        k = c.sentence(trigger.i)
        outer = self.block_of.get(trigger.i)
        quoted = self.quotes.of(trigger.i)
        own = [q for q in self.cues_of.get(c.starts[k], ())
               if q.token.i != trigger.i and trigger.i in q.scope]
        if quoted is not None:  # cues inside the same quotation nest under its speaker
            own = [q for q in own if self.quotes.span_of.get(q.token.i) == quoted[0]]
        elif not own:  # a misparse leaves the clause outside the cue: the sentence's
            own = [q for q in self.cues_of.get(c.starts[k], ()) if q.carries and  # speaker
                   q.token.i != trigger.i and q.source.origin.kind != "self" and
                   q.token.dep_ != "conj" and  # a clause of its own: "X did, and Y said"
                   trigger.i not in range(q.token.left_edge.i, q.token.i)][:1]
        own.sort(key=lambda q: -len(q.scope))
        stack: list[Source] = [quoted[1]] if quoted is not None else []
        for cue in own:
            src = cue.source
            if src.origin.kind == "self":
                if subject is None:
                    continue
                src = self._self_source(subject)
            if not stack or stack[-1].origin.key != src.origin.key or not src.origin.key:
                stack.append(src)
        if hearsay and (not stack or trigger.dep_ == "relcl"):
            stack = [self._unattributed()]
        if not stack:
            carried = self._carried(k)
            stack = [carried] if carried is not None else []
        if not stack and outer is not None:
            stack, outer = [outer], None
        return stack, outer

    def voice(self, tok: Token) -> str | None:
        """The actor who says "we" or "I" at ``tok``: a quoted speaker, or outside any
        quotation the publisher when the gazetteer knows it ("UK Government" -> the UK)."""
        speaker = self.speaker(tok)
        if speaker is not None:
            return speaker.origin.attrs.get("actor")
        return self.publisher

    def _carried(self, k: int) -> Source | None:
        """The last 'said that' speaker before sentence k in the same paragraph."""
        c = self.c
        for j in range(k - 1, -1, -1):
            if c.para_of[j] != c.para_of[k]:
                return None
            for cue in reversed(self.cues_of.get(c.sents[j].start, ())):
                if cue.carries and cue.source.origin.kind != "self":
                    return cue.source
        return None

    def _self_source(self, subject: str) -> Source:
        actor = self.c.o.index.actors[subject]
        return actor_source(actor.id, actor.name)

    def _unattributed(self) -> Source:
        return Source("unattributed report", OriginRec(
            key=f"unattributed:{self.c.article.id}", kind="unattributed",
            label=f"unattributed report in {self.outlet}",
            attrs={"document": self.c.article.id,
                   "reporter_origin": self.outlet_source.origin.key}))

    def _anchor(self, origin: OriginRec, outer: Source | None) -> OriginRec:
        """Anonymous sources are only identifiable as reported by someone."""
        if origin.kind != "anonymous":
            return origin
        by = outer if outer is not None else self.outlet_source
        reporter = by.label
        phrase = origin.attrs["phrase"]
        key = "anonymous:" + _anon_key(phrase) + "@" + norm(reporter)
        return OriginRec(key=key, kind="anonymous", label=f"{phrase} (per {reporter})",
                         attrs={"phrase": phrase, "reporter": reporter,
                                "reporter_origin": by.origin.key})


def _anon_key(phrase: str) -> str:
    words = [w for w in re.findall(r"[a-z]+", norm(phrase))
             if w not in ("the", "a", "an", "some", "several", "senior")]
    words = [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words]
    return " ".join(words)
