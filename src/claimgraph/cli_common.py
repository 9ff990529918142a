"""What every command shares: the error console, escaping of input text, and opening
the store (read commands never create one)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from claimgraph.errors import ClaimgraphError, NoStore
from claimgraph.store.db import Store, normalise_url

# one line per message, for grep; no emoji codes (":100:" in "feed.jsonl:100:" is one)
err = Console(stderr=True, soft_wrap=True, emoji=False)

DbOpt = Annotated[str, typer.Option("--db", help="SQLite file or database URL")]
SourcesOpt = Annotated[Path | None, typer.Option(
    "--sources", help="YAML of source reliability grades (A-F); default $CLAIMGRAPH_SOURCES")]

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def esc(text: str) -> str:
    """Text from inputs, safe for the terminal: rich markup escaped, and control
    characters (an ANSI escape in a file name) shown as '?'."""
    from rich.markup import escape

    return escape(CONTROL.sub("?", text))


def fail(exc: ClaimgraphError, status: int = 2) -> NoReturn:
    """Print the coded error on one line and exit."""
    err.print(f"[red]{esc(str(exc))}[/red]")
    raise typer.Exit(status) from exc


def sqlite_path(db: str) -> Path | None:
    """The file of a SQLite store (None: another database, or one in memory)."""
    url = normalise_url(db)
    if not url.startswith("sqlite:///") or url.endswith(":memory:"):
        return None
    return Path(url[len("sqlite:///"):])


def open_store(db: str, *, create: bool = False) -> Store:
    """The store at ``db``, migrated. Only ``create`` (ingest, demo) makes a new SQLite
    file: a mistyped path on a read command is an error, not an empty store."""
    try:
        path = sqlite_path(db)
        if not create and path is not None and not path.exists():
            raise NoStore("no store here (only `ingest` and `demo` create one)",
                          source=str(path))
        store = Store(db)
        store.migrate()
        return store
    except ClaimgraphError as exc:
        fail(exc)
