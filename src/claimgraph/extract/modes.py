"""What an event is about: AID modes from what is given, and PLOVER contexts, from the
ontology's word lists matched as tokens (extract/words.py)."""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimgraph.extract.syntax import children, conjuncts, is_passive, preps
from claimgraph.extract.words import Phrases, PhraseTable
from claimgraph.lexicon import Trigger
from claimgraph.ontology import Ontology


class Modes:
    def __init__(self, ontology: Ontology) -> None:
        self.onto = ontology
        self.mode_words = PhraseTable(ontology.aid_modes)
        self.context_words = PhraseTable(ontology.contexts)
        self._phrase_cache: dict[tuple[str, ...], Phrases] = {}

    def phrases(self, words: tuple[str, ...]) -> Phrases:
        found = self._phrase_cache.get(words)
        if found is None:
            found = self._phrase_cache[words] = Phrases(words)
        return found

    def mode_of(self, t: Token) -> str | None:
        if t.ent_type_ == "MONEY" and "money" in self.onto.aid_modes:
            return "money"  # "$10 million"
        return self.mode_words.first_at(t)

    def theme_tokens(self, trig: Trigger, tok: Token) -> list[Token]:
        heads: list[Token] = []
        for slot in trig.theme:
            if slot == "dobj":
                heads += children(tok, "dobj", "nsubjpass") if is_passive(tok) else \
                    children(tok, "dobj")
            elif slot in ("compound", "amod"):
                heads += [c for c in children(tok, slot) if c.i < tok.i]
            elif slot.startswith("p:"):
                heads += list(preps(tok, slot[2:]))
        if tok.dep_ == "relcl":  # "the suitcases of cash that it has been receiving"
            heads.append(tok.head)
            if tok.head.dep_ == "pobj":
                heads.append(tok.head.head.head)
        for x in children(tok, "xcomp", "ccomp"):  # "helped the rebels move weapons"
            heads += children(x, "dobj")
        out: list[Token] = []
        for h in heads:
            for c in conjuncts(h):
                out.append(c)
                out += [m for m in c.children if m.dep_ in ("compound", "amod") and m.i < c.i]
                for inc in preps(c, "including"):
                    for d in conjuncts(inc):
                        out.append(d)
                        out += [m for m in d.children if m.dep_ in ("compound", "amod")]
                for of in preps(c, "of"):  # "tens of thousands of dollars worth of weapons"
                    out += [t for t in of.subtree if t.pos_ == "NOUN"]
            for p in children(h, "prep"):
                if p.lower_ in ("for", "and") and h.dep_ == "pobj":
                    out += [o for o in p.children if o.dep_ == "pobj"]
            for c in children(h, "conj"):
                if c.pos_ == "ADP":
                    out += [o for o in c.children if o.dep_ == "pobj"]
                    out += [oc for o in c.children if o.dep_ == "pobj" for oc in conjuncts(o)]
        return out

    def help_theme(self, trig: Trigger, tok: Token) -> bool:
        """What is given is help itself: "gave Hamas support", "offered assistance"."""
        for t in self.theme_tokens(trig, tok):
            if any(s.type == "AID" for s in self.onto.triggers.get((t.lemma_.lower(), "NOUN"), ())):
                return True
        return False

    def modes(self, trig: Trigger, tok: Token, obj_slot: str | None = None) -> list[str | None]:
        if trig.type != "AID":
            return [trig.mode]
        modes: list[str] = []
        if trig.mode:
            modes.append(trig.mode)
        # the people helped are not people given: "trained Houthi fighters" gives training
        # (what they are still tells how: "treating injured fighters" is medical)
        helped = {t.i for d in children(tok, "nsubjpass" if is_passive(tok) else "dobj")
                  for t in d.subtree} if obj_slot == "dobj" else set()
        for t in [tok, *self.theme_tokens(trig, tok)]:
            mode = self.mode_of(t)
            if mode == "fighters" and t.i in helped:
                continue
            if mode and mode not in modes and not (t.i == tok.i and trig.mode):
                if t.i == tok.i and trig.pos == "VERB" and mode == "logistics" and \
                        self.theme_tokens(trig, tok):
                    continue  # "smuggling weapons": the verb names how, the object what
                modes.append(mode)
        if "medical" in modes and "fighters" in modes:
            modes.remove("fighters")  # "hospitalization for wounded fighters"
        return list(modes) or [None]

    def contexts(self, sent: Span) -> set[str]:
        return self.context_words.in_span(sent)
