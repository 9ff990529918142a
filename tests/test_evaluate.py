"""The evaluation harness: `eval seeds` agrees with the shared scorer; `eval re3d`
scores a small corpus written here in the re3d format."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.evaluate.seeds import origin_hit
from tests.conftest import SHARED

runner = CliRunner()


def figures(line: str) -> dict[str, float]:
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", line)}


@pytest.mark.skipif(not (SHARED / "tools" / "score_claims.py").is_file(),
                    reason="../shared (seeds, gold, scorer) is not beside this checkout")
def test_eval_seeds_gives_the_shared_scorers_figures(tmp_path: Path,
                                                     new_db: Callable[[str], str]) -> None:
    gold = SHARED / "gold" / "seeds.yaml"
    ours = runner.invoke(app, ["eval", "seeds", str(gold)])
    assert ours.exit_code == 0, ours.output
    db, out = new_db("seeds"), tmp_path / "c.jsonl"
    assert runner.invoke(app, ["ingest", str(SHARED / "seeds"), "--db", db]).exit_code == 0
    assert runner.invoke(app, ["export", "claims", "--db", db, "-o", str(out)]).exit_code == 0
    theirs = subprocess.run([sys.executable, str(SHARED / "tools" / "score_claims.py"),
                             str(gold), str(out)], capture_output=True, text=True, check=False)
    mine, shared = figures(ours.stdout.splitlines()[-1]), figures(theirs.stdout.splitlines()[-1])
    for name, value in mine.items():
        assert value == pytest.approx(shared[name], abs=0.005), name


@pytest.mark.parametrize(("gold", "label", "hit"), [
    ("muhajir_letter", "letter of Abu Abdallah al-Muhajir to Abu Bakr Al-Baghdadi", True),
    ("gaza_sources", "The Times of Israel; sources in the Gaza Strip (per The Times of Israel)",
     True),
    ("author_000", "000_6ebef5163723d1de.txt (own reporting)", True),
    ("idf_officials", "Hamas", False),
])
def test_origin_words(gold: str, label: str, hit: bool) -> None:
    assert origin_hit(gold, label) is hit


TEXT = ("Iran is arming Hezbollah, officials said. The Party of God, Hezbollah, "
        "attacked Israel on Monday. Nasrallah met Assad in Damascus. "
        "Hamas cooperates with Qatar.")


def write_re3d(folder: Path) -> None:
    folder.mkdir(parents=True)

    def span(s: str, nth: int = 0) -> tuple[int, int]:
        i = -1
        for _ in range(nth + 1):
            i = TEXT.index(s, i + 1)
        return i, i + len(s)

    (folder / "documents.json").write_text(json.dumps(
        {"_id": "D1", "title": "t", "text": TEXT, "sourceName": "Wire", "sourceUrl": "u"}) + "\n")
    ents = [("Iran", 0, "Organisation"), ("Hezbollah", 0, "Organisation"),
            ("Hamas", 0, "Organisation"), ("Qatar", 0, "Location"),
            ("Hezbollah", 1, "Organisation"), ("Israel", 0, "Location"),
            ("Nasrallah", 0, "Person"), ("Assad", 0, "Person")]
    (folder / "entities.json").write_text("".join(json.dumps(
        {"_id": f"e{i}", "documentId": "D1", "begin": span(v, n)[0], "end": span(v, n)[1],
         "type": t, "value": v}) + "\n" for i, (v, n, t) in enumerate(ents)))
    rels = [("Iran", 0, "Hezbollah", 0, "AlliesOf"), ("Hezbollah", 1, "Israel", 0,
                                                      "FightingAgainst"),
            ("Nasrallah", 0, "Assad", 0, "CommWith"), ("The Party of God", 0, "Hezbollah", 1,
                                                        "IsSynonymOf"),
            ("Hezbollah", 0, "Israel", 0, "Apart"),
            # Likes is one way: our COOPERATE says it both ways, our AID only one way
            ("Qatar", 0, "Hamas", 0, "Likes"), ("Hezbollah", 0, "Iran", 0, "Likes")]
    lines = []
    for i, (s, sn, t, tn, kind) in enumerate(rels):
        (sb, se), (tb, te) = span(s, sn), span(t, tn)
        lines.append(json.dumps({"_id": f"r{i}", "documentId": "D1", "sourceBegin": sb,
                                 "sourceEnd": se, "source": s, "targetBegin": tb,
                                 "targetEnd": te, "target": t, "type": kind}) + "\n")
    (folder / "relations.json").write_text("".join(lines))


def test_eval_re3d_scores_relations_synonyms_and_types(tmp_path: Path) -> None:
    write_re3d(tmp_path / "corpus" / "mini")
    res = runner.invoke(app, ["eval", "re3d", str(tmp_path / "corpus")])
    assert res.exit_code == 0, res.output
    total = figures(res.stdout.splitlines()[-1].removeprefix("total: "))
    assert total["recall_AlliesOf"] == 1.0  # Iran AID Hezbollah
    assert total["recall_FightingAgainst"] == 1.0  # Hezbollah ASSAULT Israel
    assert total["recall_CommWith"] == 1.0  # Nasrallah CONSULT Assad
    assert total["recall_Likes"] == 0.5  # Qatar and Hamas either way; not Hezbollah to Iran
    assert total["mapped_relation_recall"] == 0.8
    assert total["entity_type_accuracy"] == 1.0
    assert "synonym_recall" in total


def test_eval_re3d_names_a_bad_folder(tmp_path: Path) -> None:
    res = runner.invoke(app, ["eval", "re3d", str(tmp_path)])
    assert res.exit_code == 2 and "no re3d subset here" in res.output


PETR_VERBS = """####### VERB PATTERNS #######
---  SEND   [070]  ---
SEND {SENT SENDING SENDS}
- * (TO +) TROOPS                                 [150]
---  CRITICIZE   [111]  ---
CRITICIZE
"""
PETR_ACTORS = "NORTHLAND_  [NLD]\nSOUTHMARK_  [SMK]\n"
PETR_RECORDS = """<Validation><Sentences>
<Sentence id="T-1" category="VERB"><EventCoding sourcecode="NLD" targetcode="SMK"
 eventcode="111"></EventCoding><Text>Northland criticized Southmark.</Text></Sentence>
