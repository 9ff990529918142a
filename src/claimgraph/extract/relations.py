"""Relations: what the text says actors do to each other, coded to the ontology.

Each event word (a curated sense from data/lexicon/curated.yaml, else the frame the
verb dictionary codes: extract/frames.py) is read with its arguments from the parse
through named slots, with fallbacks for the parser's misses. AID gets one relation per
mode named in what is given (extract/modes.py); negation, denial, hedges and
complement chains are extract/polarity.py's; standing ties extract/standing.py's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.actors import PLACE_NOUNS, ActorLayer
from claimgraph.extract.coref import Pronouns
from claimgraph.extract.frames import FrameCoder
from claimgraph.extract.index import ActorIndex
from claimgraph.extract.modes import Modes
from claimgraph.extract.phrasings import Phrasings
from claimgraph.extract.polarity import Polarity
from claimgraph.extract.relation import Relation
from claimgraph.extract.standing import StandingTies
from claimgraph.extract.syntax import (
    RELATIVE,
    actors_at,
    children,
    event_modifier,
    is_passive,
    owner_of_relational,
    preps,
)
from claimgraph.lexicon import Curated, VerbLexicon, load_curated, load_verb_lexicon
from claimgraph.ontology import Ontology, Trigger
from claimgraph.records import unnamed

__all__ = ["Relation", "RelationFinder"]


class RelationFinder:
    def __init__(self, index: ActorIndex, ontology: Ontology, curated: Curated | None = None,
                 verbs: VerbLexicon | None = None) -> None:
        self.index = index
        self.onto = ontology
        self.lex = curated or load_curated()
        self.frames = FrameCoder(verbs or load_verb_lexicon(), self.lex.nominal)
        w = self.lex.words
        self.facilities = set(w["facilities"])
        self.partner_verbs = set(w["partner_verbs"])
        self.claim_verbs = set(w["claim_verbs"])
        self.reason_preps = set(w["reason_preps"])
        self.causal = tuple(w["causal"])
        self.relay_preps = tuple(w["relay_preps"])
        self.path_preps = set(w["path_preps"])
        self.help_words = set(w["help_words"])
        self.not_given = set(ontology.attribution.get("not_given", []))
        self._voice: Callable[[Token], str | None] | None = None
        self.phrasings = Phrasings(index.nlp.vocab, self.lex.phrasings,
                                   "claimgraph/data/lexicon/curated.yaml")
        self.coref = Pronouns(index)
        self.modes = Modes(ontology)
        self.polarity = Polarity(ontology, self.lex, self._subject)
        self.standing = StandingTies(index, ontology, self.lex, self._subject, self.phrasings)

    # -------------------------------------------------------------- event relations
    def find(self, doc: Doc, layer: ActorLayer,
             voice: Callable[[Token], str | None] | None = None) -> list[Relation]:
        """Relations in ``doc``; ``voice`` tells who says "we" or "I" at a token."""
        self._voice = voice
        out: list[Relation] = []
        for sent in doc.sents:
            for tok in sent:
                for trig in self._senses(tok):  # the first sense that reads wins
                    found = self._read(trig, tok, sent, layer)
                    if found:
                        out.extend(found)
                        break
        out.extend(self.standing.find(doc, layer))
        return out

    def _trigger(self, tok: Token) -> Trigger | None:
        senses = self._senses(tok)
        return senses[0] if senses else None

    def _senses(self, tok: Token) -> tuple[Trigger, ...]:
        """The curated senses of ``tok`` (a multi-word one needs its particle), else
        the dictionary frame's trigger."""
        lemma = tok.lemma_.lower()
        pos = {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}.get(tok.pos_)
        if pos is None or (pos == "VERB" and tok.dep_ == "amod"):
            return ()
        if event_modifier(tok):
            pos = "NOUN"  # "strike missions against X": a noun, whatever its tag
        senses = self.onto.triggers.get((lemma, pos)) or self.onto.triggers.get((tok.lower_, pos))
        if not senses and pos == "NOUN" and tok.tag_ == "VBG":
            senses = self.onto.triggers.get((lemma, "VERB"))
        coded = pos in ("VERB", "NOUN") and tok.pos_ != "PROPN"
        if senses:
            near = {c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "advmod")}
            senses = tuple(t for t in senses if t.particle is None or t.particle in near)
            # a dictionary verb of several words ("turn down") is more specific than a
            # curated sense of its verb alone
            frame = self.frames.frame(tok, multi_word=True) if coded else None
            trig = self.frames.trigger(frame, pos) if frame is not None else None
            first = tuple(t for t in senses if t.particle is not None)
            rest = tuple(t for t in senses if t.particle is None)
            return first + ((trig,) if trig is not None else ()) + rest
        if coded and not self._passes_on(tok):
            frame = self.frames.frame(tok)
            if frame is not None and (self._light(tok) or (
                    frame.score == 0 and tok.lemma_.lower() in self.lex.complements)):
                # "began their assault on X": the noun is the event; "did not want a
                # war": a verb of intention is an event only where a pattern says so
                return ()  # "began their assault on X": the noun is the event
            transitive = bool(children(tok, "dobj"))
            trig = self.frames.trigger(frame, pos, transitive) if frame is not None else None
            if trig is not None:
                return (trig,)
        return ()

    def _light(self, tok: Token) -> bool:
        """A verb whose object is a curated event noun ("carried out attacks", "began
        their assault", "held meetings"): the noun codes the event. Not a verb of
        intention, which codes what it intends ("promised aid" is an agreement)."""
        if tok.lemma_.lower() in self.lex.complements:
            return False
        return any(self.onto.triggers.get((d.lemma_.lower(), "NOUN"))
                   for d in children(tok, "dobj"))

    def _passes_on(self, tok: Token) -> bool:
        """A verb of the complements table with a complement ("wants to maintain",
        "plans to attack") passes its meaning to the act it governs."""
        return tok.lemma_.lower() in self.lex.complements and \
            any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)

    def _slot(self, slot: str, tok: Token, layer: ActorLayer, passive: bool) -> list[str]:
        if slot == "nsubj":
            if passive:
                return [a for o in preps(tok, "by") for a in actors_at(o, layer)] or \
                    self._event_agent(tok, layer)
            return self._subject(tok, layer)
        if slot == "agent":
            return [a for o in preps(tok, "by") for a in actors_at(o, layer)]
        if slot == "dobj":
            if passive:
                return [a for c in _passive_subjects(tok) for a in
                        actors_at(c, layer) or self._pronoun(c, layer)]
            return [a for c in children(tok, "dobj") for a in actors_at(c, layer)]
        if slot == "nsubjpass":
            return [a for c in children(tok, "nsubjpass") for a in actors_at(c, layer)]
        if slot == "dative":
            return [a for c in children(tok, "dative") for a in actors_at(c, layer)]
        if slot in ("poss", "compound", "amod"):
            return [a for c in children(tok, slot, "nmod") if c.i < tok.i
                    for a in actors_at(c, layer, deep=False) + self._pronoun(c, layer)]
        if slot == "clause":
            return [] if passive else self._subject(tok, layer)
        if slot == "host":
            return []
        if slot == "cause_of":  # "X grew strong thanks to Iranian support": X benefits
            return self._beneficiary(tok, layer)
        if slot == "ccomp_subj":  # also "pressed for Russia to use its influence"
            clauses = children(tok, "ccomp", "xcomp", "oprd") + [
                c for c in children(tok, "advcl")
                if any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)]
            return [a for c in clauses
                    for s in children(c, "nsubj", "nsubjpass") for a in actors_at(s, layer)]
        if slot == "object" and not passive:
            # the direct object; its owner only where it names people ("freed Hamas
            # leaders"), not an act or a thing ("reiterated UK support", "its obligations")
            return [a for c in children(tok, "dobj")
                    for a in actors_at(c, layer, deep=self._agent_noun(c))]
        if slot == "object":
            return self._slot("dobj", tok, layer, passive)
        if slot == "dobj_deep":  # "welcomed the resumption of ties with X and Y"
            for c in children(tok, "dobj"):
                for t in c.subtree:
                    if t.dep_ in ("pobj", "appos") and not self._off_path(t, tok):
                        found = actors_at(t, layer, deep=self._agent_noun(t))
                        if found:  # the first phrase that names actors, with its conjuncts
                            return found
            return []
        if slot == "comp":  # "refused to meet X", "agreed to withdraw from X"
            return [a for c in children(tok, "xcomp")
                    for t in (*children(c, "dobj", "dative"),
                              *(o for p in children(c, "prep") for o in children(p, "pobj")))
                    for a in actors_at(t, layer)]
        if slot.startswith("q:"):  # "departed from X": X itself, not the owner of a place
            return [a for o in preps(tok, slot[2:]) for a in actors_at(o, layer, deep=False)]
        if slot.startswith("p:"):
            word = slot[2:]
            found = [a for o in preps(tok, word) for a in actors_at(o, layer)]
            if not found:  # the preposition may hang on the object: "aid to X"
                for c in children(tok, "dobj", "attr"):
                    found += [a for o in preps(c, word) for a in actors_at(o, layer)]
            if not found and event_modifier(tok):  # "strike missions against X"
                found = [a for o in preps(tok.head, word) for a in actors_at(o, layer)]
            return found
        return []

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

    def _pronoun(self, tok: Token, layer: ActorLayer) -> list[str]:
        return self.coref.resolve(tok, layer, self._voice)

    def _read(self, trig: Trigger, tok: Token, sent: Span, layer: ActorLayer) -> list[Relation]:
        passive = trig.pos == "VERB" and is_passive(tok)
        if trig.type == "AID" and trig.pos == "VERB" and \
                self._slot("p:against", tok, layer, passive):
            # "delivered 24 munitions against X": what is given goes against X
            trig = replace(trig, type="ASSAULT", mode=None, obj=("p:against",), inverse=False,
                           counter=None, needs_theme=False, needs_theme_word=())
        subj_slots = trig.subj
        subjects: list[str] = []
        for slot in subj_slots:
            subjects = self._slot(slot, tok, layer, passive)
            if subjects:
                break
        if passive and not subjects:
            subjects = self._facility_owner(tok, layer)
        if trig.lemma in ("ask", "question") and any(
                t.tag_ in ("WRB", "WP") for t in tok.subtree if t.i > tok.i):
            return []  # "asked why Iran would ...": a question, not a request
        objects: list[str] = []
        obj_slot = None
        for slot in trig.obj:
            objects = [o for o in self._slot(slot, tok, layer, passive) if o not in subjects]
            if objects:
                obj_slot = slot
                break
        people_given = trig.type == "AID" and obj_slot == "dobj" and all(
            unnamed(o) for o in objects) and any(
            self.modes.mode_of(d) == "fighters" for d in children(tok, "dobj"))
        if people_given:  # "providing 125 soldiers to assist the Iraqi Army": what is given
            objects, obj_slot = [], None
        if not objects and event_modifier(tok) and tok.lower_.endswith("ing"):
            objects = [o for o in actors_at(tok.head, layer) if o not in subjects]
            obj_slot = "head"  # "denied training Houthi fighters": the noun is its object
        between = False
        if "p:between" in trig.obj and list(preps(tok, "between")) and \
                (trig.pos != "VERB" or not subjects):
            # "the agreement between A and B": A and B agree, whoever speaks of it (but
            # "X mediated between A and B": X mediates, A and B are its objects)
            pair = self._slot("p:between", tok, layer, passive)
            if len(pair) < 2:
                return []
            subjects, objects, between = pair[:1], pair[1:], True
        directed = True
        if not objects and len(subjects) >= 2 and (trig.symmetric or
                                                   self.onto.is_joint(trig.type)):
            subjects, objects = subjects[:1], subjects[1:]  # "A and B met", "... agreed"
        elif not objects and trig.pos == "NOUN" and self.onto.family(trig.type) == "conflict":
            pair = self._paired_before(tok, layer)
            if pair:  # "the Iran-Iraq war": two sides, neither named as the attacker
                subjects, objects, directed = pair[:1], pair[1:], False
        if not objects and trig.pos == "NOUN" and not trig.symmetric:
            objects = self._partner(tok, layer, subjects)
            directed = not objects  # "X works with Y through weapons smuggling": who gives?
        enemy = not objects and self.onto.family(trig.type) == "conflict" and self._enemy(tok)
        if not objects and not trig.symmetric and not self.onto.is_standing(trig.type) and \
                not enemy and trig.guess:
            # a guess at the object; a standing tie ("X leads Y") needs Y named
            objects = self._fallback_object(tok, layer, subjects, trig, people_given)
            if any((m := layer.at(t)) is not None and m.actor_id in objects
                   for d in children(tok, "dobj") for t in d.subtree):
                obj_slot = "dobj"  # "trained hundreds of Houthi fighters": the helped
        if trig.symmetric and not subjects and len(objects) >= 2:
            subjects, objects = objects[:1], objects[1:]
        if trig.type == "AID" and objects:
            objects += [r for r in self._relays(tok, layer) if r not in subjects + objects]
        if trig.needs_obj and not objects:
            return []
        if trig.type == "AID" and trig.pos == "VERB" and any(
                d.lemma_.lower() in self.not_given for d in children(tok, "dobj")):
            return []  # "provided the following statement on the SDF advance"
        if trig.body_type and objects and not _joint_in(tok) and \
                all(self._joins_as_member(s, o) for s in subjects for o in objects):
            trig = replace(trig, type=trig.body_type, symmetric=False)  # "joined NATO"
        if trig.needs_theme_word and not self.modes.phrases(trig.needs_theme_word).in_span(sent):
            return []
        intent = self.polarity.intent(tok, trig)
        if intent == "drop":
            return []  # "threatened an offensive against X": the THREATEN is the claim
        polarity, denier = self.polarity.polarity(tok, layer, trig.type)
        if intent == "hedge" and polarity == "denied":
            return []  # "did not want a war with X" denies no attack
        if intent == "deny":
            polarity = "denied"  # "refused to meet X"
        if not subjects and denier:
            subjects = [denier]
        if not subjects:
            return []
        open_target = not objects and polarity != "denied" and not enemy
        if open_target and not self._may_lack_target(trig, tok):
            return []  # "fought the enemy" keeps an open object: filled from context
        modes = self.modes.modes(trig, tok, obj_slot)
        if trig.needs_theme and not [m for m in modes if m] and \
                not self.modes.help_theme(trig, tok):
            return []  # "gave the delegation a warm welcome": nothing is given
        if trig.inverse:
            subjects, objects = objects, subjects
        hedged, hearsay = self.polarity.hedged(tok)
        hedged = hedged or intent == "hedge"
        contexts = set(trig.contexts) | self.modes.contexts(sent)
        out: list[Relation] = []
        if objects and self.onto.family(trig.type) == "conflict" and not trig.inverse:
            subjects += [a for a in self._co_agents(tok, sent, layer, subjects)
                         if a not in subjects and a not in objects]
            # "A and B did not attack Z" denies no alliance; "killed by A and B" or "at the
            # hands of A and B" lists perpetrators, who need not act together
            if polarity == "asserted" and not passive:
                out += self._side_by_side(subjects, tok, sent, hedged, hearsay)
        targets: list[str | None] = list(objects) or [None]
        for s in subjects:
            for o in targets:
                if s == o or (o is not None and not between and self.index.same_family(s, o)):
                    continue  # "between Iraq and its Kurdish region" names two sides
                for mode in modes:
                    if trig.counter and mode == trig.counter:
                        continue
                    out.append(Relation(s, trig.type, mode, o, polarity, hedged, hearsay, tok,
                                        sent, contexts, directed, trig.code, open_target))
                if trig.reciprocal and o is not None and not self.onto.is_joint(trig.type):
                    kind, rmode, rcode = trig.reciprocal  # "X visited Y": Y hosted X
                    out.append(Relation(o, kind, rmode, s, polarity, hedged, hearsay, tok,
                                        sent, contexts, directed, rcode))
                if trig.counter and o is not None:
                    out.append(Relation(o, trig.type, trig.counter, s, polarity, hedged, hearsay,
                                        tok, sent, contexts | {"economic"}))
        return out

    def _may_lack_target(self, trig: Trigger, tok: Token) -> bool:
        """An event may stand without a target ("the rebels rejected the plan",
        "students staged protests") when a verb names it: a curated word, or a
        dictionary pattern that matched more than the verb. Not a standing tie, not a
        mutual act (with whom?), not giving (to whom?), not a bare dictionary verb
        ("thought", "addressed"), not an act on words ("released the results")."""
        if trig.pos != "VERB" or self.onto.needs_target(trig.type) or trig.symmetric:
            return False
        if any(d.lemma_.lower() in self.not_given for d in children(tok, "dobj")):
            return False  # "will release the results", "issued a statement": no act
        return trig.code is None or trig.patterned

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

    def _side_by_side(self, subjects: list[str], tok: Token, sent: Span, hedged: bool,
                      hearsay: bool) -> list[Relation]:
        """Actors who together fight one enemy cooperate (undirected: the text names the
        pair and what they do, not who helps whom)."""
        out = []
        for i, a in enumerate(subjects):
            for b in subjects[i + 1:]:
                if a != b and not self.index.same_family(a, b):
                    out.append(Relation(a, "COOPERATE", None, b, "asserted", hedged, hearsay,
                                        tok, sent, {"military"}, directed=False))
        return out

    def _relays(self, tok: Token, layer: ActorLayer) -> list[str]:
        """'support via its proxy, Hamas': an organisation that passes the aid on
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
        """'tortured in Hamas prisons': the owner of the place acts."""
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


def _joint_in(tok: Token) -> bool:
    """'joined X in condemning Y': what is done together (not a date or a place)."""
    return any(o.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC") and not o.like_num
               for o in preps(tok, "in"))


def _passive_subjects(tok: Token) -> list[Token]:
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

