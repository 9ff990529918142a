from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections import ChainMap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from claimgraph.config import Settings
from claimgraph.engine.local import make_extractor
from claimgraph.extract.pipeline import Extractor
from claimgraph.records import ActorInfo, Article, Extraction
from claimgraph.store.db import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return make_extractor(Settings())


# the actors of the extractions the tests made: the index forgets an article's own actors
# once it is read, so tests look them up here
SEEN: dict[str, ActorInfo] = {}


def known(extractor: Extractor) -> ChainMap[str, ActorInfo]:
    """Actors by id: those the tests' extractions returned, then the index's."""
    return ChainMap(SEEN, extractor.index.actors)


@pytest.fixture(scope="session")
def extract(extractor: Extractor) -> Callable[..., Extraction]:
    def run(text: str, doc_id: str = "t.txt", outlet: str | None = None,
            published: str | None = None) -> Extraction:
        ex = extractor.extract(Article(id=doc_id, text=text, source=doc_id, outlet=outlet,
                                       published=published))
        SEEN.update(ex.actors)
        return ex
    return run


def name(extractor: Extractor, actor_id: str | None) -> str | None:
    """The actor's name; None for the object of an event with no target named."""
    return known(extractor)[actor_id].name if actor_id is not None else None


def triples(extractor: Extractor, ex: Extraction
            ) -> set[tuple[str | None, str, str | None, str | None, str]]:
    return {(name(extractor, s.subject_id), s.type, s.mode, name(extractor, s.object_id),
             s.polarity) for s in ex.statements}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--backend", choices=("sqlite", "postgresql"), default="sqlite",
                     help="the store every test uses: a SQLite file, or a database on a "
                          "throwaway PostgreSQL server that the suite starts and removes")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On --backend postgresql, only the tests that open the backend's store run: a test
    that reaches no store through ``new_db`` (or ``demo_db``, ``backend``) is the same
    test on either backend, and has run in the SQLite pass. So has a test marked
    ``sqlite_only``: a long one whose PostgreSQL side another test covers (its reason
    says which), kept out of the second pass for CI's time."""
    if config.getoption("--backend") != "postgresql":
        return
    keep, drop = [], []
    for item in items:
        names = getattr(item, "fixturenames", ())
        store = "pg_server" in names or "backend" in names
        (keep if store and item.get_closest_marker("sqlite_only") is None else drop
         ).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(scope="session")
def backend(request: pytest.FixtureRequest) -> str:
    value: str = request.config.getoption("--backend")
    return value


@pytest.fixture(scope="session")
def pg_server(backend: str) -> Iterator[str | None]:
    if backend != "postgresql":
        yield None
        return
    from claimgraph.store.pgtemp import throwaway_postgres

    with throwaway_postgres() as url:
        yield url


@pytest.fixture(scope="session")
def new_db(pg_server: str | None, tmp_path_factory: pytest.TempPathFactory
           ) -> Callable[[str], str]:
    """A fresh, empty store for a test: a SQLite file, or a new PostgreSQL database."""
    def make(name: str = "store") -> str:
        if pg_server is None:
            return str(tmp_path_factory.mktemp(name) / f"{name}.sqlite")
        from claimgraph.store.pgtemp import create_database

        return create_database(pg_server, prefix=name.replace("-", "_"))
    return make


def settle(db: str) -> None:
    """Fold a SQLite WAL into its main file, so that a copy or another process sees all."""
    if "://" not in db:
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.fixture(scope="session")
def demo_db(new_db: Callable[[str], str]) -> str:
    """The demo corpus, built once by the `demo` command; tests that change a store
    take ``demo_copy``."""
    from typer.testing import CliRunner

    from claimgraph.cli import app

    db = new_db("demo")
    res = CliRunner().invoke(app, ["demo", "--db", db])
    assert res.exit_code == 0, res.output
    settle(db)
    return db


@pytest.fixture()
def demo_copy(demo_db: str, new_db: Callable[[str], str]) -> str:
    return copy_demo(demo_db, new_db)


def copy_demo(demo_db: str, new_db: Callable[[str], str]) -> str:
    """A private demo store (a SQLite backup, or a rebuilt PostgreSQL database)."""
    db = new_db("demo_copy")
    if "://" not in db:
        with sqlite3.connect(demo_db) as src, sqlite3.connect(db) as dst:
            src.backup(dst)
        return db
    from typer.testing import CliRunner

    from claimgraph.cli import app

    assert CliRunner().invoke(app, ["demo", "--db", db]).exit_code == 0
    return db


def find_claim(claims: list[dict[str, Any]], subj: str, type_: str, obj: str,
               mode: str | None = None, polarity: str = "asserted") -> dict[str, Any]:
    """The exported claim with these actors (by name), type, mode and polarity."""
    for c in claims:
        if (c["subject"]["name"], c["type"], c["object"]["name"], c["polarity"]) == \
                (subj, type_, obj, polarity) and (mode is None or c["mode"] == mode):
            return c
    raise AssertionError(f"no claim {subj} {type_}/{mode} {obj} [{polarity}]")


def stored_count(store: Store) -> int:
    """How many documents ``store`` holds: one count query, cheap enough to poll."""
    from sqlalchemy import func, select

    from claimgraph.store import models as m

    with store.session() as s:
        return int(s.scalar(select(func.count()).select_from(m.Document)) or 0)


def kill_after(cmd: list[str], db: str, targets: list[int]) -> Iterator[int]:
    """Run a real ingest ``cmd`` once per target and SIGKILL it as soon as the store holds
    that many documents (or it ends); yields the count after each kill."""
    store = Store(db)
    for target in targets:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while stored_count(store) < target and proc.poll() is None and \
                time.time() < deadline:
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        yield stored_count(store)

