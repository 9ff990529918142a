"""`claimgraph eval petrarch`: the coder on PETRARCH's unit-test records."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from claimgraph.cli_llm import ExtractorOpt, LlmConfigOpt, LlmModelOpt, LlmUrlOpt, with_llm
from claimgraph.errors import ClaimgraphError

err = Console(stderr=True, emoji=False)


def eval_petrarch(
    records: Annotated[Path, typer.Argument(help="PETR.UnitTest.records.xml (its "
                                                 "PETR.Validate.* dictionaries beside it)")],
    mapping: Annotated[Path | None, typer.Option(
        help="the CAMEO->PLOVER table (default: ../../reference/plover/ from the records)"
    )] = None,
    model: Annotated[str, typer.Option(help="spaCy model name")] = "en_core_web_sm",
    show: Annotated[int, typer.Option(help="list this many missed codings")] = 0,
) -> None:
    """Event code, source and target against the records' expected codings, overall
    and per record category, with the records' own dictionaries."""
    from rich.markup import escape

    from claimgraph.evaluate.petrarch import read_records, score_records, validation_extractor
    from claimgraph.nlp.model import load_model

    table = mapping or records.resolve().parent.parent.parent / "reference" / "plover" / \
        "CAMEO2PLOVER-2021.txt"
    try:
        recs = read_records(records)
        ex = validation_extractor(load_model(model), records.resolve().parent, table)
    except ClaimgraphError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    res = score_records(ex, recs)
    for cat, (n, code, full, root) in sorted(res.by_category.items()):
        typer.echo(f"{cat}: codings={n} event_code={code / n:.2f} source_target={full / n:.2f}"
                   f" source_target_root={root / n:.2f}")
    for line in res.misses[:show]:
        typer.echo(f"missed: {line}")
    figs = " ".join(f"{k}={v:.3f}" for k, v in res.figures().items())
    typer.echo(f"total: records={len(recs)} codings={res.total} {figs}")


def eval_attribution(
    folder: Annotated[Path, typer.Argument(help="a folder of annotated articles (YAML, "
                                                "see evaluate/attribution.py)")],
    model: Annotated[str, typer.Option(help="spaCy model name")] = "en_core_web_sm",
    show: Annotated[int, typer.Option(help="list this many misses")] = 0,
    extractor: ExtractorOpt = "rules",
    llm_url: LlmUrlOpt = None,
    llm_model: LlmModelOpt = None,
    llm_config: LlmConfigOpt = None,
) -> None:
    """Attributed recall, source match and own-voice accuracy on an annotated set."""
    from rich.markup import escape

    from claimgraph.config import Settings
    from claimgraph.engine.local import make_extractor
    from claimgraph.evaluate.attribution import evaluate, read_set

    try:
        cases = read_set(folder)
        settings = with_llm(Settings(model=model), extractor, llm_url, llm_model, llm_config)
    except ClaimgraphError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    res = evaluate(make_extractor(settings), cases)
    for line in res.misses[:show]:
        typer.echo(line)
    typer.echo(res.summary())
