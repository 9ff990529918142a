"""Frames: a verb (or an event noun) looked up in the compiled verb dictionary, coded by
its longest matching pattern, else by the verb's own code, else by its block's.

A pattern is read against the dependency parse, never against the string: a noun
element matches a token of the verb's own phrase (not of a clause inside it) by its
form or lemma; a phrase ``{A B}`` needs its head with the other words in the head's
subtree; a prepositional element ``(PREP NOUN)`` needs that preposition on the verb or
on its object, with the noun under it; pre-verb elements are read in the subject. The
frame says which slot the pattern puts the target in (``(TO +)`` is ``p:to``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from claimgraph.lexicon import Trigger, VerbLexicon

# clauses inside the verb's phrase that are events of their own
NESTED = {"relcl", "advcl", "ccomp", "xcomp", "acl", "csubj", "parataxis"}
# where a frame looks for its target when the pattern names no slot (a route or a
# destination, "to"/"from"/"into", only where the pattern names it: "(TO)")
TARGET_SLOTS = ("object", "dative", "p:with", "p:against", "p:on", "p:at", "p:to", "comp",
                "p:from", "dobj_deep")
BARE_SLOTS = ("object", "dative", "comp", "dobj_deep")
KEY = "claimgraph.frames"


@dataclass(frozen=True)
class Frame:
    code: str
    lemma: str
    block: str
    target: str | None  # the slot the pattern names for the target
    reverse: bool  # the code is the target's act on the source ("[:173]")
    score: int  # words the pattern matched (0: the verb's or block's own code)
    also: str | None = None  # "[042:043]": the target's act on the source, coded too


class FrameCoder:
    def __init__(self, lexicon: VerbLexicon, nominal: dict[str, str] | None = None) -> None:
        self.lex = lexicon
        self.nominal = nominal or {}
        # the words each pattern needs in the verb's phrase, to pass over it quickly
        self.needs: dict[int, frozenset[str]] = {}
        for block in lexicon.blocks.values():
            for p in block["patterns"]:
                self.needs[id(p)] = frozenset(
                    w for el in (*p.get("pre", ()), *p.get("post", ())) for w in _needed(el))
        # synset -> {last word: [full phrases]}
        self.synsets: dict[str, dict[str, list[list[str]]]] = {}
        for label, members in lexicon.synsets.items():
            table: dict[str, list[list[str]]] = {}
            for m in members:
                words = m.split()
                table.setdefault(words[-1], []).append(words)
            self.synsets[label] = table

    # ------------------------------------------------------------- lookup
    def frame(self, tok: Token, multi_word: bool = False) -> Frame | None:
        """The frame of a verb, or of an event noun through the verb it names (only
        a verb with a particle, "turn down", with ``multi_word``). Read once a token:
        the frames are kept on the document (``doc.user_data``), as the rules ask for
        a token's frame more than once."""
        kept: dict[tuple[int, bool], Frame | None] = tok.doc.user_data.setdefault(
            f"{KEY}:{id(self)}", {})  # one coder's frames: another lexicon codes otherwise
        key = (tok.i, multi_word)
        if key not in kept:
            kept[key] = self._frame(tok, multi_word)
        return kept[key]

    def _frame(self, tok: Token, multi_word: bool) -> Frame | None:
        if tok.pos_ == "VERB":
            lemma = tok.lemma_.lower()
            lemma = lemma if lemma in self.lex.verbs else self.lex.forms.get(tok.lower_, lemma)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in self.nominal:
            lemma = self.nominal[tok.lemma_.lower()]
        else:
            return None
        best: Frame | None = None
        for entry in self.lex.verbs.get(lemma, ()):
            if (multi_word and not self._has_particle(entry, tok)) or \
                    not self._words_present(entry, tok):
                continue
            found = self._code(entry, tok, lemma)
            if found is not None and (best is None or found.score > best.score):
                best = found
        return best

    def trigger(self, frame: Frame, pos: str, transitive: bool = True) -> Trigger | None:
        """A trigger for the relation reader, where the frame's code is an event;
        ``transitive``: the verb has a direct object."""
        meaning = self.lex.codes.get(frame.code, {})
        kind = meaning.get("type")
        if kind is None:
            return None
        # a verb coded by its own or its block's code takes its target as its object
        # ("X took Y"); a prepositional target needs a pattern that says so, or a verb
        # with no object ("X departed from Y", "X acted against Y")
        found: tuple[str, ...] = TARGET_SLOTS if frame.score > 0 else BARE_SLOTS
        if frame.score == 0 and not transitive:
            # a counterpart, not a destination ("went to X" needs a pattern), and only a
            # phrase that names an actor itself
            found = tuple("q:" + s[2:] if s.startswith("p:") else s for s in TARGET_SLOTS
                          if s not in ("p:to", "p:from"))
        slots = ((frame.target,) if frame.target and frame.target != "pre" else ()) + \
            tuple(s for s in found if s != frame.target)
        subj = ("nsubj", "agent", "clause") if pos == "VERB" else \
            ("poss", "compound", "amod", "p:by", "clause")
        back = self.lex.codes.get(frame.also or "", {})
        reciprocal = (back["type"], back.get("mode"), frame.also) \
            if frame.also and back.get("type") else None
        return Trigger(lemma=frame.lemma, pos=pos, type=kind, mode=meaning.get("mode"),
                       subj=subj, obj=slots, contexts=tuple(meaning.get("contexts", ())),
                       inverse=frame.reverse, guess=False, code=frame.code,
                       reciprocal=reciprocal, patterned=frame.score > 0)

    # ------------------------------------------------------------- matching
    @staticmethod
    def _has_particle(entry: dict[str, Any], tok: Token) -> bool:
        words = [w for k, w in enumerate(entry["words"]) if k != entry["head"]]
        prt = {c.lower_ for c in tok.children if c.dep_ == "prt"}
        return bool(words) and all(w in prt for w in words)

    def _words_present(self, entry: dict[str, Any], tok: Token) -> bool:
        """A multi-word verb's other words: a particle, preposition or compound on the
        verb, or the words next to it ("cordon off", "wire tap")."""
        words: list[str] = entry["words"]
        if len(words) == 1:
            return True
        head = entry["head"]
        near = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "compound",
                                                             "advmod", "agent")}
        doc = tok.doc
        for k, w in enumerate(words):
            if k == head:
                continue
            j = tok.i + (k - head)
            if w not in near and not (0 <= j < len(doc) and doc[j].lower_ == w):
                return False
        return True

    def _code(self, entry: dict[str, Any], tok: Token, lemma: str) -> Frame | None:
        block = self.lex.blocks[entry["block"]]
        post = self._scope(tok)
        pre = [t for s in tok.children if s.dep_ in ("nsubj", "nsubjpass") for t in s.subtree]
        vocab = {w for t in post + pre for w in (t.lower_, t.lemma_.lower())}
        best: tuple[int, dict[str, Any]] | None = None
        for p in block["patterns"]:
            if not self.needs[id(p)] <= vocab:
                continue
            score = self._match(p, post, pre, vocab)
            if score > 0 and (best is None or score > best[0]):
                best = (score, p)
        if best is not None:
            p = best[1]
            code, reverse, also = p.get("code"), False, p.get("reverse")
            if code is None and also:
                code, reverse, also = also, True, None
            if code and code != "---":
                # "(TO)": a preposition with no noun is where the target stands
                bare = next((f"p:{e['prep']}" for e in p.get("post", ())
                             if "prep" in e and "noun" not in e), None)
                return Frame(code, lemma, entry["block"], p.get("target") or bare, reverse,
                             best[0], also)
            if code == "---":
                return None  # the pattern says this use is no event
        own = entry.get("code")
        code, also = (own, entry.get("reverse")) if own else (block["code"], block.get("reverse"))
        if not code or code == "---":
            return None
        return Frame(code, lemma, entry["block"], None, False, 0, also)

    @staticmethod
    def _scope(tok: Token) -> list[Token]:
        """The verb's own phrase after it: its subtree without nested clauses."""
        out: list[Token] = []
        stack = [c for c in tok.children if c.i > tok.i or c.dep_ in ("dobj", "prt", "prep")]
        while stack:
            t = stack.pop()
            if t.dep_ in NESTED or t.dep_ in ("nsubj", "nsubjpass"):
                continue
            out.append(t)
            stack.extend(t.children)
        return out

    def _match(self, p: dict[str, Any], post: list[Token], pre: list[Token],
               vocab: set[str]) -> int:
        score = 0
        for side, tokens in (("post", post), ("pre", pre)):
            for el in p.get(side, ()):
                got = self._element(el, tokens, vocab)
                if got == 0:
                    return 0
                score += got
        return score

    def _element(self, el: dict[str, Any], tokens: list[Token], vocab: set[str]) -> int:
        if "prep" in el:
            for t in tokens:
                if t.lower_ != el["prep"] or t.dep_ not in ("prep", "agent", "dative", "prt"):
                    continue
                if "noun" not in el:
                    return 1
                got = self._element(el["noun"], list(t.subtree)[1:], vocab)
                if got:
                    return got + 1
            return 0
        if "word" in el:
            w = el["word"]
            if w not in vocab:
                return 0
            return 1 if any(w in (t.lower_, t.lemma_.lower()) for t in tokens) else 0
        if "phrase" in el:
            return self._phrase(el["phrase"], tokens, vocab)
        table = self.synsets.get(el.get("synset", ""), {})
        for t in tokens:
            for words in table.get(t.lower_, []) + table.get(t.lemma_.lower(), []):
                got = self._phrase(words, [t], vocab, tokens)
                if got:
                    return got
        return 0

    def _phrase(self, words: list[str], heads: list[Token], vocab: set[str],
                scope: list[Token] | None = None) -> int:
        """``words``' last word on a token of ``heads``, the others in its subtree."""
        if words[-1] not in vocab and scope is None:
            return 0
        for t in heads:
            if words[-1] not in (t.lower_, t.lemma_.lower()):
                continue
            below = {w for x in t.subtree for w in (x.lower_, x.lemma_.lower())}
            if all(w in below for w in words[:-1]):
                return len(words)
        return 0


def _needed(el: dict[str, Any]) -> list[str]:
    """The words an element cannot match without (a synset's members vary)."""
    if "prep" in el:
        return [el["prep"], *(_needed(el["noun"]) if "noun" in el else [])]
    if "word" in el:
        return [el["word"]]
    if "phrase" in el:
        return list(el["phrase"])
    return []
