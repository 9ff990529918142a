"""Attribution: for each relation, the chain of who says it, from the outlet to the origin.

Sources, by scope:
- a cue in the sentence: reported speech ("X said that", "according to X",
  "as reported by X", "X told the Tower"), with the cue's clause as its scope;
- a document that speaks ("The letter ... explains"), or a person who wrote that
  document ("the commander listed ... in his letter"): the document is the origin;
- carry-over: after "X said that ..." the following uncued sentences of the same
  paragraph are still X's (a new paragraph of a quoted block goes back to the
  block's source);
- a block: "TOI reports:" or "X listed five areas:" introduces the following
  paragraphs (or list items);
- hearsay hedges with no named source ("reportedly"): an unattributed report;
- otherwise the outlet's own reporting.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.index import ActorIndex
from claimgraph.extract.layer import ActorLayer
from claimgraph.extract.syntax import actors_at, children, is_passive, preps, speaker_phrase
from claimgraph.gazetteer import norm
from claimgraph.ontology import Ontology
from claimgraph.records import Article, OriginRec, unnamed
from claimgraph.timeparse import normalise_date

OPENING = ("“", '"')
CLOSING = ("”", '"', "”.", '".')
LIST_ITEM = re.compile(r"^\s*(\d{1,2}[.)]|[-*•●▪])(\s+|$)")


@dataclass
class Source:
    label: str
    origin: OriginRec
    via: tuple[str, ...] = ()  # intermediaries between the outlet and the origin


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


class Attributor:
    def __init__(self, index: ActorIndex, ontology: Ontology) -> None:
        self.index = index
        att = ontology.attribution
        self.cue_verbs = set(att["verbs"])
        self.cue_nouns = set(att["nouns"])
        self.doc_kinds = set(att["document_kinds"])
        self.anon_heads = set(att["anonymous_heads"])
        self.author_bodies = set(att.get("author_bodies", []))
        self.non_voices = set(att.get("non_voices", []))
        self.speaking_roles = set(att.get("speaking_roles", []))

    def prepare(self, doc: Doc, layer: ActorLayer, article: Article,
                publisher: str | None = None) -> DocAttribution:
        """``publisher``: the actor that publishes the article, when known."""
        return DocAttribution(self, doc, layer, article, publisher)


class DocAttribution:
    def __init__(self, owner: Attributor, doc: Doc, layer: ActorLayer, article: Article,
                 publisher: str | None = None) -> None:
        self.o = owner
        self.doc = doc
        self.layer = layer
        self.article = article
        self.outlet = article.outlet or article.id
        self.outlet_source = Source(self.outlet, OriginRec(
            key=f"outlet:{norm(self.outlet)}", kind="outlet",
            label=f"{self.outlet} (own reporting)",
            attrs={"outlet": self.outlet}))
        self.publisher = publisher
        self.documents: dict[str, DocOrigin] = {}
        self._find_documents()
        self.cues: list[Cue] = []
        self.sents: list[Span] = list(doc.sents)
        self.sent_of: dict[int, int] = {}
        self.para_of: dict[int, int] = {}
        self._index_sentences()
        self._find_cues()
        self.cues_of: dict[int, list[Cue]] = {}  # sentence start -> its cues, in order
        starts = [sent.start for sent in self.sents]
        for cue in self.cues:
            at = starts[bisect_right(starts, cue.token.i) - 1]
            self.cues_of.setdefault(at, []).append(cue)
        self.block_of: dict[int, Source] = {}
        self._find_blocks()
        self.tag_of: dict[int, Source] = {}
        self._find_speech_tags()

    # ------------------------------------------------------------- structure
    def _index_sentences(self) -> None:
        text = self.doc.text
        para, pos = 0, 0
        for k, sent in enumerate(self.sents):
            para += text.count("\n", pos, sent.start_char)
            pos = sent.start_char
            self.sent_of[sent.start] = k
            self.para_of[k] = para

    # -------------------------------------------------------- described docs
    def _find_documents(self) -> None:
        for tok in self.doc:
            kind = tok.lemma_.lower()
            if kind not in self.o.doc_kinds or tok.pos_ != "NOUN":
                continue
            info = self.documents.get(kind)
            if info is None:
                info = DocOrigin(kind=kind, first=tok.i)
                if not self._is_description(tok):
                    continue
                self.documents[kind] = info
            self._describe_document(info, tok)

    @staticmethod
    def _is_description(tok: Token) -> bool:
        """'a letter from X to Y', 'a leaked internal letter', 'the letter, written by X'."""
        rich = [c for c in tok.children if c.dep_ in ("prep", "acl", "amod", "relcl", "compound")]
        return bool(rich)

    def _describe_document(self, info: DocOrigin, tok: Token) -> None:
        layer = self.layer
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "through") \
            else None
        if verb is not None and verb.lemma_.lower() in self.o.cue_verbs and not info.author:
            for s in children(verb, "nsubj"):  # "X said in a report that ..."
                ids = actors_at(s, layer)
                if ids:
                    info.author = ids[0]
        for who in list(preps(tok, "from")) + list(preps(tok, "by")):
            ids = actors_at(who, layer)
            persons = [a for a in ids if self.o.index.actors[a].type == "person"]
            if persons and not info.author:
                info.author = persons[0]
            elif ids and not info.author and (who.i in self.layer.by_token or
                                              who.lemma_.lower() in self.o.author_bodies):
                info.author = ids[0]  # "a report by HRW", "by a UN panel of experts"
            elif not info.author_head and who.pos_ == "NOUN":
                info.author_head = who.lemma_.lower()
                if ids and not info.author:
                    info.author = None
        for to in preps(tok, "to"):
            ids = actors_at(to, layer) or [
                m.actor_id for t in to.subtree if (m := layer.by_token.get(t.i)) is not None
                and self.o.index.actors[m.actor_id].type == "person"]
            if ids and not info.recipient:
                info.recipient = ids[-1] if len(ids) > 1 and \
                    self.o.index.actors[ids[-1]].type == "person" else ids[0]
        # participles: "written by X", "leaked to Telegram", "translated by MEMRI"
        for c in tok.children:
            if c.dep_ not in ("acl", "appos", "relcl"):
                continue
            verb = c if c.pos_ == "VERB" else None
            for v in [c, *[g for g in c.subtree if g.pos_ == "VERB"]]:
                verb = v
                self._document_verb(info, verb)
        # "The letter was leaked to Telegram and ... translated by the Middle East ..."
        if tok.dep_ == "nsubjpass":
            head = tok.head
            for v in [head, *[c for c in head.children if c.dep_ == "conj"]]:
                self._document_verb(info, v)
                for c in v.children:
                    if c.dep_ == "conj":
                        self._document_verb(info, c)

    def _document_verb(self, info: DocOrigin, verb: Token) -> None:
        lemma = verb.lemma_.lower()
        for by in preps(verb, "by"):
            ids = actors_at(by, self.layer)
            if lemma in ("write", "author", "send", "sign", "pen") and ids and not info.author:
                info.author = ids[0]
            elif lemma in ("translate", "report", "publish", "discover", "obtain", "reveal",
                           "leak") and ids:
                label = self.o.index.actors[ids[0]].name
                if label not in info.via:
                    info.via.append(label)
        for to in list(preps(verb, "to")) + list(preps(verb, "on")):
            ids = actors_at(to, self.layer) if to.head.lower_ == "to" else []
            if ids and lemma in ("write", "send", "address", "deliver", "submit") and \
                    not info.recipient:  # "a memo written by X to Y"
                info.recipient = ids[0]
                continue
            if lemma not in ("leak", "post", "publish", "upload", "send"):
                continue
            phrase = " ".join(t.text for t in to.subtree)
            if to.ent_type_ == "DATE" or any(t.ent_type_ == "DATE" for t in to.subtree):
                info.date = info.date or normalise_date(phrase)
            elif not info.channel:
                info.channel = phrase
        for mod in verb.children:  # "On February 24, 2016, a letter ... was posted"
            if mod.dep_ == "prep" and mod.lower_ == "on" and not info.date and any(
                    t.ent_type_ == "DATE" for t in mod.subtree):
                info.date = normalise_date(" ".join(t.text for t in mod.subtree if t is not mod))

    def document_origin(self, info: DocOrigin) -> OriginRec:
        actors = self.o.index.actors
        author = actors[info.author].name if info.author else None
        recipient = actors[info.recipient].name if info.recipient else None
        label = info.kind
        if author:
            label += f" of {author}"
        elif info.author_head:
            label += f" from a {info.author_head}"
        if recipient:
            label += f" to {recipient}"
        # One origin per described document per article; aggregation decides which
        # descriptions in different articles are one document (aggregate/origins.py).
        key = f"document:{self.article.id}:{info.kind}"
        attrs = {"kind": info.kind, "author": info.author, "recipient": info.recipient,
                 "author_head": info.author_head, "date": info.date, "channel": info.channel,
                 "via": info.via, "described_in": self.article.id}
        return OriginRec(key=key, kind="document", label=label, attrs=attrs)

    def _document_source(self, info: DocOrigin) -> Source:
        origin = self.document_origin(info)
        return Source(origin.label, origin, tuple(info.via))

    # ----------------------------------------------------------------- cues
    def _find_cues(self) -> None:
        for sent in self.sents:
            for tok in sent:
                lemma = tok.lemma_.lower()
                if tok.pos_ == "VERB" and lemma in self.o.cue_verbs:
                    self._verb_cue(tok, sent)
                elif tok.lower_ == "according" and tok.i + 1 < len(self.doc) and \
                        self.doc[tok.i + 1].lower_ == "to":
                    objs = list(preps(self.doc[tok.i + 1], "to")) or \
                        [c for c in self.doc[tok.i + 1].children if c.dep_ == "pobj"]
                    if objs:
                        src = self._source_of(objs[0])
                        if src:
                            self.cues.append(Cue(tok, src, set(range(sent.start, sent.end)),
                                                 carries=False))
                elif tok.pos_ == "NOUN" and lemma in self.o.cue_nouns:
                    self._noun_cue(tok, sent)

    def _verb_cue(self, tok: Token, sent: Span) -> None:
        speaker: Token | None = None
        if is_passive(tok):
            by = list(preps(tok, "by"))
            speaker = by[0] if by else None
        else:
            subs = children(tok, "nsubj")
            speaker = subs[0] if subs else None
        if speaker is None:
            return
        src = self._source_of(speaker)
        if src is None:
            return
        speaker_span = set(range(speaker.left_edge.i, speaker.right_edge.i + 1))
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if tok.dep_ == "ROOT" or "as" in marks or (tok.dep_ == "advcl" and not marks):
            scope = set(range(sent.start, sent.end)) - speaker_span
        # "after X reported that ...": a clause of time or cause speaks for itself only
        else:
            scope = {t.i for t in tok.subtree} - speaker_span
        lemma = tok.lemma_.lower()
        carries = lemma in ("say", "tell", "write", "report", "explain", "add", "claim", "allege")
        self.cues.append(Cue(tok, src, scope, carries))

    def _noun_cue(self, tok: Token, sent: Span) -> None:
        """'promises to Cairo that ...', 'confirmation of X from a leaked letter'."""
        src: Source | None = None
        for f in preps(tok, "from"):
            src = self._source_of(f)
        if src is None:
            for p in children(tok, "poss"):
                src = self._source_of(p)
        scope = {t.i for t in tok.subtree}
        if src is None:
            clauses = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")]
            if not clauses:
                return
            # an unnamed speaker: a self-serving denial rests on the one who denies
            src = Source("", OriginRec(key="", kind="self", label=""))
        self.cues.append(Cue(tok, src, scope, carries=False))

    def _source_of(self, tok: Token) -> Source | None:
        """Who a speaker phrase names: a described document, its author, an actor, an
        anonymous group ("sources in the Gaza Strip"), or a pronoun's antecedent."""
        head = tok
        lemma = head.lemma_.lower()
        if lemma in self.documents and head.pos_ == "NOUN":
            return self._document_source(self.documents[lemma])
        ids = actors_at(head, self.layer)
        if head.lower_ in ("he", "she", "they", "it"):
            ids = self._antecedent(head)
        if lemma in self.o.non_voices and head.i not in self.layer.by_token:
            ids = []  # "a Houthi defector" speaks for himself: anonymous, not the Houthis
        if ids and all(unnamed(i) for i in ids):  # "they said", of residents: anonymous
            label = self.o.index.actors[ids[0]].name
            return Source(label, OriginRec(key="", kind="anonymous", label=label,
                                           attrs={"phrase": label}))
        for info in self.documents.values():
            if ids and info.author and ids[0] == info.author:
                return self._document_source(info)
            if info.author_head and lemma == info.author_head and not ids:
                return self._document_source(info)
        phrase = speaker_phrase(head)
        named = [m.actor_id for c in head.children if c.dep_ == "appos"
                 if (m := self.layer.at(c)) is not None and
                 self.o.index.actors[m.actor_id].type == "person"]
        if named:  # "a Houthi military spokesman, Yahya Saree, said": Saree speaks
            ids, phrase = named[:1], self.o.index.actors[named[0]].name
        spoken = self._speaks_for(head, named[0] if named else None)
        if spoken is not None:
            return spoken
        if ids:
            actor = self.o.index.actors[ids[0]]
            # "IDF officials" as written; a named actor by its name
            label = phrase if head.lemma_.lower() in self.o.anon_heads else actor.name
            return Source(label, OriginRec(key=f"actor:{actor.id}", kind="actor", label=label,
                                           attrs={"actor": actor.id}))
        if lemma in self.o.anon_heads or lemma in self.o.non_voices or (
                head.pos_ == "NOUN" and head.tag_ == "NNS"):
            return Source(phrase, OriginRec(key="", kind="anonymous", label=phrase,
                                            attrs={"phrase": phrase}))
        return None

    def _speaks_for(self, head: Token, named: str | None) -> Source | None:
        """A spokesman and the body spoken for: "a Houthi military spokesman, Yahya
        Saree", "Amina Yusuf, a spokeswoman for the African Union". The origin is the
        body (two of its spokesmen are one source), labelled by the person's name."""
        m = self.layer.at(head)
        person = named or (m.actor_id if m is not None and m.kind != "role" and
                           self.o.index.actors[m.actor_id].type == "person" else None)
        roles = [head, *(c for c in head.children if c.dep_ == "appos")]
        roles = [r for r in roles if r.lemma_.lower() in self.o.speaking_roles or
                 r.lower_ in self.o.speaking_roles]
        if person is None or not roles:
            return None
        role = roles[0]
        near = [t for t in role.children if t.i < role.i] + \
            [o for p in role.children if p.dep_ == "prep" and p.lower_ in ("for", "of")
             for o in p.children]
        bodies = [a for t in near for a in actors_at(t, self.layer)
                  if self.o.index.actors[a].type != "person" and not unnamed(a)]
        if not bodies:
            return None
        who, body = self.o.index.actors[person], self.o.index.actors[bodies[0]]
        label = f"{who.name} ({body.name})"
        return Source(label, OriginRec(key=f"actor:{body.id}", kind="actor", label=label,
                                       attrs={"actor": body.id, "speaker": who.id}))

    def _antecedent(self, tok: Token) -> list[str]:
        for i in range(tok.i - 1, max(-1, tok.i - 60), -1):
            m = self.layer.by_token.get(i)
            if m is not None:
                return [m.actor_id]
        return []

    # --------------------------------------------------------------- blocks
    def _find_blocks(self) -> None:
        sents = self.sents
        current: Source | None = None
        list_mode = False
        for k, sent in enumerate(sents):
            text = sent.text.strip()
            is_item = bool(LIST_ITEM.match(text))
            new_para = k == 0 or self.para_of[k] != self.para_of[k - 1]
            if list_mode and new_para and not is_item:
                current, list_mode = None, False
            if current is not None:
                for t in sent:
                    self.block_of[t.i] = current
            if text.endswith(":"):
                cue = next(iter(self.cues_of.get(sent.start, ())), None)
                if cue is not None and cue.source.origin.kind != "self":
                    current = cue.source
                    nxt = sents[k + 1].text.strip() if k + 1 < len(sents) else ""
                    list_mode = bool(LIST_ITEM.match(nxt))

    def _find_speech_tags(self) -> None:
        """'“...,” X told the Tower.' when the parser splits it in two: the quotation
        (back to its opening mark, within the paragraph) is X's."""
        for k in range(len(self.sents) - 1):
            if not self.sents[k].text.rstrip().endswith(CLOSING):
                continue
            nxt = self.sents[k + 1]
            if self.para_of[k + 1] != self.para_of[k]:
                continue
            cue = next((c for c in self.cues_of.get(nxt.start, ()) if c.carries
                        and c.source.origin.kind != "self"), None)
            if cue is None or children(cue.token, "ccomp", "xcomp"):
                continue  # no tag, or a tag with its own content
            j = k
            while j > 0 and not any(q in self.sents[j].text for q in OPENING) and \
                    self.para_of[j - 1] == self.para_of[k]:
                j -= 1
            for i in range(j, k + 1):
                self.tag_of[i] = cue.source

    # ------------------------------------------------------------- resolving
    def attribute(self, trigger: Token, subject: str, hearsay: bool) -> tuple[list[str], OriginRec]:
        """(chain, origin) for a relation read at ``trigger``."""
        speaker, outer = self._speaker(trigger, subject, hearsay)
        chain = [self.outlet]
        if speaker is None:
            return chain, self.outlet_source.origin
        if outer is not None and outer.origin.key != speaker.origin.key:
            chain.append(outer.label)
        for via in speaker.via:
            if via not in chain:
                chain.append(via)
        origin = self._anchor(speaker.origin, outer)
        chain.append(origin.label)
        return chain, origin

    def _speaker(self, trigger: Token, subject: str | None,
                 hearsay: bool) -> tuple[Source | None, Source | None]:
        """(who says what is at ``trigger``, the block around it); no speaker means the
        outlet's own voice. A cue whose speaker is the subject itself needs ``subject``."""
        sent = trigger.sent
        k = self.sent_of[sent.start]
        outer = self.block_of.get(trigger.i)
        in_sent = [c for c in self.cues_of.get(sent.start, ()) if c.token.i != trigger.i]
        own = sorted((c for c in in_sent if trigger.i in c.scope), key=lambda c: len(c.scope))
        if not own:  # a misparsed quote: "“...,” X told the Tower."
            own = [c for c in in_sent if c.carries and trigger.i not in
                   range(c.token.left_edge.i, c.token.i)]
        speaker: Source | None = None
        if not own and k in self.tag_of:
            speaker = self.tag_of[k]
        if own:
            cue = own[0]
            if cue.source.origin.kind != "self":
                speaker = cue.source
            elif subject is not None:
                speaker = self._self_source(subject)
        if hearsay and (speaker is None or trigger.dep_ == "relcl"):
            speaker = self._unattributed()
        if speaker is None:
            speaker = self._carried(k)
        if speaker is None:
            speaker = outer
        return speaker, outer

    def voice(self, tok: Token) -> str | None:
        """The actor who says "we" or "I" at ``tok``: a quoted speaker, or outside any
        quotation the publisher when the gazetteer knows it ("UK Government" -> the UK)."""
        speaker, _ = self._speaker(tok, None, False)
        if speaker is not None:
            return speaker.origin.attrs.get("actor")
        return self.publisher

    def _carried(self, k: int) -> Source | None:
        """The last 'said that' speaker before sentence k in the same paragraph."""
        sents = self.sents
        for j in range(k - 1, -1, -1):
            if self.para_of[j] != self.para_of[k]:
                return None
            for cue in self.cues_of.get(sents[j].start, ()):
                if cue.carries and cue.source.origin.kind not in ("self",):
                    return cue.source
        return None

    def _self_source(self, subject: str) -> Source:
        actor = self.o.index.actors[subject]
        return Source(actor.name, OriginRec(key=f"actor:{actor.id}", kind="actor",
                                            label=actor.name, attrs={"actor": actor.id}))

    def _unattributed(self) -> Source:
        return Source("unattributed report", OriginRec(
            key=f"unattributed:{self.article.id}", kind="unattributed",
            label=f"unattributed report in {self.outlet}",
            attrs={"document": self.article.id, "reporter_origin": self.outlet_source.origin.key}))

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
             if w not in ("the", "a", "an", "some", "several", "strip", "senior")]
    words = [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words]
    return " ".join(words)

