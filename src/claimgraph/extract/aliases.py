"""How a text ties two names of one actor together: brackets ("Islamic State (ISIS)",
"the CFVC (Ceasefire Violations Committee)", a quoted translation in a gloss),
appositions ("the Syrian Arab Coalition, its Arab component"), "also known as", and the
descriptions that make a sub-unit of another actor ("Al-Qassam [Hamas' militia]"). A
mixin of the actor finder (extract/actors.py), whose index and helpers it reads."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.index import ActorIndex
from claimgraph.extract.layer import ActorLayer, ActorMention, PartOfFact
from claimgraph.extract.vocab import KNOWN_AS, POSSESSIVE
from claimgraph.records import unnamed


class NameLinks:
    index: ActorIndex
    unit_nouns: set[str]
    _alias: Callable[[ActorLayer, str, str], None]
    nearest_org: Callable[..., str | None]

    def _acronym_first(self, doc: Doc, layer: ActorLayer) -> None:
        """'the CFVC (Ceasefire Violations Committee)': an acronym defined by the name
        in brackets after it is that actor, as 'Ceasefire Violations Committee (CFVC)'."""
        for tok in doc[:-3]:
            close = doc[tok.i + 1:tok.i + 10]
            held = layer.by_token.get(tok.i)
            guessed = held is not None and held.kind == "ner" and held.end - held.start == 1
            if (held is not None and not guessed) or not tok.is_upper or \
                    not 2 <= len(tok.text) <= 6 or doc[tok.i + 1].text != "(":
                continue
            inner = layer.by_token.get(tok.i + 2)
            end = next((t.i for t in close if t.text == ")"), None)
            if inner is None or end is None or inner.start != tok.i + 2 or inner.end != end \
                    or doc[inner.start].text[:1].upper() != tok.text[:1]:
                continue
            if held is None:
                layer.add(ActorMention(tok.i, tok.i + 1, inner.actor_id, "alias"))
                self._alias(layer, inner.actor_id, tok.text)
            self._merge_guesses(doc, layer, tok.text, inner.actor_id)

    def _merge_guesses(self, doc: Doc, layer: ActorLayer, text: str, keep: str) -> None:
        """The model's guesses at a name the text has just defined ("NAVCENT" once
        "... Command's (NAVCENT)" says whose it is), here and later: the same actor."""
        guesses = {m.actor_id for m in layer.mentions if m.kind == "ner" and
                   doc[m.start:m.end].text == text and m.actor_id in layer.new_actors}
        for other in sorted(guesses - {keep}):
            self._merge(layer, keep=keep, drop=other)

    def _brackets_and_appositives(self, doc: Doc, layer: ActorLayer) -> None:
        """'Islamic State (ISIS)', 'Al-Qassam [Hamas' militia]', 'X, the group's affiliate'."""
        self._acronym_first(doc, layer)
        for m in layer.sorted():
            end = m.end + (m.end < len(doc) and doc[m.end].text in POSSESSIVE)
            if end < len(doc) and doc[end].text in ("(", "["):
                self._bracket(doc, layer, m, end)
        for tok in doc:
            if tok.dep_ != "appos":
                continue
            head_m = layer.by_token.get(tok.head.i)
            if head_m is None:
                self._named_apposition(doc, layer, tok.head, layer.by_token.get(tok.i))
                continue
            if tok.i in layer.by_token and layer.by_token[tok.i].actor_id == head_m.actor_id:
                continue
            desc = doc[tok.left_edge.i:tok.i + 1]
            if desc.start <= head_m.start:
                continue
            self._describe(doc, layer, head_m, desc)
            if tok.i not in layer.by_token:
                self._named_apposition(doc, layer, tok, head_m)

    def _bracket(self, doc: Doc, layer: ActorLayer, m: ActorMention, end: int) -> None:
        """What brackets after a name hold: another name of it ("(ISIS)", "(Arabic: ...,
        "Army of the Victorious Sect")": a quoted translation), or a description."""
        close = ")" if doc[end].text == "(" else "]"
        stop = next((t.i for t in doc[end + 1:end + 30] if t.text == close), None)
        if stop is None:
            return
        inner = doc[end + 1:stop]
        glossed = ":" in inner.text and any(t.is_quote for t in inner)
        if glossed:  # "(Arabic: ..., "Army of the Victorious Sect")": the quoted words
            quotes = [t.i for t in inner if t.is_quote]
            inner = doc[quotes[0] + 1:quotes[-1]] if len(quotes) > 1 else inner
        inner_m = {layer.by_token[t.i].actor_id for t in inner if t.i in layer.by_token}
        if len(inner_m) == 1 and (len(inner) <= 4 or glossed):
            other = next(iter(inner_m))
            if other != m.actor_id and other in layer.new_actors and \
                    self.index.actors[other].source == "text" and \
                    self.index.actors[other].type == self.index.actors[m.actor_id].type:
                self._merge(layer, keep=m.actor_id, drop=other)
                return
        if len(inner) > 12:
            return
        if not inner_m and inner.text.strip() and len(inner) <= 4 and \
                inner.text[:1].isupper() and ":" not in inner.text:  # "(Arabic: ...)"
            layer.add(ActorMention(inner.start, inner.end, m.actor_id, "alias"))
            self._alias(layer, m.actor_id, inner.text)
            self._merge_guesses(doc, layer, inner.text, m.actor_id)
        self._describe(doc, layer, m, inner)

    def _named_apposition(self, doc: Doc, layer: ActorLayer, noun: Token,
                          named: ActorMention | None) -> None:
        """A described noun phrase in apposition to a named body is that body: "the
        Syrian Arab Coalition, its Arab component", "its Arab component, the Syrian
        Arab Coalition"."""
        if named is None or noun.pos_ != "NOUN" or noun.i in layer.by_token or \
                self.index.actors[named.actor_id].type not in ("organization", "igo") or \
                unnamed(named.actor_id) or not any(
                    c.dep_ in ("det", "poss", "amod", "compound") for c in noun.children):
            return
        start = noun.i
        while start > noun.left_edge.i and start - 1 not in layer.by_token and \
                doc[start - 1].dep_ in ("amod", "compound", "nmod"):
            start -= 1
        layer.add(ActorMention(start, noun.i + 1, named.actor_id, "description"))

    def _known_as(self, doc: Doc, layer: ActorLayer) -> None:
        """'Abboud Qanbar (Arabic: ...), also known as Abu Haidar', 'the Brandbergen
        Mosque, officially the Islamic Association in Brandbergen': one actor."""
        for m in layer.sorted():
            i = m.end
            if i < len(doc) and doc[i].text == "(":
                close = next((t.i for t in doc[i + 1:i + 30] if t.text == ")"), None)
                i = close + 1 if close is not None else i
            j = known_as_at(doc, i)
            if j is None:
                continue
            other = layer.by_token.get(j)
            if other is None or other.start != j or other.actor_id == m.actor_id:
                continue
            mine, theirs = self.index.actors[m.actor_id], self.index.actors[other.actor_id]
            if mine.type != theirs.type:
                continue
            if theirs.source == "text" and other.actor_id in layer.new_actors:
                self._merge(layer, keep=m.actor_id, drop=other.actor_id)
            elif mine.source == "text" and m.actor_id in layer.new_actors:
                self._merge(layer, keep=other.actor_id, drop=m.actor_id)

    def _merge(self, layer: ActorLayer, keep: str, drop: str) -> None:
        """'Harbor Shield Movement (HSMV)': the bracketed name is the same actor."""
        for men in layer.mentions:
            if men.actor_id == drop:
                men.actor_id = keep
        dropped = self.index.remove(drop)
        layer.new_actors.pop(drop, None)
        for alias in dropped.aliases:
            self.index.add_alias(keep, alias)
        layer.new_actors.setdefault(keep, self.index.actors[keep])

    def _describe(self, doc: Doc, layer: ActorLayer, m: ActorMention, desc: Span) -> None:
        """A description of an actor ("the group's Egyptian affiliate", "Hamas' militia"):
        an alias, and a parent where it names a unit of something else."""
        units = [t for t in desc if t.lower_ in self.unit_nouns or
                 t.lemma_.lower() in self.unit_nouns]
        if not units or (desc[0].lower_ not in ("the", "a", "an") and \
                not (desc.start > 0 and doc[desc.start - 1].text in ("[", "("))):
            return
        unit = units[-1]
        marks = [t for t in desc if t.text in POSSESSIVE and t.i < unit.i]
        if not marks:
            return
        owner_tok = doc[marks[-1].i - 1]
        om = layer.by_token.get(owner_tok.i)
        if om is not None and om.kind != "description":
            parent_id: str | None = om.actor_id
        else:
            parent_id = self.nearest_org(doc, layer, m.start, exclude=m.actor_id)
        if parent_id is None or parent_id == m.actor_id:
            return
        if om is None or om.kind == "description":
            for x in layer.within(desc.start, marks[-1].i):
                layer.remove(x)
            layer.add(ActorMention(desc.start, marks[-1].i, parent_id, "description"))
        self._alias(layer, m.actor_id, desc.text)
        layer.part_of.append(PartOfFact(m.actor_id, parent_id, m.start, desc.end))
        actor = self.index.actors[m.actor_id]
        if parent_id not in actor.parents and actor.source != "gazetteer":
            actor.parents.append(parent_id)
            layer.new_actors.setdefault(actor.id, actor)


def known_as_at(doc: Doc, i: int) -> int | None:
    """Where the other name starts when "also known as", "called" ... follows token ``i``
    (after any commas): "X, also known as [the] Y"."""
    while i < len(doc) and doc[i].text == ",":
        i += 1
    words = [t.lower_ for t in doc[i:i + 3]]
    cue = next((n for n in (3, 2, 1) if " ".join(words[:n]) in KNOWN_AS), 0)
    if not cue:
        return None
    j = i + cue
    return j + 1 if j < len(doc) and doc[j].lower_ == "the" else j
