"""Actors composed of a country and a sector, as event data codes them: "Israeli
troops", "the Kabul government", "Sudan's army", "rebels in northern Mozambique".

An agent noun (the gazetteer's agents: Phoenix.agents.txt plus the curated ones) with a
country gives one actor per country and sector, however it is worded:

- the country comes from a nationality or a demonym before the noun ("Somali rebels"),
  a state or its capital written before it ("the Kabul government", "U.S. forces"), a
  state that owns it ("Israel's army") or a state or place after in/of/from ("rebels
  in northern Mozambique", "the army of Chad", "militants in Idlib": the place's
  country, from the place list), or the conjunct it is joined to ("the Malian
  government and security forces");
- the sector is the noun's agent code ("troops", "soldiers" and "army" are all MIL);
- a state's own sectors (vocab.STATE_SECTORS: government, military, police,
  intelligence, courts, parliament) are its organs: never the state itself, the state
  their parent. Where the gazetteer holds the organ, it is that actor: "the Israeli
  army" is the IDF. The organ is the state's child marked ``role: organ``, or, for a
  sector that a state has one of (the lexicon's ``unique_organ_sectors``: its armed
  forces, its police), its only child of that sector. A state's one government body in
  the gazetteer (Iraq's Kurdistan Regional Government) is not its government. Other
  sectors ("Syrian rebels", "Afghan students") have the country but no parent: they
  are not the state's;
- a religious or ethnic community (the lexicon's ``communities``) before the noun or as
  the noun makes the community's actor ("Tamil leaders", "Syrian Druze"), with the
  country where one is given.

Singular office words ("the Israeli minister") are people, read by
extract/roles.py; nouns with no country are groups (extract/groups.py). Composed actors have kind
"composed"; their id is ``<state or country>/<sector>`` ("isr/mil"), the same in every
article, so that two articles' "Israeli troops" are one actor.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from claimgraph.extract.actors import ActorFinder
from claimgraph.extract.index import slug
from claimgraph.extract.layer import ActorLayer, ActorMention
from claimgraph.extract.syntax import name_follows
from claimgraph.extract.vocab import POSSESSIVE, STATE_SECTORS, WORDS
from claimgraph.gazetteer import norm
from claimgraph.ontology import Ontology
from claimgraph.places import world_places
from claimgraph.records import ActorInfo

COMMUNITIES = {w.lower() for w in WORDS["communities"]}
SECTOR_NAMES = dict(WORDS["sector_names"])
PREPS = set(WORDS["composition_preps"])
UNIQUE_ORGANS = set(WORDS["unique_organ_sectors"])
FACILITIES = set(WORDS["facilities"])
MODIFIER_DEPS = {"amod", "compound", "nmod", "npadvmod"}


@dataclass
class Country:
    code: str  # ISO alpha-3
    state: str | None  # the state's actor id, where the gazetteer has the state
    start: int  # first token of the words that name it before the noun (or the noun)
    replaces: list[ActorMention]  # mentions inside the phrase that it takes over


class Composer:
    def __init__(self, finder: ActorFinder, ontology: Ontology) -> None:
        self.finder = finder
        self.index = finder.index
        self.agents = self.index.gazetteer.agents
        self.offices = {r.lower() for r in ontology.titles["role"]}
        self.states: dict[str, str] = {}
        for a in sorted(self.index.actors.values(), key=lambda a: a.id):
            if a.type == "state" and a.country and (
                    a.id == a.country.lower() or a.country not in self.states):
                self.states[a.country] = a.id
        self.organs = self._organs()
        world_places()  # the place list, read once per process when the extractor is made
        # a country's adjective where its state has no demonyms: the longest nationality
        # word, one that is not a plural ("Palestinian", not "Gazan" or "Palestinians")
        self.adjectives: dict[str, str] = {}
        for word, code in sorted(self.index.nationality.items()):
            held = self.adjectives.get(code, "")
            if not word.endswith("s") and len(word) > len(held):
                self.adjectives[code] = word.capitalize()

    def _organs(self) -> dict[tuple[str, str], str]:
        """(state, sector) -> the gazetteer's organ: the state's one child of that
        sector, or the one marked ``role: organ`` where it has several."""
        found: dict[tuple[str, str], list[ActorInfo]] = {}
        for a in self.index.gazetteer.actors.values():
            if a.type == "state" or not a.sector or a.sector not in STATE_SECTORS:
                continue
            for p in a.parents:
                parent = self.index.gazetteer.actors.get(p)
                if parent is not None and parent.type == "state":
                    found.setdefault((p, a.sector), []).append(a)
        out = {}
        for key, organs in found.items():
            marked = [a for a in organs if a.role == "organ"]
            pick = marked if marked or key[1] not in UNIQUE_ORGANS else organs
            if len(pick) == 1:
                out[key] = pick[0].id
        return out

    def find(self, doc: Doc, layer: ActorLayer) -> None:
        for tok in doc:
            if tok.pos_ not in ("NOUN", "PROPN") or (
                    tok.dep_ in MODIFIER_DEPS and tok.i < tok.head.i and
                    tok.head.pos_ in ("NOUN", "PROPN") and tok.head.lower_ not in self.offices):
                continue  # "Tamil" in "Tamil leaders": the phrase is read at its head;
                # "army" in "a Sudanese army spokesman" is the army the spokesman is of
            agent = self._agent(doc, tok)
            community = self._community(tok)
            if agent is None and community is None:
                continue
            held = layer.by_token.get(tok.i)
            if held is not None and not self._replaceable(held):
                continue  # part of a name, or read already
            if self._owned_or_single(tok, layer) or _names_follow(doc, tok, layer):
                continue
            first = agent[1] if agent else tok.i
            country = self._country(doc, tok, layer, first)
            if community is not None and country is not None and \
                    doc[country.start].text == community:
                community = None  # "Kurdish fighters": the word names the country (KUR)
            if community is None and country is None:
                continue
            self._compose(doc, layer, tok, agent[0] if agent else None, community, country,
                          first)

    def _replaceable(self, m: ActorMention) -> bool:
        """A mention a composition may take over: a demonym or capital, or a name the
        model guessed in this text ("Syrian Druze" read as a person)."""
        return m.kind in ("demonym", "capital") or (
            m.kind == "ner" and self.index.actors[m.actor_id].source == "text")

    def _owned_or_single(self, tok: Token, layer: ActorLayer) -> bool:
        """People a named actor owns ("Houthi leaders", "its fighters": that actor's,
        extract/groups.py) or one person ("a gunman from Mosul"): no composition."""
        for c in tok.children:
            m = layer.at(c)
            if c.dep_ == "poss" and (m is None or self.index.actors[m.actor_id].type != "state"):
                return True
            if c.dep_ in MODIFIER_DEPS and m is not None and not self._replaceable(m) and \
                    self.index.actors[m.actor_id].type != "state":
                return True
            if c.dep_ == "det" and c.lower_ in ("a", "an", "another") and \
                    tok.tag_ not in ("NNS", "NNPS"):
                return True
        return False

    # ---------------------------------------------------------------- the noun
    def _agent(self, doc: Doc, tok: Token) -> tuple[str, int] | None:
        """(sector, first token) of the agent noun that ends at ``tok``: two words
        ("security forces") before one; a singular office word is a person's."""
        if tok.tag_ not in ("NNS", "NNPS") and tok.lower_ in self.offices:
            return None  # "the Iraqi Foreign Minister": a person (extract/roles.py)
        if tok.lemma_.lower() in FACILITIES:
            return None  # "a Kabul prison" is a place, whatever sector runs it
        if tok.i > 0:
            pair = f"{doc[tok.i - 1].lower_} {tok.lower_}"
            if pair in self.agents:
                return self.agents[pair], tok.i - 1
        for word in (tok.lower_, tok.lemma_.lower()):
            if word in self.agents:
                return self.agents[word], tok.i
        return None

    def _community(self, tok: Token) -> str | None:
        """A community word before the noun, or the noun itself ("Syrian Druze")."""
        words = [tok, *(c for c in tok.children if c.dep_ in MODIFIER_DEPS and c.i < tok.i)]
        return next((w.text for w in words if w.lower_ in COMMUNITIES), None)

    # ------------------------------------------------------------- the country
    def _country(self, doc: Doc, tok: Token, layer: ActorLayer, first: int) -> Country | None:
        mods = list(tok.children)
        if tok.dep_ in MODIFIER_DEPS and tok.head.lower_ in self.offices:
            mods += [c for c in tok.head.children if c.i < tok.i]  # "a Sudanese army spokesman"
        for c in sorted(mods, key=lambda c: c.i):
            if c.i >= first or c.dep_ not in MODIFIER_DEPS | {"poss"}:
                continue
            m = layer.by_token.get(c.i)
            if m is not None and self.index.actors[m.actor_id].type == "state":
                owner = self.index.actors[m.actor_id].country or ""
                if c.dep_ == "poss" or _owned(doc, m.end):
                    return Country(owner, m.actor_id, first, [])
                return Country(owner, m.actor_id, m.start, [m])
            code = self.index.nationality.get(c.lower_)
            if code is not None and (m is None or self._replaceable(m)):
                return Country(code, self.states.get(code), c.i, [m] if m else [])
            if c.dep_ in MODIFIER_DEPS and self._agent(doc, c) is not None and m is None:
                inner = self._country(doc, c, layer, c.i)  # "the [Malian government and
                if inner is not None:  # security] forces", read as one phrase
                    return Country(inner.code, inner.state, first, [])
            capital = self.finder.capital_at(doc, c.i) if m is None else None
            if capital is not None:  # "the Kabul government"
                state = self.index.actors[capital[0]]
                return Country(state.country or "", state.id, c.i - capital[1] + 1, [])
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                m = layer.by_token.get(obj.i)
                if m is not None:
                    actor = self.index.actors[m.actor_id]
                    if actor.type == "state" and actor.country:
                        return Country(actor.country, m.actor_id, first, [])
                    continue
                place = self.index.gazetteer.place(_phrase(obj))
                if place is not None and place.country and obj.text[:1].isupper():
                    return Country(place.country, self.states.get(place.country), first, [])
        head = layer.by_token.get(tok.head.i) if tok.dep_ == "conj" else None
        if head is not None and head.kind == "composed":  # "the Malian government and
            code = self.index.actors[head.actor_id].country  # security forces": Mali's
            if code:
                return Country(code, self.states.get(code), first, [])
        return None

    # ------------------------------------------------------------- the actor
    def _compose(self, doc: Doc, layer: ActorLayer, tok: Token, sector: str | None,
                 community: str | None, country: Country | None, first: int) -> None:
        start = min(country.start if country else first, first)
        if community is not None:
            start = min([start, *(c.i for c in tok.children if c.text == community)])
        if any(m.actor_id not in {r.actor_id for r in (country.replaces if country else [])}
               and not self._replaceable(m) for m in layer.within(start, tok.i + 1)):
            return  # the phrase holds another name: "Houthi gunmen" are the Houthis' already
        surface = doc[start:tok.i + 1].text
        actor_id = self._actor(layer, sector, community, country, surface, tok)
        if actor_id is None:
            return
        for m in layer.within(start, tok.i + 1):
            layer.remove(m)
        layer.add(ActorMention(start, tok.i + 1, actor_id, "composed"))
        self.finder._alias(layer, actor_id, surface)

    def _actor(self, layer: ActorLayer, sector: str | None, community: str | None,
               country: Country | None, surface: str, tok: Token) -> str | None:
        state = country.state if country else None
        if community is None and sector in STATE_SECTORS and state is not None:
            organ = self.organs.get((state, sector or ""))
            if organ is not None:
                return organ
        place = state or (country.code.lower() if country else "")
        parts = [p for p in (place, slug(community) if community else "",
                             sector.lower() if sector else "") if p]
        if len(parts) < 2 and community is None:
            return None
        parents = [state] if state and sector in STATE_SECTORS and community is None else []
        actor = ActorInfo(id="/".join(parts), name=self._name(sector, community, country, tok),
                          type="organization", aliases={surface}, parents=parents,
                          country=country.code if country else None, sector=sector,
                          kind="composed")
        return self.finder.new_actor(layer, actor)

    def _name(self, sector: str | None, community: str | None, country: Country | None,
              tok: Token) -> str:
        words = []
        if country is not None:
            state = self.index.actors.get(country.state or "")
            words.append(state.demonyms[0] if state and state.demonyms else
                         self.adjectives.get(country.code) or  # a name, never a code:
                         (state.name if state else country.code))  # "Congo government"
        if community is not None and norm(community) not in {norm(w) for w in words}:
            words.append(community)
        if community is not None and tok.text != community:
            words.append(tok.lower_)  # "Tamil leaders"
        elif sector is not None and community is None:
            words.append(SECTOR_NAMES.get(sector, tok.lower_))
        return " ".join(words)


def _owned(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].text in POSSESSIVE


def _phrase(tok: Token) -> str:
    """A place's words: "northern Mozambique" is Mozambique, "Idlib province" Idlib."""
    words = [t for t in tok.subtree if t.i <= tok.i and t.text[:1].isupper()]
    return " ".join(t.text for t in words) or tok.text


def _names_follow(doc: Doc, tok: Token, layer: ActorLayer) -> bool:
    """A name right after the noun, which the noun describes ("the German company
    Zublin", "the Iraqi militia Kataib Hezbollah"): the name's, not a composition."""
    if not name_follows(tok) or tok.tag_ in ("NNS", "NNPS"):
        return False
    m = layer.at(doc[tok.i + 1])
    return m is None or m.kind in ("name", "ner")

