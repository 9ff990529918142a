"""The command line: ingest, export, claims, explain, failures, demo.
JSON Lines in and out, '-' for stdio."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
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

from claimgraph.aggregate.credibility import load_sources
from claimgraph.build.commands import lexicon_build
from claimgraph.cli_llm import (
    ExtractorOpt,
    LlmConfigOpt,
    LlmModelOpt,
    LlmUrlOpt,
    llm_serve,
    with_llm,
)
from claimgraph.config import Settings
from claimgraph.engine.local import ingest as run_ingest
from claimgraph.engine.local import make_extractor
from claimgraph.errors import ClaimgraphError, NotFound
from claimgraph.evaluate.commands import eval_attribution, eval_petrarch
from claimgraph.export.claims import View
from claimgraph.export.filters import DATE, ClaimFilter
from claimgraph.ingest.readers import Defaults, Failure
from claimgraph.records import Article
from claimgraph.store.db import Store
from claimgraph.timeparse import normalise_date

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Sourced claim networks from news reports.")
# one line per message, for grep; no emoji codes (":100:" in "feed.jsonl:100:" is one)
err = Console(stderr=True, soft_wrap=True, emoji=False)

DbOpt = Annotated[str, typer.Option("--db", help="SQLite file or database URL")]
SourcesOpt = Annotated[Path | None, typer.Option(
    "--sources", help="YAML of source reliability grades (A-F); default $CLAIMGRAPH_SOURCES")]


def _view(db: str, sources: Path | None) -> View:
    try:
        return View(_store(db), load_sources(sources or Settings.from_env().sources))
    except ClaimgraphError as exc:
        err.print(f"[red]{_esc(str(exc))}[/red]")
        raise typer.Exit(2) from exc


def _store(db: str) -> Store:
    try:
        store = Store(db)
        store.migrate()
        return store
    except ClaimgraphError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "")


@app.command()
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(
        help="files or folders (recursive): .txt .md .html .jsonl .jsonl.gz .csv .parquet")]
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
        err.print("[red][E107] --db: a database is required[/red]")
        raise typer.Exit(2)
    dates = {}
    for flag, value in (("--published", published), ("--since", since)):
        if value:
            dates[flag] = normalise_date(value)
            if dates[flag] is None:
                err.print(f"[red][E106] {flag}: cannot read date {_esc(value)!r}[/red]")
                raise typer.Exit(2)
    if engine not in ("local", "dask"):
        err.print(f"[red][E108] --engine: {_esc(engine)!r} is not local or dask[/red]")
        raise typer.Exit(2)
    store = _store(db)
    inputs = list(paths or [])
    if retry_failed:
        inputs += _failed_inputs(store)
    if not inputs:
        err.print("[red][E107] nothing to ingest: give files or folders (or --retry-failed)"
                  "[/red]")
        raise typer.Exit(2)
    settings = _llm(Settings(model=model, gazetteers=tuple(gazetteer or ())),
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

        def shown(found: Iterator[Article | Failure]) -> Iterator[Article | Failure]:
            for item in found:  # a reading failure is printed as it happens
                if isinstance(item, Failure):
                    bar.console.print(f"[red]failed[/red] {_esc(item.source)}: "
                                      f"{_esc(item.reason)}")
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
            err.print(f"[red]{_esc(str(exc))}[/red]")
            raise typer.Exit(2) from exc
    for source, reason in report.failed:
        if (source, reason) not in printed:  # failures of extraction, met in a batch
            err.print(f"[red]failed[/red] {_esc(source)}: {_esc(reason)}")
    err.print(f"stored {len(report.stored)}, already stored {len(report.skipped)}, "
              f"failed {len(report.failed)}")
    if report.failed:
        raise typer.Exit(1)


def _llm(settings: Settings, extractor: str, url: str | None, model: str | None,
         config: Path | None) -> Settings:
    """``settings`` with the extractor's options, or exit 2 naming what is wrong."""
    try:
        return with_llm(settings, extractor, url, model, config)
    except ClaimgraphError as exc:
        err.print(f"[red]{_esc(str(exc))}[/red]")
        raise typer.Exit(2) from exc


