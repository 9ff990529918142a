"""Where the actors of an event stand when the parse does not say it plainly: the
subject through clauses and verbs of help ("X helped Y defeat Z": Y defeats), the agent
named on the event ("killed in a raid by X", the lexicon's "agent" phrasings), the
owner of a facility, companions ("together with Y"), relays ("via its proxy"), and a
guessed object. A mixin of the relation reader: it reads the reader's index, ontology,
lexicon words and pronoun resolution."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from claimgraph.extract.index import ActorIndex
from claimgraph.extract.layer import ActorLayer
from claimgraph.extract.phrasings import Phrasings
from claimgraph.extract.syntax import (
    RELATIVE,
    actors_at,
    children,
    event_modifier,
    is_passive,
    owner_of_relational,
    preps,
)
from claimgraph.extract.vocab import PLACE_NOUNS
from claimgraph.lexicon import Trigger
from claimgraph.ontology import Ontology
from claimgraph.records import unnamed


class Arguments:
    index: ActorIndex
    onto: Ontology
    phrasings: Phrasings
    facilities: set[str]
    partner_verbs: set[str]
    claim_verbs: set[str]
    reason_preps: set[str]
    causal: tuple[str, ...]
    relay_preps: tuple[str, ...]
    path_preps: set[str]
    help_words: set[str]
    _trigger: Callable[[Token], Trigger | None]
    _pronoun: Callable[[Token, ActorLayer], list[str]]

    def _event_agent(self, tok: Token, layer: ActorLayer) -> list[str]:
        """'killed in a raid by X', 'wounded in an airstrike by X': a passive verb's agent
        named on the conflict event it happened in."""
        for word in ("in", "during"):
            for o in preps(tok, word):
                trig = self._trigger(o)
                if trig is not None and self.onto.family(trig.type) == "conflict":
                    # "a raid by X", "a raid conducted by X"
                    found = [a for h in (o, *children(o, "acl")) for b in preps(h, "by")
                             for a in actors_at(b, layer)]
                    if found:
                        return found
        # "killed at the hands of X": the lexicon's phrasings of the role "agent"
        return [a for b in self.phrasings.at(tok.doc, "agent", "event", tok)
                for a in actors_at(b["actor"], layer)]

    def _helped_through(self, tok: Token, layer: ActorLayer) -> list[str]:
        """The helped party when ``tok`` is what the help is for: the infinitive or clause
        under a verb of help, or the noun after its "in" ("support X in the fight", also
        "reiterates support for X in the fight")."""
        if tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
            return self._helped(tok.head, layer)  # not "X supported Y, attacking Z"
        if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.head is not tok.head:
            host = tok.head.head
            return self._helped(host, layer) or [
                a for d in children(host, "dobj") for a in self._helped(d, layer)]
        return []

    def _accused(self, tok: Token, layer: ActorLayer) -> list[str]:
        """'X accused Y of supporting Z', 'Y was accused of supporting Z': Y supports."""
        if tok.dep_ != "pcomp" or tok.head.lower_ not in ("of", "for"):
            return []
        verb = tok.head.head
        trig = self._trigger(verb) if verb.pos_ == "VERB" else None
        if trig is None or trig.type != "ACCUSE":
            return []
        return [a for c in children(verb, "nsubjpass" if is_passive(verb) else "dobj")
                for a in actors_at(c, layer) or self._pronoun(c, layer)]

    def _helped(self, tok: Token, layer: ActorLayer) -> list[str]:
        """Whom a verb or noun of help names as helped: its object, or "support for X",
        "assistance to X", "stand by X"."""
        if tok.lemma_.lower() not in self.help_words:
            return []
        found = [a for c in children(tok, "dobj") for a in
                 actors_at(c, layer) or self._pronoun(c, layer)]
        for word in ("for", "to", "by") if tok.pos_ != "VERB" or tok.lemma_ == "stand" else ():
            found += [a for o in preps(tok, word) for a in actors_at(o, layer)]
        return found

    def _beneficiary(self, tok: Token, layer: ActorLayer) -> list[str]:
        """The subject of the clause that a causal phrase ("due to", "thanks to",
        "because of", "with the help of") around ``tok`` explains."""
        cur = tok
        words: list[str] = []
        for _ in range(4):
            if cur.dep_ not in ("pobj", "pcomp", "prep") or cur.head is cur:
                break
            cur = cur.head
            words.append(cur.lower_)
            if cur.dep_ == "prep" and cur.head.pos_ in ("VERB", "AUX"):
                break
        if " ".join(reversed(words)) not in self.causal:
            return []
        verb = cur.head
        return [a for s in children(verb, "nsubj", "nsubjpass") for a in actors_at(s, layer)]

    def _subject(self, tok: Token, layer: ActorLayer) -> list[str]:
        """The grammatical subject, climbing through xcomp / conj / acl / relcl. Whom a
        verb of help helps does what follows: "X helped Y (to) defeat Z", "X supports Y
        in its fight against Z", "X stands by Y to defeat Z" give Y as the subject."""
        cur = tok
        for _ in range(6):
            helped = self._helped_through(cur, layer) or self._accused(cur, layer)
            if helped:
                return helped
            subs = children(cur, "nsubj", "nsubjpass" if cur is not tok else "nsubj")
            if subs:
                s = subs[0]
                if s.lower_ in RELATIVE and cur.dep_ == "relcl":
                    return actors_at(cur.head, layer) or self._claimant(cur.head, layer)
                return actors_at(s, layer) or self._pronoun(s, layer)
            if cur.dep_ == "relcl":
                return actors_at(cur.head, layer)
            if cur.dep_ == "acl" and cur.tag_ == "VBG":
                # "fighters firing on Iraqi forces", "individuals supplying oil": people act
                # (not "strikes delivering munitions" or "a report saying so": read on)
                found = actors_at(cur.head, layer)
                if found or self._agent_noun(cur.head):
                    return found
            if cur is not tok and cur.pos_ == "NOUN":
                owners = [a for p in children(cur, "poss")
                          for a in actors_at(p, layer) or self._pronoun(p, layer)]
                if owners:  # "Iraq's efforts to destroy the group": Iraq destroys
                    return owners
            if cur.dep_ == "prep" and cur.lower_ in self.reason_preps and tok.pos_ != "VERB":
                break  # "sanctions over the crackdown": the crackdown is not the sanctioner's
            if (cur.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "pobj", "prep", "dobj",
                             "ccomp") or (cur.dep_ == "acomp" and cur is not tok) or
                    (cur.dep_ == "attr" and cur is tok) or event_modifier(cur)) \
                    and cur.head is not cur:  # "X remains committed to carrying out attacks"
                cur = cur.head
                continue
            break
        return []

    def _claimant(self, event: Token, layer: ActorLayer) -> list[str]:
        """Who owns an event named as a noun: "X claimed the ambush that killed Y", "X
        claimed responsibility for the bombing, which killed Y", "X carried out the attack
        that killed Y"."""
        if event.dep_ == "pobj" and event.head.lower_ == "for" and \
                event.head.head.lemma_.lower() == "responsibility":
            event = event.head.head
        if event.dep_ != "dobj" or event.head.lemma_.lower() not in self.claim_verbs:
            return []
        return self._subject(event.head, layer)

    def _agent_noun(self, tok: Token) -> bool:
        """A noun for people who act ("individuals", "companies", "gunmen")."""
        agents = self.index.gazetteer.agents
        return tok.pos_ in ("NOUN", "PROPN") and (tok.lower_ in agents or
                                                  tok.lemma_.lower() in agents)

    @staticmethod
    def _enemy(tok: Token) -> bool:
        """The trigger's target is "the enemy" ("enemy forces", "enemy fighters")."""
        targets = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        targets += [o for p in children(tok, "prep") if p.lower_ in ("against", "of", "on", "at")
                    for o in children(p, "pobj")]
        for t in targets:
            if t.lemma_.lower() == "enemy" or any(
                    c.lower_ == "enemy" for c in t.children if c.dep_ in ("amod", "compound")):
                return True
        return False

    def _co_agents(self, tok: Token, sent: Span, layer: ActorLayer,
                   subjects: list[str]) -> list[str]:
        """'X, together with Y, attacked Z', 'X fought alongside Y against Z': Y acts too."""
        found: list[str] = []
        above: set[int] | None = None
        for t in sent:
            if not (_together_with(t) or t.lower_ == "alongside") or t.dep_ != "prep":
                continue
            if above is None:
                above = {tok.i, *(a.i for a in tok.ancestors)}
            owner = layer.at(t.head)
            if t.head.i in above or (owner is not None and owner.actor_id in subjects):
                found += [a for o in t.children if o.dep_ == "pobj"
                          for a in actors_at(o, layer)]
        return found


    def _relays(self, tok: Token, layer: ActorLayer) -> list[str]:
        """'support via its proxy, the militia': an organisation that passes the aid on
        receives it too (a state or place it passes through does not)."""
        found: list[str] = []
        holders = [tok]
        cur = tok
        while cur.dep_ in ("pobj", "pcomp") and len(holders) < 4:  # "due to support via X"
            cur = cur.head.head if cur.head.dep_ == "pcomp" else cur.head
            holders.append(cur)
        for word in self.relay_preps:
            for o in (o for h in holders for o in preps(h, word)):
                found += [a for a in actors_at(o, layer)
                          if self.index.actors[a].type not in ("state", "place")]
        return found

    def _facility_owner(self, tok: Token, layer: ActorLayer) -> list[str]:
        """'tortured in Houthi prisons': the owner of the place acts."""
        for word in ("in", "at", "inside"):
            for o in preps(tok, word):
                if o.lemma_.lower() in self.facilities:
                    found = actors_at(o, layer)
                    if found:
                        return found
        return []

    def _partner(self, tok: Token, layer: ActorLayer, subjects: list[str]) -> list[str]:
        """A nominal trigger under a verb of cooperation takes the verb's partner."""
        verb = tok.head
        for _ in range(3):
            if verb.pos_ == "VERB":
                break
            verb = verb.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.partner_verbs:
            return []
        for word in ("with", "alongside"):
            found = [a for o in preps(verb, word) for a in actors_at(o, layer)
                     if a not in subjects]
            if found:
                return found
        return []

    def _fallback_object(self, tok: Token, layer: ActorLayer, subjects: list[str],
                         trig: Trigger, skip_dobj: bool = False) -> list[str]:
        """The parser missed the object: the first other actor to the right in the clause
        (not people who are what is given: "sent 10,000 soldiers to the region"; a named
        party there is the one helped: "flew injured Hezbollah fighters to Tehran")."""
        given = {t.i for d in children(tok, "dobj") for t in d.subtree} \
            if "dobj" not in trig.obj or skip_dobj else set()  # "deployed 1,000 fighters"
        for t in tok.subtree:
            if t.i <= tok.i or (t.i in given and (m := layer.at(t)) is not None and
                                unnamed(m.actor_id)):
                continue
            if t.dep_ in ("relcl", "advcl", "ccomp") and t.head.i == tok.i:
                break
            if self._off_path(t, tok) or owner_of_relational(t, layer):
                continue  # "move weapons from Iran", "missiles it used against Y"
            if t.dep_ == "pobj" and t.head.lower_ in ("to", "with", "over") and \
                    self.onto.family(trig.type) == "conflict":
                continue  # "deployed fighters to Mali", "with the ISF", "the war over Kuwait"
            if (m := layer.at(t)) is not None and m.kind == "demonym" and \
                    t.head.lemma_.lower() in PLACE_NOUNS:
                continue  # "to liberate the Iraqi city of Mosul" does not attack Iraq
            m = layer.at(t)
            if m is not None and m.actor_id not in subjects:
                return [m.actor_id]
        return []

    def _off_path(self, t: Token, trigger: Token) -> bool:
        """``t`` names a source or route of the trigger, or sits in a clause of its own."""
        cur = t
        while cur.i != trigger.i and cur.head is not cur:
            if cur.dep_ == "pobj" and (cur.head.lower_ in self.path_preps or
                                       cur.head.lower_ == "alongside" or
                                       _together_with(cur.head)):
                return True  # a route, or a companion ("fought alongside Y")
            if cur.dep_ in ("relcl", "acl", "advcl", "ccomp"):
                return True
            cur = cur.head
        return False

    def _joins_as_member(self, who: str, body: str) -> bool:
        """People, groups of people and states join a body as members ("fighters joined
        the SDF", "Turkey joined NATO"); one named armed group joining another is an
        alliance ("the Houthis joined Hezbollah"), unless the other is an IGO."""
        kind = self.index.actors[body].type
        if kind == "igo":
            return True
        return kind == "organization" and not unnamed(body) and (
            unnamed(who) or self.index.actors[who].type in ("person", "state"))

    @staticmethod
    def _paired_before(tok: Token, layer: ActorLayer) -> list[str]:
        """Two sides written before the noun with a hyphen or slash: "the Iran-Iraq war",
        "the Israel–Hamas conflict"."""
        mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod")]
        if not mods:
            return []
        span = tok.doc[mods[0].left_edge.i:tok.i]
        if not any(t.text in ("-", "–", "/") for t in span):
            return []
        found = list(dict.fromkeys(m.actor_id for m in layer.within(span.start, span.end)))
        return found if len(found) == 2 else []


def _together_with(t: Token) -> bool:
    return t.lower_ == "with" and t.i > 0 and \
        t.doc[t.i - 1].lower_ in ("together", "jointly", "along")


def passive_subjects(tok: Token) -> list[Token]:
    """The passive subject of ``tok``, or of the verb it is conjoined to: "It was founded
    in 1989 and was later headed by X"; for "who"/"which", the noun the clause is on:
    "the Houthis, who are backed by Iran"."""
    cur = tok
    for _ in range(3):
        found = children(cur, "nsubjpass")
        if found and found[0].lower_ in RELATIVE and cur.dep_ == "relcl":
            return [cur.head]
        if found or cur.dep_ != "conj" or children(cur, "nsubj"):
            return found
        cur = cur.head
    return []
