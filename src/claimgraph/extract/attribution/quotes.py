"""Quotations and quoted blocks. A quotation is one span from its opening mark to its
closing one, across sentences and, where the next paragraph opens with a mark and the
last did not close, across paragraphs; its speaker is the tag before, inside or after
it. A block ("X said:", "X listed five areas:") gives X the paragraphs or list items
that follow it."""

from __future__ import annotations

import re

from claimgraph.extract.attribution.context import Context, Cue, Source

OPENING = {"“"}
CLOSING = {"”"}
STRAIGHT = '"'
MARKS = (*OPENING, *CLOSING, STRAIGHT)
LIST_ITEM = re.compile(r"^\s*(\d{1,2}[.)]|[-*•●▪])(\s+|$)")


def quote_spans(ctx: Context) -> list[tuple[int, int]]:
    """(first, last) token of every quotation, marks included."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    para = 0
    for k, sent in enumerate(ctx.sents):
        first_of_para = ctx.para_of[k] != para
        para = ctx.para_of[k]
        if not any(m in sent.text for m in MARKS) and not (first_of_para and start is not None):
            continue  # no mark, and no open quotation to close at a paragraph's end
        for tok in sent:
            if first_of_para and start is not None:
                first_of_para = False
                if tok.text not in OPENING and tok.text != STRAIGHT:
                    spans.append((start, tok.i - 1))  # never closed: ends with its paragraph
                    start = None
                else:
                    continue  # the quotation goes on in this paragraph
            first_of_para = False
            if tok.text in OPENING or (tok.text == STRAIGHT and start is None):
                start = tok.i if start is None else start
            elif (tok.text in CLOSING or tok.text == STRAIGHT) and start is not None:
                spans.append((start, tok.i))
                start = None
    if start is not None:
        spans.append((start, len(ctx.doc) - 1))
    return spans


class Quotes:
    def __init__(self, ctx: Context, cues: list[Cue]) -> None:
        self.c = ctx
        self.spans = quote_spans(ctx)
        self.span_of: dict[int, int] = {}  # token -> number of its quotation
        for n, (a, b) in enumerate(self.spans):
            for i in range(a, b + 1):
                self.span_of[i] = n
        self.speaker: dict[int, Source] = {}  # quotation number -> who speaks it
        for n, span in enumerate(self.spans):
            src = self._tag(span, cues)
            if src is not None:
                self.speaker[n] = src

    def _tag(self, span: tuple[int, int], cues: list[Cue]) -> Source | None:
        """The speech cue nearest the quotation, outside every quotation, in the
        sentences it spans or the one after it in the same paragraph."""
        c = self.c
        first, last = c.sentence(span[0]), c.sentence(span[1])
        nxt = last + 1 if last + 1 < len(c.sents) and \
            c.para_of[last + 1] == c.para_of[last] else last
        lo, hi = c.sents[first].start, c.sents[nxt].end
        best: tuple[int, Cue] | None = None
        for cue in cues:
            i = cue.token.i
            if not (lo <= i < hi) or i in self.span_of or not cue.carries or \
                    cue.source.origin.kind == "self":
                continue
            if c.sentence(i) == nxt and nxt != last and \
                    c.sents[last].text.rstrip()[-1:] not in CLOSING | {STRAIGHT}:
                continue
            dist = span[0] - i if i < span[0] else i - span[1]
            if best is None or dist < best[0]:
                best = (dist, cue)
        if best is None and first > 0:  # no tag: the one introduced just before speaks
            before = [q for q in cues if c.sentence(q.token.i) == first - 1 and q.carries
                      and q.source.origin.kind != "self" and q.token.i not in self.span_of]
            return before[-1].source if before else None
        return best[1].source if best else None

    def of(self, i: int) -> tuple[int, Source] | None:
        """(quotation number, speaker) of the quotation holding token ``i``."""
        n = self.span_of.get(i)
        if n is None or n not in self.speaker:
            return None
        return n, self.speaker[n]


def find_blocks(ctx: Context, cues_of: dict[int, list[Cue]]) -> dict[int, Source]:
    """Token -> the source of the block it is in. After "X said:" or "X reports:" what
    follows is X's: list items while they last, quoted paragraphs while they open with
    a mark, and an excerpt without marks until the next such heading."""
    block_of: dict[int, Source] = {}
    sents = ctx.sents
    current: Source | None = None
    mode = ""  # list, quote or excerpt
    for k, sent in enumerate(sents):
        text = sent.text.strip()
        new_para = k == 0 or ctx.para_of[k] != ctx.para_of[k - 1]
        if current is not None and new_para and (
                (mode == "list" and not LIST_ITEM.match(text)) or
                (mode == "quote" and text[:1] not in OPENING | {STRAIGHT})):
            current = None
        if current is not None:
            for t in sent:
                block_of[t.i] = current
        if text.endswith(":"):
            cue = next(iter(cues_of.get(sent.start, ())), None)
            if cue is not None and cue.source.origin.kind != "self":
                current = cue.source
                nxt = sents[k + 1].text.strip() if k + 1 < len(sents) else ""
                mode = "list" if LIST_ITEM.match(nxt) else \
                    "quote" if nxt[:1] in OPENING | {STRAIGHT} else "excerpt"
    return block_of
