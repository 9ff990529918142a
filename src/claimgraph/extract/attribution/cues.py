"""Cues in the text: a verb of saying in one of its frames (extract/attribution/
lexicon.py), a noun whose owner speaks ("X's claim that"), or a phrase naming a
source ("according to X"). Each cue has a speaker and a scope, the tokens it covers."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.extract.attribution.context import SELF, Context, Cue, Source
from claimgraph.extract.attribution.lexicon import VerbCue
from claimgraph.extract.attribution.quotes import MARKS
from claimgraph.extract.attribution.sources import Sources
from claimgraph.extract.syntax import children, is_passive, preps, speaker_phrase

CLAUSE_DEPS = ("ccomp", "parataxis")
TAG_DEPS = ("parataxis", "ccomp", "advcl", "conj", "ROOT")
TOPIC_PREPS = ("of", "about", "for", "over", "on")
LISTENER_DEPS = ("dobj", "dative", "iobj")
MEDIA = "media"


class Cues:
    def __init__(self, ctx: Context, sources: Sources) -> None:
        self.c = ctx
        self.src = sources
        self.found: list[Cue] = sources.heard  # what the sources look back on
        lex = ctx.o.cues
        for sent in ctx.sents:
            for tok in sent:
                lemma = tok.lemma_.lower()
                vc = lex.verbs.get(lemma)
                if vc is not None and tok.pos_ in ("VERB", "AUX") and lemma != "be":
                    self._verb(tok, sent, vc)
                elif tok.pos_ == "NOUN" and lemma in lex.nouns:
                    self._noun(tok)
                if tok.lower_ in lex.phrase_firsts:
                    self._phrase(tok, sent)

    # ------------------------------------------------------------------ verbs
    def _frame(self, tok: Token, vc: VerbCue, sent: Span) -> str | None:
        """The first frame of the verb's class that the parse shows, if any."""
        f = vc.frames
        if "as" in f and any(preps(tok, "as")):
            return "as"
        if "tell" in f and children(tok, *LISTENER_DEPS) and (
                children(tok, *CLAUSE_DEPS, "xcomp") or any(preps(tok, p) for p in TOPIC_PREPS)):
            return "tell"
        if "clause" in f and (children(tok, *CLAUSE_DEPS) or self._is_tag(tok)):
            return "clause"
        if "to" in f and children(tok, "xcomp"):
            return "to"
        if "quote" in f and (self._near_quote(tok, sent) or sent.text.rstrip().endswith(":")):
            return "quote"
        if "of" in f and any(preps(tok, p) for p in TOPIC_PREPS):
            return "of"
        if "object" in f and children(tok, "dobj"):
            return "object"
        if "record" in f and children(tok, "dobj") and self._document_speaks(tok):
            return "record"
        return None

    def _document_speaks(self, tok: Token) -> bool:
        speaker = self._speaker(tok)
        lemma = speaker.lemma_.lower() if speaker is not None else ""
        return lemma in self.c.o.doc_kinds or lemma in self.c.o.cues.nouns

    @staticmethod
    def _is_tag(tok: Token) -> bool:
        """"S, X said" / "S, said X": the verb follows the clause it tags, after a comma,
        with no content of its own."""
        if tok.dep_ not in TAG_DEPS or tok.dep_ == "ROOT" or \
                children(tok, "dobj", "ccomp", "xcomp", "attr"):
            return False
        head = tok.head
        return head.i < tok.i and any(t.text == "," for t in tok.doc[head.i:tok.i])

    def _near_quote(self, tok: Token, sent: Span) -> bool:
        """A quotation mark in the sentence, or closing the one before it."""
        if any(t.text in MARKS for t in sent):
            return True
        k = self.c.sentence(tok.i)
        return k > 0 and self.c.para_of[k - 1] == self.c.para_of[k] and \
            self.c.sents[k - 1].text.rstrip()[-1:] in MARKS

    def _verb(self, tok: Token, sent: Span, vc: VerbCue) -> None:
        frame = self._frame(tok, vc, sent)
        if frame is None:
            return
        speaker = self._speaker(tok)
        if speaker is None:
            return
        src = self.src.of(speaker, speaking=vc.any_noun)
        if src is None:
            return
        if frame == "as":  # "X quoted Y as saying S": Y, relayed by X
            src = self._quoted(tok, src) or src
        cited = self._cited(tok, src)
        if cited is not None:
            src = cited
        if frame == "tell":
            src = self._relay(tok, src)
        scope = self._scope(tok, speaker, sent)
        self.found.append(Cue(tok, src, scope, vc.carries))

    def _speaker(self, tok: Token) -> Token | None:
        if is_passive(tok):
            if any(preps(tok, "as")):  # "X was quoted as saying": X speaks
                subj = children(tok, "nsubjpass")
                return subj[0] if subj else None
            by = list(preps(tok, "by"))
            return by[0] if by else None
        subs = children(tok, "nsubj")
        if subs:
            return subs[0]
        if tok.dep_ == "conj" and tok.head.i != tok.i:  # "X said ... and added that"
            subs = children(tok.head, "nsubj")
            return subs[0] if subs else None
        return None

    def _scope(self, tok: Token, speaker: Token, sent: Span) -> set[int]:
        speaker_span = set(range(speaker.left_edge.i, speaker.right_edge.i + 1))
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        head_is_cue = tok.head.i != tok.i and tok.dep_ == "ccomp" and \
            tok.head.lemma_.lower() in self.c.o.cues.verbs
        if not head_is_cue and (tok.dep_ == "ROOT" or "as" in marks or self._is_tag(tok)
                                or (tok.dep_ == "advcl" and not marks)):
            return set(range(sent.start, sent.end)) - speaker_span - {tok.i}
        # "after X reported that ...", "Y told Reuters that X said S": the clause only
        return {t.i for t in tok.subtree} - speaker_span - {tok.i}

    def _quoted(self, tok: Token, by: Source) -> Source | None:
        """"X quoted Y as saying": Y speaks, relayed by X; "Y was quoted by X as
        saying": the same."""
        if is_passive(tok):
            names = [r.label if (r := self.src.of(b)) is not None else speaker_phrase(b)
                     for b in preps(tok, "by") if b.pos_ in ("PROPN", "NOUN")]
            return Source(by.label, by.origin, (names[0], *by.via)) if names else None
        for o in children(tok, "dobj"):
            src = self.src.of(o)
            if src is not None:
                return Source(src.label, src.origin, (*by.via, by.label, *src.via))
        return None

    def _cited(self, tok: Token, by: Source) -> Source | None:
        """"X, citing Y, said" / "X said, quoting Y": Y speaks, relayed by X."""
        relay = self.c.o.cues.relays
        # on the cue, or set off at the head of its content ("X said, citing Y, that S")
        near = [*tok.children, *(c for cc in children(tok, "ccomp") for c in cc.children
                                 if c.i < min([cc.i, *(s.i for s in children(cc, "nsubj"))]))]
        for c in near:
            if c.lemma_.lower() not in relay or c.dep_ not in ("advcl", "xcomp", "acl",
                                                               "conj", "prep", "dep"):
                continue
            for o in children(c, "dobj", "pobj"):
                src = self.src.of(o)
                if src is not None:
                    return Source(src.label, src.origin, (*by.via, by.label, *src.via))
        return None

    def _relay(self, tok: Token, src: Source) -> Source:
        """"X told Reuters that ...": the outlet told is a relay between us and X."""
        actors = self.c.o.index.actors
        for lis in children(tok, *LISTENER_DEPS):
            m = self.c.layer.at(lis)
            if m is None or actors[m.actor_id].type != MEDIA or m.actor_id == self.c.publisher:
                continue  # "told us", or the publisher itself: no relay
            name = actors[m.actor_id].name
            if name not in (self.c.outlet, *src.via):
                return Source(src.label, src.origin, (name, *src.via))
        return src

    # ------------------------------------------------------- nouns and phrases
    def _noun(self, tok: Token) -> None:
        """"promises to Cairo that ...", "confirmation of X from a leaked letter"."""
        src: Source | None = None
        for f in (*preps(tok, "from"), *preps(tok, "by")):
            src = src or self.src.of(f)
        for p in children(tok, "poss"):
            src = src or self.src.of(p)
        scope = {t.i for t in tok.subtree}
        if src is None:
            if not children(tok, "acl", "ccomp", "relcl"):
                return
            # an unnamed speaker: a self-serving denial rests on the one who denies
            src = Source("", SELF)
        self.found.append(Cue(tok, src, scope, carries=False))

    def _phrase(self, tok: Token, sent: Span) -> None:
        """"according to X", "per X", "in the words of X": X is the source."""
        doc, lex = self.c.doc, self.c.o.cues
        for n in range(min(lex.longest_phrase, sent.end - tok.i), 0, -1):
            words = tuple(t.lower_ for t in doc[tok.i:tok.i + n])
            if words not in lex.prepositions:
                continue
            last = doc[tok.i + n - 1]
            objs = children(last, "pobj") or [t for t in doc[last.i + 1:sent.end][:1]
                                              if t.pos_ in ("PROPN", "NOUN", "PRON")]
            src = self.src.of(objs[0]) if objs else None
            if src is None:  # "per cent", "according to plan"
                return
            self.found.append(Cue(tok, src, set(range(sent.start, sent.end)), carries=False))
            return