def _failed_inputs(store: Store) -> list[str]:
    """The files behind the failures still open ('feed.jsonl:7' is read as feed.jsonl)."""
    out: list[str] = []
    for f in store.failures():
        path = re.sub(r":\d+$", "", f.input)
        if path not in out:
            out.append(path)
    return out


ActorOpt = Annotated[str | None, typer.Option(
    help="only claims about this actor (name or alias, with its sub-units)")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="only this event type (AID, ...)")]
MinOpt = Annotated[int, typer.Option(min=0, help="at least this many independent origins")]
SinceOpt = Annotated[str | None, typer.Option(help="claims whose time reaches this date or later")]
UntilOpt = Annotated[str | None, typer.Option(help="claims whose time starts by this date")]


def _filter(actor: str | None, type_: str | None, min_origins: int, since: str | None,
            until: str | None) -> ClaimFilter:
    dates = []
    for flag, value in (("--since", since), ("--until", until)):
        if value and not re.match(DATE, value):
            err.print(f"[red][E106] {flag}: {_esc(value)!r} is not a date "
                      "(YYYY, YYYY-MM or YYYY-MM-DD)[/red]")
            raise typer.Exit(2)
        dates.append(value)
    return ClaimFilter(actor, type_, min_origins, dates[0], dates[1])


@app.command()
def export(
    what: Annotated[str, typer.Argument(help="claims | actors | gexf | graphml | stix | ftm | "
                                             "csv | plover (or a plugin's format)")],
    db: DbOpt,
    output: Annotated[str, typer.Option("-o", "--output", help="file, or - for stdout "
                                                               "(csv: a .zip or a folder)")] = "-",
    actor: ActorOpt = None,
    type_: TypeOpt = None,
    min_origins: MinOpt = 0,
    since: SinceOpt = None,
    until: UntilOpt = None,
    sources: SourcesOpt = None,
) -> None:
    """Write claims (contracts/export.md), actors, or the claim network in another format."""
    from claimgraph.export import registry

    try:
        writer = registry.get(what)
    except ClaimgraphError as exc:
        err.print(f"[red]{_esc(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    chosen = _filter(actor, type_, min_origins, since, until)
    view = _view(db, sources)
    n = writer(view, chosen.bind(view).apply(view.iter_claims()), output)
    if output != "-":
        err.print(f"wrote {n} {what} records to {_esc(output)}")


@app.command()
def claims(
    db: DbOpt,
    actor: ActorOpt = None,
    type_: TypeOpt = None,
    min_origins: MinOpt = 0,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int, typer.Option(min=1, help="show at most this many")] = 50,
    sources: SourcesOpt = None,
) -> None:
    """A table of claims: mentions, documents, independent origins, credibility, flags."""
    from claimgraph.present import claims_table

    spec = _filter(actor, type_, min_origins, since, until)
    view = _view(db, sources)
    chosen = list(spec.bind(view).apply(view.claims))
    if actor and not chosen:
        err.print(f"no claims about {_esc(actor)!r} with at least {min_origins} origin(s)")
    Console(emoji=False).print(claims_table(view, chosen[:limit],
                                 title=f"Claims ({min(len(chosen), limit)} of {len(chosen)})"))


@app.command()
def explain(
    claim_id: Annotated[str, typer.Argument(help="a claim id (c-...), as in `claims`")],
    db: DbOpt,
    sources: SourcesOpt = None,
) -> None:
    """The evidence tree of one claim: origin, chains, quotes with document and offsets."""
    from claimgraph.present import explain_tree

    view = _view(db, sources)
    claim = view.by_id.get(claim_id)
    if claim is None:
        err.print(f"[red]{_esc(str(NotFound('no such claim in ' + db, source=claim_id)))}[/red]")
        raise typer.Exit(2)
    Console(emoji=False).print(explain_tree(view, claim))


