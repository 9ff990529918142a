"""Bulk corpora, streamed record by record with bounded memory: JSON Lines (plain or
gzip), CSV and Parquet files of articles. Each record has ``text`` or ``html`` and
optionally ``id``, ``url``, ``title``, ``outlet``, ``published``; a bad record is a
named failure (file and line or row) and the rest of the file goes on."""

from __future__ import annotations

import csv
import gzip
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimgraph.errors import (
    EmptyInput,
    EncodingError,
    InputError,
    MalformedRecord,
    TooLarge,
    UnsupportedFormat,
)
from claimgraph.ingest import limits
from claimgraph.ingest.readers import Defaults, Failure, Item, record_to_article

FIELDS = ("id", "url", "title", "outlet", "published", "text", "html")


def _lines(fh: limits.Readable, path: Path) -> Iterator[tuple[int, str | Failure]]:
    for lineno, raw in limits.lines(fh):
        source = f"{path}:{lineno}"
        if raw is None:
            yield lineno, Failure(source, TooLarge(
                f"line is over {limits.max_record_bytes()} bytes "
                "(CLAIMGRAPH_MAX_RECORD_BYTES)", source=source))
            continue
        try:
            yield lineno, raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError:
            yield lineno, Failure(source, EncodingError("line is not UTF-8 text", source=source))


def read_json_lines(fh: limits.Readable, path: Path, defaults: Defaults) -> Iterator[Item]:
    seen = False
    for lineno, line in _lines(fh, path):
        seen = True
        if isinstance(line, Failure):
            yield line
            continue
        if not line.strip():
            continue
        source = f"{path}:{lineno}"
        try:
            rec = limits.parse_json(line, source)
            yield record_to_article(rec, source, defaults, f"{path.name}:{lineno}")
        except InputError as err:
            yield Failure(source, err)
    if not seen:
        yield Failure(str(path), EmptyInput("file holds no records", source=str(path)))


def read_jsonl_stream(path: Path, defaults: Defaults) -> Iterator[Item]:
    """.jsonl, streamed."""
    problem = limits.regular_file(path)
    if problem is not None:
        yield Failure(str(path), problem)
        return
    try:
        with open(path, "rb") as fh:
            yield from read_json_lines(fh, path, defaults)
    except OSError as exc:
        yield Failure(str(path), InputError(f"cannot read: {exc.strerror}", source=str(path)))


def read_gzip(path: Path, defaults: Defaults) -> Iterator[Item]:
    """.jsonl.gz (other gzip files are not articles)."""
    if not path.name.lower().endswith((".jsonl.gz", ".json.gz")):
        yield Failure(str(path), UnsupportedFormat(
            "a .gz file must be gzip-compressed JSON Lines (.jsonl.gz)", source=str(path)))
        return
    problem = limits.regular_file(path)
    if problem is not None:
        yield Failure(str(path), problem)
        return
    try:  # read line by line: memory is bounded by the record limit, not the output
        with gzip.open(path, "rb") as fh:
            yield from read_json_lines(fh, path, defaults)
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(str(path), InputError(f"broken gzip file (read up to here): {exc}",
                                            source=str(path)))


def read_csv(path: Path, defaults: Defaults) -> Iterator[Item]:
    csv.field_size_limit(min(sys.maxsize, limits.max_record_bytes()))
    problem = limits.regular_file(path)
    if problem is not None:
        yield Failure(str(path), problem)
        return
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or not {"text", "html"} & set(reader.fieldnames):
                yield Failure(str(path), MalformedRecord(
                    "a CSV of articles needs a 'text' or 'html' column", source=str(path)))
                return
            row_no = 1
            for row_no, row in enumerate(reader, start=2):
                source = f"{path}:{row_no}"
                rec = {k: v for k, v in row.items() if k in FIELDS and v not in (None, "")}
                try:
                    yield record_to_article(rec, source, defaults, f"{path.name}:{row_no}")
                except InputError as err:
                    yield Failure(source, err)
            if row_no == 1:
                yield Failure(str(path), EmptyInput("the CSV has a header and no rows",
                                                    source=str(path)))
    except OSError as exc:
        yield Failure(str(path), InputError(f"cannot read: {exc.strerror}", source=str(path)))
    except UnicodeDecodeError:
        yield Failure(str(path), EncodingError("the CSV is not UTF-8 text", source=str(path)))
    except csv.Error as exc:
        yield Failure(str(path), MalformedRecord(f"broken CSV: {exc}", source=str(path)))


def read_parquet(path: Path, defaults: Defaults, batch_rows: int = 256) -> Iterator[Item]:
    problem = limits.regular_file(path)
    if problem is not None:
        yield Failure(str(path), problem)
        return
    try:
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several kinds for a broken file
        yield Failure(str(path), MalformedRecord(f"not a readable Parquet file: {exc}",
                                                 source=str(path)))
        return
    names = [c for c in pf.schema_arrow.names if c in FIELDS]
    if not {"text", "html"} & set(names):
        yield Failure(str(path), MalformedRecord(
            "a Parquet file of articles needs a 'text' or 'html' column", source=str(path)))
        return
    row_no = 0
    try:
        for batch in pf.iter_batches(batch_size=batch_rows, columns=names):
            for rec in batch.to_pylist():
                row_no += 1
                yield _parquet_record(rec, path, row_no, defaults)
    except Exception as exc:  # corrupt pages behind a valid footer: OSError, ArrowInvalid
        yield Failure(str(path), MalformedRecord(
            f"Parquet pages unreadable after row {row_no}: {exc}", source=str(path)))
        return
    if row_no == 0:
        yield Failure(str(path), EmptyInput("the Parquet file has no rows", source=str(path)))


def _parquet_record(rec: dict[str, Any], path: Path, row_no: int, defaults: Defaults) -> Item:
    source = f"{path}:{row_no}"
    clean: dict[str, Any] = {k: (str(v) if k == "published" and v is not None else v)
                             for k, v in rec.items() if v is not None}
    size = sum(len(v) for v in clean.values() if isinstance(v, str))
    if size > limits.max_record_bytes():
        return Failure(source, TooLarge(f"record is over {limits.max_record_bytes()} "
                                        "characters (CLAIMGRAPH_MAX_RECORD_BYTES)",
                                        source=source))
    try:
        return record_to_article(clean, source, defaults, f"{path.name}:{row_no}")
    except InputError as err:
        return Failure(source, err)


__all__ = ["read_csv", "read_gzip", "read_jsonl_stream", "read_parquet"]
