"""Organisations known by the shape of their name, where the gazetteer does not know them
and the small model calls them people or nothing:

- a transliterated Arabic, Persian or Urdu head word of an armed group followed by its
  name: "Jaish al-Ta'ifa al-Mansurah", "Liwa al-Quds", "Harakat Nour al-Din al-Zenki";
- an English head of a body followed by "of (the) Name": "the Army of the Victorious
  Sect", "the Brigades of the Martyrs";
- a named clan or tribe: "the Al-Karabla clan", "the Shammar tribe".

The head words are data (``titles.group_heads``, ``titles.body_heads`` and
``titles.kin_groups`` in the ontology). A shape does not override a mention already
found, except that a transliterated head before a known name makes a new name ("Kataib
Hezbollah" is not Hezbollah; actors.ActorFinder._shapes).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from claimgraph.ontology import Ontology

JOINERS = {"al", "el", "ad", "ash", "as", "at", "an", "ar", "az", "wal", "wa", "li", "lil",
           "fi", "bin", "ibn", "abu", "-", "'"}


class ShapeFinder:
    def __init__(self, ontology: Ontology) -> None:
        self.group_heads = set(ontology.titles.get("group_heads", []))
        self.body_heads = set(ontology.titles.get("body_heads", []))
        self.kin = set(ontology.titles.get("kin_groups", []))

    def find(self, doc: Doc) -> Iterator[tuple[Span, str | None]]:
        """(the name, the sector it implies) for each name of one of the shapes."""
        i = 0
        while i < len(doc):
            found = self._at(doc, i)
            if found is None:
                i += 1
                continue
            yield found
            i = found[0].end

    def _at(self, doc: Doc, i: int) -> tuple[Span, str | None] | None:
        tok = doc[i]
        low = tok.lower_
        if _title(tok) and low in self.group_heads:
            end = _name_end(doc, i + 1)
            if end > i + 1:
                return doc[i:end], "REB"
        if _title(tok) and low in self.body_heads and i + 2 < len(doc) and \
                doc[i + 1].lower_ == "of":
            j = i + 2 + (doc[i + 2].lower_ == "the")
            end = _name_end(doc, j)
            if end > j:
                return doc[i:end], None
        if low == "the" and i + 2 < len(doc):
            end = _name_end(doc, i + 1)
            if end > i + 1 and end < len(doc) and doc[end].lower_ in self.kin:
                return doc[i + 1:end + 1], None
        return None


def _title(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha


def _name_end(doc: Doc, start: int) -> int:
    """The end of the capitalised name that starts at ``start`` ("al-" joiners inside it
    count; it must hold a capitalised word and end on one)."""
    end = start
    j = start
    while j < len(doc) and j - start < 8:
        t = doc[j]
        if t.text[:1].isupper() and not t.is_punct and not t.like_num:
            j += 1
            end = j
        elif t.lower_ in JOINERS and j + 1 < len(doc):
            j += 1
        else:
            break
    return end
