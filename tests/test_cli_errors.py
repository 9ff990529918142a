"""No silent surprises: a mistyped store path, a CSV export named like a file, unknown
types and impossible dates, a busy port: each one coded line, and nothing created."""

from __future__ import annotations

import csv
import io
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from claimgraph import errors
from claimgraph.api.app import create_app
from claimgraph.cli import app
from claimgraph.export.tables import ACTOR_COLUMNS, LINK_COLUMNS
from claimgraph.store.db import Store

runner = CliRunner()


@pytest.mark.parametrize("command", [
    ["claims"], ["explain", "c-123"], ["export", "claims"], ["failures"], ["serve"]])
def test_read_commands_refuse_a_missing_store(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "mistyped.sqlite"
    res = runner.invoke(app, [*command, "--db", str(missing)])
    assert res.exit_code == 2
    assert "[E402]" in res.output and "mistyped.sqlite" in res.output
    assert not missing.exists(), "a read command must not create a store"


def test_every_error_code_means_one_thing() -> None:
    codes: dict[str, str] = {}
    for name in dir(errors):
        cls = getattr(errors, name)
        if isinstance(cls, type) and issubclass(cls, errors.ClaimgraphError) \
                and cls is not errors.ClaimgraphError:
            assert cls.code not in codes, f"{name} and {codes.get(cls.code)} share {cls.code}"
            codes[cls.code] = name


def test_csv_export_writes_a_folder_or_a_zip_never_a_dotcsv(
        demo_db: str, tmp_path: Path) -> None:
    res = runner.invoke(app, ["export", "csv", "--db", demo_db, "-o",
                              str(tmp_path / "seeds.csv")])
    assert res.exit_code == 2 and "[E010]" in res.output and "folder or a .zip" in res.output
    assert not (tmp_path / "seeds.csv").exists()
    res = runner.invoke(app, ["export", "csv", "--db", demo_db, "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    for name in ("claims.csv", "evidence.csv", "actors.csv", "links.csv"):
        assert (tmp_path / "out" / name).is_file()
    res = runner.invoke(app, ["export", "csv", "--db", demo_db, "-o", str(tmp_path / "t.zip")])
    assert res.exit_code == 0
    with zipfile.ZipFile(tmp_path / "t.zip") as z:
        assert sorted(z.namelist()) == ["actors.csv", "claims.csv", "evidence.csv",
                                        "links.csv"]
        actors = list(csv.DictReader(io.TextIOWrapper(z.open("actors.csv"), "utf-8")))
        links = list(csv.DictReader(io.TextIOWrapper(z.open("links.csv"), "utf-8")))
        claims = list(csv.DictReader(io.TextIOWrapper(z.open("claims.csv"), "utf-8")))
    assert list(actors[0]) == ACTOR_COLUMNS and list(links[0]) == LINK_COLUMNS
    ids = {a["id"] for a in actors}
    assert all(link["source_id"] in ids and link["target_id"] in ids for link in links)
    assert all(p in ids for a in actors for p in a["part_of"].split("; ") if p)
    two_ended = [c for c in claims if c["object_id"]]
    assert sorted(link["claim_id"] for link in links) == sorted(c["id"] for c in two_ended)


@pytest.mark.parametrize(("query", "parameter"), [
    ("type=FOO", "type"), ("since=2031-99", "since"), ("until=2016-02-30", "until")])
def test_unknown_types_and_impossible_dates_are_422(demo_db: str, query: str,
                                                    parameter: str) -> None:
    client = TestClient(create_app(Store(demo_db)))
    for path in ("/api/claims", "/api/network"):
        res = client.get(f"{path}?{query}")
        assert res.status_code == 422, (path, res.text)
        assert f"{parameter}:" in res.json()["detail"]
    assert client.get("/api/claims?type=aid&since=2016-02").status_code == 200


def test_claims_cli_refuses_an_unknown_type(demo_db: str) -> None:
    res = runner.invoke(app, ["claims", "--db", demo_db, "--type", "FOO"])
    assert res.exit_code == 2 and "[E010] --type" in res.output


def test_a_busy_port_is_one_line_and_status_1(demo_db: str) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "claimgraph", "serve", "--db", demo_db,
                               "--port", str(port)], capture_output=True, text=True,
                              timeout=60)
    assert proc.returncode == 1
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "[E602]" in lines[0] and "in use" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr and "workbench: http" not in proc.stderr


def test_serve_sources_grades_the_origins(demo_db: str, tmp_path: Path) -> None:
    from claimgraph.aggregate.credibility import load_sources

    plain = TestClient(create_app(Store(demo_db)))
    first = plain.get("/api/claims?limit=1").json()["items"][0]
    origins = plain.get(f"/api/claims/{first['id']}").json()["origins"]
    assert origins and {o["reliability"] for o in origins} == {"F"}
    grades = tmp_path / "grades.yaml"
    grades.write_text("sources:\n" + "".join(f"  {o['label']!r}: B\n" for o in origins),
                      encoding="utf-8")
    graded = TestClient(create_app(Store(demo_db), reliability=load_sources(grades)))
    again = graded.get(f"/api/claims/{first['id']}").json()["origins"]
    assert {o["reliability"] for o in again} == {"B"}
    grades.write_text("sources: {x: Z}\n", encoding="utf-8")
    res = runner.invoke(app, ["serve", "--db", demo_db, "--sources", str(grades)])
    assert res.exit_code == 2 and "[E301]" in res.output and "A-F" in res.output
