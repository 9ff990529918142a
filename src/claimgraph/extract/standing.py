"""Standing ties (MEMBER_OF, LEADER_OF) from titles, appositions, descriptions,
membership lists ("include", "including", "made up of", "as part of") and "led by"
phrases; the words are the ontology's titles and the lexicon's word lists."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from claimgraph.extract.index import ActorIndex
from claimgraph.extract.layer import ActorLayer
from claimgraph.extract.phrasings import Phrasings
from claimgraph.extract.relation import Relation
from claimgraph.extract.syntax import actors_at, children, preps
from claimgraph.extract.vocab import POSSESSIVE
from claimgraph.lexicon import Curated
from claimgraph.ontology import Ontology
from claimgraph.records import unnamed

RANKS = re.compile(r"\b(?:(?:senior|master|command) )?chief (?:petty|warrant) officer\b|"
                   r"\b(?:senior|master|command) chief\b")
Subject = Callable[[Token, ActorLayer], list[str]]


class StandingTies:
    def __init__(self, index: ActorIndex, ontology: Ontology, lexicon: Curated,
                 subject: Subject, phrasings: Phrasings) -> None:
        self.index = index
        self.phrasings = phrasings
        self.subject = subject  # who does what a verb says (the relation reader's)
        self.leader_titles = set(ontology.titles["leader"])
        self.member_titles = set(ontology.titles["member"])
        self.head_titles = set(ontology.titles["head_of"])
        w = lexicon.words
        self.member_verbs = dict(w["member_verbs"])
        self.by_ties = dict(w["by_ties"])
        self.include_verbs = set(w["include_verbs"])
        self.collective = set(w["collective"])

    def find(self, doc: Doc, layer: ActorLayer) -> list[Relation]:
        """Ties from titles, appositions, membership lists and "led by" phrases."""
        out: list[Relation] = []
        for m in layer.sorted():
            if self.index.actors[m.actor_id].type != "person" or m.kind == "role":
                continue  # an office phrase is read as part of its holder's name
            for kind, org in self._titles_left(doc, layer, m.start) + \
                    self._appositive(doc, layer, m.start, m.end):
                tok = doc[m.start]
                out.append(Relation(m.actor_id, kind, None, org, "asserted", False, False, tok,
                                    tok.sent, set()))
        out.extend(self._leadership(doc, layer))
        out.extend(self._membership(doc, layer))
        return out

    def _membership(self, doc: Doc, layer: ActorLayer) -> list[Relation]:
        """'Coalition nations include Australia, Bahrain and Canada', 'the SDF, which
        includes the Syrian Arab Coalition', 'the SDF, made up of ...', 'partners,
        including Jordan', 'the UK, as part of the Coalition': each listed actor is a
        member of the whole."""
        out: list[Relation] = []
        for tok in doc:
            members, wholes = self._listed(tok, layer)
            for w in wholes[:1]:
                for m in members:
                    if m == w or self.index.same_family(m, w):
                        continue
                    # "airmen, who will comprise the squadron": people make up a body
                    turned = tok.lemma_.lower() == "comprise" and unnamed(w) and not unnamed(m)
                    part, whole = (w, m) if turned else (m, w)
                    out.append(Relation(part, "MEMBER_OF", None, whole, "asserted", False,
                                        False, tok, tok.sent, set()))
        return out

    def _listed(self, tok: Token, layer: ActorLayer) -> tuple[list[str], list[str]]:
        """(members, wholes) of a membership phrase at ``tok``, or nothing."""
        lemma = tok.lemma_.lower()
        for b in self.phrasings.at(tok.doc, "member", "head", tok):
            # "as part of the Coalition": the clause's subject is the member
            return self.subject(tok, layer), actors_at(b["actor"], layer, deep=False)
        whole: Token | None = None
        parts: list[Token] = []
        if tok.pos_ == "VERB" and lemma in self.include_verbs and tok.lower_ != "including":
            subs = children(tok, "nsubj")
            whole = tok.head if tok.dep_ == "relcl" else (subs[0] if subs else None)
            parts = children(tok, "dobj")
        elif tok.lower_ == "including" and tok.dep_ == "prep":
            whole = tok.head
            parts = children(tok, "pobj")
        elif lemma == "make" and any(c.lower_ == "up" for c in children(tok, "prt")):
            whole = tok.head if tok.dep_ in ("acl", "relcl") else None
            parts = [o for w in ("of", "by") for o in preps(tok, w)]
        if whole is None or not parts or (whole.i not in layer.by_token and
                                          whole.lemma_.lower() not in self.collective):
            return [], []  # "its demands include ...": not a body with members
        return [a for p in parts for a in actors_at(p, layer, deep=False)], \
            [a for a in actors_at(whole, layer) if self.index.actors[a].type != "person"]

    def _office_kind(self, words: list[str]) -> str | None:
        """The tie of a title right before its body: a head title leads it ("commander of
        X", "commander, X"), where "a X commander" is only a member."""
        if words and words[-1].lower() in self.head_titles:
            return "LEADER_OF"
        return self._title_kind(words)

    def _title_kind(self, words: list[str]) -> str | None:
        # ranks that hold "chief" lead nobody: "Senior Chief Petty Officer", "Chief
        # Warrant Officer"
        text = RANKS.sub("officer", " ".join(words).lower())
        if any(re.search(rf"\b{re.escape(t)}s?\b", text) for t in self.leader_titles):
            return "LEADER_OF"
        if any(re.search(rf"\b{re.escape(t)}s?\b", text) for t in self.member_titles):
            return "MEMBER_OF"
        return None

    def _org(self, layer: ActorLayer, i: int) -> str | None:
        m = layer.by_token.get(i)
        if m is None or self.index.actors[m.actor_id].type == "person":
            return None
        return m.actor_id

    def _titles_left(self, doc: Doc, layer: ActorLayer, start: int) -> list[tuple[str, str]]:
        """'ISIS leader Abu Bakr al-Baghdadi', 'Israeli Prime Minister Benjamin Netanyahu'."""
        words: list[str] = []
        i = start - 1
        while i >= 0 and start - i <= 4 and _free(layer, i) and \
                doc[i].is_alpha and not doc[i].is_punct and doc[i].lower_ not in ("the", "a"):
            words.insert(0, doc[i].text)
            i -= 1
        if not words or i < 0:
            return []
        if doc[i].text in POSSESSIVE:
            i -= 1
        org = self._org(layer, i)
        if org is None:
            return []
        m = layer.by_token[i]
        # "RSF commander Y" leads the RSF; "an RSF commander, Y" is one of its members
        kind = self._office_kind(words) if not _indefinite(doc, m.start) else \
            self._title_kind(words)
        return [(kind, org)] if kind else []

    def _appositive(self, doc: Doc, layer: ActorLayer, start: int,
                    end: int) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        # right: "Ayman Nofal, former commander of the IDQB's Central District Brigade",
        # "Jane Roe, a former senior army intelligence officer and Iran specialist"
        if end < len(doc) and doc[end].text == ",":
            j = end + 1
            while j < len(doc) and doc[j].text not in (",", ".", ";", ":") and j - end < 16:
                j += 1
            out += self._described_tie(doc, layer, end + 1, j)
            org = self._org(layer, j + 1) if j + 1 < len(doc) and doc[j].text == "," else None
            kind = self._office_kind([t.text for t in doc[end + 1:j]]) if j - end <= 4 else None
            if not out and org and kind:  # "Joseph Votel, commander, U.S. Central Command"
                out.append((kind, org))
        # left: "the self-proclaimed caliphate's leader, Abu Bakr al-Baghdadi",
        # "one of the Islamic State's primary smugglers in Sinai, Ibrahim Abu al-Kariya"
        if start >= 2 and doc[start - 1].text == ",":
            j = start - 2
            words: list[str] = []
            while j >= 0 and start - j < 10 and doc[j].text not in (",", ".", ";", ":"):
                if doc[j].text in POSSESSIVE and j > 0:
                    org = self._org(layer, j - 1)
                    kind = self._title_kind(words)
                    if org and kind:
                        out.append((kind, org))
                    break
                if not _free(layer, j):
                    # "A Houthi military spokesman, Yahya Saree", "the RSF commander, Y":
                    # a phrase that opens with its article and ends in one title, not
                    # "at the homes of Houthi leaders, the envoy alleged"
                    org, m = self._org(layer, j), layer.by_token[j]
                    opens = m.start == doc[m.start].sent.start or \
                        doc[m.start - 1].lower_ in ("a", "an", "the")
                    if org and words and opens and doc[start - 2].tag_ not in ("NNS", "NNPS"):
                        kind = self._title_kind(words) if _indefinite(doc, m.start) else \
                            self._office_kind(words)
                        if kind:
                            out.append((kind, org))
                    break
                words.insert(0, doc[j].text)
                j -= 1
        return out

    def _described_tie(self, doc: Doc, layer: ActorLayer, a: int, b: int) -> list[tuple[str, str]]:
        """A title tying a person to an organisation inside a description:
        "<title> of <ORG>", "<ORG> <title>", "who fights for <ORG>"."""
        i = a
        while i < b:
            m = layer.by_token.get(i)
            if m is None or self.index.actors[m.actor_id].type == "person":
                i += 1
                continue
            before = [t for t in doc[a:m.start]]
            while before and before[-1].lower_ in ("the", "a", "an"):
                before.pop()
            after = [t.text for t in doc[m.end:min(b, m.end + 3)]]
            if before and before[-1].lower_ in ("of", "for", "at", "in", "with", "to"):
                words = [t.lemma_ if t.pos_ == "VERB" else t.text for t in before[-5:]]
                # "commander of <ORG>" leads it; "of <ORG>'s brigade" only the brigade
                heads = before[-1].lower_ == "of" and \
                    not (m.end < len(doc) and doc[m.end].text in POSSESSIVE)
                kind = self._office_kind(words[:-1]) if heads else self._title_kind(words[:-1])
                if kind:
                    return [(kind, m.actor_id)]
                if any(w.lower() in self.member_verbs for w in words[-3:-1]):
                    return [("MEMBER_OF", m.actor_id)]
            # "Y, the X commander" leads X; "Y, an X commander" is a member
            definite = m.start - 1 == a and doc[a].lower_ == "the"
            kind = self._office_kind(after) if definite else self._title_kind(after)
            if kind:
                return [(kind, m.actor_id)]
            i = m.end
        return []

    def _leadership(self, doc: Doc, layer: ActorLayer) -> list[Relation]:
        """'<ORG>, under the leadership of A and B', '<ORG>, led by A' and the like
        ('headed by', 'commanded by'; 'represented by' makes A a member)."""
        found: list[tuple[Token, list[str], str]] = [
            (b["head"], actors_at(b["actor"], layer), "LEADER_OF")
            for b in self.phrasings.matches(doc, "leader")]  # "under the leadership of A"
        found += [(tok, [a for o in preps(tok, "by") for a in actors_at(o, layer)],
                   self.by_ties[tok.lower_]) for tok in doc
                  if tok.lower_ in self.by_ties and tok.i + 1 < len(doc) and
                  doc[tok.i + 1].lower_ == "by"]  # "led by A"
        out: list[Relation] = []
        for tok, leaders, kind in sorted(found, key=lambda f: f[0].i):
            org = None
            for i in range(tok.i - 1, max(-1, tok.i - 8), -1):
                org = self._org(layer, i)
                if org:
                    break
            for p in leaders:
                if org and self.index.actors[p].type == "person":
                    out.append(Relation(p, kind, None, org, "asserted", False, False, tok,
                                        tok.sent, set()))
        return out


def _indefinite(doc: Doc, start: int) -> bool:
    """An article "a"/"an" before token ``start``: one of several, not the one."""
    return start > 0 and doc[start - 1].lower_ in ("a", "an")


def _free(layer: ActorLayer, i: int) -> bool:
    """No mention at token ``i`` but an office one: title words stay words."""
    m = layer.by_token.get(i)
    return m is None or m.kind == "role"