<Sentence id="T-2" category="PATTERN"><EventCoding sourcecode="NLD" targetcode="SMK"
 eventcode="150"></EventCoding><Text>Northland sent troops to Southmark.</Text></Sentence>
<Sentence id="T-3" category="PATTERN"><EventCoding noevents="True"></EventCoding>
<Text>The weather in Northland was fine.</Text></Sentence>
</Sentences></Validation>"""


def test_eval_petrarch_scores_codes_and_actors_with_the_records_dictionaries(
        tmp_path: Path) -> None:
    for name, text in (("PETR.Validate.verbs.txt", PETR_VERBS),
                       ("PETR.Validate.actors.txt", PETR_ACTORS),
                       ("PETR.Validate.agents.txt", "SOLDIER [~MIL]\n"),
                       ("records.xml", PETR_RECORDS)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    table = tmp_path / "map.txt"
    table.write_text("111: ACCUSE, disapprove,  # x\n", encoding="utf-8")
    res = runner.invoke(app, ["eval", "petrarch", str(tmp_path / "records.xml"),
                              "--mapping", str(table), "--show", "5"])
    assert res.exit_code == 0, res.output
    total = figures(res.stdout.splitlines()[-1])
    assert total["event_code_accuracy"] == 1.0 and total["source_target"] == 1.0
    assert total["no_event_records"] == 1.0
    assert "PATTERN: codings=1 event_code=1.00" in res.stdout


@pytest.mark.skipif(not (SHARED / "data" / "petrarch2" / "PETR.UnitTest.records.xml").is_file(),
                    reason="../shared (PETRARCH's unit-test records) is not beside this checkout")
def test_eval_petrarch_on_the_unit_test_records() -> None:
    res = runner.invoke(app, ["eval", "petrarch",
                              str(SHARED / "data" / "petrarch2" / "PETR.UnitTest.records.xml")])
    assert res.exit_code == 0, res.output
    total = figures(res.stdout.splitlines()[-1])
    assert total["codings"] > 350
    assert total["event_code_accuracy"] >= 0.50  # the figure in the README, less noise
