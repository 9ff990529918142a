"""Walk the paths given on the command line and read every supported file."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from claimgraph.errors import InputError, MissingPath, UnsupportedFormat
from claimgraph.ingest.limits import regular_file
from claimgraph.ingest.readers import Defaults, Failure, Item, readers


def discover(paths: Sequence[str]) -> Iterator[Path | Failure]:
    known = readers()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Failure(raw, MissingPath("no such file or folder", source=raw))
        elif path.is_dir():
            yield from _walk(path, known)
        elif path.suffix.lower() in known:
            problem = regular_file(path)
            yield path if problem is None else Failure(raw, problem)
        else:
            yield Failure(raw, UnsupportedFormat(
                f"unsupported file type {path.suffix or '(none)'!r}; "
                f"expected one of {', '.join(sorted(known))}", source=raw))


def _walk(folder: Path, known: Mapping[str, object]) -> Iterator[Path | Failure]:
    """The readable files under ``folder``, in name order; files of a known type that
    are not regular (FIFOs, devices, broken or looping links) and folders that cannot
    be listed are named failures, never read and never skipped in silence."""
    found: list[Path | Failure] = []

    def unlisted(exc: OSError) -> None:
        name = str(exc.filename or folder)
        found.append(Failure(name, InputError(f"cannot list: {exc.strerror or exc}",
                                              source=name)))

    for root, dirs, files in os.walk(folder, onerror=unlisted):
        dirs.sort()
        for name in sorted(files):
            child = Path(root) / name
            if child.suffix.lower() not in known or name.startswith("."):
                continue
            problem = regular_file(child)
            found.append(child if problem is None else Failure(str(child), problem))
    yield from sorted(found, key=lambda f: str(f) if isinstance(f, Path) else f.source)


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
