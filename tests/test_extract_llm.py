"""The LLM extractor's grounding, cache, settings and failure handling, with answers a
test writes (a scripted cache, or a stub HTTP server for garbage, hanging and busy
servers). The same plumbing against a real llama.cpp server: test_llm_server.py."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.config import LLMSettings, Settings
from claimgraph.engine.local import ingest, make_extractor
from claimgraph.errors import DataFileError, LLMBadResponse, LLMUnreachable
from claimgraph.export.claims import View, iter_claims
from claimgraph.extract.llm.client import ChatClient
from claimgraph.extract.llm.prompt import load_prompt, parse_prompt
from claimgraph.extract.pipeline import Extractor
from claimgraph.ingest.readers import Defaults
from claimgraph.ontology import load_ontology
from claimgraph.records import Article, Extraction
from claimgraph.store import models as m
from claimgraph.store.db import Store
from tests.llm_helpers import SHORT_PROMPT, Scripted, completion, event, stub_server

DEAD = "http://127.0.0.1:9/v1"  # the discard port: nothing listens there
ARMY = "Ethiopian troops attacked Eritrean forces near Badme on Monday, a UN official said."


def settings(extractor: str = "llm", **llm: Any) -> Settings:
    base = LLMSettings(url=DEAD, model="test", retries=0, backoff=0.01, timeout=5)
    return Settings(extractor=extractor, llm=replace(base, **llm))


@pytest.fixture(scope="module")
def llm_ex() -> Extractor:
    return make_extractor(settings())


def run(ex: Extractor, text: str, answers: list[Any], doc_id: str = "t.txt") -> Extraction:
    assert ex.llm is not None
    ex.llm.cache = Scripted(answers)
    return ex.extract(Article(id=doc_id, text=text, source=doc_id, outlet="Wire"))


def test_a_verbatim_quote_is_kept_at_its_offsets_and_a_made_up_one_is_dropped(
        llm_ex: Extractor) -> None:
    ex = run(llm_ex, ARMY, [{"events": [
        event("Ethiopian troops", "Eritrean forces", "ASSAULT", "attacked Eritrean forces"),
        event("Ethiopian troops", "Eritrean forces", "ASSAULT", "bombed Eritrean villages"),
    ]}])
    assert [(s.subject_id, s.type, s.object_id) for s in ex.statements] == \
        [("eth/mil", "ASSAULT", "eri/mil")]
    st = ex.statements[0]
    assert ARMY[st.start:st.end] == st.quote == "attacked Eritrean forces"
    assert st.extractor == "llm:test"
    assert ex.drops == {("llm:test", "quote not in the passage"): 1}


def test_actors_resolve_through_mentions_or_the_index_or_are_dropped(
        llm_ex: Extractor) -> None:
    text = "Hezbollah fighters ambushed an Israeli patrol in the south."
    ex = run(llm_ex, text, [{"events": [
        event("hezbollah", "Israeli", "ASSAULT", "ambushed an Israeli patrol"),
        event("the Jade Lotus Army", "Israeli", "ASSAULT", "ambushed an Israeli patrol"),
        event("Hezbollah", "the Northern Shield", "ASSAULT", "ambushed an Israeli patrol"),
    ]}])
    assert [(s.subject_id, s.object_id) for s in ex.statements] == [("hezbollah", "isr")]
    assert ex.drops == {("llm:test", "source not resolved"): 1,
                        ("llm:test", "target not resolved"): 1}


def test_a_name_the_parser_tags_becomes_a_new_actor(llm_ex: Extractor) -> None:
    text = "Colonel Amara Toure of the Sahel Volunteers Front met Malian officials in Bamako."
    ex = run(llm_ex, text, [{"events": [
        event("Sahel Volunteers Front", "Malian officials", "CONSULT",
              "met Malian officials in Bamako", mode="visit")]}])
    assert len(ex.statements) == 1
    subj = ex.statements[0].subject_id
    assert ex.actors[subj].name == "Sahel Volunteers Front"
    assert ex.actors[ex.statements[0].object_id or ""].name  # an actor, exported with it


def test_types_and_modes_outside_the_ontology_and_broken_answers_are_dropped(
        llm_ex: Extractor) -> None:
    ex = run(llm_ex, ARMY, [{"events": [
        event("Ethiopian troops", "Eritrean forces", "INVADE", "attacked Eritrean forces"),
        event("Ethiopian troops", "Eritrean forces", "ASSAULT", "attacked Eritrean forces",
              mode="weapons"),  # an AID mode, not an ASSAULT one
    ]}])
    assert not ex.statements
    assert ex.drops == {("llm:test", "unknown type"): 1,
                        ("llm:test", "mode not of its type"): 1}
    cut = run(llm_ex, ARMY, ['{"events": [{"source": "Ethiopian tr'])  # cut off
    assert not cut.statements
    assert cut.drops == {("llm:test", "answer is not JSON in the schema"): 1}


def test_who_says_so_the_rules_cue_first_then_the_models_grounded_speaker(
        llm_ex: Extractor) -> None:
    ex = run(llm_ex, ARMY, [{"events": [event(
        "Ethiopian troops", "Eritrean forces", "ASSAULT", "attacked Eritrean forces",
        says="Ethiopian troops")]}])
    assert ex.statements[0].chain == ("Wire", "a UN official")  # the text's cue wins
    text = "Hezbollah fighters ambushed an Israeli patrol in the south."
    ex = run(llm_ex, text, [{"events": [event(
        "Hezbollah", "Israeli", "ASSAULT", "ambushed an Israeli patrol", says="Hezbollah")]}])
    assert ex.statements[0].origin.key == "actor:hezbollah"
    assert ex.statements[0].chain[0] == "Wire"
    ex = run(llm_ex, text, [{"events": [event(
        "Hezbollah", "Israeli", "ASSAULT", "ambushed an Israeli patrol",
        says="a senior diplomat")]}])  # nobody the passage names: the outlet's own
    assert ex.statements[0].origin.kind == "outlet"


def test_passages_join_short_sentences_and_only_those_with_an_actor_are_asked(
        llm_ex: Extractor) -> None:
    from claimgraph.extract.llm.coder import PASSAGE, passages

    text = "It rained all day.\n\n" + ARMY + " It said the fighting went on.\n\n" + \
        "Nothing else happened. " * 30
    assert llm_ex.llm is not None
    run(llm_ex, text, [])
    assert isinstance(llm_ex.llm.cache, Scripted) and llm_ex.llm.cache.asked == 1
    found = passages(llm_ex.nlp(text))
    assert found[1].text.strip() == ARMY + " It said the fighting went on."  # a paragraph
    assert all(len(p.text) <= PASSAGE or len(p) == len(next(iter(p.sents))) for p in found)
    assert "".join(t.text_with_ws for p in found for t in p) == text  # all, in order


def test_rules_and_llm_keep_both_and_the_rules_statements_are_unchanged(
        new_db: Callable[[str], str]) -> None:
    art = Article(id="a.txt", text=ARMY, source="a.txt", outlet="Wire")
    rules, both = Store(new_db("rules")), Store(new_db("both"))
    for store in (rules, both):
        store.migrate()
    ingest([], rules, Defaults(), Settings(), items=iter([art]))
    ex = make_extractor(settings("rules+llm"), both)
    assert ex.llm is not None
    ex.llm.cache = Scripted([{"events": [event(
        "Eritrean forces", "Ethiopian troops", "ASSAULT", "Eritrean forces near Badme")]}])
    ingest([], both, Defaults(), settings("rules+llm"), extractor=ex, items=iter([art]))
    with rules.session() as s:
        by_rules = {(st.id, st.extractor) for st in s.query(m.Statement)}
    with both.session() as s:
        by_both = {(st.id, st.extractor) for st in s.query(m.Statement)}
    assert by_rules and by_rules < by_both
    assert {who for _, who in by_both - by_rules} == {"llm:test"}
    evidence = [e["extractor"] for c in iter_claims(View(both)) for e in c["evidence"]]
    assert sorted(set(evidence)) == ["llm:test", "rules"]


def test_answers_are_kept_in_the_store_once_per_key(new_db: Callable[[str], str]) -> None:
    from claimgraph.extract.llm.cache import StoreCache, cache_key, passage_hash

    store = Store(new_db("answers"))
    store.migrate()
    cache, hashed = StoreCache(store), passage_hash("Passage: x\nMentions: y")
    key = cache_key("m", "events-v1", hashed)
    assert cache.get(key) is None
    cache.put(key, "m", "events-v1", hashed, '{"events": []}')
    cache.put(key, "m", "events-v1", hashed, '{"events": [1]}')  # a second writer: no-op
    assert cache.get(key) == '{"events": []}'
    assert cache.get(cache_key("m", "events-v2", hashed)) is None  # a new prompt: asked anew
    with store.session() as s:
        assert s.query(m.LLMResponse).count() == 1


def test_drops_are_stored_and_failures_lists_them(new_db: Callable[[str], str]) -> None:
    db = new_db("drops")
    store = Store(db)
    store.migrate()
    ex = make_extractor(settings(), store)
    assert ex.llm is not None
    ex.llm.cache = Scripted([{"events": [event(
        "Ethiopian troops", "Eritrean forces", "ASSAULT", "invented words")]}])
    ingest([], store, Defaults(), settings(), extractor=ex,
           items=iter([Article(id="d.txt", text=ARMY, source="d.txt")]))
    out = CliRunner().invoke(app, ["failures", "--db", db])
    assert out.exit_code == 0, out.output
    assert "d.txt\tllm:test\tquote not in the passage\t1" in out.output


def test_a_server_that_is_down_fails_the_document_by_name_and_stores_nothing(
        new_db: Callable[[str], str]) -> None:
    store = Store(new_db("down"))
    store.migrate()
    arts = [Article(id="x.txt", text=ARMY, source="x.txt"),
            Article(id="calm.txt", text="It rained all day in the hills.", source="calm.txt")]
    report = ingest([], store, Defaults(), settings(), items=iter(arts))
    assert report.stored == ["calm.txt"]  # no actor, nothing to ask: stored
    assert [(src, reason[:6]) for src, reason in report.failed] == [("x.txt", "[E702]")]
    assert "x.txt" in report.failed[0][1] or DEAD in report.failed[0][1]
    with store.session() as s:
        assert s.query(m.Statement).count() == 0
        assert [f.code for f in s.query(m.Failure)] == ["E702"]


def test_garbage_http_errors_and_busy_servers(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = {"type": "object"}
    chat = [{"role": "user", "content": "hi"}]
    with stub_server(lambda n, body, h: (200, b"<html>oops</html>")) as url, \
            pytest.raises(LLMBadResponse, match="not JSON"):
        ChatClient(LLMSettings(url=url, retries=0)).complete(chat, schema)
    with stub_server(lambda n, body, h: (200, b'{"id": 1}')) as url, \
            pytest.raises(LLMBadResponse, match="no chat completion"):
        ChatClient(LLMSettings(url=url, retries=0)).complete(chat, schema)
    with stub_server(lambda n, body, h: (400, b'{"error": "bad"}')) as url, \
            pytest.raises(LLMBadResponse, match="HTTP 400"):
        ChatClient(LLMSettings(url=url, retries=3)).complete(chat, schema)
    seen: list[dict[str, Any]] = []

    def busy_then_fine(n: int, body: dict[str, Any], headers: dict[str, str]
                       ) -> tuple[int, bytes]:
        seen.append({"body": body, "auth": headers.get("Authorization")})
        return (503, b"{}") if n < 2 else (200, completion('{"events": []}'))

    monkeypatch.setenv("MY_LLM_KEY", "s3cret")
    with stub_server(busy_then_fine) as url:
        client = ChatClient(LLMSettings(url=url, retries=2, backoff=0.01, key_env="MY_LLM_KEY"))
        assert client.complete(chat, schema) == '{"events": []}'
    assert len(seen) == 3 and seen[-1]["auth"] == "Bearer s3cret"
    fmt = seen[-1]["body"]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["schema"] == schema


def test_a_hanging_server_times_out_after_its_retries() -> None:
    def hang(n: int, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, bytes]:
        time.sleep(3)
        return 200, completion("{}")

    with stub_server(hang) as url:
        client = ChatClient(LLMSettings(url=url, timeout=0.3, retries=1, backoff=0.05))
        began = time.monotonic()
        with pytest.raises(LLMUnreachable, match="2 tries"):
            client.complete([{"role": "user", "content": "hi"}], {"type": "object"})
        assert time.monotonic() - began < 2.5


def test_the_prompt_is_checked_against_the_ontology(tmp_path: Path) -> None:
    onto = load_ontology()
    prompt = load_prompt("events-v1", onto)
    assert set(prompt.types) == {t for t, spec in onto.event_types.items()
                                 if not spec.get("standing")}
    schema = json.dumps(prompt.schema())
    assert '"const": "AID"' in schema and '"weapons"' in schema
    chat = prompt.messages("Rebels attacked the town.", ["Rebels"])
    assert chat[0]["role"] == "system" and "ASSAULT:" in chat[0]["content"]
    assert chat[-1]["content"].startswith("Passage: Rebels attacked the town.")
    import yaml

    data = yaml.safe_load(Path(SHORT_PROMPT).read_text("utf-8"))
    broken = {**data, "types": {k: v for k, v in data["types"].items() if k != "AID"}}
    with pytest.raises(DataFileError, match="missing \\['AID'\\]"):
        parse_prompt(broken, onto, "broken.yaml")
    bad_quote = json.loads(json.dumps(data))
    bad_quote["examples"][0]["events"][0]["quote"] = "words the passage lacks"
    with pytest.raises(DataFileError, match="not in its passage"):
        parse_prompt(bad_quote, onto, "bad.yaml")
    with pytest.raises(DataFileError, match="no such prompt version"):
        load_prompt("events-v0", onto)


def test_cli_settings_come_from_flags_over_a_config_file(tmp_path: Path,
                                                        new_db: Callable[[str], str]) -> None:
    from claimgraph.cli_llm import with_llm

    cfg = tmp_path / "llm.yaml"
    cfg.write_text("url: http://127.0.0.1:1/v1\nmodel: from-file\ntimeout: 7\n", "utf-8")
    s = with_llm(Settings(), "rules+llm", None, "from-flag", cfg)
    assert (s.extractor, s.llm.url, s.llm.model, s.llm.timeout) == \
        ("rules+llm", "http://127.0.0.1:1/v1", "from-flag", 7.0)
    with pytest.raises(DataFileError, match="no http"):
        with_llm(Settings(), "llm", "localhost:8080", None, None)
    cfg.write_text("url: x\ntemperature: 2\n", "utf-8")
    db = new_db("cli")
    out = CliRunner().invoke(app, ["ingest", str(cfg), "--db", db, "--extractor", "llm",
                                   "--llm-config", str(cfg)])
    assert out.exit_code == 2 and "unknown LLM setting(s) temperature" in out.output
    out = CliRunner().invoke(app, ["ingest", str(cfg), "--db", db, "--extractor", "gpt"])
    assert out.exit_code == 2 and "'gpt' is not one of rules, llm, rules+llm" in out.output
