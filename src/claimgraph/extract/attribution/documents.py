"""Documents the article describes and quotes ("a leaked letter from X to Y", "a report
by a UN panel"): who wrote them, to whom, when, and who relayed them. A described
document is an origin of its own: what it says is the document's, by its author."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.attribution.context import Context, DocOrigin, Source
from claimgraph.extract.syntax import actors_at, children, preps
from claimgraph.records import OriginRec
from claimgraph.timeparse import normalise_date


class Documents:
    def __init__(self, ctx: Context) -> None:
        self.c = ctx
        self.found: dict[str, DocOrigin] = {}
        self._find()

    def _find(self) -> None:
        for tok in self.c.doc:
            kind = tok.lemma_.lower()
            if kind not in self.c.o.doc_kinds or tok.pos_ != "NOUN":
                continue
            info = self.found.get(kind)
            if info is None:
                info = DocOrigin(kind=kind, first=tok.i)
                if not self._is_description(tok):
                    continue
                self.found[kind] = info
            self._describe_document(info, tok)

    @staticmethod
    def _is_description(tok: Token) -> bool:
        """'a letter from X to Y', 'a leaked internal letter', 'the letter, written by X'."""
        rich = [c for c in tok.children if c.dep_ in ("prep", "acl", "amod", "relcl", "compound")]
        return bool(rich)

    def _describe_document(self, info: DocOrigin, tok: Token) -> None:
        layer = self.c.layer
        verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "through") \
            else None
        if verb is not None and verb.lemma_.lower() in self.c.o.cues.verbs and not info.author:
            for s in children(verb, "nsubj"):  # "X said in a report that ..."
                ids = actors_at(s, layer)
                if ids:
                    info.author = ids[0]
        for who in list(preps(tok, "from")) + list(preps(tok, "by")):
            ids = actors_at(who, layer)
            persons = [a for a in ids if self.c.o.index.actors[a].type == "person"]
            if persons and not info.author:
                info.author = persons[0]
            elif ids and not info.author and (who.i in self.c.layer.by_token or
                                              who.lemma_.lower() in self.c.o.author_bodies):
                info.author = ids[0]  # "a report by HRW", "by a UN panel of experts"
            elif not info.author_head and who.pos_ == "NOUN":
                info.author_head = who.lemma_.lower()
                if ids and not info.author:
                    info.author = None
        for to in preps(tok, "to"):
            ids = actors_at(to, layer) or [
                m.actor_id for t in to.subtree if (m := layer.by_token.get(t.i)) is not None
                and self.c.o.index.actors[m.actor_id].type == "person"]
            if ids and not info.recipient:
                info.recipient = ids[-1] if len(ids) > 1 and \
                    self.c.o.index.actors[ids[-1]].type == "person" else ids[0]
        # participles: "written by X", "leaked to Telegram", "translated by a monitor"
        for c in tok.children:
            if c.dep_ not in ("acl", "appos", "relcl"):
                continue
            verb = c if c.pos_ == "VERB" else None
            for v in [c, *[g for g in c.subtree if g.pos_ == "VERB"]]:
                verb = v
                self._document_verb(info, verb)
        # "The letter was leaked to a messaging app and ... translated by a monitor"
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
            ids = actors_at(by, self.c.layer)
            if lemma in ("write", "author", "send", "sign", "pen") and ids and not info.author:
                info.author = ids[0]
            elif lemma in ("translate", "report", "publish", "discover", "obtain", "reveal",
                           "leak") and ids:
                label = self.c.o.index.actors[ids[0]].name
                if label not in info.via:
                    info.via.append(label)
        for to in list(preps(verb, "to")) + list(preps(verb, "on")):
            ids = actors_at(to, self.c.layer) if to.head.lower_ == "to" else []
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
        actors = self.c.o.index.actors
        author = actors[info.author].name if info.author else None
        recipient = actors[info.recipient].name if info.recipient else None
        label = info.kind
        if author:
            label += f" of {author}"
        elif info.author_head:
            label += f" from a {info.author_head}"
        else:  # no author: the kind as described, "intelligence report"
            first = self.c.doc[info.first]
            label = " ".join([*(c.lower_ for c in first.children if c.i < first.i and
                                c.dep_ == "compound" and c.pos_ == "NOUN"), label])
        if recipient:
            label += f" to {recipient}"
        # One origin per described document per article; aggregation decides which
        # descriptions in different articles are one document (aggregate/origins.py).
        key = f"document:{self.c.article.id}:{info.kind}"
        attrs = {"kind": info.kind, "author": info.author, "recipient": info.recipient,
                 "author_head": info.author_head, "date": info.date, "channel": info.channel,
                 "via": info.via, "described_in": self.c.article.id}
        return OriginRec(key=key, kind="document", label=label, attrs=attrs)

    def source(self, info: DocOrigin) -> Source:
        origin = self.document_origin(info)
        return Source(origin.label, origin, tuple(info.via))
