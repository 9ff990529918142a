"""Hostile inputs (ingest/limits.py, ingest/bulk.py, ingest/discover.py): each is a
named failure of that input alone, or a stored document, and the valid articles
beside them are all stored; reading is bounded; stores keep every text alike."""

from __future__ import annotations

import gzip
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.store.db import Store

runner = CliRunner()
VALID = ["Hezbollah is supplying rockets to the Houthis.", "Iran is funding Hamas.",
         "Egypt arrested Ayman Nofal in Cairo.", "Turkey shelled Kurdish positions."]


def _hostile(d: Path) -> dict[str, str]:
    """Files of hostile inputs, each beside a valid record where the format allows;
    the reason each must be named with."""
    d.mkdir()
    ok = iter(VALID)
    (d / "surrogate.jsonl").write_text(
        '{"id": "s1", "text": "Rebels \\ud800 attacked a base. \\u0000 Qatar funds them."}\n'
        + json.dumps({"id": "v1", "text": next(ok)}) + "\n", "utf-8")
    (d / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n"
                                  + json.dumps({"id": "v2", "text": next(ok)}) + "\n", "utf-8")
    (d / "bigint.jsonl").write_text('{"text": "x", "n": ' + "9" * 5000 + "}\n"
                                    + json.dumps({"id": "v3", "text": next(ok)}) + "\n", "utf-8")
    (d / "long.jsonl").write_text(json.dumps({"text": "y" * 300_000}) + "\n"
                                  + json.dumps({"id": "v4", "text": next(ok)}) + "\n", "utf-8")
    (d / "broken.jsonl.gz").write_bytes(gzip.compress(b'{"text": "a b c"}\n' * 50)[:40])
    (d / "empty.jsonl").write_text("", "utf-8")
    (d / "header.csv").write_text("id,text\n", "utf-8")
    (d / "big.txt").write_text("z " * 3000, "utf-8")
    os.symlink("/dev/zero", d / "zero.txt")
    os.symlink(d / "nowhere.txt", d / "dangling.txt")
    os.mkfifo(d / "fifo.txt")
    (d / "esc\x1b[31mred.txt").write_text("Qatar hosted the talks.", "utf-8")
    return {"deep.jsonl:1": "nested", "bigint.jsonl:1": "4300 digits",
            "long.jsonl:1": "CLAIMGRAPH_MAX_RECORD_BYTES", "broken.jsonl.gz": "broken gzip",
            "empty.jsonl": "no records", "header.csv": "no rows",
            "big.txt": "CLAIMGRAPH_MAX_FILE_BYTES", "zero.txt": "a device",
            "dangling.txt": "broken or looping link", "fifo.txt": "a FIFO"}


def test_every_hostile_input_is_named_and_every_valid_article_stored(
        tmp_path: Path, new_db: Callable[[str], str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_MAX_RECORD_BYTES", "250000")
    monkeypatch.setenv("CLAIMGRAPH_MAX_FILE_BYTES", "5000")
    expected = _hostile(tmp_path / "in")
    db = new_db("hostile")
    done = threading.Event()
    result: list[object] = []

    def run() -> None:  # no input may hang the run (the FIFO would)
        result.append(runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", db]))
        done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(120), "the ingest hung"
    res = result[0]
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    assert "Traceback" not in res.output
    for source, reason in expected.items():
        line = next((ln for ln in res.output.splitlines() if f"/{source}" in ln), "")
        assert reason in line, (source, res.output)
    store = Store(db)
    docs = store.context()["documents"]
    assert {"v1", "v2", "v3", "v4", "s1"} <= set(docs)
    text = store.document("s1").text  # type: ignore[union-attr]
    assert "\ufffd" in text and "\x00" not in text  # mapped one for one: offsets hold
    assert text.index("Qatar") == len("Rebels \ud800 attacked a base. \x00 ")
    assert len(store.failures()) == len(expected)


def test_terminal_control_characters_in_names_are_not_printed(
        tmp_path: Path, new_db: Callable[[str], str]) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "esc\x1b[31mred.jsonl").write_text("{not json\n", "utf-8")
    (d / "feed:100:.jsonl").write_text("{not json\n", "utf-8")  # not an emoji code
    res = runner.invoke(app, ["ingest", str(d), "--db", new_db("esc")])
    assert res.exit_code == 1 and "esc?[31mred.jsonl" in res.output
    assert "\x1b" not in res.output
    assert "feed:100:.jsonl:1:" in res.output and "\U0001f4af" not in res.output


def test_concurrent_migrations_of_a_new_store_are_safe(new_db: Callable[[str], str]) -> None:
    url = new_db("migrate")
    errors: list[str] = []

    def migrate() -> None:
        try:
            Store(url).migrate()
        except Exception as exc:  # any failure at all is the finding
            errors.append(repr(exc))

    threads = [threading.Thread(target=migrate) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    Store(url).migrate()  # and done once: idempotent after


def test_many_lines_each_start_a_sentence() -> None:
    from claimgraph.nlp.model import load_model

    nlp = load_model()
    doc = nlp("\n".join(f"Line {i} says Hamas met Iran." for i in range(300)))
    assert sum(1 for _ in doc.sents) == 300
