"""Readers by format. Each yields Articles, or Failures naming the input and the reason.

Readers are registered by file suffix; plug-ins add more through the
``claimgraph.readers`` entry point group (a callable ``(Path, Defaults) -> Iterator``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from claimgraph.errors import EmptyInput, InputError, MalformedRecord, NoArticleText
from claimgraph.ingest.encoding import decode
from claimgraph.ingest.html import html_to_article_fields
from claimgraph.ingest.limits import read_file
from claimgraph.records import Article
from claimgraph.timeparse import normalise_date


@dataclass(frozen=True)
class Defaults:
    """Metadata given on the command line, used where the input has none."""

    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Failure:
    source: str
    error: InputError

    @property
    def reason(self) -> str:
        return str(self.error)


@dataclass(frozen=True)
class Skipped:
    """A file in a folder that is not read: of no supported kind, or hidden. Listed by
    name with the reason, never stored as a failure (it is not one)."""

    source: str
    reason: str


Item = Article | Failure
Reader = Callable[[Path, Defaults], Iterator[Item]]


def read_bytes_as_text(path: Path) -> tuple[str, str]:
    """The file's text and the encoding it was read with (ingest/encoding.py)."""
    try:
        data = read_file(path)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=str(path)) from exc
    if not data.strip():
        raise EmptyInput("file is empty", source=str(path))
    text, encoding = decode(data, str(path))
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _published(value: Any, source: str) -> str | None:
    if value in (None, ""):
        return None
    iso = normalise_date(str(value))
    if iso is None:
        raise MalformedRecord(f"cannot read published date {value!r}", source=source)
    return iso


# characters no store keeps: NUL (PostgreSQL refuses it) and lone surrogates (not
# UTF-8). Each becomes U+FFFD, one character for one, so every offset stays right.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    return _UNSTORABLE.sub("\ufffd", text)


def _article(doc_id: str, text: str, source: str, defaults: Defaults, *,
             encoding: str | None = None, pages: tuple[int, ...] = (), **meta: Any
             ) -> Article:
    lead = len(text) - len(text.lstrip("\n"))  # page offsets follow the stripped text
    text = storable(text).strip("\n")
    doc_id = storable(doc_id)
    meta = {k: storable(v) if isinstance(v, str) else v for k, v in meta.items()}
    if not text.strip():
        raise NoArticleText("no article text", source=source)
    return Article(
        id=doc_id,
        text=text,
        source=source,
        url=meta.get("url"),
        title=meta.get("title"),
        outlet=meta.get("outlet") or defaults.outlet,
        published=_published(meta.get("published"), source) or defaults.published,
        encoding=encoding,
        pages=tuple(max(0, p - lead) for p in pages),
    )


def read_text_file(path: Path, defaults: Defaults) -> Iterator[Item]:
    try:
        text, encoding = read_bytes_as_text(path)
        yield _article(path.name, text, str(path), defaults, encoding=encoding)
    except InputError as err:
        yield Failure(str(path), err)


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEAD = re.compile(r"^#{1,6}\s*", re.M)
_MD_EMPH = re.compile(r"(\*\*|__|\*|`)")


def markdown_to_text(md: str) -> str:
    return _MD_EMPH.sub("", _MD_HEAD.sub("", _MD_LINK.sub(r"\1", md)))


def read_markdown_file(path: Path, defaults: Defaults) -> Iterator[Item]:
    try:
        text, encoding = read_bytes_as_text(path)
        yield _article(path.name, markdown_to_text(text), str(path), defaults,
                       encoding=encoding)
    except InputError as err:
        yield Failure(str(path), err)


def read_html_file(path: Path, defaults: Defaults) -> Iterator[Item]:
    try:
        text, encoding = read_bytes_as_text(path)
        fields = html_to_article_fields(text, str(path))
        yield _article(path.name, fields.pop("text"), str(path), defaults,
                       encoding=encoding, **fields)
    except InputError as err:
        yield Failure(str(path), err)


def record_to_article(rec: Any, source: str, defaults: Defaults, fallback_id: str) -> Article:
    if not isinstance(rec, dict):
        raise MalformedRecord("a record must be a JSON object", source=source)
    meta = {k: rec.get(k) for k in ("url", "title", "outlet", "published")}
    for key, value in meta.items():
        if value is not None and not isinstance(value, str):
            raise MalformedRecord(f"field {key!r} must be a string", source=source)
    if isinstance(rec.get("text"), str) and rec["text"].strip():
        text = rec["text"]
    elif isinstance(rec.get("html"), str) and rec["html"].strip():
        fields = html_to_article_fields(rec["html"], source)
        text = fields.pop("text")
        for key, value in fields.items():
            meta[key] = meta.get(key) or value
    else:
        raise MalformedRecord("record has no 'text' or 'html' string", source=source)
    doc_id = rec.get("url") or rec.get("id") or fallback_id
    return _article(str(doc_id), text, source, defaults, url=meta["url"],
                    title=meta["title"], outlet=meta["outlet"], published=meta["published"])


BUILTIN_READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".md": read_markdown_file,
    ".markdown": read_markdown_file,
    ".html": read_html_file,
    ".htm": read_html_file,
}


def _bulk() -> dict[str, Reader]:
    from claimgraph.ingest import bulk, office

    return {".jsonl": bulk.read_jsonl_stream, ".gz": bulk.read_gzip, ".csv": bulk.read_csv,
            ".parquet": bulk.read_parquet, ".pdf": office.read_pdf, ".docx": office.read_docx}


def readers() -> dict[str, Reader]:
    """Built-in readers plus plug-ins registered under ``claimgraph.readers``."""
    found = {**BUILTIN_READERS, **_bulk()}
    for ep in entry_points(group="claimgraph.readers"):
        suffix = ep.name if ep.name.startswith(".") else f".{ep.name}"
        if suffix not in found:
            found[suffix] = ep.load()
    return found
