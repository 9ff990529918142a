"""Offices as names of people: "Foreign Office Minister Tobias Ellwood", "Joseph Votel,
commander of U.S. Central Command", and later in the text "the Minister".

A role phrase is an office word (``titles.role`` in the ontology) with its modifiers
and an "of"/"for" complement. Next to a person's name (before it, or in apposition)
it is another mention of that person, and the office is remembered; a role phrase
standing alone refers to the last person who held a compatible office in the text
("The Minister" after "Foreign Office Minister Tobias Ellwood"). One that nobody held
yet becomes an actor of its own when it is anchored to an organisation or a state
("the Iraqi Foreign Minister", "the President of Syria"), never when it is bare.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimgraph.extract.actors import ActorFinder
from claimgraph.extract.index import slug
from claimgraph.extract.layer import ActorLayer, ActorMention
from claimgraph.extract.vocab import PERSON_TITLES
from claimgraph.records import ActorInfo

# ranks written before a name: "..., Lt. Gen. Stephen J. Townsend"
RANKS = PERSON_TITLES | {"brig", "adm", "admiral", "cmdr", "lieutenant", "sergeant", "staff",
                         "pvt", "cpl", "army", "air", "force", "navy", "marine", "rear", "vice"}
FUNCTION = {"the", "a", "an", "this", "that", "his", "her", "its", "their", "our", "of",
            "for", "former", "then", "current", "acting", "new"}

NAME_PARTICLES = {"al", "al-", "el", "el-", "-", "bin", "ibn", "abu", "abd", "bint"}


@dataclass
class Office:
    title: str  # the office word, lower case
    words: frozenset[str]  # the phrase's content words, lower case
    person: str


class RoleFinder:
    def __init__(self, finder: ActorFinder, roles: list[str]) -> None:
        self.finder = finder
        self.index = finder.index
        self.roles = {r.lower() for r in roles}

    def find(self, doc: Doc, layer: ActorLayer, publisher: str | None = None) -> None:
        """``publisher``: the actor that publishes the text; a capitalised office that no
        one holds in the text is that state's when the publisher is a state."""
        home = publisher if publisher and self.index.actors[publisher].type == "state" \
            else None
        self._titled_names(doc, layer)
        offices: list[Office] = []
        for tok in doc:
            offices += self._named_offices(doc, layer, tok)
            if not self._is_office(tok, layer):
                continue
            start, end = self._extent(doc, tok, layer)
            words = frozenset(t.lower_ for t in doc[start:end]
                              if t.is_alpha and t.lower_ not in FUNCTION)
            person = self._holder(doc, layer, start, end) or self._copula(tok, layer)
            if person is not None:
                offices.append(Office(tok.lower_, words, person))
                self._mention(doc, layer, start, end, person)
                continue
            if not self._refers(doc, tok, start):
                continue
            known = [o for o in offices if o.title == tok.lower_ and
                     (words <= o.words or o.words <= words)]
            if known:
                self._mention(doc, layer, start, end, known[-1].person)
                continue
            anchor = self._anchor(doc, layer, start, end)
            if anchor is not None:
                person = self._office_actor(doc, layer, start, end, anchor)
            elif home is not None and tok.text[:1].isupper():
                person = self._office_actor(doc, layer, start, end, home, home_office=True)
            else:
                continue
            offices.append(Office(tok.lower_, words, person))
            self._mention(doc, layer, start, end, person)

    def _titled_names(self, doc: Doc, layer: ActorLayer) -> None:
        """A name right after a capitalised title or rank that the model did not read as
        a name ("Major General Hassan"): a person. The name is one to three capitalised
        words that end the noun phrase and are no body's ("General Task Force" is not)."""
        for tok in doc[:-1]:
            if not tok.text[:1].isupper() or tok.i in layer.by_token or \
                    tok.lower_.rstrip(".") not in self.roles | RANKS:
                continue
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 3 and end not in layer.by_token and \
                    doc[end].pos_ == "PROPN" and doc[end].is_title and \
                    doc[end].lower_ not in self.roles | RANKS | self.finder.unit_nouns and \
                    doc[end].lower_ not in self.index.gazetteer.agents:
                end += 1
            if end == tok.i + 1 or end - tok.i > 3 or (end < len(doc) and (
                    end in layer.by_token or doc[end].pos_ in ("PROPN", "NOUN"))):
                continue
            name = doc[tok.i + 1:end].text
            actor_id = self.finder.new_actor(layer, ActorInfo(
                id=f"person:{slug(name)}", name=name, type="person", aliases={name}))
            layer.add(ActorMention(tok.i + 1, end, actor_id, "name"))

    def _named_offices(self, doc: Doc, layer: ActorLayer, tok: Token) -> list[Office]:
        """Offices inside a person's own name as the gazetteer holds it ("Defense
        Secretary Ash Carter"), so that a later "the secretary" is that person."""
        m = layer.by_token.get(tok.i)
        if m is None or m.start != tok.i or m.kind == "role" or \
                self.index.actors[m.actor_id].type != "person":
            return []
        out = []
        for t in doc[m.start:m.end]:
            if t.lower_ in self.roles:
                words = frozenset(w.lower_ for w in doc[m.start:t.i + 1]
                                  if w.is_alpha and w.lower_ not in FUNCTION)
                out.append(Office(t.lower_, words, m.actor_id))
        return out

    # ----------------------------------------------------------------- phrase
    def _is_office(self, tok: Token, layer: ActorLayer) -> bool:
        if tok.lower_ not in self.roles or tok.tag_ in ("NNS", "NNPS"):
            return False
        m = layer.by_token.get(tok.i)
        if m is not None:
            return False
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        # "Prime Minister": the phrase ends at its last office word
        return nxt is None or nxt.lower_ not in self.roles or nxt.tag_ in ("NNS", "NNPS")

    def _extent(self, doc: Doc, tok: Token, layer: ActorLayer) -> tuple[int, int]:
        start = tok.i
        while start > 0 and tok.i - start < 6:
            prev = doc[start - 1]
            if prev.text in (",", ";", ":", "(", ")") or prev.is_space:
                break
            m = layer.by_token.get(prev.i)
            if m is not None and self.index.actors[m.actor_id].type == "person":
                break
            if not prev.i < prev.head.i <= tok.i:
                break  # only words that lean on the phrase
            start -= 1
        end = tok.i + 1
        if end < len(doc) and doc[end].lower_ in ("of", "for") and doc[end].head.i == tok.i:
            last = doc[end].right_edge.i
            j = end + 1
            while j <= last and j - end <= 8 and doc[j].text not in (",", ";", ":") \
                    and not self._person_at(layer, j):
                j += 1
            if j > end + 1:
                end = j
        return start, end

    def _person_at(self, layer: ActorLayer, i: int) -> bool:
        m = layer.by_token.get(i)
        return m is not None and m.kind != "role" and \
            self.index.actors[m.actor_id].type == "person"

    def _holder(self, doc: Doc, layer: ActorLayer, start: int, end: int) -> str | None:
        """The person the phrase is attached to: "<role> <name>", "<role>, <name>",
        "<name>, <role>"."""
        comma = end < len(doc) and doc[end].text == ","
        i = end + 1 if comma else end
        while i < len(doc) and i - end < 6 and (doc[i].lower_.rstrip(".") in RANKS or
                                                 doc[i].text == "." or invisible(doc[i]) or
                                                 (comma and self._descriptor(doc, layer, i))):
            i += 1  # "..., Lt. Gen. Stephen J. Townsend", "..., Jordanian-born militant X"
        if comma:  # "..., Ibrahim al- Jaafari": name words the gazetteer match left out
            j = i
            while j < len(doc) and j - i < 3 and j not in layer.by_token and (
                    doc[j].is_title or doc[j].lower_ in NAME_PARTICLES):
                j += 1
            if j > i and self._person_at(layer, j) and layer.by_token[j].start == j:
                i = j
        m = layer.by_token.get(i) if i < len(doc) else None
        if m is not None and m.start == i and self._person_at(layer, i):
            return m.actor_id
        if start >= 2 and doc[start - 1].text == ",":
            m = layer.by_token.get(start - 2)
            if m is not None and self._person_at(layer, start - 2):
                return m.actor_id
        return None

    def _descriptor(self, doc: Doc, layer: ActorLayer, i: int) -> bool:
        """A word of a short description before a name: lower case, a hyphen, or a
        nationality ("Jordanian-born militant")."""
        m = layer.by_token.get(i)
        if m is not None:
            return m.kind == "demonym"
        return doc[i].text == "-" or (doc[i].is_alpha and doc[i].is_lower) or \
            doc[i].lower_ in self.index.nationality

    def _copula(self, tok: Token, layer: ActorLayer) -> str | None:
        """"X is the minister", "X, who later became the President", "His chief of
        staff is X", "Y appointed X the commander"."""
        verb = tok.head
        if tok.dep_ in ("attr", "oprd"):
            # "Y appointed X the commander": the object holds it, not the one who appoints
            deps = ("dobj", "nsubjpass") if tok.dep_ == "oprd" else ("nsubj", "nsubjpass", "dobj")
            holders = [c for c in verb.children if c.dep_ in deps and c.i != tok.i]
            who = next((c for c in holders if c.lower_ in ("who", "that")), None)
            if who is not None:  # the relative clause's head, or the name just before
                holders = [verb.head] if verb.dep_ == "relcl" else [
                    t for t in reversed(tok.doc[max(0, who.i - 5):who.i])
                    if not (t.is_punct or t.like_num)][:1]
        elif tok.dep_ == "nsubj" and verb.lemma_ == "be":
            holders = [c for c in verb.children if c.dep_ == "attr"]
        else:
            return None
        for h in holders:
            m = layer.by_token.get(h.i)
            if m is not None and self._person_at(layer, h.i):
                return m.actor_id
        return None

    @staticmethod
    def _refers(doc: Doc, tok: Token, start: int) -> bool:
        """A definite or capitalised office that names someone ("the minister",
        "Minister for the Middle East"), not a generic one ("a minister")."""
        first = doc[start]
        if first.lower_ in ("a", "an", "any", "every", "each", "no"):
            return False
        return first.lower_ in ("the", "this", "his", "her", "its", "their") or \
            tok.text[:1].isupper()

    def _anchor(self, doc: Doc, layer: ActorLayer, start: int, end: int) -> str | None:
        for i in range(start, end):
            m = layer.by_token.get(i)
            if m is not None and self.index.actors[m.actor_id].type != "person":
                return m.actor_id
        return None

    # ------------------------------------------------------------------ actors
    def _office_actor(self, doc: Doc, layer: ActorLayer, start: int, end: int,
                      anchor: str, home_office: bool = False) -> str:
        while start < end - 1 and doc[start].lower_ in ("the", "this"):
            start += 1
        name = doc[start:end].text  # "Minister for the Middle East" keeps its inner "the"
        if home_office:  # "The Foreign Secretary" in the UK Government's own text
            name = f"{name} of {self.index.actors[anchor].name}"
        actor = ActorInfo(id=f"role:{slug(name)}", name=name, type="person",
                          aliases={name}, parents=[anchor])
        return self.finder.new_actor(layer, actor)

    def _mention(self, doc: Doc, layer: ActorLayer, start: int, end: int, person: str) -> None:
        """The phrase's stretches that no other mention holds ("the CJTF-OIR
        spokesperson": "spokesperson"); each with a content word."""
        run: list[int] = []
        for i in [*range(start, end), -1]:
            if i >= 0 and i not in layer.by_token:
                run.append(i)
                continue
            content = [k for k in run if doc[k].is_alpha and doc[k].lower_ not in FUNCTION]
            if content:
                layer.add(ActorMention(content[0], content[-1] + 1, person, "role"))
            run = []


def invisible(tok: Token) -> bool:
    """A token of format characters only (a left-to-right mark: nlp/model.py)."""
    return not tok.text.strip("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff")

