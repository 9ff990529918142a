"""Long texts read in pieces: a text over the piece size is cut at paragraph
boundaries (else at a line break, a sentence end, a space), each piece is parsed on
its own, and the pieces are joined into one ``Doc`` whose text is the input's, so every
offset is the text's own. Memory follows the piece, not the text, and spaCy's
``max_length`` never refuses an article.

A cut never changes a sentence: a line break ends one anyway (``claimgraph_line_breaks``),
and a sentence end or space is the cut only where a piece has no line break at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

PIECE_CHARS = 100_000  # most articles are one piece; a book-length text is many
BOUNDARIES = ("\n\n", "\n", ". ", " ")  # tried in this order, last one in the window


def cut(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` in consecutive pieces of at most ``size`` characters that join back to
    it. A piece ends after the last boundary in its second half, or at ``size`` when
    it has none (one unbroken run of characters)."""
    if size < 2:
        raise ValueError(f"piece size {size} is too small")
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        for mark in BOUNDARIES:
            found = text.rfind(mark, start + size // 2, end)
            if found != -1:
                end = found + len(mark)
                break
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 16,
          size: int = PIECE_CHARS) -> Iterator[Doc]:
    """One ``Doc`` per text, in order; long texts are parsed piece by piece (batched
    with the others) and joined."""
    size = max(2, min(size, nlp.max_length))

    def pieces() -> Iterator[tuple[str, tuple[int, int]]]:
        for n, text in enumerate(texts):
            parts = cut(text, size)
            for part in parts:
                yield part, (n, len(parts))

    held: list[Doc] = []
    for doc, (_, count) in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True):
        held.append(doc)
        if len(held) == count:
            yield held[0] if count == 1 else Doc.from_docs(held, ensure_whitespace=False)
            held = []


def parse_one(nlp: Language, text: str, size: int = PIECE_CHARS) -> Doc:
    return next(parse(nlp, [text], batch_size=1, size=size))
