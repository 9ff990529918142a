"""Words and phrases of the data files matched against tokens, by form or lemma, never
as substrings of the sentence: "mediation" is not "media", "outlaw" is not "law"."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token


class Phrases:
    """A list of words and multi-word phrases ("safe house", "line of communication");
    a phrase matches the tokens that end with its last word, each word by its form or
    its lemma."""

    def __init__(self, items: Iterable[str]) -> None:
        self.by_last: dict[str, list[tuple[str, ...]]] = {}
        for item in items:
            words = tuple(item.lower().split())
            if words:
                self.by_last.setdefault(words[-1], []).append(words)

    def __bool__(self) -> bool:
        return bool(self.by_last)

    @staticmethod
    def _is(tok: Token, word: str) -> bool:
        return word in (tok.lower_, tok.lemma_.lower())

    def at(self, tok: Token) -> bool:
        """A phrase ends at ``tok``."""
        for key in {tok.lower_, tok.lemma_.lower()}:
            for words in self.by_last.get(key, ()):
                start = tok.i - len(words) + 1
                if start >= 0 and all(self._is(tok.doc[start + k], w)
                                      for k, w in enumerate(words[:-1])):
                    return True
        return False

    def in_span(self, span: Span) -> bool:
        return any(self.at(t) for t in span)


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
                if start >= 0 and all(Phrases._is(tok.doc[start + k], w)
                                      for k, w in enumerate(words[:-1])):
                    found.append(key)
        return found

    def first_at(self, tok: Token) -> str | None:
        found = set(self.keys_at(tok))
        return next((k for k in self.order if k in found), None)

    def in_span(self, span: Span) -> set[str]:
        return {k for t in span for k in self.keys_at(t)}
