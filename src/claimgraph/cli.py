"""The command line: ingest, export, claims, explain, failures, demo.
JSON Lines in and out, '-' for stdio."""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from claimgraph.aggregate.credibility import load_sources
from claimgraph.build.commands import lexicon_build
from claimgraph.cli_common import DbOpt, SourcesOpt, err, esc, fail, open_store
from claimgraph.cli_ingest import ingest, llm_settings
from claimgraph.cli_llm import ExtractorOpt, LlmConfigOpt, LlmModelOpt, LlmUrlOpt, llm_serve
from claimgraph.config import Settings
from claimgraph.engine.local import ingest as run_ingest
from claimgraph.engine.local import make_extractor
from claimgraph.errors import BadOption, ClaimgraphError, NeedsToken, NotFound, PortBusy
from claimgraph.evaluate.commands import eval_attribution, eval_petrarch
from claimgraph.export.claims import View
from claimgraph.export.filters import ClaimFilter, real_date
from claimgraph.ingest.readers import Defaults

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Sourced claim networks from news reports.")
app.command()(ingest)


def _view(db: str, sources: Path | None) -> View:
    try:
        return View(open_store(db), load_sources(sources or Settings.from_env().sources))
    except ClaimgraphError as exc:
        fail(exc)


ActorOpt = Annotated[str | None, typer.Option(
    help="only claims about this actor (name or alias, with its sub-units)")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="only this event type (AID, ...)")]
MinOpt = Annotated[int, typer.Option(min=0, help="at least this many independent origins")]
SinceOpt = Annotated[str | None, typer.Option(help="claims whose time reaches this date or later")]
UntilOpt = Annotated[str | None, typer.Option(help="claims whose time starts by this date")]


def _filter(actor: str | None, type_: str | None, min_origins: int, since: str | None,
            until: str | None) -> ClaimFilter:
    from claimgraph.ontology import load_ontology

    known = sorted(load_ontology().event_types)
    if type_ and type_.upper() not in known:
        fail(BadOption(f"unknown event type {type_!r}; known: {', '.join(known)}",
                       source="--type"))
    for flag, value in (("--since", since), ("--until", until)):
        if value and not real_date(value):
            fail(BadOption(f"{value!r} is no real date (YYYY, YYYY-MM or YYYY-MM-DD)",
                           source=flag))
    return ClaimFilter(actor, type_, min_origins, since, until)


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
        fail(exc)
    chosen = _filter(actor, type_, min_origins, since, until)
    view = _view(db, sources)
    try:
        n = writer(view, chosen.bind(view).apply(view.iter_claims()), output)
    except ClaimgraphError as exc:
        fail(exc)
    if output != "-":
        err.print(f"wrote {n} {what} records to {esc(output)}")


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
        err.print(f"no claims about {esc(actor)!r} with at least {min_origins} origin(s)")
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
        fail(NotFound("no such claim in " + db, source=claim_id))
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
    sources: SourcesOpt = None,
) -> None:
    """Serve the REST API and the workbench page."""
    import uvicorn

    from claimgraph.api.app import create_app
    from claimgraph.api.security import allowed_hosts, needs_token

    if needs_token(host) and not token:
        fail(NeedsToken("serving beyond loopback needs a token (--token or "
                        "CLAIMGRAPH_TOKEN)", source=f"--host {host}"))
    try:
        grades = load_sources(sources or Settings.from_env().sources)
    except ClaimgraphError as exc:
        fail(exc)
    store = open_store(db)
    sock = _listen(host, port)  # before the address is printed: a busy port is one line
    application = create_app(store, read_only=read_only, token=token, author=author,
                             hosts=allowed_hosts(host, tuple(allowed_host or ())),
                             reliability=grades)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    hint = "  (open /?token=YOUR_TOKEN once in the browser)" if token else ""
    err.print(f"claimgraph workbench: http://{shown}:{port}/{hint}"
              f"{'  (read-only)' if read_only else ''}")
    uvicorn.Server(uvicorn.Config(application, log_level="warning")).run(sockets=[sock])


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to the address, or exit 1 with one line saying why not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        reason = "the port is in use" if exc.errno == errno.EADDRINUSE else \
            (exc.strerror or str(exc))
        fail(PortBusy(f"cannot listen: {reason}", source=f"{host}:{port}"), status=1)
    return sock


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
        err.print(f"[red][E301] {esc(str(gold))}: cannot read the gold file: {exc}[/red]")
        raise typer.Exit(2) from exc
    if claims_file is not None:
        preds = [json.loads(line) for line in claims_file.read_text("utf-8").splitlines()
                 if line.strip()]
    else:
        folder = docs or gold.resolve().parent.parent / "seeds"
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(str(Path(tmp) / "eval.sqlite"), create=True)
            settings = llm_settings(Settings(model=model), extractor, llm_url, llm_model,
                                    llm_config)
            report = run_ingest([str(folder)], store, Defaults(), settings)
            for source, reason in report.failed:
                err.print(f"[red]failed[/red] {esc(source)}: {esc(reason)}")
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
        fail(exc)
    ex = make_extractor(llm_settings(Settings(model=model, gazetteers=tuple(gazetteer or ())),
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
    store = open_store(db)
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

    store = open_store(db, create=True)
    report = build_demo(store)
    summary(View(store), report, Console(emoji=False))


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
        fail(exc)
    target = out or Path(str(resources.files("claimgraph.data").joinpath("gazetteer.json")))
    write(built, target)
    counts = " ".join(f"{k}={v}" for k, v in built["built_from"]["counts"].items())
    err.print(f"{len(built['actors'])} actors ({counts}), {len(built['agents'])} agent "
              f"nouns -> {esc(str(target))}")

lexicon_app = typer.Typer(no_args_is_help=True, help="Build the shipped verb lexicon.")
app.add_typer(lexicon_app, name="lexicon")
lexicon_app.command("build")(lexicon_build)
