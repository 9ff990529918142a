"""Document signals an analyst weighs: appeals for money, comment sections, self-citation."""

from __future__ import annotations

import re

from claimgraph.records import Article

_PATTERNS = [
    ("fundraising appeal", re.compile(
        r"[^.\n]*\b(please donate|donate (today|now)|make a donation|support our work|"
        r"become a (member|patron)|chip in)\b[^.\n]*[.!]?", re.I)),
    ("comment section", re.compile(
        r"[^\n]*\b(\d+ comments?|post a comment|leave a comment|add a comment)\b[^\n]*", re.I)),
    ("advocacy call to action", re.compile(
        r"[^.\n]*\b(sign (the|our) petition|call your representative|help defend)\b[^.\n]*",
        re.I)),
]


def document_signals(article: Article) -> list[str]:
    found: list[str] = []
    for name, pattern in _PATTERNS:
        m = pattern.search(article.text)
        if m:
            found.append(f"{name}: {m.group(0).strip()[:160]!r}")
    if article.outlet:
        outlet = re.escape(article.outlet.replace("The ", ""))
        if re.search(rf"\b(in|to|told)\s+(the\s+)?{outlet}", article.text, re.I):
            found.append(f"cites its own outlet: {article.outlet}")
    return found
