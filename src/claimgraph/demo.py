"""The bundled demo corpus: fictional articles about invented actors, built into a store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

import yaml
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from claimgraph.config import Settings
from claimgraph.engine.local import Report, ingest
from claimgraph.export.claims import View
from claimgraph.ingest.discover import read_items
from claimgraph.ingest.readers import Defaults, Failure
from claimgraph.present import claims_table
from claimgraph.records import Article
from claimgraph.store.db import Store


def demo_dir() -> Path:
    return Path(str(resources.files("claimgraph.data").joinpath("demo")))


def demo_files() -> list[Path]:
    return sorted(p for p in demo_dir().iterdir() if p.suffix in (".txt", ".md", ".html", ".jsonl"))


def demo_settings() -> Settings:
    return Settings(gazetteers=(demo_dir() / "gazetteer.yaml",))


def demo_items(files: Iterable[str] | None = None) -> Iterator[Article | Failure]:
    """The demo articles (or the named files' ones), with the manifest's outlet and date."""
    folder = demo_dir()
    wanted = set(files) if files is not None else None
    manifest = yaml.safe_load((folder / "manifest.yaml").read_text("utf-8")) or {}
    for path in demo_files():
        if wanted is not None and path.name not in wanted:
            continue
        meta = manifest.get(path.name, {})
        published = str(meta["published"]) if meta.get("published") else None
        yield from read_items([str(path)], Defaults(meta.get("outlet"), published))


def build_demo(store: Store, files: Iterable[str] | None = None, engine: str = "local",
               workers: int = 2) -> Report:
    """Ingest the demo corpus (or the named files of it) into ``store``."""
    if engine == "dask":
        from claimgraph.engine import cluster

        return cluster.ingest([], store, Defaults(), demo_settings(), items=demo_items(files),
                              workers=workers)
    return ingest([], store, Defaults(), demo_settings(), items=demo_items(files))


def summary(view: View, report: Report, console: Console) -> None:
    console.print(f"[bold]claimgraph demo[/bold]: {len(report.stored)} articles stored, "
                  f"{len(report.skipped)} already there, {len(report.failed)} failed")
    actors = Table(title="Actors", show_lines=False)
    for col in ("name", "type", "parents", "aliases"):
        actors.add_column(col)
    for a in sorted(view.actors.values(), key=lambda a: a.name):
        row = view.actor(a.id)
        if a.id not in view.mention_counts:
            continue
        actors.add_row(escape(a.name), a.type, escape(", ".join(row["parents"])),
                       escape(", ".join(row["aliases"][:4])))
    console.print(actors)
    console.print(claims_table(view, view.claims[:15], title="Top claims"))
