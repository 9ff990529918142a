"""Coalitions and alliances named by description rather than by a proper name:
"the U.S.-led coalition", "the counter-ISIL coalition", "Coalition forces".

- "<X>-led coalition" (or "coalition led by X") is the coalition that X leads;
- "counter-<X>" / "anti-<X>" coalition is the coalition against X, however X is
  spelled ("counter-ISIL", "Counter-Daesh" name one coalition when ISIL and Daesh
  are one actor);
- a bare "the coalition" is the last coalition the text named; a capitalised
  "Coalition" that nothing named before is the text's own Coalition, an actor of
  its own (a press release of a coalition's command rarely says which one).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimgraph.extract.actors import ActorFinder, ActorLayer, ActorMention
from claimgraph.extract.index import slug
from claimgraph.records import ActorInfo

NOUNS = {"coalition", "alliance"}
AGAINST = {"counter", "anti"}


class CollectiveFinder:
    def __init__(self, finder: ActorFinder) -> None:
        self.finder = finder
        self.index = finder.index

    def find(self, doc: Doc, layer: ActorLayer) -> None:
        last: str | None = None
        for tok in doc:
            if tok.lower_ not in NOUNS or tok.i in layer.by_token or tok.tag_ in ("NNS", "NNPS"):
                continue
            start = self._start(doc, tok, layer)
            actor_id = self._named(doc, layer, start, tok) or last
            if actor_id is None and tok.text[:1].isupper():
                actor_id = self.finder.new_actor(layer, ActorInfo(
                    id="org:coalition" if tok.lower_ == "coalition" else "org:alliance",
                    name=tok.text.capitalize(), type="organization", aliases=set()))
            if actor_id is None:
                continue
            last = actor_id
            free = [i for i in range(start, tok.i + 1) if i not in layer.by_token
                    and doc[i].lower_ not in ("the", "a", "an", "-")]
            if free:
                layer.add(ActorMention(free[0], tok.i + 1, actor_id, "description"))

    @staticmethod
    def _start(doc: Doc, tok: Token, layer: ActorLayer) -> int:
        start = tok.i
        while start > 0 and tok.i - start < 6:
            prev = doc[start - 1]
            if not prev.i < prev.head.i <= tok.i or prev.text in (",", ";", ":"):
                break
            start -= 1
        return start

    def _named(self, doc: Doc, layer: ActorLayer, start: int, tok: Token) -> str | None:
        for t in doc[start:tok.i]:
            low = t.lower_
            if low.endswith("-led") and len(low) > 4:  # "U.S.-led" is one token
                leader = self.index.lookup(t.text[:-4]) or self.index.demonyms.get(t.text[:-4])
                if leader is not None:
                    return self._coalition(layer, f"{self.index.actors[leader].name}-led "
                                           f"{tok.lower_}")
        for i in range(start, tok.i):
            m = layer.by_token.get(i)
            if m is None or m.kind == "description":
                continue
            before = doc[m.start - 2:m.start] if m.start >= 2 else doc[0:0]
            after = [t.lower_ for t in doc[m.end:tok.i]]
            if after[:2] == ["-", "led"] or after[:1] in (["led"], ["-led"]):
                return self._coalition(layer, f"{self.index.actors[m.actor_id].name}"
                                       f"-led {tok.lower_}")
            if any(t.lower_ in AGAINST for t in before):
                return self._coalition(layer, f"{tok.lower_.capitalize()} against "
                                       f"{self.index.actors[m.actor_id].name}")
        led = [c for c in tok.children if c.lower_ == "led"]
        for verb in led:
            for by in verb.children:
                if by.lower_ == "by":
                    for o in by.children:
                        m = layer.by_token.get(o.i)
                        if m is not None:
                            return self._coalition(
                                layer, f"{self.index.actors[m.actor_id].name}-led "
                                f"{tok.lower_}")
        return None

    def _coalition(self, layer: ActorLayer, name: str) -> str:
        actor = ActorInfo(id=f"org:{slug(name)}", name=name, type="organization",
                          aliases={name})
        return self.finder.new_actor(layer, actor)
