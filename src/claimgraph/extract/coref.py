"""Coreference of pronouns: "we" and "I" are the voice at the token (the quoted speaker,
or the publisher), a subject pronoun opening its sentence continues the last sentence's
subject (or its owner), other pronouns the nearest actor of a fitting type. Definite
descriptions ("the group") and offices ("the Minister") are resolved where those
mentions are made (extract/actors.py, extract/roles.py)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from claimgraph.extract.index import ActorIndex
from claimgraph.extract.layer import ActorLayer, ActorMention
from claimgraph.extract.syntax import FIRST_PERSON, PRONOUNS, actors_at, children

Voice = Callable[[Token], str | None]


class Pronouns:
    def __init__(self, index: ActorIndex) -> None:
        self.index = index

    def pronoun_mentions(self, doc: Doc, layer: ActorLayer, voice: Voice | None = None
                         ) -> list[ActorMention]:
        """Each pronoun with the actor it stands for (output only: the relation rules
        resolve pronouns where they read them)."""
        out = []
        for tok in doc:
            if tok.pos_ == "PRON" and tok.i not in layer.by_token:
                found = self.resolve(tok, layer, voice)
                if found:
                    out.append(ActorMention(tok.i, tok.i + 1, found[0], "pronoun"))
        return out

    def resolve(self, tok: Token, layer: ActorLayer, voice: Voice | None = None) -> list[str]:
        """The actor a pronoun stands for; ``voice`` tells who says "we" or "I"."""
        if tok.lower_ in FIRST_PERSON:
            speaker = voice(tok) if voice is not None else None
            return [speaker] if speaker is not None and speaker in self.index.actors else []
        types = PRONOUNS.get(tok.lower_)
        if types is None:
            return []
        doc = tok.doc
        floor = max(0, tok.sent.start - 80)
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.sent.start > 0:
            # a subject pronoun opening its sentence continues the last sentence's
            # subject ("Hezbollah is backed by Iran. It attacked Israel.")
            before = [t for t in doc[tok.sent.start:tok.i] if t.pos_ in ("NOUN", "PROPN")]
            prev = doc[tok.sent.start - 1].sent
            for t in ([] if before else prev):
                m = layer.by_token.get(t.i)
                if m is not None and t.i == m.end - 1 and \
                        t.dep_ in ("nsubj", "nsubjpass") and t.head == prev.root and \
                        self.index.actors[m.actor_id].type in types:
                    return [m.actor_id]
            # "Niger's government expelled ... It turned to ...": the subject's owner
            for subj in ([] if before else children(prev.root, "nsubj", "nsubjpass")):
                found = [a for a in actors_at(subj, layer) if self.index.actors[a].type in types]
                if found:
                    return found[:1]
        nearest: str | None = None
        for i in range(tok.i - 1, floor - 1, -1):
            m = layer.by_token.get(i)
            if m is None or self.index.actors[m.actor_id].type not in types:
                continue
            nearest = nearest or m.actor_id
            root = doc[m.end - 1]
            if i >= tok.sent.start and (root.dep_ in ("nsubj", "nsubjpass") or
                                        root.head.dep_ in ("nsubj", "nsubjpass")):
                return [m.actor_id]  # an earlier subject in the sentence
        return [nearest] if nearest else []
