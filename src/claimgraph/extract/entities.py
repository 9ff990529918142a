"""Names the model finds (PERSON, ORG entities), trimmed of titles and places, persons'
short names and surnames, and acronyms: a mixin of the actor finder (extract/actors.py),
whose index, word lists and actor-making helpers it reads."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span

from claimgraph.extract.index import ActorIndex, slug
from claimgraph.extract.layer import ActorLayer, ActorMention
from claimgraph.extract.vocab import (
    LOCATIVE_PREPS,
    MEDIA_WORDS,
    NAME_SUFFIXES,
    PERSON_TITLES,
    PLACE_EVENTS,
    PLACE_NAME_PREPS,
    PLACE_NOUNS,
    WORDS,
)
from claimgraph.gazetteer import norm
from claimgraph.records import ActorInfo

# last words of an organisation's name that it is also known without ("Alsumaria News")
NAME_GENERICS = set(WORDS["name_generics"])
CITY = 100_000  # people: a longer name the model calls a person that is a city's


class EntityNames:
    index: ActorIndex
    member_nouns: set[str]
    _gazetteer_initials: dict[str, str] | None
    new_actor: Callable[[ActorLayer, ActorInfo], str]
    _alias: Callable[[ActorLayer, str, str], None]

    def _entities(self, doc: Doc, layer: ActorLayer) -> None:
        """Names the model finds. Full person names first, so that a later 'al-Rashid'
        or 'Moreau' (whatever the model calls it) joins the person named in full."""
        ents = [e for e in doc.ents if e.label_ in ("PERSON", "ORG")]
        ents.sort(key=lambda e: (0 if e.label_ == "PERSON" and len(e) > 1 else 1, e.start))
        for ent in ents:
            if ent.label_ == "PERSON" and self._extend_surname(layer, ent):
                continue
            span = self._free_part(layer, ent)
            if span is None or prefixed(doc, span.start):
                continue
            text = span.text
            key = norm(text)
            if key in self.index.non_actors or key in self.index.nationality or \
                    text in self.index.capitals or self.index.gazetteer.place(text, world=False):
                continue  # a capital is its state's (actors.py), a place no actor
            known = self.index.lookup(text)
            if known:
                layer.add(ActorMention(span.start, span.end, known, "name"))
                continue
            # the place list: for what the model calls a person, one word ("Raqqah"; "Obama"
            # the person is in the gazetteer, found above) or a city ("El Obeid")
            place = self.index.gazetteer.place(text)
            if place is not None and (ent.label_ != "PERSON" or len(span) == 1 or
                                      place.population >= CITY):
                continue
            person = self._surname_of(layer, key)
            if person:
                layer.add(ActorMention(span.start, span.end, person, "alias"))
                self._alias(layer, person, text)
                continue
            if _names_place(span, ent.label_):
                continue  # "the liberation of Sinjar", "a leader in Raqqah": places
            if ent.label_ == "PERSON" and self._looks_like_person(span):
                actor = ActorInfo(id=f"person:{slug(text)}", name=text, type="person",
                                  aliases={text})
            elif ent.label_ == "ORG" and self._looks_like_org(span):
                kind = "media" if MEDIA_WORDS.search(text) else "organization"
                actor = ActorInfo(id=f"org:{slug(text)}", name=text, type=kind, aliases={text},
                                  sector="MED" if kind == "media" else None)
            else:
                continue
            actor_id = self.new_actor(layer, actor)
            layer.add(ActorMention(span.start, span.end, actor_id, "ner"))

    def _extend_surname(self, layer: ActorLayer, ent: Span) -> bool:
        """A person the gazetteer knows by the end of a longer name the model reads ("Abu
        Musab al-Zarqawi" where it holds "Zarqawi"): the mention takes the whole name."""
        span = self._trim(ent)
        if span is None:
            return False
        held = layer.within(span.start, span.end)
        if len(held) != 1 or held[0].end != span.end or held[0].start <= span.start or \
                self.index.actors[held[0].actor_id].type != "person":
            return False
        m = held[0]
        layer.remove(m)
        layer.add(ActorMention(span.start, span.end, m.actor_id, m.kind))
        return True

    def _free_part(self, layer: ActorLayer, ent: Span) -> Span | None:
        """The entity, trimmed; where the gazetteer already holds its start, the rest."""
        span = self._trim(ent)
        if span is None:
            return None
        taken = [t.i for t in span if t.i in layer.by_token]
        if not taken:
            return span
        free = [t for t in span if t.i not in layer.by_token]
        if not free or free[0].i < taken[-1]:
            return None
        rest = self._trim(ent.doc[free[0].i:span.end])
        while rest is not None and len(rest) > 1 and rest[0].lower_ in self.member_nouns:
            rest = rest[1:]
        return rest

    def _surname_of(self, layer: ActorLayer, key: str) -> str | None:
        persons = {m.actor_id for m in layer.mentions
                   if self.index.actors[m.actor_id].type == "person"}
        surnames = self._surnames(persons)
        return surnames.get(key) or self._fuzzy(key, surnames)

    def _surnames(self, persons: set[str]) -> dict[str, str]:
        surnames: dict[str, str] = {}
        for pid in persons:
            parts = [p for p in re.split(r"\s+", self.index.actors[pid].name)
                     if p.lower() not in NAME_SUFFIXES]
            if len(parts) < 2:
                continue
            for k in (1, 2):
                if len(parts) > k:
                    surnames.setdefault(norm(" ".join(parts[-k:])), pid)
            if parts[-1].lower().startswith(("al-", "el-")):
                surnames.setdefault(norm(parts[-1][3:]), pid)
        return surnames

    @staticmethod
    def _trim(span: Span) -> Span | None:
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (doc[start].lower_ in ("the", "a", "an")
                               or doc[start].lower_ in LOCATIVE_PREPS  # "Near Ar Raqqah"
                               or (doc[start].lower_.rstrip(".") in PERSON_TITLES and
                                   span.label_ != "ORG")  # "General Staff" keeps "General"
                               or doc[start].is_punct or doc[start].text in ("(", "res")):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].dep_ == "case"
                               or doc[end - 1].text in ("'s", "’s", "'", "’")):
            end -= 1
        if end <= start:
            return None
        return doc[start:end]

    @staticmethod
    def _looks_like_person(span: Span) -> bool:
        caps = [t for t in span if t.text[:1].isupper()]
        return bool(caps) and len(span) <= 6 and not any(t.like_num for t in span)

    def _looks_like_org(self, span: Span) -> bool:
        if not span.text[:1].isupper() or len(span) > 8:
            return False
        if len(span) == 1 and span[0].lower_ in PERSON_TITLES:
            return False
        return not (len(span) == 1 and span[0].text.lower() in self.member_nouns)

    def _short_names(self, doc: Doc, layer: ActorLayer) -> None:
        """Surnames and typos of persons named in full: 'al-Rashid', 'Moreau', 'al-Rahsid'."""
        persons = {m.actor_id for m in layer.mentions
                   if self.index.actors[m.actor_id].type == "person"}
        surnames = self._surnames(persons)
        if not surnames:
            return
        firsts = {w for k in surnames if k.strip()
                  for w in (re.split(r"[\s\-]", k.strip())[0], k.split()[0])}
        for tok in doc:
            if tok.i in layer.by_token or not tok.text[:1].isalpha():
                continue
            first = tok.lower_
            if first not in firsts and len(first) < 6:
                continue  # neither the start of a surname nor long enough for a typo of one
            for width in (3, 2, 1):
                span = doc[tok.i:tok.i + width]
                if span.end > len(doc) or any(t.i in layer.by_token for t in span):
                    continue
                if not span[0].text[:1].isupper() and not span.text.lower().startswith("al-"):
                    continue
                key = norm(span.text)
                pid = surnames.get(key) or self._fuzzy(key, surnames)
                if pid:
                    layer.add(ActorMention(span.start, span.end, pid, "alias"))
                    self._alias(layer, pid, span.text)
                    break

    def _org_short_names(self, doc: Doc, layer: ActorLayer) -> None:
        """An organisation named without its generic last words ("Alsumaria" after
        "Alsumaria News", "Wagner" after "the Wagner Group"): a later capitalised
        mention of what is left is the same actor."""
        shorts: dict[str, str] = {}
        for m in layer.sorted():
            actor = self.index.actors[m.actor_id]
            words = doc[m.start:m.end].text.split()
            if actor.type not in ("organization", "media") or m.kind not in ("name", "ner") \
                    or len(words) < 2 or words[-1].lower() not in NAME_GENERICS:
                continue
            while words and words[-1].lower() in NAME_GENERICS:
                words.pop()
            while words and words[0].lower() in ("the", "a", "an"):
                words.pop(0)
            short = " ".join(words)
            if short and short[:1].isupper() and norm(short) not in self.index.nationality \
                    and self.index.lookup(short) in (None, m.actor_id):
                shorts.setdefault(short, m.actor_id)
        if not shorts:
            return
        firsts = {short.split()[0] for short in shorts}
        for tok in doc:
            if tok.text not in firsts:
                continue
            for short, actor_id in shorts.items():
                span = doc[tok.i:tok.i + len(short.split())]
                if span.text == short and not layer.within(span.start, span.end):
                    layer.add(ActorMention(span.start, span.end, actor_id, "alias"))

    @staticmethod
    def _fuzzy(key: str, names: dict[str, str]) -> str | None:
        if len(key) < 7:
            return None
        for name, pid in names.items():
            if len(name) >= 7 and abs(len(name) - len(key)) <= 1 and _damerau1(name, key):
                return pid
        return None

    def _initials(self, actor_ids: Iterable[str], into: dict[str, str]) -> dict[str, str]:
        for aid in actor_ids:
            actor = self.index.actors[aid]
            for alias in (actor.name, *actor.aliases):
                words = [w for w in re.split(r"[\s\-]+", alias)
                         if w and w[0].isupper() and w.lower() not in ("of", "the", "and", "for")]
                if len(words) >= 2:
                    into.setdefault("".join(w[0] for w in words), aid)
        return into

    def _acronyms(self, doc: Doc, layer: ActorLayer) -> None:
        """An unknown all-capitals token that spells the initials of a named actor."""
        candidates = [tok for tok in doc if tok.i not in layer.by_token and tok.is_upper
                      and 2 <= len(tok.text) <= 6 and not prefixed(doc, tok.i)]
        if not candidates:
            return
        if self._gazetteer_initials is None:  # the gazetteer does not change: once
            # organisations only: a person is called by initials only after being named
            # ("HMS Ocean" is not Henry Mova Sakanyi, of 20,000 gazetteer people)
            self._gazetteer_initials = self._initials(
                sorted(a.id for a in self.index.gazetteer.actors.values() if a.type != "person"),
                {})
        named = sorted({m.actor_id for m in layer.mentions})
        initials = self._initials(named, {})
        for key, aid in self._gazetteer_initials.items():
            initials.setdefault(key, aid)
        for tok in candidates:
            if tok.i in layer.by_token:
                continue
            hit = initials.get(tok.text)
            if hit:
                layer.add(ActorMention(tok.i, tok.i + 1, hit, "alias"))
                self._alias(layer, hit, tok.text)


def _names_place(span: Span, label: str) -> bool:
    """An unknown name that a place noun or event ("the liberation of Sinjar") or, for
    what the model calls a person, a locative preposition shows to be a place."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and \
            root.head.head.lemma_.lower() in PLACE_NOUNS | PLACE_EVENTS:
        return True
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return label == "PERSON" and (before in PLACE_NAME_PREPS or (
        root.dep_ == "pobj" and root.head.lower_ in PLACE_NAME_PREPS))


def prefixed(doc: Doc, start: int) -> bool:
    """'pro-ISIS', 'anti-Hamas': a stance toward the group, not the group."""
    return start >= 2 and doc[start - 1].text == "-" and \
        doc[start - 2].lower_ in ("pro", "anti", "non", "post", "ex")


def _damerau1(a: str, b: str) -> bool:
    """True if a and b differ by at most one edit or one transposition."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and \
            a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if abs(len(a) - len(b)) != 1:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
