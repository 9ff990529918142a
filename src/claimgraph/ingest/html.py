"""HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

import json
import re
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
    if len(text.split()) < 4:  # navigation crumbs, a lone link: no article
        raise NoArticleText("HTML page has no article text", source=source)
    return {
        "text": text,
        "title": data.get("title") or None,
        "outlet": data.get("sitename") or _meta(html, "og:site_name", "application-name"),
        "published": data.get("date") or None,
        "url": data.get("url") or None,
    }


def _meta(html: str, *names: str) -> str | None:
    """A <meta> value trafilatura left out (it reads site names only with a URL)."""
    for name in names:
        m = re.search(r'<meta[^>]+(?:property|name)=["\']' + re.escape(name) +
                      r'["\'][^>]*content=["\']([^"\'<>]{1,200})["\']', html, re.I)
        if m:
            return m.group(1).strip()
    return None