@app.command()
def serve(
    db: DbOpt,
    host: Annotated[str, typer.Option(help="address to bind; off loopback a token is "
                                           "required")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="CLAIMGRAPH_TOKEN", help="required on every request (header "
        "'Authorization: Bearer TOKEN', or ?token= once in the browser)")] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="refuse all changes")] = False,
    author: Annotated[str, typer.Option(help="curator name recorded with judgements")] =
    "analyst",
    allowed_host: Annotated[list[str] | None, typer.Option(
        help="another Host name to answer to (behind a proxy); repeatable")] = None,
) -> None:
    """Serve the REST API and the workbench page."""
    import uvicorn

    from claimgraph.api.app import create_app
    from claimgraph.api.security import allowed_hosts, needs_token

    if needs_token(host) and not token:
        err.print(f"[red][E601] --host {_esc(host)}: serving beyond loopback needs a token "
                  "(--token or CLAIMGRAPH_TOKEN)[/red]")
        raise typer.Exit(2)
    store = _store(db)
    application = create_app(store, read_only=read_only, token=token, author=author,
                             hosts=allowed_hosts(host, tuple(allowed_host or ())))
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    hint = "  (open /?token=YOUR_TOKEN once in the browser)" if token else ""
    err.print(f"claimgraph workbench: http://{shown}:{port}/{hint}"
              f"{'  (read-only)' if read_only else ''}")
    uvicorn.run(application, host=host, port=port, log_level="warning")


evaluate = typer.Typer(no_args_is_help=True, help="Measure the engine on annotated text.")
evaluate.command("petrarch")(eval_petrarch)
evaluate.command("attribution")(eval_attribution)
app.add_typer(evaluate, name="eval")
app.command("llm-serve")(llm_serve)


@evaluate.command("seeds")
def eval_seeds(
    gold: Annotated[Path, typer.Argument(help="gold YAML in the seeds format")],
    docs: Annotated[Path | None, typer.Option(help="the articles (default: ../seeds beside "
                                                   "the gold file)")] = None,
    claims_file: Annotated[Path | None, typer.Option(
        "--claims", help="score this claims export instead of ingesting the articles")] = None,
    model: Annotated[str, typer.Option(help="spaCy model name")] = "en_core_web_sm",
    extractor: ExtractorOpt = "rules",
    llm_url: LlmUrlOpt = None,
    llm_model: LlmModelOpt = None,
    llm_config: LlmConfigOpt = None,
) -> None:
    """Ingest the gold file's articles into a scratch store and score the claims."""
    import json
    import tempfile

    import yaml

    from claimgraph.evaluate.seeds import score
    from claimgraph.export.claims import iter_claims

    try:
        data = yaml.safe_load(gold.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        err.print(f"[red][E301] {_esc(str(gold))}: cannot read the gold file: {exc}[/red]")
        raise typer.Exit(2) from exc
    if claims_file is not None:
        preds = [json.loads(line) for line in claims_file.read_text("utf-8").splitlines()
                 if line.strip()]
    else:
        folder = docs or gold.resolve().parent.parent / "seeds"
        with tempfile.TemporaryDirectory() as tmp:
            store = _store(str(Path(tmp) / "eval.sqlite"))
            settings = _llm(Settings(model=model), extractor, llm_url, llm_model, llm_config)
            report = run_ingest([str(folder)], store, Defaults(), settings)
            for source, reason in report.failed:
                err.print(f"[red]failed[/red] {_esc(source)}: {_esc(reason)}")
            preds = [json.loads(json.dumps(row)) for row in iter_claims(View(store))]
    result = score(data, preds)
    for line in result.lines:
        typer.echo(line)
    typer.echo(result.summary())


@evaluate.command("re3d")
def eval_re3d(
    folder: Annotated[Path, typer.Argument(help="a re3d subset, or a folder of subsets")],
    gazetteer: Annotated[list[Path] | None, typer.Option(help="extra gazetteer YAML")] = None,
    model: Annotated[str, typer.Option(help="spaCy model name")] = "en_core_web_sm",
    show: Annotated[int, typer.Option(help="list this many unmatched statements")] = 10,
    extractor: ExtractorOpt = "rules",
    llm_url: LlmUrlOpt = None,
    llm_model: LlmModelOpt = None,
    llm_config: LlmConfigOpt = None,
) -> None:
    """Relation recall per type, IsSynonymOf recall, entity-type accuracy, and the
    statements that match nothing."""
    from claimgraph.evaluate.re3d import Result, evaluate_subset, subsets

    try:
        parts = subsets(folder)
    except ClaimgraphError as exc:
        err.print(f"[red]{_esc(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    ex = make_extractor(_llm(Settings(model=model, gazetteers=tuple(gazetteer or ())),
                             extractor, llm_url, llm_model, llm_config))
    total = Result()
    for part in parts:
        res = evaluate_subset(part, ex)
        total.add(res)
        figs = " ".join(f"{k}={v:.3f}" for k, v in res.figures().items())
        typer.echo(f"{part.name}: {figs}")
    for line in total.unmatched[:show]:
        typer.echo(f"unmatched: {line}")
    typer.echo("total: " + " ".join(f"{k}={v:.3f}" for k, v in total.figures().items()))


