"""Relations: what the text says actors do to each other, coded to the ontology.

Each event word (a curated sense from data/lexicon/curated.yaml, else the frame the
verb dictionary codes: extract/frames.py) is read with its arguments from the parse
through named slots, with fallbacks for the parser's misses. AID gets one relation per
mode named in what is given (extract/modes.py); negation, denial, hedges and
complement chains are extract/polarity.py's; standing ties extract/standing.py's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from claimgraph.extract.arguments import Arguments, passive_subjects
from claimgraph.extract.coref import Pronouns
from claimgraph.extract.frames import FrameCoder
from claimgraph.extract.index import ActorIndex
from claimgraph.extract.layer import ActorLayer
from claimgraph.extract.modes import Modes
from claimgraph.extract.phrasings import Phrasings
from claimgraph.extract.polarity import Polarity
from claimgraph.extract.relation import Relation, ties
from claimgraph.extract.standing import StandingTies
from claimgraph.extract.syntax import (
    actors_at,
    children,
    event_modifier,
    is_passive,
    preps,
)
from claimgraph.lexicon import Curated, VerbLexicon, load_curated, load_verb_lexicon
from claimgraph.ontology import Ontology, Trigger
from claimgraph.records import unnamed

__all__ = ["Relation", "RelationFinder"]


@dataclass
class Reading:
    """One event word being read: what the steps of ``RelationFinder._read`` find."""

    trig: Trigger
    tok: Token
    sent: Span
    layer: ActorLayer
    passive: bool
    subjects: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    obj_slot: str | None = None
    people_given: bool = False
    between: bool = False
    directed: bool = True
    enemy: bool = False
    intent: str | None = None
    polarity: str = "asserted"
    open_target: bool = False
    modes: list[str | None] = field(default_factory=list)
    hedged: bool = False
    hearsay: bool = False


class RelationFinder(Arguments):
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
        """Relations in ``doc``; ``voice`` tells who says "we" or "I" at a token. A
        person's "we" is the body the text ties the person to (coref.Pronouns.speaking_for)."""
        self._voice = voice
        standing = self.standing.find(doc, layer)
        self._voice = self.coref.speaking_for(voice, ties(standing))
        out: list[Relation] = []
        for sent in doc.sents:
            for tok in sent:
                for trig in self._senses(tok):  # the first sense that reads wins
                    found = self._read(trig, tok, sent, layer)
                    if found:
                        out.extend(found)
                        break
        out.extend(standing)
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
                return ()
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
                return [a for c in passive_subjects(tok) for a in
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

    def _pronoun(self, tok: Token, layer: ActorLayer) -> list[str]:
        return self.coref.resolve(tok, layer, self._voice)

    def _read(self, trig: Trigger, tok: Token, sent: Span, layer: ActorLayer) -> list[Relation]:
        """One event word read in steps: its actors, who pairs with whom, whether the
        reading stands, its modality, then the relations."""
        passive = trig.pos == "VERB" and is_passive(tok)
        if trig.type == "AID" and trig.pos == "VERB" and \
                self._slot("p:against", tok, layer, passive):
            # "delivered 24 munitions against X": what is given goes against X
            trig = replace(trig, type="ASSAULT", mode=None, obj=("p:against",), inverse=False,
                           counter=None, needs_theme=False, needs_theme_word=())
        if trig.lemma in ("ask", "question") and any(
                t.tag_ in ("WRB", "WP") for t in tok.subtree if t.i > tok.i):
            return []  # "asked why Iran would ...": a question, not a request
        r = Reading(trig, tok, sent, layer, passive)
        if not self._arguments(r):
            return []
        self._pairing(r)
        if not self._stands(r) or not self._modality(r):
            return []
        return self._emit(r)

    def _arguments(self, r: Reading) -> bool:
        """Subjects and objects from the trigger's slots, in order; False: no reading."""
        trig, tok, layer = r.trig, r.tok, r.layer
        for slot in trig.subj:
            r.subjects = self._slot(slot, tok, layer, r.passive)
            if r.subjects:
                break
        if r.passive and not r.subjects:
            r.subjects = self._facility_owner(tok, layer)
        for slot in trig.obj:
            r.objects = [o for o in self._slot(slot, tok, layer, r.passive)
                         if o not in r.subjects]
            if r.objects:
                r.obj_slot = slot
                break
        if trig.code and r.obj_slot == "object" and all(unnamed(o) for o in r.objects):
            # "returned 50 prisoners to Ukraine": the people are what is handed over
            to = [o for o in self._slot("p:to", tok, layer, r.passive)
                  if not unnamed(o) and o not in r.subjects]
            if to:
                r.objects, r.obj_slot = to, "p:to"
        r.people_given = trig.type == "AID" and r.obj_slot == "dobj" and all(
            unnamed(o) for o in r.objects) and any(
            self.modes.mode_of(d) == "fighters" for d in children(tok, "dobj"))
        if r.people_given:  # "providing 125 soldiers to assist the Iraqi Army": what is given
            r.objects, r.obj_slot = [], None
        if not r.objects and event_modifier(tok) and tok.lower_.endswith("ing"):
            r.objects = [o for o in actors_at(tok.head, layer) if o not in r.subjects]
            r.obj_slot = "head"  # "denied training Houthi fighters": the noun is its object
        if "p:between" in trig.obj and list(preps(tok, "between")) and \
                (trig.pos != "VERB" or not r.subjects):
            # "the agreement between A and B": A and B agree, whoever speaks of it (but
            # "X mediated between A and B": X mediates, A and B are its objects)
            pair = self._slot("p:between", tok, layer, r.passive)
            if len(pair) < 2:
                return False
            r.subjects, r.objects, r.between = pair[:1], pair[1:], True
        return True

    def _pairing(self, r: Reading) -> None:
        """Who pairs with whom where the slots left the object open."""
        trig, tok, layer = r.trig, r.tok, r.layer
        if not r.objects and len(r.subjects) >= 2 and (trig.symmetric or
                                                       self.onto.is_joint(trig.type)):
            r.subjects, r.objects = r.subjects[:1], r.subjects[1:]  # "A and B met"
        elif not r.objects and trig.pos == "NOUN" and \
                self.onto.family(trig.type) == "conflict":
            pair = self._paired_before(tok, layer)
            if pair:  # "the Iran-Iraq war": two sides, neither named as the attacker
                r.subjects, r.objects, r.directed = pair[:1], pair[1:], False
        if not r.objects and trig.pos == "NOUN" and not trig.symmetric:
            r.objects = self._partner(tok, layer, r.subjects)
            r.directed = not r.objects  # "X works with Y through weapons smuggling"
        r.enemy = not r.objects and self.onto.family(trig.type) == "conflict" and \
            self._enemy(tok)
        if not r.objects and not trig.symmetric and not self.onto.is_standing(trig.type) \
                and not r.enemy and trig.guess:
            # a guess at the object; a standing tie ("X leads Y") needs Y named
            r.objects = self._fallback_object(tok, layer, r.subjects, trig, r.people_given)
            if any((m := layer.at(t)) is not None and m.actor_id in r.objects
                   for d in children(tok, "dobj") for t in d.subtree):
                r.obj_slot = "dobj"  # "trained hundreds of Houthi fighters": the helped
        if trig.symmetric and not r.subjects and len(r.objects) >= 2:
            r.subjects, r.objects = r.objects[:1], r.objects[1:]
        if trig.type == "AID" and r.objects:
            r.objects += [x for x in self._relays(tok, layer)
                          if x not in r.subjects + r.objects]

    def _stands(self, r: Reading) -> bool:
        """The conditions the trigger's entry sets ("needs_obj", "needs_theme_word"), and
        what is no act ("provided the following statement")."""
        trig, tok = r.trig, r.tok
        if trig.needs_obj and not r.objects:
            return False
        if trig.type == "AID" and trig.pos == "VERB" and any(
                d.lemma_.lower() in self.not_given for d in children(tok, "dobj")):
            return False
        if trig.body_type and r.objects and not _joint_in(tok) and \
                all(self._joins_as_member(s, o) for s in r.subjects for o in r.objects):
            r.trig = replace(trig, type=trig.body_type, symmetric=False)  # "joined NATO"
        return not (trig.needs_theme_word and
                    not self.modes.phrases(trig.needs_theme_word).in_span(r.sent))

    def _modality(self, r: Reading) -> bool:
        """Polarity, hedges and what a governing verb does; False: no reading."""
        trig, tok = r.trig, r.tok
        r.intent = self.polarity.intent(tok, trig)
        if r.intent == "drop":
            return False  # "threatened an offensive against X": the THREATEN is the claim
        r.polarity, denier = self.polarity.polarity(tok, r.layer, trig.type)
        if r.intent == "hedge" and r.polarity == "denied":
            return False  # "did not want a war with X" denies no attack
        if r.intent == "deny":
            r.polarity = "denied"  # "refused to meet X"
        if not r.subjects and denier:
            r.subjects = [denier]
        if not r.subjects:
            return False
        r.open_target = not r.objects and r.polarity != "denied" and not r.enemy
        if r.open_target and not self._may_lack_target(trig, tok):
            return False  # "fought the enemy" keeps an open object: filled from context
        r.modes = self.modes.modes(trig, tok, r.obj_slot)
        if trig.needs_theme and not [m for m in r.modes if m] and \
                not self.modes.help_theme(trig, tok):
            return False  # "gave the delegation a warm welcome": nothing is given
        if trig.inverse:
            r.subjects, r.objects = r.objects, r.subjects
        r.hedged, r.hearsay = self.polarity.hedged(tok)
        r.hedged = r.hedged or r.intent == "hedge"
        return True

    def _emit(self, r: Reading) -> list[Relation]:
        trig, tok, sent = r.trig, r.tok, r.sent
        contexts = set(trig.contexts) | self.modes.contexts(sent)
        out: list[Relation] = []
        if r.objects and self.onto.family(trig.type) == "conflict" and not trig.inverse:
            r.subjects += [a for a in self._co_agents(tok, sent, r.layer, r.subjects)
                           if a not in r.subjects and a not in r.objects]
            # "A and B did not attack Z" denies no alliance; "killed by A and B" or "at the
            # hands of A and B" lists perpetrators, who need not act together
            if r.polarity == "asserted" and not r.passive:
                out += self._side_by_side(r.subjects, tok, sent, r.hedged, r.hearsay)
        said = (r.polarity, r.hedged, r.hearsay, tok, sent)
        targets: list[str | None] = list(r.objects) or [None]
        for s in r.subjects:
            for o in targets:
                if s == o or (o is not None and not r.between and
                              self.index.same_family(s, o)):
                    continue  # "between Iraq and its Kurdish region" names two sides
                out += [Relation(s, trig.type, mode, o, *said, contexts, r.directed,
                                 trig.code, r.open_target)
                        for mode in r.modes if not (trig.counter and mode == trig.counter)]
                if trig.reciprocal and o is not None and not self.onto.is_joint(trig.type):
                    kind, rmode, rcode = trig.reciprocal  # "X visited Y": Y hosted X
                    out.append(Relation(o, kind, rmode, s, *said, contexts, r.directed, rcode))
                if trig.counter and o is not None:
                    out.append(Relation(o, trig.type, trig.counter, s, *said,
                                        contexts | {"economic"}))
        return out

    def _side_by_side(self, subjects: list[str], tok: Token, sent: Span, hedged: bool,
                      hearsay: bool) -> list[Relation]:
        """Actors who together fight one enemy cooperate (undirected: the text names the
        pair and what they do, not who helps whom)."""
        out = []
        for i, a in enumerate(subjects):
            for b in subjects[i + 1:]:
                if a != b and not self.index.same_family(a, b) and \
                        not self.index.siblings(a, b):  # one state's army and government
                    out.append(Relation(a, "COOPERATE", None, b, "asserted", hedged, hearsay,
                                        tok, sent, {"military"}, directed=False))
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
        return trig.code is None or trig.patterned or \
            bool(self.onto.event_types.get(trig.type, {}).get("alone"))


def _joint_in(tok: Token) -> bool:
    """'joined X in condemning Y': what is done together (not a date or a place)."""
    return any(o.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "FAC") and not o.like_num
               for o in preps(tok, "in"))

