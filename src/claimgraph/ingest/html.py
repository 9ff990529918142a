"""HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

import json
from typing import Any

import trafilatura

from claimgraph.errors import NoArticleText


def html_to_article_fields(html: str, source: str) -> dict[str, Any]:
    """Return ``text`` plus whatever of title, outlet, published and url the page gives."""
    raw = trafilatura.extract(
        html,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
    )
    if not raw:
        raise NoArticleText("HTML page has no article text", source=source)
    data = json.loads(raw)
    text = (data.get("text") or "").strip()
    if not text:
        raise NoArticleText("HTML page has no article text", source=source)
    return {
        "text": text,
        "title": data.get("title") or None,
        "outlet": data.get("sitename") or None,
        "published": data.get("date") or None,
        "url": data.get("url") or None,
    }
