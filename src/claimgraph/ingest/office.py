"""Reports as analysts get them: PDF (pypdf) and Word .docx (python-docx).

A PDF's pages are joined with a blank line between them, and ``Article.pages`` keeps the
offset where each page starts, so a quote's page number is known. Lines broken inside a
paragraph are joined with a space (a word hyphenated at the line end is mended)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from claimgraph.errors import DamagedFile, InputError, NoArticleText
from claimgraph.ingest.limits import read_file
from claimgraph.ingest.readers import Defaults, Failure, Item, _article
from claimgraph.records import Article

PAGE_BREAK = "\n\n"
_HYPHEN = re.compile(r"(\w)-\n(\w)")
_LINE = re.compile(r"[ \t]*\n[ \t]*(?!\n)")
_BLANKS = re.compile(r"\n{3,}")


def page_text(raw: str) -> str:
    """One page's lines as running text; a blank line stays a paragraph break."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    text = _HYPHEN.sub(r"\1\2", text)
    text = re.sub(r"\n\s*\n", "\0", text)  # paragraph breaks aside while lines are joined
    text = _LINE.sub(" ", text).replace("\0", "\n\n")
    return _BLANKS.sub("\n\n", text)


def join_pages(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """The text of all pages and the offset at which each page starts."""
    parts: list[str] = []
    starts: list[int] = []
    at = 0
    for page in pages:
        if parts:
            parts.append(PAGE_BREAK)
            at += len(PAGE_BREAK)
        starts.append(at)
        parts.append(page)
        at += len(page)
    return "".join(parts), tuple(starts)


def _date(value: Any) -> str | None:
    return value.date().isoformat() if isinstance(value, datetime) else None


def _pdf_article(path: Path, defaults: Defaults) -> Article:
    import pypdf
    from pypdf.errors import PyPdfError

    data = read_file(path)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == 0:
            raise DamagedFile("the PDF is encrypted with a password", source=str(path))
        pages = [page_text(p.extract_text() or "") for p in reader.pages]
        meta = reader.metadata
        title = meta.title if meta is not None else None
        created = _date(meta.creation_date) if meta is not None else None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DamagedFile(f"cannot read as PDF: {exc}", source=str(path)) from exc
    text, starts = join_pages(pages)
    if not text.strip():
        raise NoArticleText("the PDF has no text layer (a scanned image?)", source=str(path))
    return _article(path.name, text, str(path), defaults, encoding="pdf", pages=starts,
                    title=str(title) if title else None, published=created)


def _docx_article(path: Path, defaults: Defaults) -> Article:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    data = read_file(path)
    try:
        doc = docx.Document(io.BytesIO(data))
        paragraphs = [p.text.strip() for p in doc.paragraphs]
        for table in doc.tables:  # tables after the running text, a cell a paragraph
            for row in table.rows:
                paragraphs.extend(c.text.strip() for c in row.cells)
        props = doc.core_properties
        title, created = props.title or None, _date(props.created)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DamagedFile(f"cannot read as a Word .docx file: {exc}", source=str(path)) \
            from exc
    text = "\n\n".join(p for p in paragraphs if p)
    return _article(path.name, text, str(path), defaults, encoding="docx", title=title,
                    published=created)


def _reader(make: Callable[[Path, Defaults], Article]) -> Callable[[Path, Defaults],
                                                                    Iterator[Item]]:
    """A reader of one article per file: the article, or the failure naming the file."""
    def read(path: Path, defaults: Defaults) -> Iterator[Item]:
        try:
            yield make(path, defaults)
        except InputError as err:
            yield Failure(str(path), err)
    return read


read_pdf = _reader(_pdf_article)
read_docx = _reader(_docx_article)
