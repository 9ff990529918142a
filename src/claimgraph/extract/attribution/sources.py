"""Who a speaker phrase names, as an actor where it can be one: a described document or
its author, a named actor, a spokesman and the body spoken for ("a spokesman for X" is
X speaking), an owner's voice ("his office" is he), a body named before ("the
ministry"), a person the parser found but no list knows, or an anonymous group
("sources in Gaza"). A label is always a name or a clean phrase, never a raw span."""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.extract.attribution.context import Context, Cue, Source, actor_source
from claimgraph.extract.attribution.documents import Documents
from claimgraph.extract.syntax import PRONOUNS, actors_at, children, speaker_phrase
from claimgraph.gazetteer import norm
from claimgraph.records import OriginRec, unnamed

PRONOUN_SPEAKERS = ("he", "she", "they", "it", "his", "her", "their", "its")
LOOK_BACK = 60  # tokens a pronoun looks back for its antecedent
SPEAKER_BACK = 3  # sentences a pronoun looks back for the last one who spoke
PARTITIVE_POS = ("NUM", "PRON", "DET", "ADJ")  # "one of the sources", "some of them"


class Sources:
    def __init__(self, ctx: Context, documents: Documents) -> None:
        self.c = ctx
        self.docs = documents
        self.heard: list[Cue] = []  # the cues found so far, in text order (cues.py)

    def of(self, head: Token, speaking: bool = False) -> Source | None:
        """``speaking``: the phrase is the subject of a verb of speech, so any noun
        there is a speaker ("a doctor at the hospital said")."""
        c, actors = self.c, self.c.o.index.actors
        lemma = head.lemma_.lower()
        if lemma in self.docs.found and head.pos_ == "NOUN":
            return self.docs.source(self.docs.found[lemma])
        part = next((o for p in children(head, "prep") if p.lower_ == "of"
                     for o in children(p, "pobj")), None) if head.pos_ in PARTITIVE_POS \
            else None
        if part is not None:  # "one of the sources said": the sources
            src = self.of(part, speaking)
            if src is not None and src.origin.kind == "anonymous":
                return anonymous(speaker_phrase(head))
            return src
        earlier = self._earlier_voice(head)
        if earlier is not None:
            return earlier
        owner = self._owner(head)
        if owner is not None:
            return owner
        ids = actors_at(head, c.layer)
        if head.lower_ in PRONOUN_SPEAKERS:
            ids = self._antecedent(head)
            if not ids and PRONOUNS.get(head.lower_) == {"person"}:
                return self._person_before(head) or self._tagged_subject(head)
        if lemma in c.o.non_voices and head.i not in c.layer.by_token:
            ids = []  # "a Houthi defector" speaks for himself: anonymous, not the Houthis
        if ids and all(unnamed(i) for i in ids):  # "they said", of residents: anonymous
            return anonymous(actors[ids[0]].name if head.pos_ == "PRON" else
                             speaker_phrase(head))  # "two officials" as written
        for info in self.docs.found.values():
            if ids and info.author and ids[0] == info.author:
                return self.docs.source(info)
            if info.author_head and lemma == info.author_head and not ids:
                return self.docs.source(info)
        phrase = speaker_phrase(head)
        named = [m.actor_id for a in children(head, "appos")
                 if (m := c.layer.at(a)) is not None and actors[m.actor_id].type == "person"]
        if named:  # "a Houthi military spokesman, Yahya Saree, said": Saree speaks
            ids, phrase = named[:1], actors[named[0]].name
        spoken = self._speaks_for(head, named[0] if named else None)
        if spoken is not None:
            return spoken
        if not ids and head.pos_ == "NOUN" and lemma not in c.o.anon_heads:
            ids = self._named_before(head)
        if ids:
            actor = actors[ids[0]]
            # "IDF officials" as written; a named actor by its name
            label = phrase if lemma in c.o.anon_heads else actor.name
            return actor_source(actor.id, label)
        person = self._person(head) or self._organ(head)
        if person is not None:
            return person
        if lemma in c.o.anon_heads or lemma in c.o.non_voices or (
                head.pos_ == "NOUN" and (head.tag_ == "NNS" or speaking)):
            return anonymous(phrase)
        return None

    def _earlier_voice(self, head: Token) -> Source | None:
        """"the statement said", after "said in a statement": that statement's speaker;
        "the official said", after "a senior Saudi official told": that official."""
        lemma = head.lemma_.lower()
        if head.pos_ != "NOUN" or not any(d.lower_ == "the" for d in children(head, "det")):
            return None
        if lemma in self.c.o.cues.nouns:
            for cue in reversed(self.heard):
                if cue.token.i < head.i and cue.source.origin.kind != "self" and any(
                        t.lemma_.lower() == lemma for t in cue.token.subtree):
                    return cue.source
        elif lemma in self.c.o.anon_heads and len(list(head.subtree)) == 2:  # "the X" only
            for cue in reversed(self.heard):
                words = cue.source.label.lower().split()
                if cue.source.origin.kind != "self" and \
                        lemma in {w.rstrip("s") for w in words} | set(words):
                    return cue.source
        return None

    def _owner(self, head: Token) -> Source | None:
        """"his office said", "the group's spokesman said": the owner speaks."""
        lemma = head.lemma_.lower()
        if lemma not in self.c.o.cues.owner_voices or any(
                a.ent_type_ == "PERSON" for a in children(head, "appos")):
            return None
        for p in children(head, "poss"):
            src = self.of(p)
            if src is not None:
                return src
        return None

    def _named_before(self, head: Token) -> list[str]:
        """"the ministry said": the last body named before whose name has the word."""
        if not any(d.lower_ == "the" for d in children(head, "det")):
            return []
        word = head.lower_
        layer, actors = self.c.layer, self.c.o.index.actors
        for i in range(head.i - 1, -1, -1):
            m = layer.by_token.get(i)
            if m is not None and m.start == i and actors[m.actor_id].type != "person" and \
                    word in norm(self.c.doc[m.start:m.end].text).split():
                return [m.actor_id]
        return []

    def _person(self, head: Token) -> Source | None:
        """A person the parser names and no list knows: "Ana Ruiz, a local official"."""
        near = [head, *children(head, "appos", "compound")]
        for t in near:
            if t.ent_type_ != "PERSON":
                continue
            ent = next((e for e in self.c.doc.ents if e.start <= t.i < e.end), None)
            if ent is None:
                continue
            name = " ".join(w.text for w in ent if not w.is_punct).strip()
            if name:
                return Source(name, OriginRec(key=f"person:{norm(name)}", kind="person",
                                              label=name, attrs={"person": name}))
        return None

    def _organ(self, head: Token) -> Source | None:
        """"the interior ministry said" after "Ostravian police": the state named last
        (in this sentence or the two before) speaks through its organ."""
        words = " ".join(t.lower_ for t in head.subtree if t.dep_ in ("compound", "amod")
                         and t.i < head.i) + " " + head.lower_
        organs = self.c.o.cues.state_organs
        if head.lemma_.lower() not in organs and words.strip() not in organs:
            return None
        actors, c = self.c.o.index.actors, self.c
        first = c.starts[max(0, c.sentence(head.i) - 2)]
        for i in range(head.i - 1, first - 1, -1):
            m = c.layer.by_token.get(i)
            if m is None:
                continue
            actor = actors[m.actor_id]
            state = actor if actor.type == "state" else next(
                (actors[p] for p in actor.parents if actors[p].type == "state"), None)
            if state is not None:
                label = f"{speaker_phrase(head)} ({state.name})"
                return actor_source(state.id, label)
        return None

    def _tagged_subject(self, tok: Token) -> Source | None:
        """"Dagalo met Ruto, his office said": a name no list or model knows, as the
        subject of the clause the pronoun's tag follows."""
        verb = tok
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i < tok.i] + \
            ([verb.head] if verb.head.i < verb.i and verb.dep_ != "ROOT" else [])
        for clause in clauses:
            for subj in children(clause, "nsubj"):
                words = [t for t in subj.subtree if t.pos_ == "PROPN"]
                if words and subj.pos_ == "PROPN" and words[-1].i == subj.i:
                    name = " ".join(t.text for t in words)
                    return Source(name, OriginRec(key=f"person:{norm(name)}", kind="person",
                                                  label=name, attrs={"person": name}))
        return None

    def _person_before(self, tok: Token) -> Source | None:
        """"her office said" after a person the parser names and no list knows."""
        ents = [e for e in self.c.doc.ents if e.label_ == "PERSON" and e.end <= tok.i and
                tok.i - e.end < LOOK_BACK]
        return self._person(ents[-1].root) if ents else None

    def _speaks_for(self, head: Token, named: str | None) -> Source | None:
        """A spokesman and the body spoken for: "a Houthi military spokesman, Yahya
        Saree", "Amina Yusuf, a spokeswoman for the African Union". The origin is the
        body (two of its spokesmen are one source), labelled by the person's name."""
        c, actors = self.c, self.c.o.index.actors
        m = c.layer.at(head)
        person = named or (m.actor_id if m is not None and m.kind != "role" and
                           actors[m.actor_id].type == "person" else None)
        roles = [r for r in (head, *children(head, "appos"))
                 if r.lemma_.lower() in c.o.speaking_roles or r.lower_ in c.o.speaking_roles]
        if not roles:
            return None
        role = roles[0]
        near = [t for t in role.children if t.i < role.i] + \
            [o for p in role.children if p.dep_ == "prep" and p.lower_ in ("for", "of")
             for o in p.children]
        bodies = [a for t in near for a in actors_at(t, c.layer)
                  if actors[a].type != "person" and not unnamed(a)]
        if not bodies:
            return None
        body = actors[bodies[0]]
        who = actors[person].name if person else None
        if who is None:  # "a spokesman for X said": X speaks
            return actor_source(body.id, body.name)
        label = f"{who} ({body.name})"
        return actor_source(body.id, label, speaker=person)

    def _antecedent(self, tok: Token) -> list[str]:
        """The last one who spoke, in this sentence or the few before, if of the
        pronoun's kind ("he" a person); else the last actor of its kind named."""
        kinds = PRONOUNS.get(tok.lower_, set())
        actors, c = self.c.o.index.actors, self.c
        k = c.sentence(tok.i)
        for cue in reversed(self.heard if tok.dep_ in ("nsubj", "nsubjpass") else []):
            aid = cue.source.origin.attrs.get("speaker") or cue.source.origin.attrs.get("actor")
            if c.sentence(cue.token.i) < k - SPEAKER_BACK:
                break
            if isinstance(aid, str) and aid in actors and actors[aid].type in kinds:
                return [aid]
        for i in range(tok.i - 1, max(-1, tok.i - LOOK_BACK), -1):
            m = c.layer.by_token.get(i)
            if m is not None and (not kinds or actors[m.actor_id].type in kinds):
                return [m.actor_id]
        return []


def anonymous(phrase: str) -> Source:
    return Source(phrase, OriginRec(key="", kind="anonymous", label=phrase,
                                    attrs={"phrase": phrase}))
