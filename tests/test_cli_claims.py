"""`claimgraph claims` and `claimgraph explain` on the demo corpus."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(demo_db: str) -> str:
    return str(demo_db)


def exported(db: str, *extra: str) -> list[dict[str, object]]:
    res = runner.invoke(app, ["export", "claims", "--db", db, "-o", "-", *extra])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def ids_in(output: str) -> set[str]:
    return set(re.findall(r"c-[0-9a-f]{16}", output))


def test_claims_filters_by_actor_and_origins(db: str) -> None:
    claims = exported(db)
    res = runner.invoke(app, ["claims", "--db", db, "--actor", "the Harbor Front",
                              "--min-origins", "2", "--limit", "100"], env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    expected = {c["id"] for c in claims if c["independent_origins"] >= 2 and (  # type: ignore[operator]
        "Harbor Liberation Front" in (c["subject"]["name"], c["object"]["name"]))}  # type: ignore[index]
    assert expected and ids_in(res.stdout) == expected
    # an actor's sub-units count as the actor: the Ashvale Brigades are part of the HLF
    res = runner.invoke(app, ["claims", "--db", db, "--actor", "HLF", "--limit", "100"],
                        env={"COLUMNS": "200"})
    ashvale = {c["id"] for c in claims if c["subject"]["name"] == "Ashvale Brigades"}  # type: ignore[index]
    assert ashvale and ashvale <= ids_in(res.stdout)


def test_explain_prints_the_evidence_tree(db: str) -> None:
    claim = next(c for c in exported(db) if c["circular"] and c["type"] == "AID"
                 and c["mode"] == "weapons")
    res = runner.invoke(app, ["explain", str(claim["id"]), "--db", db], env={"COLUMNS": "250"})
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "all from one origin: memo of Piet Larsen to Tomas Rell" in out
    assert "origin memo of Piet Larsen to Tomas Rell (reliability F)" in out
    assert "Meridian Post → memo of Piet Larsen" in out  # a chain
    ev = claim["evidence"][0]  # type: ignore[index]
    assert f"{ev['document']} [{ev['start']}:{ev['end']}]" in out
    assert "near-duplicate copies (not counted)" in out


def test_source_grades_change_credibility(db: str, tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text("sources:\n  Ostravia: E\n  Strait Policy Institute: B\n", "utf-8")
    before = {c["id"]: c for c in exported(db)}
    after = {c["id"]: c for c in exported(db, "--sources", str(sources))}
    arms = next(c for c in after.values() if c["mode"] == "weapons" and
                c["subject"]["name"] == "Veloria" and c["polarity"] == "asserted")  # type: ignore[index]
    grades = {o["label"]: o["reliability"] for o in arms["origins"]}  # type: ignore[union-attr]
    assert grades == {"Ostravian officials": "E", "report of Strait Policy Institute": "B"}
    assert before[arms["id"]]["credibility"] == 3  # type: ignore[index]
    assert arms["credibility"] == 4  # one reliable origin left, contradicted


def test_bad_ids_and_files_are_named(db: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["explain", "c-0000000000000000", "--db", db])
    assert res.exit_code == 2 and "[E109] c-0000000000000000: no such claim" in res.output
    bad = tmp_path / "s.yaml"
    bad.write_text("sources: [1, 2]\n", "utf-8")
    res = runner.invoke(app, ["claims", "--db", db, "--sources", str(bad)])
    assert res.exit_code == 2 and "E301" in res.output and "s.yaml" in res.output


def test_article_text_is_not_read_as_markup(tmp_path: Path, new_db: Callable[[str], str]
                                           ) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Veloria is supplying [red]rockets[/red] [bold]to the Harbor Liberation "
                   "Front.\n", "utf-8")
    db = new_db("markup")
    gaz = Path(__file__).parents[1] / "src/claimgraph/data/demo/gazetteer.yaml"
    assert runner.invoke(app, ["ingest", str(art), "--db", db, "--gazetteer", str(gaz)]
                         ).exit_code == 0
    claim = exported(db)[0]
    res = runner.invoke(app, ["explain", str(claim["id"]), "--db", db], env={"COLUMNS": "250"})
    assert res.exit_code == 0, res.output
    assert "supplying [red]rockets[/red] [bold]to the" in res.stdout
