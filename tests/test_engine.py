"""Engines and bulk input: the Dask engine gives the local engine's claims; bulk files
stream with named failures; --limit and --since; failures kept and retried; and an
ingest killed with SIGKILL at several points loses nothing committed and resumes."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.demo import build_demo, demo_items
from claimgraph.export.claims import View, iter_claims
from claimgraph.records import Article
from claimgraph.store.db import Store
from tests.conftest import kill_after, stored_count

runner = CliRunner()


def export(db: str) -> list[str]:
    return [json.dumps(row, sort_keys=True) for row in iter_claims(View(Store(db)))]


def test_dask_engine_gives_the_local_engines_claims(demo_db: str,
                                                    new_db: Callable[[str], str]) -> None:
    db = new_db("dask")
    store = Store(db)
    store.migrate()
    report = build_demo(store, engine="dask", workers=2)
    assert len(report.stored) == 10 and not report.failed
    assert export(db) == export(demo_db)


def records() -> list[dict[str, Any]]:
    return [{"id": a.id, "text": a.text, "outlet": a.outlet, "published": a.published}
            for a in demo_items() if isinstance(a, Article)]


def test_bulk_formats_stream_and_name_bad_records(tmp_path: Path,
                                                  new_db: Callable[[str], str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = records()
    a, b, c = recs[:3], recs[3:6], recs[6:]
    with gzip.open(tmp_path / "part1.jsonl.gz", "wt", encoding="utf-8") as fh:
        for r in a:
            fh.write(json.dumps(r) + "\n")
        fh.write("{not json\n")
    import csv

    with open(tmp_path / "part2.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "text", "outlet", "published"])
        w.writeheader()
        for r in b:
            w.writerow({k: r[k] or "" for k in w.fieldnames})
        w.writerow({"id": "empty-row", "text": "", "outlet": "", "published": ""})
    pq.write_table(pa.Table.from_pylist(c), tmp_path / "part3.parquet")
    (tmp_path / "other.gz").write_bytes(gzip.compress(b"hello"))
    db = new_db("bulk")
    res = runner.invoke(app, ["ingest", str(tmp_path), "--db", db])
    assert res.exit_code == 1
    assert "part1.jsonl.gz:4" in res.output and "invalid JSON" in res.output
    assert "part2.csv:5" in res.output and "no 'text' or 'html'" in res.output
    assert "other.gz" in res.output and ".jsonl.gz" in res.output
    docs = set(Store(db).context()["documents"])
    assert docs == {r["id"] for r in recs}


def test_limit_and_since(tmp_path: Path, new_db: Callable[[str], str]) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records()), "utf-8")
    db = new_db("limit")
    assert runner.invoke(app, ["ingest", str(feed), "--db", db, "--limit", "3"]).exit_code == 0
    assert len(Store(db).context()["documents"]) == 3
    db2 = new_db("since")
    assert runner.invoke(app, ["ingest", str(feed), "--db", db2, "--since",
                               "2031-03-14"]).exit_code == 0
    kept = Store(db2).context()["documents"].values()
    assert kept and all(d.published is None or d.published >= "2031-03-14" for d in kept)
    assert any(d.published is None for d in kept)  # undated articles pass
    bad = runner.invoke(app, ["ingest", str(feed), "--db", db2, "--since", "whenever"])
    assert bad.exit_code == 2 and "--since" in bad.output


def test_failures_are_kept_and_retried(tmp_path: Path, new_db: Callable[[str], str]) -> None:
    broken = tmp_path / "late.txt"
    broken.write_bytes(b"")
    db = new_db("retry")
    assert runner.invoke(app, ["ingest", str(broken), "--db", db]).exit_code == 1
    listed = runner.invoke(app, ["failures", "--db", db]).stdout
    assert "late.txt" in listed and "E102" in listed
    broken.write_text("Veloria is arming the Harbor Liberation Front, officials said.\n",
                      "utf-8")
    res = runner.invoke(app, ["ingest", "--retry-failed", "--db", db])
    assert res.exit_code == 0 and "stored 1" in res.output
    assert runner.invoke(app, ["failures", "--db", db]).stdout.strip() == ""
    history = runner.invoke(app, ["failures", "--db", db, "--all"]).stdout
    assert "late.txt" in history and "resolved" in history


def _count(db: str) -> int:
    return stored_count(Store(db))


@pytest.mark.sqlite_only("a real ingest SIGKILLed and resumed on PostgreSQL: "
                        "test_engine_splits.py")
def test_kill_minus_nine_loses_nothing_and_resumes(tmp_path: Path,
                                                   new_db: Callable[[str], str]) -> None:
    """Kill a real ingest process with SIGKILL at several points; after each kill the store
    holds only whole documents, and a re-run finishes the job: the same claims as one
    uninterrupted run."""
    base = [r for r in records() if r["id"] != "07_courier_syndicated.txt"]
    corpus = [{**r, "id": f"{r['id']}#{i}", "text": r["text"] + f"\n(Edition {i}.)"}
              for i in range(6) for r in base]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in corpus), "utf-8")
    db = new_db("killed")
    cmd = [sys.executable, "-m", "claimgraph", "ingest", str(feed), "--db", db]
    Store(db).migrate()
    seen = [0]
    for n in kill_after(cmd, db, [3, 17, 33]):
        store = Store(db)
        assert n >= seen[-1]  # nothing committed was lost
        seen.append(n)
        pairs = [(a, b) for a, b, _ in store.pair_counts()]
        by_doc: dict[str, int] = {}
        for st in store.statements_for(pairs):
            by_doc[st.document_id] = by_doc.get(st.document_id, 0) + 1
        assert set(by_doc) <= set(store.context()["documents"])  # no orphan evidence
        sigs = {d for d, _ in store.signatures()}
        assert sigs == set(store.context()["documents"])  # each document whole
    assert seen[-1] < len(corpus), "the kills came too late to test anything"
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert _count(db) == len(corpus)
    fresh = new_db("unkilled")
    assert subprocess.run([*cmd[:-1], fresh], capture_output=True, timeout=600,
                          check=False).returncode == 0
    assert export(db) == export(fresh)

