"""Small helpers over the dependency parse, shared by relations and attribution."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from claimgraph.extract.layer import ActorLayer
from claimgraph.records import TimeRec
from claimgraph.timeparse import resolve_time

RELATIVE = {"that", "which", "who", "whom"}
# nouns for others defined by their tie to the owner: "U.S. allies" are not the U.S.
RELATIONAL = {"ally", "partner", "proxy", "friend", "enemy", "rival", "foe", "backer",
              "opponent", "adversary", "neighbor", "neighbour", "patron", "client"}
# first person: the speaker of the quotation, or the publisher (extract/attribution.py)
FIRST_PERSON = {"we", "us", "our", "ours", "i", "me", "my"}
PRONOUNS = {
    "it": {"organization", "state", "igo", "media"},
    "its": {"organization", "state", "igo"},
    "they": {"organization", "state", "person"},
    "their": {"organization", "state"},
    "them": {"organization", "state", "person"},
    "he": {"person"},
    "his": {"person"},
    "him": {"person"},
    "she": {"person"},
    "her": {"person"},
}


def is_passive(tok: Token) -> bool:
    """A passive clause; an active subject wins over a misread auxiliary
    ("IS Sinai helped ...", where the parser reads IS as 'is')."""
    kids = list(tok.children)
    if any(c.dep_ == "nsubj" for c in kids) and not any(c.dep_ == "nsubjpass" for c in kids):
        return False
    if tok.dep_ == "conj" and tok.tag_ == "VBN" and tok.head.i != tok.i and \
            not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in kids):
        return is_passive(tok.head)  # "was targeted and killed by X"
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def preps(tok: Token, word: str) -> Iterator[Token]:
    """Objects of the preposition ``word`` hanging on ``tok``."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == word:
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    yield o


def conjuncts(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(conjuncts(c))
        elif c.dep_ == "appos" and c.pos_ == "PROPN":
            out.extend(conjuncts(c))  # "The UK, the Coalition and Iraq": a misread list
    return out


def actors_at(tok: Token, layer: ActorLayer, *, deep: bool = True) -> list[str]:
    """Actors named by the noun phrase headed at ``tok`` (with its conjuncts):
    the token itself, or its compound / possessive / adjective modifiers
    ("Hamas leaders", "IDF officials", "Egyptian soldiers"); an office held by a
    named person gives both ("the ISIS leader" -> the leader and ISIS)."""
    found: list[str] = []
    for head in conjuncts(tok):
        m = layer.at(head)
        if m is not None:
            found.append(m.actor_id)
            if m.kind != "role":
                continue  # an office ("ISIS leader") also names whom it leads: read on
        if not deep:
            continue
        mods = [
            c for c in head.children if c.dep_ in ("compound", "poss", "amod", "nmod", "nummod")
            and not owner_of_relational(c, layer)
        ]
        for c in sorted(mods, key=lambda t: -t.i):
            cm = layer.at(c)
            if cm is None:
                cm = next((layer.at(g) for g in c.subtree if layer.at(g)), None)
            if cm is not None:
                found.append(cm.actor_id)
                break
        else:
            for o in preps(head, "of"):
                found.extend(actors_at(o, layer, deep=False))
            if not found:  # "its proxy, Hamas": an appositive names the head
                for c in head.children:
                    if c.dep_ == "appos" and (cm := layer.at(c)) is not None:
                        found.append(cm.actor_id)
    return list(dict.fromkeys(found))


def owner_of_relational(tok: Token, layer: ActorLayer) -> bool:
    """``tok`` names whose allies, partners or proxies its head are ("U.S. allies",
    "Iran's proxies"): they are others, not the owner. A nationality or a body says who
    they are ("Syrian partners", "Coalition partners")."""
    if tok.head.lemma_.lower() not in RELATIONAL or layer.at(tok) is None:
        return False
    return tok.dep_ == "poss" or (tok.dep_ == "compound" and tok.ent_type_ in ("GPE", "PERSON"))


def clause_verb(tok: Token) -> Token | None:
    """The nearest verb at or above ``tok``."""
    cur: Token | None = tok
    for _ in range(8):
        if cur is None:
            return None
        if cur.pos_ in ("VERB", "AUX"):
            return cur
        if cur.head is cur:
            return None
        cur = cur.head
    return None


def ancestors_upto(tok: Token, n: int) -> list[Token]:
    out = []
    cur = tok
    for _ in range(n):
        if cur.head is cur:
            break
        cur = cur.head
        out.append(cur)
    return out


def event_modifier(tok: Token) -> bool:
    """A verb read as a noun's modifier: "strike missions", "attack runs", "training
    Houthi fighters" (the noun's prepositions and clause are the event's own; a gerund's
    noun is its object)."""
    if tok.dep_ != "compound" or tok.head.pos_ != "NOUN":
        return False
    return tok.tag_.startswith("VB") or (tok.lower_.endswith("ing") and any(
        c.pos_ == "PROPN" for c in tok.head.children if c.i > tok.i))  # "training Houthi fighters"

def speaker_phrase(head: Token) -> str:
    """A speaker phrase as a label: its words without an appositive after the head or
    the punctuation around it ("IDF officials", not "IDF officials,")."""
    skip = {t.i for c in head.children if c.dep_ in ("appos", "acl", "relcl") and
            c.i > head.i and (c.dep_ == "appos" or head.doc[c.left_edge.i - 1].text == ",")
            for t in c.subtree}  # nor a clause set off after it: ", speaking on ..."
    words = [t for t in head.subtree if t.i not in skip]
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    while words and (words[0].is_punct or words[0].is_space):
        words.pop(0)
    if not words:
        return head.text
    return head.doc[words[0].i:words[-1].i + 1].text if \
        words[-1].i - words[0].i + 1 == len(words) else " ".join(t.text for t in words)


def name_follows(tok: Token) -> bool:
    """A capitalised proper noun right after ``tok``: the name ``tok`` describes ("the
    militant group Jund al-Aqsa", "the Iraqi militia Kataib Hezbollah")."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper()



def ents_in(span: Span) -> list[Span]:
    """The named entities wholly inside ``span``, found from its own tokens. spaCy's
    ``Span.ents`` walks every entity of the document, so asking it once per sentence is
    quadratic in a long text."""
    doc, out = span.doc, []
    for tok in span:
        if tok.ent_iob_ != "B":
            continue
        end = tok.i + 1
        while end < span.end and doc[end].ent_iob_ == "I":
            end += 1
        if end < len(doc) and end == span.end and doc[end].ent_iob_ == "I":
            continue  # runs on past the span
        out.append(Span(doc, tok.i, end, label=tok.ent_type_))
    return out


def event_time(tok: Token, published: str | None) -> TimeRec | None:
    """When the event at ``tok`` happened: a date in its phrase (or its verb's), read
    against the publication date."""
    sent = tok.sent
    scope = {t.i for t in tok.subtree}
    head = tok.head
    for _ in range(2):
        if head.pos_ in ("VERB", "AUX"):
            scope |= {c.i for c in head.children if c.dep_ in ("npadvmod", "prep", "advmod")
                      for c in c.subtree}
            break
        head = head.head
    for ent in ents_in(sent):
        if ent.label_ == "DATE" and ent.root.i in scope:
            found = resolve_time(ent.text, published)
            if found is not None:
                return found
    return None
