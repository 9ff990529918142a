"""Bodies described rather than named: "a press-freedom group", "the U.N. tribunal for
Rwanda", "an alliance of opposition parties".

A definite phrase made of words of a body's name refers back to it ("the squadron"
after "the 134th Expeditionary Fighter Squadron"). Otherwise a noun phrase whose head
is a body noun (the lexicon's ``body_nouns``, each with the
actor type it makes) is an actor of its own when the phrase picks one body out:

- indefinite ("a", "an") with words that describe it ("a press-freedom group"), or
- definite with a named actor or a complement inside it ("the U.N. tribunal for
  Rwanda", "the committee of elders"), or owned by a named actor ("the African
  Union's peace and security council"); a bare "the group" refers back to a named
  actor instead (extract/actors.py).

The body is typed by its head noun and attached under a named actor that the phrase
gives as its owner (the UN of "the U.N. tribunal"). It has no name, so it is kept per
document: its id carries the article's, and two articles' "a rights group" are two
actors. A name given in apposition ("a press-freedom group, Reporters Without
Borders,") makes it that named actor, and the phrase is left to the name.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from claimgraph.extract.actors import ActorFinder
from claimgraph.extract.index import slug
from claimgraph.extract.layer import ActorLayer, ActorMention
from claimgraph.extract.vocab import POSSESSIVE, WORDS
from claimgraph.records import ActorInfo

BODY_NOUNS = {str(k): str(v) for k, v in WORDS["body_nouns"].items()}
INDEFINITE = {"a", "an", "another"}
DEFINITE = {"the", "this", "that"}
DESCRIBING = {"amod", "compound", "nmod", "npadvmod"}


class BodyFinder:
    def __init__(self, finder: ActorFinder) -> None:
        self.finder = finder
        self.index = finder.index

    def find(self, doc: Doc, layer: ActorLayer, doc_key: str) -> None:
        self._by_head(doc, layer)
        for tok in doc:
            kind = BODY_NOUNS.get(tok.lemma_.lower())
            if kind is None or tok.i in layer.by_token or not (
                    tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.is_lower)):
                continue
            if self._named_after(doc, layer, tok, kind):
                continue
            if any(c.dep_ == "appos" and layer.at(c) is not None for c in tok.children) or \
                    (tok.dep_ == "appos" and layer.at(tok.head) is not None):
                continue  # named in apposition: the name's
            subject = self._copula_subject(tok, layer)
            if subject is not None:  # "Alsumaria News is an Iraqi TV network": the same
                start, _ = self._extent(doc, tok, layer)
                if start is not None:
                    for m in layer.within(start + 1, tok.i + 1):
                        if m.kind in ("demonym", "capital"):  # "an Iraqi TV network"
                            layer.remove(m)
                    layer.add(ActorMention(start + 1, tok.i + 1, subject, "description"))
                continue
            start, end = self._extent(doc, tok, layer)
            if start is None:
                self._owned(doc, layer, tok, doc_key, kind)
                continue
            owners = [m for m in layer.within(start, end)
                      if self.index.actors[m.actor_id].type != "person"]
            det = doc[start]
            mods = [c for c in tok.children if c.dep_ in DESCRIBING and c.i < tok.i]
            if det.lower_ in INDEFINITE:
                if not mods and end == tok.i + 1:
                    continue  # "a group" says nothing of which
            elif not owners and end == tok.i + 1:
                continue  # "the group", "the hardline group": an anaphor
            words = doc[start + 1:end]
            name = words.text
            parents = sorted({m.actor_id for m in owners if m.start < tok.i})
            actor = ActorInfo(id=f"described:{slug(words.text)}@{doc_key}", name=name or tok.text,
                              type=kind, aliases=set(), parents=parents[:1], kind="described")
            actor_id = self.finder.new_actor(layer, actor)
            for m in owners:
                if m.start > tok.i:
                    continue  # "the tribunal for Rwanda": Rwanda keeps its mention
                layer.remove(m)
            layer.add(ActorMention(start + 1, tok.i + 1, actor_id, "description"))

    def _named_after(self, doc: Doc, layer: ActorLayer, tok: Token, kind: str) -> bool:
        """A name right after the body noun that the model did not read as one: "the
        German company Zublin", "the militant group Hurras al-Din"."""
        end = tok.i + 1
        guess = layer.by_token.get(end)
        if guess is not None and guess.start == end and (
                guess.kind != "ner" or self.index.actors[guess.actor_id].source != "text"):
            if guess.kind not in ("name", "alias", "ner"):
                return False
            start, _ = self._extent(doc, tok, layer)  # "the Iraqi militia Kataib Hezbollah"
            first = start + 1 if start is not None else tok.i
            for m in layer.within(first, tok.i + 1):
                if m.kind in ("demonym", "capital"):
                    layer.remove(m)
            layer.add(ActorMention(first, tok.i + 1, guess.actor_id, "description"))
            return True
        if guess is not None and guess.kind == "ner" and guess.start == end:
            layer.remove(guess)  # the model's guess at the name ("a person"): a body's
        while end < len(doc) and end - tok.i <= 4 and end not in layer.by_token and (
                (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()) or
                (doc[end].lower_ in ("al", "-", "el") and end > tok.i + 1)):
            end += 1
        if end == tok.i + 1 or doc[end - 1].lower_ in ("al", "-", "el") or (
                end < len(doc) and doc[end].pos_ == "PROPN"):
            return False
        name = doc[tok.i + 1:end].text
        if self.index.gazetteer.place(name) is not None:
            return False  # "the group Raqqa" is no name of a body
        known = self.index.lookup(name)
        if known is None or self.index.actors[known].type == "person":
            known = self.finder.new_actor(layer, ActorInfo(
                id=f"org:{slug(name)}", name=name, type=kind, aliases={name}))
        actor_id = known
        layer.add(ActorMention(tok.i + 1, end, actor_id, "name"))
        return True

    def _copula_subject(self, tok: Token, layer: ActorLayer) -> str | None:
        """The named body that a phrase after "is" describes ("X is a militant group")."""
        if tok.dep_ != "attr" or tok.head.lemma_ != "be":
            return None
        for c in tok.head.children:
            m = layer.at(c) if c.dep_ in ("nsubj", "nsubjpass") else None
            if m is not None and self.index.actors[m.actor_id].type != "person" and \
                    m.kind != "pronoun":
                return m.actor_id
        return None

    def _owned(self, doc: Doc, layer: ActorLayer, tok: Token, doc_key: str,
               kind: str) -> None:
        """A body a named actor owns: "the African Union's peace and security council",
        "the UN's human rights office": under the owner, kept per document."""
        poss = [c for c in tok.children if c.dep_ == "poss"]
        owner = layer.at(poss[0]) if poss else None
        if owner is None or self.index.actors[owner.actor_id].type == "person" or \
                owner.kind == "pronoun":
            return
        first = next((t.i for t in doc[owner.end:tok.i] if t.text not in POSSESSIVE),
                     tok.i)
        if any(i in layer.by_token for i in range(first, tok.i + 1)):
            return
        parent = self.index.actors[owner.actor_id]
        words = doc[first:tok.i + 1].text
        actor = ActorInfo(id=f"described:{slug(parent.name + ' ' + words)}@{doc_key}",
                          name=f"{parent.name} {words}", type=kind, aliases=set(),
                          parents=[parent.id], kind="described",
                          country=parent.country)
        layer.add(ActorMention(first, tok.i + 1, self.finder.new_actor(layer, actor),
                               "description"))

    def _by_head(self, doc: Doc, layer: ActorLayer) -> None:
        """A definite phrase whose words are all in the name of a body named before it
        refers to that body: "the squadron", "this expeditionary fighter squadron" after
        "the 134th Expeditionary Fighter Squadron", "the task force" after "Task Force
        50", "the command" after "U.S. Central Command"."""
        named = sorted((m for m in layer.mentions if m.kind in ("name", "ner", "alias") and
                        self.index.actors[m.actor_id].type != "person"), key=lambda x: x.start)
        if not named:
            return
        starts = [m.start for m in named]
        for tok in doc:
            if tok.pos_ != "NOUN" or tok.i in layer.by_token or tok.tag_ in ("NNS", "NNPS"):
                continue
            dets = [c for c in tok.children if c.dep_ == "det" and c.lower_ in DEFINITE]
            if not dets:
                continue
            start = min(d.i for d in dets)
            words = [t for t in doc[start + 1:tok.i + 1]]
            if any(t.i in layer.by_token or not t.is_alpha for t in words):
                continue
            wanted = {t.lower_ for t in words}
            found = None  # the nearest first, among the 400 tokens before
            window = named[bisect_left(starts, tok.i - 400):bisect_left(starts, tok.i)]
            for m in reversed(window):
                if wanted <= {w.lower() for w in doc[m.start:m.end].text.split()}:
                    found = m.actor_id
                    break
            if found is not None:
                layer.add(ActorMention(start, tok.i + 1, found, "description"))

    @staticmethod
    def _extent(doc: Doc, tok: Token, layer: ActorLayer) -> tuple[int | None, int]:
        """Where the phrase starts (at its article) and ends (after an of/for
        complement of up to six words)."""
        dets = [c for c in tok.children if c.dep_ == "det" and c.i < tok.i]
        if not dets or dets[0].lower_ not in INDEFINITE | {"the"}:
            return None, tok.i + 1
        end = tok.i + 1
        preps = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                 and c.i == tok.i + 1]
        if preps and preps[0].right_edge.i - tok.i <= 6:
            end = preps[0].right_edge.i + 1
        return dets[0].i, end
