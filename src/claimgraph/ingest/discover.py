"""Walk the paths given on the command line and read every supported file."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from claimgraph.errors import InputError, MissingPath, UnsupportedFormat
from claimgraph.ingest.limits import regular_file
from claimgraph.ingest.readers import Defaults, Failure, Item, Skipped, readers


def discover(paths: Sequence[str]) -> Iterator[Path | Failure | Skipped]:
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


def _walk(folder: Path, known: Mapping[str, object]) -> Iterator[Path | Failure | Skipped]:
    """The readable files under ``folder``, in name order; files of a known type that
    are not regular (FIFOs, devices, broken or looping links) and folders that cannot
    be listed are named failures, never read; files of another kind, hidden files and
    hidden folders (not entered) are named as skipped. Nothing is passed over in
    silence."""
    found: list[Path | Failure | Skipped] = []

    def unlisted(exc: OSError) -> None:
        name = str(exc.filename or folder)
        found.append(Failure(name, InputError(f"cannot list: {exc.strerror or exc}",
                                              source=name)))

    for root, dirs, files in os.walk(folder, onerror=unlisted):
        for name in [d for d in dirs if d.startswith(".")]:
            found.append(Skipped(str(Path(root) / name), "hidden folder, not entered"))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            child = Path(root) / name
            if name.startswith("."):
                found.append(Skipped(str(child), "hidden file"))
                continue
            if child.suffix.lower() not in known:
                found.append(Skipped(str(child), f"unsupported file type "
                                     f"{child.suffix or '(none)'!r}"))
                continue
            problem = regular_file(child)
            found.append(child if problem is None else Failure(str(child), problem))
    yield from sorted(found, key=lambda f: str(f) if isinstance(f, Path) else f.source)


def read_all(paths: Sequence[str], defaults: Defaults) -> Iterator[Item | Skipped]:
    known = readers()
    for found in discover(paths):
        if isinstance(found, Failure | Skipped):
            yield found
            continue
        yield from known[found.suffix.lower()](found, defaults)


def select(items: Iterator[Item | Skipped], limit: int | None = None,
           since: str | None = None) -> Iterator[Item | Skipped]:
    """At most ``limit`` articles, none published before ``since`` (undated ones pass);
    failures always pass, so they are recorded."""
    taken = 0
    for item in items:
        if isinstance(item, Failure | Skipped):
            yield item
            continue
        if since and item.published and item.published < since:
            continue
        if limit is not None and taken >= limit:
            return
        taken += 1
        yield item


def read_items(paths: Sequence[str], defaults: Defaults) -> Iterator[Item]:
    """``read_all`` without the skipped files (for callers that do not list them)."""
    for item in read_all(paths, defaults):
        if not isinstance(item, Skipped):
            yield item
