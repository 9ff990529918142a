"""Long texts in pieces (nlp/pieces.py): cut at paragraph boundaries, parsed piece by
piece, joined into one Doc with the text's own offsets; spaCy's max_length never
refuses an article."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimgraph.extract.pipeline import Extractor
from claimgraph.nlp.pieces import cut, parse
from claimgraph.records import Extraction

PARAGRAPHS = [
    "Sudan's army shelled positions of the Rapid Support Forces near El Fasher.",
    "Kenya hosted talks between Somali clan elders on Tuesday.\nThe talks ended late.",
    "Officials said Iran is supplying drones to the Houthis.",
    "The Malian government expelled the French ambassador, state television reported.",
]


def _long(n: int) -> str:
    return "\n\n".join(f"{PARAGRAPHS[i % len(PARAGRAPHS)]} (Part {i}.)" for i in range(n))


def test_pieces_join_back_and_end_at_paragraphs() -> None:
    text = _long(40)
    parts = cut(text, 1000)
    assert "".join(parts) == text
    assert len(parts) >= 4 and all(len(p) <= 1000 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1])
    # no line break in reach: a sentence end, then a space, then a hard cut
    assert cut("Aa. " * 10, 10) == ["Aa. Aa. ", "Aa. Aa. ", "Aa. Aa. ", "Aa. Aa. ", "Aa. Aa. "]
    assert cut("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]
    assert cut("", 10) == [""]
    with pytest.raises(ValueError):
        cut("abc", 1)


def test_a_text_parsed_in_pieces_reads_as_it_does_whole(extractor: Extractor) -> None:
    text = _long(30)
    whole = extractor.nlp(text)
    doc = next(parse(extractor.nlp, [text], size=900))
    assert doc.text == text
    assert [s.start_char for s in doc.sents] == [s.start_char for s in whole.sents]
    assert [(e.start_char, e.label_) for e in doc.ents] == \
        [(e.start_char, e.label_) for e in whole.ents]
    # batches keep their order, long and short texts mixed
    texts = [PARAGRAPHS[0], text, PARAGRAPHS[2]]
    assert [d.text for d in parse(extractor.nlp, texts, batch_size=2, size=900)] == texts


def test_a_text_over_max_length_is_extracted_with_its_offsets(
        extractor: Extractor, extract: Callable[..., Extraction],
        monkeypatch: pytest.MonkeyPatch) -> None:
    text = _long(24)
    monkeypatch.setattr(extractor.nlp, "max_length", 1500)
    with pytest.raises(ValueError):
        extractor.nlp(text)  # spaCy alone refuses it
    ex = extract(text, doc_id="long.txt")
    assert ex.article.text == text
    late = [s for s in ex.statements if s.start > 1500]
    assert late, "nothing read after the first piece"
    for st in ex.statements:
        assert text[st.start:st.end] == st.quote
    for m in ex.mentions:
        assert text[m.start:m.end] == m.text
