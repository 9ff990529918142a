"""Find actor mentions in a parsed article and resolve each to one actor.

Layers, strongest first: gazetteer and known names; sub-units named through their
parent ("Hamas's military wing", "the Sinai branch of the Islamic State"); named
entities the model finds; then alias rules (brackets, parentheses, appositives,
acronyms, short forms of persons' names), demonyms ("Egyptian soldiers" -> Egypt),
capitals used for governments ("Cairo"), and definite descriptions ("the group").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.index import ActorIndex, slug
from claimgraph.extract.shapes import ShapeFinder
from claimgraph.gazetteer import ARABIC_ARTICLES, norm
from claimgraph.ontology import Ontology
from claimgraph.records import ActorInfo, unnamed

LOCATIVE_PREPS = {"in", "at", "near", "from", "into", "inside", "outside", "around", "across",
                  "through", "toward", "towards", "within", "via", "throughout"}
MEDIA_WORDS = re.compile(r"\b(news|times|post|magazine|journal|tv|television|agency|press|"
                         r"tribune|herald|gazette|radio|channel|daily|review|telegraph)\b", re.I)
DESCRIPTION_TYPES = {
    "group": {"organization"}, "organization": {"organization"}, "organisation": {"organization"},
    "movement": {"organization"}, "militia": {"organization"}, "faction": {"organization"},
    "outfit": {"organization"}, "network": {"organization"},
    "province": {"organization"}, "affiliate": {"organization"}, "branch": {"organization"},
    "nation": {"state"}, "country": {"state"}, "government": {"state"}, "regime": {"state"},
    "kingdom": {"state"}, "state": {"state"}, "republic": {"state"},
}
PERSON_TITLES = {"mr", "mrs", "ms", "dr", "sheikh", "gen", "general", "col", "colonel", "major",
                 "maj", "lt", "capt", "captain", "sgt", "president", "minister", "prime", "emir",
                 "king", "prince", "commander", "res", "imam", "rabbi"}
POSSESSIVE = {"'s", "’s", "'", "’"}
# agents of a state: "Iraqi soldiers", "Hungarian officials" are the state itself
STATE_SECTORS = {"GOV", "MIL", "SPY", "COP", "JUD", "LEG"}
# words before a name that do not decide its capital: "the", "al-Qaeda in Iraq"
LEADING_WORDS = {"the", "-", *ARABIC_ARTICLES, *(f"{a}-" for a in ARABIC_ARTICLES)}
KNOWN_AS = {"also known as", "better known as", "known as", "also called", "a.k.a.", "aka",
            "officially", "formally", "formerly known as", "formerly"}
WING_ROLES = {"military": "military_wing", "armed": "military_wing", "militia": "military_wing",
              "political": "political_wing"}


@dataclass
class ActorMention:
    start: int  # token offsets
    end: int
    actor_id: str
    kind: str  # name | subunit | ner | alias | demonym | capital | description | pronoun

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


@dataclass
class PartOfFact:
    child: str
    parent: str
    start: int  # token span of the evidence
    end: int


@dataclass
class ActorLayer:
    mentions: list[ActorMention] = field(default_factory=list)
    by_token: dict[int, ActorMention] = field(default_factory=dict)
    part_of: list[PartOfFact] = field(default_factory=list)
    new_actors: dict[str, ActorInfo] = field(default_factory=dict)

    def add(self, m: ActorMention) -> bool:
        if any(i in self.by_token for i in range(m.start, m.end)):
            return False
        self.mentions.append(m)
        for i in range(m.start, m.end):
            self.by_token[i] = m
        return True

    def at(self, tok: Token) -> ActorMention | None:
        return self.by_token.get(tok.i)

    def within(self, start: int, end: int) -> list[ActorMention]:
        """The mentions that touch tokens ``start`` to ``end`` (exclusive)."""
        found = {id(m): m for i in range(start, end) if (m := self.by_token.get(i))}
        return list(found.values())

    def remove(self, m: ActorMention) -> None:
        """Take a mention out, to make room for a reading that replaces it."""
        self.mentions = [x for x in self.mentions if x is not m]
        for i in range(m.start, m.end):
            if self.by_token.get(i) is m:
                del self.by_token[i]

    def sorted(self) -> list[ActorMention]:
        return sorted(self.mentions, key=lambda m: m.start)


class ActorFinder:
    def __init__(self, index: ActorIndex, ontology: Ontology) -> None:
        self.index = index
        self.unit_nouns = set(ontology.titles["unit"])
        self.member_nouns = set(ontology.titles["member"]) | set(ontology.titles["leader"])
        self._gazetteer_initials: dict[str, str] | None = None
        self.shapes = ShapeFinder(ontology)

    # ------------------------------------------------------------------ helpers
    def _actor(self, actor_id: str) -> ActorInfo:
        return self.index.actors[actor_id]

    def new_actor(self, layer: ActorLayer, actor: ActorInfo) -> str:
        existing = self.index.lookup(actor.name)
        if existing and self._actor(existing).type == actor.type:
            return existing
        if actor.id in self.index.actors:
            self.index.add(actor)
            return actor.id
        self.index.add(actor)
        layer.new_actors[actor.id] = self.index.actors[actor.id]
        return actor.id

    def _alias(self, layer: ActorLayer, actor_id: str, text: str) -> None:
        text = text.strip(" ,;:")
        if text and norm(text) and actor_id in self.index.actors:
            before = set(self.index.actors[actor_id].aliases)
            self.index.add_alias(actor_id, text)
            if actor_id not in layer.new_actors and self.index.actors[actor_id].aliases != before:
                layer.new_actors.setdefault(actor_id, self.index.actors[actor_id])

    # --------------------------------------------------------------- the passes
    def find(self, doc: Doc) -> ActorLayer:
        layer = ActorLayer()
        self._gazetteer(doc, layer)
        self._subunits(doc, layer)
        self._shapes(doc, layer)
        self._entities(doc, layer)
        self._short_names(doc, layer)
        self._acronyms(doc, layer)
        self._demonyms_and_capitals(doc, layer)
        self._brackets_and_appositives(doc, layer)
        self._known_as(doc, layer)
        self._descriptions(doc, layer)
        return layer

    def _gazetteer(self, doc: Doc, layer: ActorLayer) -> None:
        exact, lower, descriptive = self.index.match(doc)
        # (start, end, rank, actor): on the same span an acronym beats a name, which
        # beats a description; the id settles the rest, so the order never depends
        # on when a surface entered the matchers
        matches = [(s, e, 0, m) for m, s, e in exact]
        for m, s, e in lower:
            # the first word that counts is capitalised: "the", "al-" and "el-" do not count
            # ("al-Qaeda in Iraq")
            words = [t for t in doc[s:e] if t.lower_ not in LEADING_WORDS]
            first = words[0] if words else doc[s]
            if first.text[:1].isupper() or first.text[:1].isdigit():
                matches.append((s, e, 1, m))
        matches += [(s, e, 2, m) for m, s, e in descriptive]
        for s, e, _, actor_id in sorted(matches, key=lambda x: (x[0] - x[1], x[0], x[2], x[3])):
            if _prefixed(doc, s):
                continue  # "pro-ISIS media group" is not ISIS
            layer.add(ActorMention(s, e, actor_id, "name"))

    def _subunits(self, doc: Doc, layer: ActorLayer) -> None:
        """Units named through their parent, read from the surface (the parser often
        misses possessives written with a curly apostrophe):
        "<ORG>'s [mods] <unit>", "the [mods] <unit> of [the] <ORG>", "the military wing"."""
        for tok in doc:
            if tok.lower_ not in self.unit_nouns and tok.lemma_.lower() not in self.unit_nouns:
                continue
            if tok.i in layer.by_token and layer.by_token[tok.i].kind == "name" and \
                    layer.by_token[tok.i].start < tok.i - 3:
                continue
            mods_start = tok.i
            while mods_start > 0 and tok.i - mods_start < 3 and \
                    doc[mods_start - 1].text not in POSSESSIVE and \
                    (doc[mods_start - 1].pos_ in ("ADJ", "PROPN", "NOUN")) and \
                    doc[mods_start - 1].lower_ not in ("the", "a"):
                mods_start -= 1
            mods = list(doc[mods_start:tok.i])
            parent_id: str | None = None
            start = mods_start
            end = tok.i + 1
            if mods_start > 0 and doc[mods_start - 1].text in POSSESSIVE:
                owner = layer.by_token.get(mods_start - 2)
                if owner is not None:
                    parent_id, start = owner.actor_id, owner.start
            if parent_id is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
                owner = layer.by_token.get(tok.i + 2) or layer.by_token.get(tok.i + 3)
                if owner is not None and owner.start <= tok.i + 3:
                    parent_id, end = owner.actor_id, owner.end
            if mods_start > 0 and doc[mods_start - 1].lower_ in ("the", "its", "their"):
                if parent_id is None and tok.lower_ == "militia" and not mods and \
                        doc[mods_start - 1].lower_ == "the":
                    continue  # plain "the militia": a definite description of a group
                start = min(start, mods_start - 1)
                if parent_id is None and tok.lower_ in ("wing", "militia"):
                    parent_id = self._wing_owner(doc, layer, tok, mods)
            if parent_id is None:
                continue
            parent = self.index.actors[parent_id]
            if parent.role and tok.lower_ == "wing" and parent.parents:
                parent_id = parent.parents[0]  # "the military wing" said of a wing
            child_id = self._subunit(doc, layer, parent_id, tok, mods)
            if child_id is None or child_id == parent_id:
                continue
            unit_start = mods_start
            if mods_start > 0 and doc[mods_start - 1].lower_ == "the":
                unit_start = mods_start - 1
            if not layer.add(ActorMention(unit_start, tok.i + 1, child_id, "subunit")):
                held = layer.by_token.get(tok.i)
                if held is None or held.actor_id != child_id:
                    continue
            self._alias(layer, child_id, doc[start:end].text)
            layer.part_of.append(PartOfFact(child_id, parent_id, start, end))

    def _wing_owner(self, doc: Doc, layer: ActorLayer, tok: Token,
                    mods: list[Token]) -> str | None:
        """Whose is 'the political wing'? The owner of a wing of that kind already
        mentioned in this article, else the nearest organisation."""
        words = {m.lower_ for m in mods} | ({"militia"} if tok.lower_ == "militia" else set())
        role = next((WING_ROLES[w] for w in words if w in WING_ROLES), None)
        for m in sorted(layer.mentions, key=lambda x: -x.start):
            actor = self.index.actors[m.actor_id]
            if m.start < tok.i and role and actor.role == role and actor.parents:
                return actor.parents[0]
        return self.nearest_org(doc, layer, tok.i, roots_only=True)

    def _subunit(self, doc: Doc, layer: ActorLayer, parent_id: str, unit: Token,
                 mods: list[Token]) -> str | None:
        noun = unit.lower_ if unit.lower_ in self.unit_nouns else unit.lemma_.lower()
        words = {m.lower_ for m in mods}
        role = next((WING_ROLES[w] for w in words if w in WING_ROLES), None)
        if noun == "militia":
            role = "military_wing"
        if noun in ("wing", "arm") and role is None:
            return None
        parent = self._actor(parent_id)
        if role:
            for child in self.index.children(parent_id):
                if child.role == role:
                    return child.id
            label = role.replace("_", " ")
            return self.new_actor(layer, ActorInfo(
                id=f"{parent_id}/{role.replace('_', '-')}", name=f"{parent.name} {label}",
                type="organization", parents=[parent_id], role=role, country=parent.country,
                sector=parent.sector, aliases={f"{parent.name} {label}"}))
        places = [m for m in mods if m.text[:1].isupper()]
        if not places:  # "the group's affiliate in the Sinai Peninsula"
            nxt = unit.i + 1
            if nxt < len(doc) and doc[nxt].lower_ in ("in", "for"):
                places = [t for t in doc[nxt + 1:nxt + 5] if t.text[:1].isupper()
                          and t.i not in layer.by_token][:1]
        if not places:
            return None
        region = " ".join(p.text for p in sorted(places, key=lambda t: t.i))
        rkey = norm(region)
        for child in self.index.children(parent_id):
            names = [child.region or "", child.name, *child.aliases]
            if child.region and (norm(child.region) == rkey or rkey in norm(child.region)):
                return child.id
            if any(rkey and rkey in norm(n).split() for n in names if n):
                return child.id
        name = f"{parent.name} {region} {noun}"
        return self.new_actor(layer, ActorInfo(
            id=f"{parent_id}/{slug(region)}", name=name, type="organization",
            parents=[parent_id], role="affiliate", region=region, sector=parent.sector,
            aliases={name}))

    def _shapes(self, doc: Doc, layer: ActorLayer) -> None:
        """Organisations known by the shape of their name (extract/shapes.py)."""
        for span, sector in self.shapes.find(doc):
            held = layer.within(span.start, span.end)
            if held and (sector is None or any(m.start <= span.start or m.end > span.end
                                               for m in held)):
                continue
            for m in held:  # "Kataib Hezbollah" is not Hezbollah: a head makes a new name
                layer.remove(m)
            known = self.index.lookup(span.text)
            actor_id = known or self.new_actor(layer, ActorInfo(
                id=f"org:{slug(span.text)}", name=span.text, type="organization",
                aliases={span.text}, sector=sector))
            layer.add(ActorMention(span.start, span.end, actor_id, "name"))

    def _entities(self, doc: Doc, layer: ActorLayer) -> None:
        """Names the model finds. Full person names first, so that a later 'al-Muhajir'
        or 'Feferman' (whatever the model calls it) joins the person named in full."""
        ents = [e for e in doc.ents if e.label_ in ("PERSON", "ORG")]
        ents.sort(key=lambda e: (0 if e.label_ == "PERSON" and len(e) > 1 else 1, e.start))
        for ent in ents:
            if ent.label_ == "PERSON" and self._extend_surname(layer, ent):
                continue
            span = self._free_part(layer, ent)
            if span is None or _prefixed(doc, span.start):
                continue
            text = span.text
            key = norm(text)
            if key in self.index.non_actors or self.index.gazetteer.place(text) or \
                    key in self.index.nationality:
                continue
            known = self.index.lookup(text)
            if known:
                layer.add(ActorMention(span.start, span.end, known, "name"))
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
        """Surnames and typos of persons named in full: 'al-Muhajir', 'Deif', 'al-Muahjir'."""
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
                      and 2 <= len(tok.text) <= 6 and not _prefixed(doc, tok.i)]
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

    def _demonyms_and_capitals(self, doc: Doc, layer: ActorLayer) -> None:
        for tok in doc:
            if tok.i in layer.by_token:
                continue
            state = self.index.demonyms.get(tok.text)
            if state and (tok.dep_ in ("amod", "compound", "nsubj", "dobj", "pobj", "nmod",
                                       "conj", "appos", "nsubjpass") or (
                    tok.dep_ == "npadvmod" and tok.head.lower_ in ("led", "backed"))):
                layer.add(ActorMention(tok.i, tok.i + 1, state, "demonym"))
                head = tok.head
                if tok.dep_ in ("amod", "compound") and head.pos_ == "NOUN" and \
                        head.i == tok.i + 1 and \
                        self.index.gazetteer.agents.get(head.lower_) in STATE_SECTORS:
                    # "Egyptian soldiers" names Egypt; "Syrian refugees" do not (groups.py)
                    self._alias(layer, state, f"{tok.text} {head.text}")
                continue
            cap = self.index.capitals.get(tok.text)
            if cap is None:
                continue
            prep = tok.head if tok.dep_ == "pobj" else None
            if prep is not None and (prep.lower_ in LOCATIVE_PREPS or (
                    prep.lower_ == "to" and prep.head.lemma_.lower() in MOTION)):
                continue
            if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
                continue  # "a Cairo prison"
            layer.add(ActorMention(tok.i, tok.i + 1, cap, "capital"))

    def _brackets_and_appositives(self, doc: Doc, layer: ActorLayer) -> None:
        """'Islamic State (ISIS)', 'Al-Qassam [Hamas' militia]', 'X, the group's affiliate'."""
        for m in layer.sorted():
            end = m.end
            if end < len(doc) and doc[end].text in ("(", "["):
                close = ")" if doc[end].text == "(" else "]"
                stop = next((t.i for t in doc[end + 1:end + 12] if t.text == close), None)
                if stop is None:
                    continue
                inner = doc[end + 1:stop]
                inner_m = {layer.by_token[t.i].actor_id for t in inner if t.i in layer.by_token}
                if len(inner_m) == 1 and len(inner) <= 4:
                    other = next(iter(inner_m))
                    if other != m.actor_id and other in layer.new_actors and \
                            self.index.actors[other].source == "text" and \
                            self.index.actors[other].type == self.index.actors[m.actor_id].type:
                        self._merge(layer, keep=m.actor_id, drop=other)
                        continue
                if not inner_m and inner.text.strip() and len(inner) <= 4 and \
                        inner.text[:1].isupper() and ":" not in inner.text:  # "(Arabic: ...)"
                    layer.add(ActorMention(inner.start, inner.end, m.actor_id, "alias"))
                    self._alias(layer, m.actor_id, inner.text)
                self._describe(doc, layer, m, inner)
        for tok in doc:
            if tok.dep_ != "appos":
                continue
            head_m = layer.by_token.get(tok.head.i)
            if head_m is None or (tok.i in layer.by_token and \
                    layer.by_token[tok.i].actor_id == head_m.actor_id):
                continue
            desc = doc[tok.left_edge.i:tok.i + 1]
            if desc.start <= head_m.start:
                continue
            self._describe(doc, layer, head_m, desc)

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

    def nearest_org(self, doc: Doc, layer: ActorLayer, before: int, *,
                    exclude: str | None = None, types: set[str] | None = None,
                    countries: set[str] | None = None, sectors: set[str] | None = None,
                    roots_only: bool = False) -> str | None:
        """The nearest named actor of a fitting type before ``before`` (an unnamed group
        of people is never what "the group" refers to)."""
        types = types or {"organization"}
        sent_start = doc[before].sent.start
        window_start = max(0, sent_start - 120)
        for m in sorted(layer.mentions, key=lambda x: -x.start):
            if m.start >= before or m.start < window_start or m.actor_id == exclude:
                continue
            actor = self.index.actors[m.actor_id]
            if unnamed(m.actor_id) or (sectors and actor.sector not in sectors):
                continue
            if actor.type in types and (not countries or actor.country in countries):
                if roots_only and actor.role and actor.parents:
                    return actor.parents[0]
                return m.actor_id
        return None

    def _descriptions(self, doc: Doc, layer: ActorLayer) -> None:
        """'the group', 'the terror group', 'the province', 'the nation' -> nearest fit."""
        for tok in doc:
            if tok.i in layer.by_token or tok.pos_ != "NOUN":
                continue
            types = DESCRIPTION_TYPES.get(tok.lower_)
            if types is None:
                continue
            dets = [c for c in tok.children if c.dep_ == "det" and c.lower_ in ("the", "this")]
            if not dets or any(c.dep_ in ("prep", "relcl", "acl") for c in tok.children):
                continue
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
            if any(c.i in layer.by_token or (c.pos_ == "PROPN" and
                   c.lower_ not in self.index.nationality) for c in mods):
                continue
            nxt = layer.by_token.get(tok.i + 1)
            if nxt is not None:  # "the Palestinian terror organization Hamas"
                self._alias(layer, nxt.actor_id, doc[min(d.i for d in dets):nxt.end].text)
                continue
            countries = {self.index.nationality[c.lower_] for c in mods
                         if c.lower_ in self.index.nationality}
            exclude = None
            if tok.dep_ == "poss" and tok.head.dep_ == "appos":
                hm = layer.by_token.get(tok.head.head.i)
                exclude = hm.actor_id if hm else None
            target = self.nearest_org(doc, layer, tok.i, exclude=exclude, types=types,
                                      countries=countries)
            if target is None:
                continue
            if tok.lower_ in ("province", "affiliate", "branch") and \
                    not self.index.actors[target].parents:
                continue
            start = min(d.i for d in dets)
            layer.add(ActorMention(start, tok.i + 1, target, "description"))


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


# prepositions after which an unknown name the model calls a person is a place ("a leader
# in Raqqah", "near Tabqa"; the model may take the word into the name: "Near Ar Raqqah")
PLACE_NAME_PREPS = {"in", "near", "inside", "outside", "around", "across", "throughout", "into"}
# nouns for places: "the Iraqi city of Mosul" (relations.py), "the outskirts of Tabqa"
PLACE_NOUNS = {"city", "town", "village", "province", "region", "territory", "capital", "border",
               "soil", "airspace", "waters", "coast", "countryside", "district", "area",
               "governorate", "suburbs", "outskirts", "centre", "center", "heart", "north",
               "south", "east", "west"}
# events whose "of" names a place: "the liberation of Sinjar"
PLACE_EVENTS = {"liberation", "fall", "siege", "capture", "recapture", "battle", "recovery"}


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


def _prefixed(doc: Doc, start: int) -> bool:
    """'pro-ISIS', 'anti-Hamas': a stance toward the group, not the group."""
    return start >= 2 and doc[start - 1].text == "-" and \
        doc[start - 2].lower_ in ("pro", "anti", "non", "post", "ex")


MOTION = {"fly", "travel", "go", "return", "move", "arrive", "head", "come", "flee", "escape",
          "relocate", "smuggle", "send", "deport", "drive", "sail", "cross", "transfer"}
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


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
