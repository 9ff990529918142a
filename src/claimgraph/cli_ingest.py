"""`claimgraph ingest`: read files, folders and feeds into the store. Exit status 0:
everything read; 1: some inputs failed (each named, with its reason); 2: the command
could not run; 3: nothing failed, but some files were skipped (each named, with why)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from claimgraph.cli_common import DbOpt, err, esc, fail, open_store
from claimgraph.cli_llm import ExtractorOpt, LlmConfigOpt, LlmModelOpt, LlmUrlOpt, with_llm
from claimgraph.config import Settings
from claimgraph.engine.local import ingest as run_ingest
from claimgraph.engine.local import make_extractor
from claimgraph.errors import BadOption, ClaimgraphError
from claimgraph.ingest.readers import Defaults, Failure, Skipped
from claimgraph.records import Article
from claimgraph.store.db import Store
from claimgraph.timeparse import normalise_date

SKIPPED_STATUS = 3


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "")


def ingest(
    paths: Annotated[list[str] | None, typer.Argument(
        help="files or folders (recursive): .txt .md .html .pdf .docx .jsonl .jsonl.gz "
             ".csv .parquet")]
    = None,
    db: DbOpt = "",
    outlet: Annotated[str | None, typer.Option(help="outlet, where the input has none")] = None,
    published: Annotated[str | None, typer.Option(help="publication date, where none")] = None,
    gazetteer: Annotated[list[Path] | None, typer.Option(help="extra gazetteer YAML")] = None,
    model: Annotated[str, typer.Option(help="spaCy model name")] = "en_core_web_sm",
    engine: Annotated[str, typer.Option(help="local | dask")] = "local",
    workers: Annotated[int, typer.Option(min=1, help="dask: local worker processes")] = 2,
    scheduler: Annotated[str | None, typer.Option(
        help="dask: address of a running scheduler (a real cluster)")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="stop after this many articles")]
    = None,
    since: Annotated[str | None, typer.Option(
        help="skip articles published before this date")] = None,
    retry_failed: Annotated[bool, typer.Option(
        "--retry-failed", help="also read again the inputs that failed before")] = False,
    extractor: ExtractorOpt = "rules",
    llm_url: LlmUrlOpt = None,
    llm_model: LlmModelOpt = None,
    llm_config: LlmConfigOpt = None,
) -> None:
    """Read articles, extract actors and sourced claims, store them."""
    from claimgraph.ingest.discover import read_all, select

    if not db:
        fail(BadOption("a database is required", source="--db"))
    dates = {}
    for flag, value in (("--published", published), ("--since", since)):
        if value:
            dates[flag] = normalise_date(value)
            if dates[flag] is None:
                fail(BadOption(f"cannot read date {value!r}", source=flag))
    if engine not in ("local", "dask"):
        fail(BadOption(f"{engine!r} is not local or dask", source="--engine"))
    store = open_store(db, create=True)
    inputs = list(paths or [])
    if retry_failed:
        inputs += _failed_inputs(store)
    if not inputs:
        fail(BadOption("nothing to ingest: give files or folders (or --retry-failed)"))
    settings = llm_settings(Settings(model=model, gazetteers=tuple(gazetteer or ())),
                    extractor, llm_url, llm_model, llm_config)
    defaults = Defaults(outlet, dates.get("--published"))
    items = select(read_all(inputs, defaults), limit, dates.get("--since"))
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  _Rate(), TimeElapsedColumn(), TimeRemainingColumn(), console=err,
                  transient=True) as bar:
        task = bar.add_task("ingesting", total=limit)
        asked = bar.add_task("LLM answers", total=None, visible=extractor != "rules")

        def tick(_source: str) -> None:
            bar.advance(task)

        def answered(_cached: bool) -> None:
            bar.advance(asked)

        printed: set[tuple[str, str]] = set()
        skipped: list[Skipped] = []

        def shown(found: Iterator[Article | Failure | Skipped]
                  ) -> Iterator[Article | Failure]:
            for item in found:  # a reading failure is printed as it happens
                if isinstance(item, Skipped):  # not read, by choice: listed, not stored
                    bar.console.print(f"[yellow]skipped[/yellow] {esc(item.source)}: "
                                      f"{esc(item.reason)}")
                    skipped.append(item)
                    continue
                if isinstance(item, Failure):
                    bar.console.print(f"[red]failed[/red] {esc(item.source)}: "
                                      f"{esc(item.reason)}")
                    printed.add((item.source, item.reason))
                yield item

        try:
            if engine == "dask":
                from claimgraph.engine import cluster

                report = cluster.ingest([], store, defaults, settings, progress=tick,
                                        workers=workers, scheduler=scheduler,
                                        items=shown(items))
            else:
                made = make_extractor(settings, store, answered) \
                    if extractor != "rules" else None  # the rules': made when needed
                report = run_ingest([], store, defaults, settings, progress=tick,
                                    items=shown(items), extractor=made)
        except ClaimgraphError as exc:
            fail(exc)
    for source, reason in report.failed:
        if (source, reason) not in printed:  # failures of extraction, met in a batch
            err.print(f"[red]failed[/red] {esc(source)}: {esc(reason)}")
    err.print(f"stored {len(report.stored)}, already stored {len(report.skipped)}, "
              f"failed {len(report.failed)}, skipped {len(skipped)}")
    if report.failed:
        raise typer.Exit(1)
    if skipped:
        raise typer.Exit(SKIPPED_STATUS)


def llm_settings(settings: Settings, extractor: str, url: str | None, model: str | None,
         config: Path | None) -> Settings:
    """``settings`` with the extractor's options, or exit 2 naming what is wrong."""
    try:
        return with_llm(settings, extractor, url, model, config)
    except ClaimgraphError as exc:
        fail(exc)


def _failed_inputs(store: Store) -> list[str]:
    """The files behind the failures still open ('feed.jsonl:7' is read as feed.jsonl)."""
    out: list[str] = []
    for f in store.failures():
        path = re.sub(r":\d+$", "", f.input)
        if path not in out:
            out.append(path)
    return out