@app.command()
def failures(
    db: DbOpt,
    all_: Annotated[bool, typer.Option("--all", help="also those resolved by a later run")]
    = False,
) -> None:
    """List inputs that failed (and still fail), with the reason and time."""
    store = _store(db)
    for f in store.failures(include_resolved=all_):
        done = f"\tresolved {f.resolved_at:%Y-%m-%d %H:%M:%S}" if f.resolved_at else ""
        typer.echo(f"{f.at:%Y-%m-%d %H:%M:%S}\t{f.code}\t{f.input}\t{f.reason}{done}")
    drops = store.drops()
    if drops:  # answers an extractor gave that grounding refused (docs/llm.md)
        typer.echo(f"# {sum(d.count for d in drops)} answer(s) dropped by grounding: "
                   "document, extractor, reason, count")
        for d in drops:
            typer.echo(f"{d.document_id}\t{d.extractor}\t{d.reason}\t{d.count}")


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="where to build the demo store")] =
    "demo.sqlite",
) -> None:
    """Build the bundled fictional demo corpus and print a summary."""
    from claimgraph.demo import build_demo, summary

    store = _store(db)
    report = build_demo(store)
    summary(View(store), report, Console(emoji=False))


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _esc(text: str) -> str:
    """Text from inputs, safe for the terminal: rich markup escaped, and control
    characters (an ANSI escape in a file name) shown as '?'."""
    from rich.markup import escape

    return escape(CONTROL.sub("?", text))



gazetteer_app = typer.Typer(no_args_is_help=True, help="Build the shipped gazetteer.")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("build")
def gazetteer_build(
    phoenix: Annotated[Path, typer.Argument(help="the Phoenix dictionaries folder")],
    out: Annotated[Path | None, typer.Option(help="where to write (default: the package's "
                                                  "data/gazetteer.json)")] = None,
) -> None:
    """Build the gazetteer from the curated file and the Phoenix dictionaries, with
    their known faults fixed (data/phoenix_fixes.yaml)."""
    from importlib import resources

    from claimgraph.build.gazetteer import build, write

    try:
        built = build(phoenix)
    except ClaimgraphError as exc:
        err.print(f"[red]{_esc(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    target = out or Path(str(resources.files("claimgraph.data").joinpath("gazetteer.json")))
    write(built, target)
    counts = " ".join(f"{k}={v}" for k, v in built["built_from"]["counts"].items())
    err.print(f"{len(built['actors'])} actors ({counts}), {len(built['agents'])} agent "
              f"nouns -> {_esc(str(target))}")

lexicon_app = typer.Typer(no_args_is_help=True, help="Build the shipped verb lexicon.")
app.add_typer(lexicon_app, name="lexicon")
lexicon_app.command("build")(lexicon_build)
