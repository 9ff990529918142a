"""Bodies named by description or by number rather than by a known name.

Coalitions and alliances: "the U.S.-led coalition", "the counter-ISIL coalition",
"Coalition forces".

- "<X>-led coalition" (or "coalition led by X") is the coalition that X leads;
- "counter-<X>" / "anti-<X>" coalition is the coalition against X, however X is
  spelled ("counter-ISIL", "Counter-Daesh" name one coalition when ISIL and Daesh
  are one actor);
- a bare "the coalition" is the last coalition the text named; a capitalised
  "Coalition" that nothing named before is the text's own Coalition, an actor of
  its own (a press release of a coalition's command rarely says which one), and so
  is a definite "the (international) coalition".

Numbered military units: "the 134th Expeditionary Fighter Squadron", "3rd Battalion,
321st Field Artillery Regiment" (the battalion is part of the regiment), "Task Force 50";
and warships ("USS Mahan (DDG 72)", the hull number an alias).
"""


from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Doc, Token

from claimgraph.extract.actors import ActorFinder
from claimgraph.extract.index import slug
from claimgraph.extract.layer import ActorLayer, ActorMention, PartOfFact
from claimgraph.extract.vocab import POSSESSIVE
from claimgraph.records import ActorInfo

NOUNS = {"coalition", "alliance"}
UNIT_WORDS = {"squadron", "battalion", "regiment", "brigade", "division", "group", "wing",
              "fleet", "company", "battery", "corps", "force", "army", "flotilla",
              "detachment", "unit", "command", "troop", "platoon", "guard"}
# warship prefixes ("USS Mahan", "HMS Ocean", "FS Forbin") and the navy each names
# (HMS is also older Commonwealth use: the text's own flag wins)
VESSEL_FLAGS = {"USS": "USA", "USNS": "USA", "HMS": "GBR", "FS": "FRA", "HMCS": "CAN",
                "HMAS": "AUS", "HMNZS": "NZL", "INS": "IND", "ARA": "ARG", "RFS": "RUS",
                "ROKS": "KOR", "JS": "JPN", "TCG": "TUR", "ITS": "ITA", "ESPS": "ESP",
                "HNLMS": "NLD", "KRI": "IDN", "BNS": "BGD", "PNS": "PAK"}
