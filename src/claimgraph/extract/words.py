"""Words and phrases of the data files matched against tokens, by form or lemma, never
as substrings of the sentence: "mediation" is not "media", "outlaw" is not "law"."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token


class PhraseTable:
    """Named lists of phrases read in one pass: which names' phrases a span holds, or
    the first name whose phrase ends at a token (in the table's order)."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.order = list(table)
        self.by_last: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for key, items in table.items():
            for item in items:
                words = tuple(item.lower().split())
                if words:
                    self.by_last.setdefault(words[-1], []).append((key, words))

    def keys_at(self, tok: Token) -> list[str]:
        found: list[str] = []
        for form in {tok.lower_, tok.lemma_.lower()}:
            for key, words in self.by_last.get(form, ()):
                start = tok.i - len(words) + 1
                if start >= 0 and all(w in (t.lower_, t.lemma_.lower()) for t, w in
                                      zip(tok.doc[start:tok.i], words[:-1], strict=True)):
                    found.append(key)
        return found

    def first_at(self, tok: Token) -> str | None:
        found = set(self.keys_at(tok))
        return next((k for k in self.order if k in found), None)

    def in_span(self, span: Span) -> set[str]:
        return {k for t in span for k in self.keys_at(t)}


class Phrases:
    """A list of words and multi-word phrases ("safe house", "line of communication");
    a phrase matches the tokens that end with its last word, each word by its form or
    its lemma (a PhraseTable of one list)."""

    def __init__(self, items: Iterable[str]) -> None:
        self.table = PhraseTable({"": list(items)})

    def at(self, tok: Token) -> bool:
        """A phrase ends at ``tok``."""
        return bool(self.table.keys_at(tok))

    def in_span(self, span: Span) -> bool:
        return any(self.at(t) for t in span)
