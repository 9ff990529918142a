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


def phrase_table(table: dict[str, list[str]]) -> dict[str, Phrases]:
    return {key: Phrases(items) for key, items in table.items()}
