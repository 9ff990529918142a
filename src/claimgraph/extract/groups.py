"""Unnamed groups of people: "civilians", "more than 20 militants", "Syrian refugees".

News names many of the parties to an event only by what they are. Event data codes
them by sector and, where the text gives one, country (POLECAT's "SYRCVL", "---REB");
here each becomes one actor per country and noun, so "ISIL killed civilians" is a
claim that two articles can support together.

- The nouns are the ontology's ``titles.people`` (plural words for groups of people)
  and every plural agent noun of the gazetteer (Phoenix's agents: "ministers",
  "businessmen"); a noun's sector is its agent code ("civilians" CVL, "militants"
  REB), read by sectors.enrich as for every actor found in text.
- A nationality word makes it that country's group ("Syrian refugees": SYR, REF), and a
  nationality as a plural noun is its people ("Syrians": SYR, CVL), not the state. A
  state's own agents (a sector in vocab.STATE_SECTORS: "Iraqi soldiers", "Hungarian
  officials") stay the state, as before.
- A definite armed description ("these terrorists", "the militants") is an anaphor:
  the nearest armed group named before it. Only when there is none is it a group.
- People who belong to a named actor are that actor, as event data codes them: "ISIL
  fighters" and "its fighters" are its mentions already; "70 members of the tribe"
  and "fighters from Hezbollah" become mentions of the tribe and of Hezbollah.
- A group as the speaker of reported speech stays an anonymous source in attribution
  ("residents said"): ``unnamed`` tells attribution which actors these are.
- Others named by their tie to an owner are the owner's group, one per owner and noun:
  "its allies", "Iran's proxies" ("allies of United Kingdom", "proxies of Iran").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from claimgraph.extract.actors import ActorFinder
from claimgraph.extract.aliases import known_as_at
from claimgraph.extract.attribution.lexicon import load_cues
from claimgraph.extract.index import slug
from claimgraph.extract.layer import ActorLayer, ActorMention
from claimgraph.extract.sectors import enrich
from claimgraph.extract.syntax import RELATIONAL, owner_of_relational
from claimgraph.extract.vocab import STATE_SECTORS, WORDS
from claimgraph.ontology import Ontology
from claimgraph.records import UNNAMED, ActorInfo, unnamed

ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "dative"}
ANAPHORIC = {"the", "these", "those", "this", "such"}
ARMED_SECTORS = {"REB", "UAF", "RAD", "CRM"}
FACILITIES = set(WORDS["facilities"])
NOT_PEOPLE = set(WORDS["not_people"])


class GroupFinder:
    def __init__(self, finder: ActorFinder, ontology: Ontology) -> None:
        self.finder = finder
        self.index = finder.index
        self.people = {w.lower() for w in ontology.titles.get("people", [])}
        self.armed = {w.lower() for w in ontology.titles.get("armed_people", [])}
        self.members = {f"{w.lower()}s" for w in ontology.titles["member"]}
        self.speech = set(load_cues().verbs)

    def find(self, doc: Doc, layer: ActorLayer) -> None:
        for tok in doc:
            if tok.dep_ in ARGUMENT_DEPS and self._nationals(tok, layer):
                continue
            if tok.i in layer.by_token or tok.dep_ not in ARGUMENT_DEPS or \
                    tok.pos_ not in ("NOUN", "PROPN"):
                continue
            word = self._word(doc, tok)
            owned, owner = self._owner(tok, layer, word)
            if owned:
                if owner is not None:  # "70 members of the tribe": the tribe
                    layer.add(ActorMention(self._first(doc, layer, tok), tok.i + 1, owner,
                                           "description"))
                continue
            if word is None:
                continue
            if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in self.speech:
                continue  # "residents said": an anonymous source, not a party
            named = self._known_as(doc, layer, tok)
            if named is not None:  # "the rebels, known as M23": M23
                layer.add(ActorMention(self._first(doc, layer, tok), tok.i + 1, named,
                                       "description"))
                continue
            if word in self.armed:
                found = self._armed_referent(doc, layer, tok)
                if found is not None:
                    if found[1] is not None:
                        layer.add(ActorMention(found[0], tok.i + 1, found[1], "description"))
                    continue
            country, demonym = self._country(tok, layer)
            name = f"{self._adjective(country, demonym)} {word}" if country else word
            group = ActorInfo(id=f"{UNNAMED}{slug(name)}", name=name, type="organization",
                              country=country, aliases=set(), kind="composed")
            enrich(group, self.index)  # the sector of its noun
            if country is not None and group.sector in STATE_SECTORS:
                continue
            actor_id = self.finder.new_actor(layer, group)
            if demonym is not None:  # "Syrian refugees" replaces the mention of Syria
                for m in layer.within(demonym.i, demonym.i + 1):
                    layer.remove(m)
            layer.add(ActorMention(self._first(doc, layer, tok), tok.i + 1, actor_id,
                                   "description"))

    def _nationals(self, tok: Token, layer: ActorLayer) -> bool:
        """A nationality as a plural noun names people, not their state: "hundreds of
        thousands of Syrians have been killed" is the group "Syrians" of SYR ("the
        Iraqis", with the article, stays the state)."""
        m = layer.by_token.get(tok.i)
        if m is None or m.kind != "demonym" or m.start != tok.i or m.end != tok.i + 1 or \
                tok.tag_ not in ("NNS", "NNPS") or not tok.lower_.endswith("s") or \
                any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return False  # "the Iraqis have cleared the city": the state, as event data has it
        country = self.index.actors[m.actor_id].country
        group = ActorInfo(id=f"{UNNAMED}{slug(tok.text)}", name=tok.text, type="organization",
                          country=country, aliases=set(), sector="CVL", kind="composed")
        layer.remove(m)
        layer.add(ActorMention(tok.i, tok.i + 1, self.finder.new_actor(layer, group),
                               "description"))
        return True

    def relational(self, doc: Doc, layer: ActorLayer,
                   resolve: Callable[[Token], list[str]],
                   voice: Callable[[Token], str | None] | None = None) -> None:
        """Others named by their tie to an owner: "its allies", "Iran's proxies", "our
        partners", "the allies of Egypt" are a group of the owner's, not the owner.
        ``resolve`` tells what a pronoun stands for ("our": the speaker). A body or a
        nationality before the noun says who they are instead ("Coalition partners",
        "Syrian partners"), and the noun is read as that actor's. With no owner and no
        article ("consult with allies and partners"), they are the voice's: the speaker's,
        or the publisher's (``voice``)."""
        for tok in doc:
            if tok.i in layer.by_token or tok.tag_ not in ("NNS", "NNPS") or \
                    tok.lemma_.lower() not in RELATIONAL:
                continue
            if any(c.dep_ in ("compound", "amod") and c.i in layer.by_token and
                   not owner_of_relational(c, layer) for c in tok.children):
                continue
            owners = [m.actor_id if (m := layer.at(c)) is not None else (resolve(c) or [""])[0]
                      for c in tok.children if c.dep_ == "poss" or owner_of_relational(c, layer)]
            owners += [m.actor_id for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for o in c.children if (m := layer.at(o)) is not None]
            owner = next((o for o in owners if o and not unnamed(o)), None)
            if owner is None and voice is not None and not any(
                    c.dep_ in ("det", "compound", "amod") for c in tok.children):
                owner = voice(tok)
            if owner is None or owner not in self.index.actors or unnamed(owner):
                continue
            name = f"{tok.lower_} of {self.index.actors[owner].name}"
            group = ActorInfo(id=f"{UNNAMED}{slug(name)}", name=name, type="organization",
                              aliases=set())
            layer.add(ActorMention(tok.i, tok.i + 1, self.finder.new_actor(layer, group),
                                   "description"))

    def _known_as(self, doc: Doc, layer: ActorLayer, tok: Token) -> str | None:
        """The named organisation a group noun is said to be known as ("the rebels, known
        as M23", "militants, also called the Black Banner"), made if need be."""
        j = known_as_at(doc, tok.i + 1)
        if j is None:
            return None
        m = layer.by_token.get(j)
        if m is not None:
            return m.actor_id if m.start == j and not unnamed(m.actor_id) else None
        end = j
        while end < len(doc) and end - j < 6 and (doc[end].text[:1].isupper() or (
                doc[end].text in ("-", "al", "el") and end > j)):
            end += 1
        if end == j or doc[end - 1].text in ("-", "al", "el"):
            return None
        name = doc[j:end].text
        actor = ActorInfo(id=f"org:{slug(name)}", name=name, type="organization",
                          aliases={name})
        actor_id = self.finder.new_actor(layer, actor)
        layer.add(ActorMention(j, end, actor_id, "name"))
        return actor_id

    def _word(self, doc: Doc, tok: Token) -> str | None:
        """The group noun at ``tok``: "civilians", or two words ("international community")."""
        if tok.i > 0 and f"{doc[tok.i - 1].lower_} {tok.lower_}" in self.people:
            return f"{doc[tok.i - 1].lower_} {tok.lower_}"
        if tok.lower_ in self.people or tok.lower_ in self.armed:
            return tok.lower_
        if tok.tag_ in ("NNS", "NNPS") and tok.lower_ in self.index.gazetteer.agents and \
                tok.lemma_.lower() not in FACILITIES | NOT_PEOPLE:
            return tok.lower_  # any plural agent noun ("ministers", "businessmen"): ---GOV
        return None

    @staticmethod
    def _first(doc: Doc, layer: ActorLayer, tok: Token) -> int:
        """Where the mention starts, with the noun's modifiers: "innocent civilians"."""
        first = tok.i
        while first > 0 and doc[first - 1].dep_ in ("amod", "compound", "nummod") and \
                doc[first - 1].head.i >= first and first - 1 not in layer.by_token:
            first -= 1
        return first

    def _armed_referent(self, doc: Doc, layer: ActorLayer,
                        tok: Token) -> tuple[int, str | None] | None:
        """What an armed description refers to: 'these terrorists' is the nearest armed
        group named before it. 'Fighters' after a named armed group are most likely
        some group's own, but the text does not say whose: no actor (None).
        None at all when neither holds, and the words are a group of their own."""
        dets = [c for c in tok.children if c.dep_ == "det" and c.lower_ in ANAPHORIC]
        if dets:
            target = self.finder.nearest_org(doc, layer, tok.i, sectors=ARMED_SECTORS)
            return (min(d.i for d in dets), target) if target is not None else None
        start = tok.sent.start
        for m in layer.mentions:
            if start <= m.start < tok.i and not unnamed(m.actor_id):
                actor = self.index.actors[m.actor_id]
                if actor.type == "organization" and actor.sector in ARMED_SECTORS:
                    return tok.i, None
        return None

    def _owner(self, tok: Token, layer: ActorLayer, word: str | None) -> tuple[bool, str | None]:
        """Whether the people at ``tok`` belong to a named actor, and which one when its
        mention does not already cover them. 'ISIL fighters' and 'its fighters' are
        mentions of ISIL already; '70 members of the tribe', 'militants from ISIL' and
        'soldiers of the 3rd Battalion' name the tribe, ISIL and the battalion, as
        event data codes them."""
        for c in tok.children:
            if c.dep_ == "poss":
                return True, None
            if c.dep_ in ("compound", "amod") and c.i in layer.by_token and \
                    layer.by_token[c.i].kind != "demonym":
                return True, None
        if word is None and tok.lower_ not in self.members:
            return False, None
        # "from" tells where people come from, but whose fighters or members are
        preps = ("of", "from") if word is None or word in self.armed else ("of",)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                for o in c.children:
                    m = layer.by_token.get(o.i) if o.dep_ == "pobj" else None
                    if m is not None and not unnamed(m.actor_id):
                        return True, m.actor_id
        return False, None

    def _country(self, tok: Token, layer: ActorLayer) -> tuple[str | None, Token | None]:
        for c in tok.children:
            if c.dep_ in ("amod", "compound") and c.i < tok.i:
                m = layer.by_token.get(c.i)
                if m is not None and m.kind == "demonym":
                    return self.index.actors[m.actor_id].country, c
                code = self.index.nationality.get(c.lower_)
                if code is not None:
                    return code, None
        return None, None

    def _adjective(self, country: str, demonym: Token | None) -> str:
        state = self.index.actors.get(country.lower())
        if state is not None and state.demonyms:
            return state.demonyms[0]
        return demonym.text if demonym is not None else country

