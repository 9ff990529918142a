"""Grounding: an LLM's answer for one passage becomes statements only where the text
bears it out. An event is kept when its quote occurs verbatim in the passage (the
offsets are claimgraph's), its source and target resolve to actors (the passage's
mentions, the actor index, or a name the parser tags as a person or organisation,
added as a new actor), and its type and mode are the ontology's. Everything else is
dropped and counted by reason.

Who says so (docs/llm.md): the rule layer's attribution at the quote wins when it finds
a speaker, since its cue is in the text and it knows nested chains; otherwise the model's
"says" counts when it resolves to an actor mentioned in the passage; otherwise the
statement is the outlet's own reporting."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacy.tokens import Span, Token

from claimgraph.extract.attribution.context import actor_source
from claimgraph.extract.index import slug
from claimgraph.extract.layer import ActorLayer, ActorMention
from claimgraph.extract.llm.prompt import FIELDS, POLARITIES, Prompt
from claimgraph.extract.syntax import event_time
from claimgraph.gazetteer import norm
from claimgraph.records import ActorInfo, OriginRec, StatementRec

if TYPE_CHECKING:
    from claimgraph.extract.pipeline import Extractor
    from claimgraph.extract.stages import DocState

NER_ACTORS = {"PERSON": ("person", "person"), "ORG": ("org", "organization")}


@dataclass
class Grounded:
    statements: list[StatementRec] = field(default_factory=list)
    drops: Counter[str] = field(default_factory=Counter)


class Grounder:
    def __init__(self, ex: Extractor, prompt: Prompt, name: str) -> None:
        self.ex = ex
        self.prompt = prompt
        self.name = name  # "llm:<model>", written on each statement

    def ground(self, st: DocState, passage: Span, content: str, out: Grounded) -> None:
        """Add to ``out`` the statements of one passage's answer, and the drops."""
        events = _events(content)
        if events is None:
            out.drops["answer is not JSON in the schema"] += 1
            return
        for ev in events:
            reason = self._one(st, passage, ev, out)
            if reason is not None:
                out.drops[reason] += 1

    def _one(self, st: DocState, passage: Span, ev: dict[str, Any], out: Grounded) -> str | None:
        onto = self.ex.ontology
        etype, mode = ev["type"], ev["mode"] or None
        if etype not in self.prompt.types:
            return "unknown type"
        if mode is not None and mode not in self.prompt.modes[etype]:
            return "mode not of its type"
        at = passage.text.find(ev["quote"]) if ev["quote"].strip() else -1
        if at < 0:
            return "quote not in the passage"
        start = passage.start_char + at
        end = start + len(ev["quote"])
        layer = st.need_layer()
        subj = self.resolve(ev["source"], passage, layer)
        if subj is None:
            return "source not resolved"
        obj = self.resolve(ev["target"], passage, layer) if ev["target"].strip() else None
        if ev["target"].strip() and obj is None:
            return "target not resolved"
        if obj is None and onto.needs_target(etype):
            return "no target for a type that needs one"
        if obj == subj:
            return "source and target are one actor"
        tok = _anchor(st.doc.char_span(start, end, alignment_mode="expand") or passage)
        chain, origin = self._who(st, passage, tok, subj, ev["says"])
        out.statements.append(StatementRec(
            start=start, end=end, quote=st.doc.text[start:end], subject_id=subj, type=etype,
            mode=mode, object_id=obj, polarity=ev["polarity"], hedged=ev["hedged"],
            chain=tuple(chain), origin=origin,
            time=event_time(tok, st.article.published), place=self.ex.place_of(tok, layer),
            trigger=tok.text, directed=not onto.is_symmetric(etype), extractor=self.name))
        return None

    def resolve(self, name: str, passage: Span, layer: ActorLayer) -> str | None:
        """The actor ``name`` stands for in ``passage``: a mention's, the index's, or a new
        actor where the parser tags the name in the passage as a person or organisation."""
        key = norm(name)
        if not key:
            return None
        index = self.ex.index
        for men in layer.within(passage.start, passage.end):
            actor = index.actors[men.actor_id]
            if key in (norm(men.span(passage.doc).text), norm(actor.name)) or \
                    any(norm(a) == key for a in actor.aliases):
                return men.actor_id
        known = index.lookup(name)
        if known is not None:
            return known
        return self._new(name.strip(), passage, layer)

    def _new(self, name: str, passage: Span, layer: ActorLayer) -> str | None:
        at = passage.text.find(name)
        if at < 0:
            return None
        span = passage.doc.char_span(passage.start_char + at, passage.start_char + at + len(name))
        ents = list(span.ents) if span is not None else []
        if span is None or len(ents) != 1 or (ents[0].start, ents[0].end) != \
                (span.start, span.end) or ents[0].label_ not in NER_ACTORS:
            return None  # the name is not one whole person or organisation the parser saw
        prefix, kind = NER_ACTORS[ents[0].label_]
        actor_id = self.ex.actors.new_actor(layer, ActorInfo(
            id=f"{prefix}:{slug(name)}", name=name, type=kind, aliases={name}))
        layer.add(ActorMention(span.start, span.end, actor_id, "ner"))
        return actor_id

    def _who(self, st: DocState, passage: Span, tok: Token, subj: str, says: str
             ) -> tuple[list[str], OriginRec]:
        att = st.need_attribution()
        chain, origin = att.attribute(tok, subj, False)
        if origin.key != att.outlet_source.origin.key or not says.strip():
            return chain, origin
        speaker = self.resolve(says, passage, st.need_layer())
        if speaker is None:
            return chain, origin
        said = actor_source(speaker, self.ex.index.actors[speaker].name)
        return [att.outlet, said.label], said.origin


def _anchor(span: Span) -> Token:
    """The word the event hangs on: the span's first verb, else its syntactic head."""
    for tok in span:
        if tok.pos_ == "VERB":
            return tok
    return span.root


def _events(content: str) -> list[dict[str, Any]] | None:
    """The answer's events, each with every field of the right kind; None for an answer
    that is not JSON of the schema (a model cut off at its token limit, say)."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError:
        return None
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, list):
        return None
    out = []
    for ev in events:
        if not isinstance(ev, dict) or set(ev) != set(FIELDS):
            return None
        texts = [ev[f] for f in FIELDS if f != "hedged"]
        if not all(isinstance(t, str) for t in texts) or not isinstance(ev["hedged"], bool) \
                or ev["polarity"] not in POLARITIES:
            return None
        out.append(ev)
    return out
