from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimgraph.config import Settings
from claimgraph.engine.local import make_extractor
from claimgraph.extract.pipeline import Extractor
from claimgraph.records import Article, Extraction

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return make_extractor(Settings())


@pytest.fixture(scope="session")
def extract(extractor: Extractor) -> Callable[..., Extraction]:
    def run(text: str, doc_id: str = "t.txt", outlet: str | None = None,
            published: str | None = None) -> Extraction:
        return extractor.extract(Article(id=doc_id, text=text, source=doc_id, outlet=outlet,
                                         published=published))
    return run


def name(extractor: Extractor, actor_id: str) -> str:
    return extractor.index.actors[actor_id].name


def triples(extractor: Extractor, ex: Extraction) -> set[tuple[str, str, str | None, str, str]]:
    return {(name(extractor, s.subject_id), s.type, s.mode, name(extractor, s.object_id),
             s.polarity) for s in ex.statements}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus, built once by the `demo` command; tests that change a store
    take ``demo_copy``."""
    from typer.testing import CliRunner

    from claimgraph.cli import app

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    res = CliRunner().invoke(app, ["demo", "--db", str(path)])
    assert res.exit_code == 0, res.output
    with sqlite3.connect(path) as conn:  # fold the WAL in, so a copy or a process sees all
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture()
def demo_copy(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo-copy.sqlite"
    with sqlite3.connect(demo_db) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    return path


def find_claim(claims: list[dict[str, Any]], subj: str, type_: str, obj: str,
               mode: str | None = None, polarity: str = "asserted") -> dict[str, Any]:
    """The exported claim with these actors (by name), type, mode and polarity."""
    for c in claims:
        if (c["subject"]["name"], c["type"], c["object"]["name"], c["polarity"]) == \
                (subj, type_, obj, polarity) and (mode is None or c["mode"] == mode):
            return c
    raise AssertionError(f"no claim {subj} {type_}/{mode} {obj} [{polarity}]")
