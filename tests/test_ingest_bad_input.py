"""Bad input: each failure is named with its reason, the rest goes through, exit 1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.store.db import Store

runner = CliRunner()
GOOD = "Hezbollah is supplying rockets to the Houthis, officials said.\n"


def _batch(tmp: Path) -> Path:
    d = tmp / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD, encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (d / "latin1.txt").write_bytes("Caf\xe9 attack".encode("latin-1"))
    (d / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>",
                               encoding="utf-8")
    (d / "feed.jsonl").write_text(
        '{"id": "r1", "text": "Iran is funding Hezbollah, the report said."}\n'
        '{"id": "r2", "text": \n'
        '{"id": "r3"}\n', encoding="utf-8")
    return d


def test_bad_inputs_are_named_and_the_rest_is_stored(tmp_path: Path, new_db: Callable[[str], str]) -> None:
    d = _batch(tmp_path)
    db = new_db("ingest")
    res = runner.invoke(app, ["ingest", str(d), str(tmp_path / "missing.txt"), "--db", db])
    assert res.exit_code == 1
    out = res.output
    assert "empty.txt" in out and "empty" in out
    assert "binary.txt" in out and "binary" in out
    assert "nav.html" in out and "no article text" in out
    assert "feed.jsonl:2" in out and "invalid JSON" in out
    assert "feed.jsonl:3" in out and "no 'text' or 'html'" in out
    assert "missing.txt" in out and "no such file" in out
    store = Store(db)
    # Latin-1 is read, not refused (ingest/encoding.py)
    assert set(store.context()["documents"]) == {"good.txt", "r1", "latin1.txt"}
    assert len(store.failures()) == 6
    res = runner.invoke(app, ["failures", "--db", db])
    assert "E102" in res.output and "E107" in res.output


def test_reingest_is_a_noop_and_keeps_evidence(tmp_path: Path, new_db: Callable[[str], str]) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    db = new_db("ingest")
    assert runner.invoke(app, ["ingest", str(d), "--db", db]).exit_code == 0
    store = Store(db)
    before = store.statements_for([(a, b) for a, b, _ in store.pair_counts()])
    res = runner.invoke(app, ["ingest", str(d), "--db", db])
    assert res.exit_code == 0 and "already stored 1" in res.output
    after = store.statements_for([(a, b) for a, b, _ in store.pair_counts()])
    assert [s.id for s in before] == [s.id for s in after]
    assert before, "the good article should give at least one statement"


def test_same_name_different_text_gets_its_own_id(tmp_path: Path, new_db: Callable[[str], str]) -> None:
    for sub, text in (("x", GOOD), ("y", "Iran is arming Hezbollah, officials said.\n")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "a.txt").write_text(text, encoding="utf-8")
    db = new_db("ingest")
    res = runner.invoke(app, ["ingest", str(tmp_path / "x"), str(tmp_path / "y"), "--db", db])
    assert res.exit_code == 0
    docs = set(Store(db).context()["documents"])
    assert len(docs) == 2 and "a.txt" in docs
