"""Document signals an analyst weighs: appeals for money, comment sections, self-citation."""

from __future__ import annotations

import re

from claimgraph.records import Article

_PATTERNS = [  # the cue only; the sentence around it is cut out by hand (a leading
    # [^.]* in the pattern would make the search quadratic on long pages)
    ("fundraising appeal", re.compile(
        r"\b(please donate|donate (today|now)|make a donation|support our work|"
        r"become a (member|patron)|chip in)\b", re.I)),
    ("comment section", re.compile(
        r"\b(\d+ comments?|post a comment|leave a comment|add a comment)\b", re.I)),
    ("advocacy call to action", re.compile(
        r"\b(sign (the|our) petition|call your representative|help defend)\b", re.I)),
]


def _around(text: str, start: int, end: int, stops: str) -> str:
    left = max(text.rfind(c, 0, start) for c in stops) + 1
    rights = [i for i in (text.find(c, end) for c in stops) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    return text[left:right].strip()


def document_signals(article: Article) -> list[str]:
    found: list[str] = []
    for name, pattern in _PATTERNS:
        m = pattern.search(article.text)
        if m:
            stops = "\n" if name == "comment section" else ".\n!"
            found.append(f"{name}: {_around(article.text, m.start(), m.end(), stops)[:160]!r}")
    if article.outlet:
        outlet = re.escape(article.outlet.replace("The ", ""))
        if re.search(rf"\b(in|to|told)\s+(the\s+)?{outlet}", article.text, re.I):
            found.append(f"cites its own outlet: {article.outlet}")
    return found
