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
WE = {"we", "us", "our", "ours", "ourselves"}


class Pronouns:
    def __init__(self, index: ActorIndex) -> None:
        self.index = index

    def pronoun_mentions(self, doc: Doc, layer: ActorLayer, voice: Voice | None = None,
                         ties: dict[str, str] | None = None) -> list[ActorMention]:
        """Each pronoun with the actor it stands for (output only: the relation rules
        resolve pronouns where they read them). ``ties``: the body each person belongs
        to, which a person's "we", "us" and "our" stand for."""
        out = []
        for tok in doc:
            if tok.pos_ == "PRON" and tok.i not in layer.by_token:
                found = self.resolve(tok, layer, voice)
                if found and tok.lower_ in WE:
                    found = [self._body(found[0], ties or {})]
                if found:
                    out.append(ActorMention(tok.i, tok.i + 1, found[0], "pronoun"))
        return out

    def speaking_for(self, voice: Voice | None, ties: dict[str, str]) -> Voice | None:
        """``voice``, with a person's "we" as the body the person speaks for."""
        if voice is None:
            return None
        base = voice

        def speaker(tok: Token) -> str | None:
            who = base(tok)
            if who is None or tok.lower_ not in WE or who not in self.index.actors:
                return who
            return self._body(who, ties)
        return speaker

    def _body(self, actor_id: str, ties: dict[str, str]) -> str:
        actor = self.index.actors[actor_id]
        if actor.type != "person":
            return actor_id
        return ties.get(actor_id) or (actor.parents[0] if actor.parents else actor_id)

    def resolve(self, tok: Token, layer: ActorLayer, voice: Voice | None = None) -> list[str]:
        """The actor a pronoun stands for; ``voice`` tells who says "we" or "I"."""
        if tok.lower_ in FIRST_PERSON:
            speaker = voice(tok) if voice is not None else None
            return [speaker] if speaker is not None and speaker in self.index.actors else []
        types = PRONOUNS.get(tok.lower_)
        if types is None:
            return []
        doc, sent_start = tok.doc, tok.sent.start  # Token.sent walks the sentence: once
        floor = max(0, sent_start - 80)
        if tok.dep_ in ("nsubj", "nsubjpass") and sent_start > 0:
            # a subject pronoun opening its sentence continues the last sentence's
            # subject ("Hezbollah is backed by Iran. It attacked Israel.")
            before = [t for t in doc[sent_start:tok.i] if t.pos_ in ("NOUN", "PROPN")]
            prev = doc[sent_start - 1].sent
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
            if i >= sent_start and (root.dep_ in ("nsubj", "nsubjpass") or
                                        root.head.dep_ in ("nsubj", "nsubjpass")):
                return [m.actor_id]  # an earlier subject in the sentence
        return [nearest] if nearest else []
