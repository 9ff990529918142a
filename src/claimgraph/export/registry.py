"""Exporters are plugins: the entry-point group ``claimgraph.exporters`` maps a format
name to a function ``(view, claims, output) -> count``, where ``output`` is a path or
``-`` for standard output. The built-in formats are registered the same way
(pyproject.toml), so a package can add one without touching claimgraph."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import entry_points
from pathlib import Path
from typing import TextIO

from claimgraph.aggregate.claims import Claim
from claimgraph.errors import BadOption
from claimgraph.export.claims import View

Export = Callable[[View, Iterable[Claim], str], int]
GROUP = "claimgraph.exporters"


def exporters() -> dict[str, Export]:
    found: dict[str, Export] = {}
    for ep in entry_points(group=GROUP):
        found[ep.name] = ep.load()
    return dict(sorted(found.items()))


def get(name: str) -> Export:
    table = exporters()
    if name not in table:
        raise BadOption(f"unknown export format; expected one of {', '.join(table)}",
                                source=name)
    return table[name]


@contextmanager
def text_output(output: str) -> Iterator[TextIO]:
    if output == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(output, "w", encoding="utf-8", newline="\n") as fh:
        yield fh


def _text(write: Callable[[View, Iterable[Claim], TextIO], int]) -> Export:
    def run(view: View, claims: Iterable[Claim], output: str) -> int:
        with text_output(output) as out:
            return write(view, claims, out)
    run.__doc__ = write.__module__
    return run


def export_claims(view: View, claims: Iterable[Claim], output: str) -> int:
    from claimgraph.export.claims import write_jsonl

    with text_output(output) as out:
        return write_jsonl((view.claim(c) for c in claims), out)


def export_actors(view: View, claims: Iterable[Claim], output: str) -> int:
    from claimgraph.export.claims import iter_actors, write_jsonl

    with text_output(output) as out:
        return write_jsonl(iter_actors(view), out)


def export_csv(view: View, claims: Iterable[Claim], output: str) -> int:
    """A .zip path (or - for a zip on standard output) gets a zip; any other path a
    folder with claims.csv and evidence.csv."""
    from claimgraph.export import tables

    if output == "-":
        sys.stdout.flush()
        return tables.write_zip(view, claims, sys.stdout.buffer)
    if output.endswith(".zip"):
        with open(output, "wb") as fh:
            return tables.write_zip(view, claims, fh)
    folder = Path(output)
    if folder.suffix and not folder.is_dir():  # "-o seeds.csv": a file name, not a folder
        raise BadOption(f"csv writes {len(tables.TABLES)} tables: give a folder or a .zip "
                        f"(not a {folder.suffix} file)", source=output)
    return tables.write_folder(view, claims, folder)


def _lazy(module: str) -> Export:
    def run(view: View, claims: Iterable[Claim], output: str) -> int:
        import importlib

        writer = importlib.import_module(f"claimgraph.export.{module}").write
        return _text(writer)(view, claims, output)
    return run


export_gexf = _lazy("gexf")
export_graphml = _lazy("graphml")
export_stix = _lazy("stix")
export_ftm = _lazy("ftm")
export_plover = _lazy("plover")
