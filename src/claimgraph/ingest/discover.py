"""Walk the paths given on the command line and read every supported file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from claimgraph.errors import MissingPath, UnsupportedFormat
from claimgraph.ingest.readers import Defaults, Failure, Item, readers


def discover(paths: Sequence[str]) -> Iterator[Path | Failure]:
    known = readers()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Failure(raw, MissingPath("no such file or folder", source=raw))
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in known and not child.name.startswith("."):
                    yield child
        elif path.suffix.lower() in known:
            yield path
        else:
            yield Failure(raw, UnsupportedFormat(
                f"unsupported file type {path.suffix or '(none)'!r}; "
                f"expected one of {', '.join(sorted(known))}", source=raw))


def read_all(paths: Sequence[str], defaults: Defaults) -> Iterator[Item]:
    known = readers()
    for found in discover(paths):
        if isinstance(found, Failure):
            yield found
            continue
        yield from known[found.suffix.lower()](found, defaults)


def select(items: Iterator[Item], limit: int | None = None, since: str | None = None
           ) -> Iterator[Item]:
    """At most ``limit`` articles, none published before ``since`` (undated ones pass);
    failures always pass, so they are recorded."""
    taken = 0
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        if since and item.published and item.published < since:
            continue
        if limit is not None and taken >= limit:
            return
        taken += 1
        yield item
