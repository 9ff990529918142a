"""The writer stores a batch in one transaction, skips what is stored or repeated, and
falls back to one article at a time when another writer got there first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text as sql

from claimgraph.engine.cluster import _shards
from claimgraph.engine.writer import Writer
from claimgraph.records import Article, Extraction
from claimgraph.store.db import Store

STORY = ("The Northern Coalition delivered rockets to the river militia last week, "
         "officials in the capital said on {day}, adding that the shipments continued.")


def extraction(doc_id: str, body: str) -> tuple[Extraction, bytes | None]:
    return Extraction(Article(id=doc_id, text=body, source=f"in/{doc_id}.txt"), {}, [], []), None


def rows(db: str, query: str) -> list[Any]:
    with Store(db).engine.connect() as conn:
        return list(conn.execute(sql(query)))


def test_a_batch_skips_repeats_and_renames_clashing_ids(new_db: Callable[[str], str]) -> None:
    db = new_db("writer")
    store = Store(db)
    store.migrate()
    writer = Writer(store)
    writer.save_many([extraction("a", STORY.format(day="Monday"))])
    writer.save_many([
        extraction("b", STORY.format(day="Tuesday")),
        extraction("c", STORY.format(day="Tuesday")),  # the same text twice in one batch
        extraction("a", "An unrelated text that happens to have the id of a stored one."),
        extraction("d", STORY.format(day="Monday")),  # stored by the first batch
    ])
    ids = sorted(r[0] for r in rows(db, "SELECT id FROM documents"))
    assert len(ids) == 3 and ids[0] == "a" and ids[1].startswith("a~") and ids[2] == "b"
    assert sorted(writer.report.skipped) == ["c", "d"]
    copies = rows(db, "SELECT document_id, copy_of FROM copies")
    assert ("b", "a") in copies  # a near-duplicate found against the stored article
    assert all(a != b for a, b in copies)


def test_a_lost_race_stores_the_rest_one_by_one(new_db: Callable[[str], str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    db = new_db("race")
    store = Store(db)
    store.migrate()
    Writer(store).save_many([extraction("first", STORY.format(day="Monday"))])
    writer = Writer(store)
    real = store.stored_contents
    calls = {"n": 0}

    def blind_once(hashes: list[str]) -> set[str]:
        """The first check misses what another writer stored in the meantime."""
        calls["n"] += 1
        return set() if calls["n"] == 1 else real(hashes)

    monkeypatch.setattr(store, "stored_contents", blind_once)
    writer.save_many([extraction("second", STORY.format(day="Monday")),
                      extraction("third", STORY.format(day="Friday"))])
    ids = sorted(r[0] for r in rows(db, "SELECT id FROM documents"))
    assert ids == ["first", "third"]
    assert writer.report.skipped == ["second"] and writer.report.stored == ["third"]
    assert all(a != b for a, b in rows(db, "SELECT document_id, copy_of FROM copies"))


def test_shards_hold_about_equal_work() -> None:
    class Never(Writer):
        def __init__(self) -> None:
            pass

        def already(self, article: Article) -> bool:
            return False

    short = [Article(id=f"s{i}", text="word " * 50, source="x") for i in range(10)]
    long = [Article(id=f"l{i}", text="word " * 3000, source="x") for i in range(4)]
    shards = list(_shards(iter([*short, *long]), Never(), size=64, words=4000))
    assert [len(s) for s in shards] == [10 + 2, 2]  # split by words, not by count
    assert [len(s) for s in _shards(iter(short), Never(), size=4, words=4000)] == [4, 4, 2]
