"""`claimgraph lexicon build`: the verb dictionary compiled into the shipped lexicon."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from claimgraph.errors import ClaimgraphError

err = Console(stderr=True, emoji=False)


def lexicon_build(
    verbs: Annotated[Path, typer.Argument(help="a PETRARCH verb dictionary (CAMEO.2.0.txt)")],
    mapping: Annotated[Path, typer.Argument(help="the CAMEO->PLOVER table")],
    out: Annotated[Path | None, typer.Option(help="where to write (default: the package's "
                                                  "data/lexicon/cameo.json)")] = None,
) -> None:
    """Compile the verb-pattern dictionary and the CAMEO->PLOVER mapping into the
    lexicon the coder reads (codes fixed by data/lexicon/curated.yaml)."""
    from importlib import resources

    from claimgraph.build.lexicon import build, write

    try:
        built = build(verbs, mapping)
    except ClaimgraphError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    target = out or Path(str(resources.files("claimgraph.data").joinpath("lexicon",
                                                                         "cameo.json")))
    write(built, target)
    counts = " ".join(f"{k}={v}" for k, v in built["built_from"]["counts"].items())
    err.print(f"lexicon ({counts}) -> {escape(str(target))}")
