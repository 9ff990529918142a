"""Polarity and modality: negation and denial (with the denier where the text names
one), hedges and hearsay, and what a governing verb does to the act it governs (the
lexicon's complements: drop, hedge, deny)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from claimgraph.extract.attribution.lexicon import load_cues
from claimgraph.extract.layer import ActorLayer
from claimgraph.extract.syntax import event_modifier
from claimgraph.lexicon import Curated, Trigger
from claimgraph.ontology import Ontology

Subject = Callable[[Token, ActorLayer], list[str]]


class Polarity:
    def __init__(self, ontology: Ontology, lexicon: Curated, subject: Subject) -> None:
        self.onto = ontology
        self.lex = lexicon
        self.subject = subject  # who does what a verb says (the relation reader's)
        att = ontology.attribution
        self.hedges = set(att["hedges"])
        self.denial_verbs = load_cues().denials()
        self.hearsay = set(lexicon.words["hearsay"])

    def polarity(self, tok: Token, layer: ActorLayer, kind: str) -> tuple[str, str | None]:
        """``denied`` when the trigger (or the verb governing it) is negated, or is what
        a denial verb denies; the second value is the denier where the text names one."""
        chain = [tok]
        if tok.pos_ != "VERB":
            h = tok
            for _ in range(3):
                if h.head is h:
                    break
                h = h.head
                chain.append(h)
                if h.pos_ in ("VERB", "AUX"):
                    break
        elif event_modifier(tok):  # "denied training fighters": read as "training"'s noun
            chain += [tok.head, tok.head.head]
        else:
            # "is not engaged in the trade": negation on an auxiliary-like head verb
            if tok.dep_ in ("xcomp", "pcomp") and tok.head is not tok:
                chain.append(tok.head)
        for t in chain:
            if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in t.children):
                return "denied", None
        # "X accused Y of Z, a charge Y denied": Y denies Z, not that X accused
        for t in [*chain[1:], tok.head] if kind != "ACCUSE" else []:
            if t.i == tok.i:
                continue  # "rejected talks": the rejection is the event, not its denial
            if t.lemma_.lower() in self.denial_verbs and t.pos_ == "VERB":
                who = self.subject(t, layer)
                return "denied", (who[0] if who else None)
        return "asserted", None

    def intent(self, tok: Token, trig: Trigger) -> str | None:
        """What a governing verb does to the act ``tok`` names, from the lexicon's
        complements: "drop" ("threatened to attack X", "threatened sanctions": the
        threat is the claim), "hedge" ("plans an offensive against X", "agreed to
        withdraw"), "deny" ("refused to meet X"). A threat governs no threat."""
        if trig.type == "THREATEN":
            return None
        cur = tok
        for _ in range(3):
            if cur.dep_ not in ("xcomp", "dobj", "pobj", "prep") or cur.head.i == cur.i:
                return None
            cur = cur.head
            if cur.pos_ == "VERB":
                return self.lex.complements.get(cur.lemma_.lower())
        return None

    def hedged(self, tok: Token) -> tuple[bool, bool]:
        scope = [tok, *list(tok.ancestors)[:3]]
        words = {c.lower_ for t in scope for c in t.children if c.dep_ in ("advmod", "amod")}
        hearsay = bool(words & self.hearsay) or any(c.lower_ in self.hearsay for c in tok.children)
        return bool(words & self.hedges), hearsay