VESSEL_PREFIXES = frozenset(VESSEL_FLAGS)
NUMBER_WORDS = {"One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"}
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)?$", re.I)
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
            start = self._start(doc, tok)
            actor_id = self._named(doc, layer, start, tok) or last
            definite = doc[start].lower_ == "the"
            if actor_id is None and (tok.text[:1].isupper() or definite):
                actor_id = self.finder.new_actor(layer, ActorInfo(
                    id="org:coalition" if tok.lower_ == "coalition" else "org:alliance",
                    name=tok.text.capitalize(), type="organization", aliases=set()))
            if actor_id is None:
                continue
            last = actor_id
            first = tok.i  # the free words that end at the noun ("counter-ISIL coalition":
            while first > start and first - 1 not in layer.by_token and \
                    doc[first - 1].lower_ not in ("the", "a", "an", "-"):
                first -= 1  # "coalition", ISIL keeping its own mention)
            layer.add(ActorMention(first, tok.i + 1, actor_id, "description"))

        self._units(doc, layer)
        self._vessels(doc, layer)

    def _vessels(self, doc: Doc, layer: ActorLayer) -> None:
        """'USS Mahan (DDG 72)': a warship is an actor, its hull number an alias."""
        for tok in doc:
            if tok.text not in VESSEL_PREFIXES or tok.i + 1 >= len(doc):
                continue
            end = tok.i + 1
            while end < len(doc) and end - tok.i <= 3 and doc[end].text[:1].isupper() and \
                    doc[end].text not in VESSEL_PREFIXES:
                end += 1
            if end == tok.i + 1 or not self._clear(layer, tok.i, end):
                continue
            actor_id = self._body(layer, doc[tok.i:end].text, "MIL")
            start, flag = self._flag(doc, layer, tok)
            layer.add(ActorMention(start, end, actor_id, "name"))
            if flag is not None:
                layer.part_of.append(PartOfFact(actor_id, flag, start, end))
            if end + 2 < len(doc) and doc[end].text == "(":
                close = next((t.i for t in doc[end + 1:end + 5] if t.text == ")"), None)
                if close is not None and close > end + 1 and self._clear(layer, end + 1, close):
                    layer.add(ActorMention(end + 1, close, actor_id, "alias"))

    def _flag(self, doc: Doc, layer: ActorLayer, prefix: Token) -> tuple[int, str | None]:
        """Where a warship's mention starts and whose navy it is: "the U.K.'s amphibious
        assault ship HMS Ocean" (the words naming the ship's kind are its mention too),
        "French frigate FS Forbin", or else what its prefix says ("USS": United States)."""
        j = prefix.i
        while j > 0 and prefix.i - j < 6 and _kind_word(doc[j - 1]) and \
                j - 1 not in layer.by_token:
            j -= 1
        start = j
        if j > 1 and doc[j - 1].text in POSSESSIVE:
            j -= 1
        m = layer.by_token.get(j - 1) if j > 0 else None
        if m is not None and self.index.actors[m.actor_id].type == "state":
            return start, m.actor_id
        code = VESSEL_FLAGS.get(prefix.text, "").lower()
        return start, code if code in self.index.actors else None

    def _units(self, doc: Doc, layer: ActorLayer) -> None:
        found: list[tuple[int, int, str]] = []
        for tok in doc:
            if tok.lower_ not in UNIT_WORDS or not tok.text[:1].isupper():
                continue
            start = tok.i
            while start > 0 and tok.i - start < 6 and (
                    doc[start - 1].text[:1].isupper() or ORDINAL.match(doc[start - 1].text)):
                start -= 1
            while start < tok.i and doc[start].lower_ in ("the", "a", "an"):
                start += 1
            end = tok.i + 1
            if end < len(doc) and (doc[end].like_num or doc[end].text in NUMBER_WORDS):
                end += 1  # "Task Force 50", "Mobile Unit Two"
            numbered = any(ORDINAL.match(t.text) or t.like_num for t in doc[start:end])
            if not numbered or not self._clear(layer, start, end):
                continue
            actor_id = self._body(layer, doc[start:end].text, "MIL")
            if layer.add(ActorMention(start, end, actor_id, "name")):
                found.append((start, end, actor_id))
        for (s1, e1, child), (s2, e2, parent) in pairwise(found):
            gap = [t.lower_ for t in doc[e1:s2]]
            if gap in ([","], ["of"], ["of", "the"], [",", "the"]):
                layer.part_of.append(PartOfFact(child, parent, s1, e2))

    def _clear(self, layer: ActorLayer, start: int, end: int) -> bool:
        """Make room for a unit's full name: a name found in this text inside it
        ("Air Assault Brigade" in "17th Air Assault Brigade") gives way; a gazetteer
        actor or a name reaching outside keeps its place."""
        inside = layer.within(start, end)
        for m in inside:
            if m.start < start or m.end > end or \
                    self.index.actors[m.actor_id].source == "gazetteer":
                return False
        for m in inside:
            layer.remove(m)
            if not any(x.actor_id == m.actor_id for x in layer.mentions):
                layer.new_actors.pop(m.actor_id, None)
        return True

    @staticmethod
    def _start(doc: Doc, tok: Token) -> int:
        start = tok.i
        while start > 0 and tok.i - start < 6:
            prev = doc[start - 1]
            split_led = prev.lower_ in ("led", "-") or [t.lower_ for t in doc[
                prev.i + 1:prev.i + 3]] == ["-", "led"]  # "Saudi - led" in three tokens
            if prev.text in (",", ";", ":") or not (prev.i < prev.head.i <= tok.i or
                                                    prev.lower_.endswith("-led") or split_led):
                break  # "-led" may hang on a later noun ("U.S.-led coalition aircraft")
            start -= 1
        return start

    def _named(self, doc: Doc, layer: ActorLayer, start: int, tok: Token) -> str | None:
        for t in doc[start:tok.i]:
            low = t.lower_
            if low.endswith("-led") and len(low) > 4:  # "U.S.-led" is one token
                leader = self.index.lookup(t.text[:-4]) or self.index.demonyms.get(t.text[:-4])
                if leader is not None:
                    return self._led(layer, leader, tok)
        for i in range(start, tok.i):
            m = layer.by_token.get(i)
            if m is None or m.kind == "description":
                continue
            before = doc[m.start - 2:m.start] if m.start >= 2 else doc[0:0]
            after = [t.lower_ for t in doc[m.end:tok.i]]
            if after[:2] == ["-", "led"] or after[:1] in (["led"], ["-led"]):
                return self._led(layer, m.actor_id, tok)
            if any(t.lower_ in AGAINST for t in before):
                return self._body(layer, f"{tok.lower_.capitalize()} against "
                                         f"{self.index.actors[m.actor_id].name}")
        led = [c for c in tok.children if c.lower_ == "led"]
        for verb in led:
            for by in verb.children:
                if by.lower_ == "by":
                    for o in by.children:
                        m = layer.by_token.get(o.i)
                        if m is not None:
                            return self._led(layer, m.actor_id, tok)
        return None

    def _led(self, layer: ActorLayer, leader: str, noun: Token) -> str:
        """"the U.S.-led coalition", "the coalition led by Saudi Arabia"."""
        return self._body(layer, f"{self.index.actors[leader].name}-led {noun.lower_}")

    def _body(self, layer: ActorLayer, name: str, sector: str | None = None) -> str:
        return self.finder.new_actor(layer, ActorInfo(
            id=f"org:{slug(name)}", name=name, type="organization", sector=sector,
            aliases={name}))


def _kind_word(t: Token) -> bool:
    """A lower-case word of a ship's kind: "large-deck amphibious assault ship"."""
    return t.text == "-" or (t.is_lower and t.is_alpha and t.pos_ in ("NOUN", "ADJ") and
                             t.lower_ not in ("the", "a", "an"))
