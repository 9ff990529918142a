"""One article in, an Extraction out: the stages in order, on plain records."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimgraph.extract.actors import ActorFinder
from claimgraph.extract.attribution import Attributor, DocAttribution
from claimgraph.extract.collectives import CollectiveFinder
from claimgraph.extract.compose import Composer
from claimgraph.extract.described import BodyFinder
from claimgraph.extract.groups import GroupFinder
from claimgraph.extract.index import ActorIndex
from claimgraph.extract.layer import ActorLayer
from claimgraph.extract.relations import Relation, RelationFinder
from claimgraph.extract.roles import RoleFinder
from claimgraph.extract.sectors import enrich
from claimgraph.extract.signals import document_signals
from claimgraph.extract.stages import STAGES, DocState, resolve
from claimgraph.extract.syntax import ents_in, event_time
from claimgraph.gazetteer import Gazetteer
from claimgraph.lexicon import VerbLexicon
from claimgraph.nlp import pieces
from claimgraph.ontology import Ontology
from claimgraph.records import (
    ActorInfo,
    Article,
    Extraction,
    MentionRec,
    PlaceRec,
    StatementRec,
)

if TYPE_CHECKING:
    from claimgraph.extract.llm import LLMCoder

PLACE_PREPS = {"in", "into", "at", "off", "near", "inside", "across", "through", "to"}


class Extractor:
    """Holds what is loaded once per process: model, ontology, actor index."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, ontology: Ontology,
                 verbs: VerbLexicon | None = None, stages: tuple[str, ...] = STAGES,
                 llm: LLMCoder | None = None) -> None:
        self.nlp = nlp
        self.ontology = ontology
        self.index = ActorIndex(nlp, gazetteer)
        self.actors = ActorFinder(self.index, ontology)
        self.collectives = CollectiveFinder(self.actors)
        self.composer = Composer(self.actors, ontology)
        self.bodies = BodyFinder(self.actors)
        self.groups = GroupFinder(self.actors, ontology)
        self.roles = RoleFinder(self.actors, ontology.titles["role"])
        self.relations = RelationFinder(self.index, ontology, verbs=verbs)
        self.attributor = Attributor(self.index, ontology)
        self.stages = resolve(stages)  # (name, stage) in order: extract/stages.py
        self.llm = llm  # the 'llm' stage's server client (extract/llm/), if any

    def parse_many(self, articles: list[Article], batch_size: int = 16) -> Iterator[Doc]:
        """Parse articles together (spaCy is faster on batches than one by one); a long
        text is parsed in pieces (nlp/pieces.py)."""
        return pieces.parse(self.nlp, (a.text for a in articles), batch_size=batch_size)

    def extract(self, article: Article, doc: Doc | None = None) -> Extraction:
        """Run the stages on one article; the state they share is this article's alone."""
        if doc is None:
            doc = pieces.parse_one(self.nlp, article.text)
        state = DocState(article, doc)
        with self.index.reading():  # what the article adds to the index lasts while it is read
            for _, stage in self.stages:
                stage(self, state)
            return self._extraction(state)

    def statements(self, state: DocState) -> list[StatementRec]:
        """The statements of the relations found (the 'statements' stage)."""
        att, layer = state.need_attribution(), state.need_layer()
        rels = self._fill_open(state.relations)
        out = [self._statement(r, att, state.article, layer) for r in rels
               if r.obj is not None or r.targetless]
        return out + self._part_of(state.doc, layer, att)

    def _extraction(self, state: DocState) -> Extraction:
        doc, layer, statements = state.doc, state.need_layer(), state.statements
        used = {s.subject_id for s in statements} | \
            {s.object_id for s in statements if s.object_id is not None} | \
            {m.actor_id for m in layer.mentions}
        actors: dict[str, ActorInfo] = {}
        for aid in used:  # copies: the index forgets the article's additions after it
            for x in (aid, *self.index.actors[aid].parents):
                a = self.index.actors[x]
                actors[x] = replace(a, aliases=set(a.aliases), parents=list(a.parents),
                                    demonyms=list(a.demonyms))
        for actor in actors.values():
            enrich(actor, self.index)
        mentions = [MentionRec(doc[m.start:m.end].start_char, doc[m.start:m.end].end_char,
                               doc[m.start:m.end].text, m.actor_id) for m in layer.sorted()]
        seen: set[tuple[object, ...]] = set()
        unique = []
        for s in statements:
            key = (s.start, s.subject_id, s.type, s.mode, s.object_id, s.polarity, s.extractor)
            if key not in seen:
                seen.add(key)
                unique.append(s)
        return Extraction(state.article, actors, mentions, unique,
                          document_signals(state.article), dict(state.drops))

    def _family(self, actor_id: str) -> set[str]:
        actor = self.index.actors[actor_id]
        fam = {actor_id, *actor.parents}
        fam |= {a.id for a in self.index.children(actor_id)}
        return fam

    def _fill_open(self, rels: list[Relation]) -> list[Relation]:
        """'Hamas has denied any ties', 'X fought the enemy': with whom? The counterpart
        this article most often pairs with the subject in the same family of relations."""
        out = []
        for r in rels:
            if r.obj is None and not r.targetless:
                fam = self._family(r.subj)
                onto = self.ontology
                partners: Counter[str] = Counter()
                for other in rels:
                    if other.obj is None or onto.family(other.type) != onto.family(r.type):
                        continue
                    if other.subj in fam and other.obj not in fam:
                        partners[other.obj] += 1
                    elif other.obj in fam and other.subj not in fam:
                        partners[other.subj] += 1
                if not partners:
                    continue
                r.obj = partners.most_common(1)[0][0]
            out.append(r)
        return out

    def _statement(self, r: Relation, att: DocAttribution, article: Article,
                   layer: ActorLayer) -> StatementRec:
        if self.ontology.is_standing(r.type):  # a description is the writer's own
            chain, origin = [att.outlet], att.outlet_source.origin
        else:
            chain, origin = att.attribute(r.trigger, r.subj, r.hearsay)
        start, end, quote = _quote(r.sent)
        return StatementRec(
            start=start, end=end, quote=quote, subject_id=r.subj, type=r.type, mode=r.mode,
            object_id=r.obj, polarity=r.polarity, hedged=r.hedged, chain=tuple(chain),
            origin=origin, contexts=tuple(sorted(r.contexts)),
            time=event_time(r.trigger, article.published),
            place=self.place_of(r.trigger, layer),
            trigger=r.trigger.text, directed=r.directed, code=r.code)

    def _part_of(self, doc: Doc, layer: ActorLayer, att: DocAttribution) -> list[StatementRec]:
        out = []
        for fact in layer.part_of:
            span = doc[fact.start:fact.end]
            out.append(StatementRec(
                start=span.start_char, end=span.end_char, quote=span.text,
                subject_id=fact.child, type="PART_OF", mode=None, object_id=fact.parent,
                polarity="asserted", hedged=False, chain=(att.outlet,),
                origin=att.outlet_source.origin, trigger=span.root.text))
        return out

    def place_of(self, tok: Token, layer: ActorLayer) -> PlaceRec | None:
        """Where the event happened: a place after "in", "at", "near" ... in the
        trigger's phrase, else the place named nearest to the trigger in its sentence
        (a place list's name, not an actor's mention), with its coordinates."""
        return self._place_in_phrase(tok, layer) or self._place_in_sentence(tok, layer)

    def _place_in_sentence(self, tok: Token, layer: ActorLayer) -> PlaceRec | None:
        sent = tok.sent
        spans = [e for e in ents_in(sent) if e.label_ in ("GPE", "LOC", "FAC")]
        run: list[Token] = []  # and runs of proper nouns the model left untagged
        for t in [*sent, None]:
            if t is not None and t.pos_ == "PROPN" and t.i not in layer.by_token:
                run.append(t)
                continue
            if run:
                spans.append(sent.doc[run[0].i:run[-1].i + 1])
            run = []
        for span in sorted(spans, key=lambda e: (abs(e.start - tok.i), e.start)):
            words = span[1:] if span[0].lower_ == "the" else span
            if not words or layer.within(words.start, words.end):
                continue
            place = self.index.gazetteer.place(words.text)
            if place is not None:
                return PlaceRec(words.text, place.lat, place.lon)
        return None

    def _place_in_phrase(self, tok: Token, layer: ActorLayer) -> PlaceRec | None:
        for t in tok.subtree:
            if t.dep_ != "pobj" or t.head.lower_ not in PLACE_PREPS or t.i in layer.by_token:
                continue  # "fired rockets at Israel from Gaza": Israel is the target
            if t.head.head.i != tok.i and t.head.head.head.i != tok.i:
                continue
            name = " ".join(x.text for x in t.subtree if x.dep_ != "det" or x.i != t.left_edge.i)
            place = self.index.gazetteer.place(name) or self.index.gazetteer.place(t.text)
            if place:
                return PlaceRec(name, place.lat, place.lon)
            if t.ent_type_ in ("GPE", "LOC", "FAC"):
                return PlaceRec(name)
        return None


def _quote(sent: Span) -> tuple[int, int, str]:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    trail = len(text.rstrip())
    return sent.start_char + lead, sent.start_char + trail, text.strip()
