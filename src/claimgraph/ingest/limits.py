"""Bounds on what one input may cost: only regular files are read, files and records
have a size limit, lines are read in bounded pieces (a 1 GiB line is refused after its
first limit's worth, not held), and JSON is parsed with its depth and integer size
bounded. Every refusal is a named failure of that input alone.

The limits are settings: ``CLAIMGRAPH_MAX_FILE_BYTES`` (a text, Markdown or HTML file;
default 50 MB) and ``CLAIMGRAPH_MAX_RECORD_BYTES`` (one JSON line, CSV row or Parquet
record; default 20 MB). JSON nesting deeper than 100 levels is refused.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from claimgraph.errors import MalformedRecord, NotRegularFile, TooLarge

MAX_DEPTH = 100


def max_file_bytes() -> int:
    return int(os.environ.get("CLAIMGRAPH_MAX_FILE_BYTES", 50_000_000))


def max_record_bytes() -> int:
    return int(os.environ.get("CLAIMGRAPH_MAX_RECORD_BYTES", 20_000_000))


def regular_file(path: Path) -> NotRegularFile | None:
    """Why ``path`` is not a regular file one may read, or None."""
    try:
        mode = os.stat(path).st_mode  # follows links: a link to /dev/zero is a device
    except OSError as exc:
        return NotRegularFile(f"cannot follow: {exc.strerror or exc} (a broken or looping "
                              "link?)", source=str(path))
    if stat.S_ISREG(mode):
        return None
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if (
        stat.S_ISCHR(mode) or stat.S_ISBLK(mode)) else "a socket" if stat.S_ISSOCK(mode) \
        else "not a file"
    return NotRegularFile(f"{kind}, not a regular file: not read", source=str(path))


def read_file(path: Path) -> bytes:
    """The bytes of a regular file, at most the file limit."""
    problem = regular_file(path)
    if problem is not None:
        raise problem
    limit = max_file_bytes()
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(f"file is over {limit} bytes (CLAIMGRAPH_MAX_FILE_BYTES)",
                       source=str(path))
    return data


class Readable(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def lines(fh: Readable, limit: int | None = None) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) of a stream, each line read in bounded pieces; None for a line
    over the limit, whose rest is skipped without being kept."""
    limit = limit or max_record_bytes()
    lineno = 0
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # drop the rest, piece by piece
                raw = fh.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, raw


def parse_json(text: str, source: str) -> Any:
    """JSON of one record, refused (not crashed on) when it nests too deep, holds an
    integer too long to read, or is not JSON."""
    depth = _depth(text)
    if depth > MAX_DEPTH:
        raise MalformedRecord(f"JSON nested {depth} deep (at most {MAX_DEPTH})", source=source)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedRecord(f"invalid JSON ({exc.msg})", source=source) from exc
    except (ValueError, RecursionError) as exc:  # "Exceeds the limit (4300 digits)"
        raise MalformedRecord(f"unreadable JSON ({str(exc).split(';')[0]})",
                              source=source) from exc


def _depth(text: str) -> int:
    """The deepest bracket nesting outside strings (stops counting past the limit)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest
