"""Find actor mentions in a parsed article and resolve each to one actor.

Layers, strongest first: gazetteer and known names; sub-units named through their
parent ("Hamas's military wing", "the Sinai branch of the Islamic State"); named
entities the model finds; then alias rules (brackets, parentheses, appositives,
"also known as": extract/aliases.py; acronyms, short forms of persons' names),
demonyms ("Kenyan" -> Kenya; "Kenyan soldiers" are Kenya's MIL: extract/compose.py),
capitals and seats of government used for their state ("Cairo", "Abu Dhabi"), and
definite descriptions ("the group").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.extract.aliases import NameLinks
from claimgraph.extract.entities import EntityNames, prefixed
from claimgraph.extract.index import ActorIndex, slug
from claimgraph.extract.layer import ActorLayer, ActorMention, PartOfFact
from claimgraph.extract.shapes import ShapeFinder
from claimgraph.extract.syntax import name_follows
from claimgraph.extract.vocab import (
    DESCRIPTION_TYPES,
    LEADING_WORDS,
    LOCATIVE_PREPS,
    MOTION,
    POSSESSIVE,
    WING_ROLES,
)
from claimgraph.gazetteer import norm
from claimgraph.ontology import Ontology
from claimgraph.records import ActorInfo, unnamed


class ActorFinder(EntityNames, NameLinks):
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
        self._org_short_names(doc, layer)
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
            if prefixed(doc, s):
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
                if parent_id is None and name_follows(tok):
                    continue  # "the Iraqi militia Kataib Hezbollah": the name's (described.py)
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


    def _demonyms_and_capitals(self, doc: Doc, layer: ActorLayer) -> None:
        for tok in doc:
            if tok.i in layer.by_token:
                continue
            state = self.index.demonyms.get(tok.text)
            if state and (tok.dep_ in ("amod", "compound", "nsubj", "dobj", "pobj", "nmod",
                                       "conj", "appos", "nsubjpass", "dative", "attr") or (
                    tok.dep_ == "npadvmod" and tok.head.lower_ in ("led", "backed"))):
                layer.add(ActorMention(tok.i, tok.i + 1, state, "demonym"))
                continue  # "Kenyan soldiers" are Kenya's MIL: extract/compose.py
            found = self.capital_at(doc, tok.i)
            if found is None:
                continue
            cap, width = found
            if layer.within(tok.i - width + 1, tok.i + 1):
                continue
            prep = tok.head if tok.dep_ == "pobj" else None
            if prep is not None and (prep.lower_ in LOCATIVE_PREPS or (
                    prep.lower_ == "to" and prep.head.lemma_.lower() in MOTION)):
                continue
            if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
                continue  # "a Cairo prison"
            layer.add(ActorMention(tok.i - width + 1, tok.i + 1, cap, "capital"))

    def capital_at(self, doc: Doc, end: int) -> tuple[str, int] | None:
        """(state, number of tokens) of a capital whose name ends at token ``end``
        ("Abu Dhabi", "Addis Ababa", "Kabul")."""
        if not doc[end].text[:1].isupper():
            return None  # every capital's name ends in a capitalised word
        for width in (3, 2, 1):
            start = end - width + 1
            if start < 0:
                continue
            state = self.index.capitals.get(doc[start:end + 1].text)
            if state is not None:
                return state, width
        return None

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
