"""The store on the backend the suite runs against (--backend sqlite | postgresql)."""

from __future__ import annotations

from collections.abc import Callable

from claimgraph.store.db import Store


def test_the_suite_uses_the_backend_it_was_asked_for(backend: str,
                                                      new_db: Callable[[str], str]) -> None:
    store = Store(new_db("backend"))
    store.migrate()
    assert store.engine.dialect.name == backend
    store.migrate()  # idempotent
    assert store.version()[0] == 0


def test_judgements_and_search_round_trip(demo_db: str, backend: str) -> None:
    store = Store(demo_db)
    total, rows = store.search("memo rockets", 10, 0)
    assert total >= 1 and any(r["id"] == "wire-2031-0311-memo" for r in rows)
    assert store.search("   ", 10, 0) == (0, [])
    assert store.engine.dialect.name == backend
