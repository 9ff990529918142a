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

# Most articles are one piece. The model's memory grows with the characters it is given
# at once, about 3 MB a thousand on the small English pipeline (300 MB for five texts of
# 20,000), whether in one text or a batch; the time per character barely changes.
PIECE_CHARS = 20_000
BATCH_CHARS = 50_000
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
    """One ``Doc`` per text, in order. Long texts are parsed piece by piece and joined;
    pieces go to the model in batches of at most ``batch_size`` pieces and
    ``BATCH_CHARS`` characters, so memory follows the batch, not the longest text."""
    size = max(2, min(size, nlp.max_length))
    held: list[Doc] = []
    batch: list[tuple[str, int]] = []  # (piece, how many pieces its text has)
    chars = 0

    def run() -> Iterator[Doc]:
        for doc, count in nlp.pipe(batch, batch_size=len(batch), as_tuples=True):
            held.append(doc)
            if len(held) == count:
                yield held[0] if count == 1 else Doc.from_docs(held, ensure_whitespace=False)
                held.clear()

    for text in texts:
        parts = cut(text, size)
        for part in parts:
            batch.append((part, len(parts)))
            chars += len(part)
            if len(batch) >= batch_size or chars >= BATCH_CHARS:
                yield from run()
                batch, chars = [], 0
    if batch:
        yield from run()


def parse_one(nlp: Language, text: str, size: int = PIECE_CHARS) -> Doc:
    return next(parse(nlp, [text], batch_size=1, size=size))
