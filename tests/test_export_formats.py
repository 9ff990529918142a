"""Every export format loads in its own tool's library, on the demo corpus, and is
deterministic; the filters apply to all of them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
import stix2
from followthemoney import model
from typer.testing import CliRunner

from claimgraph.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def db(demo_db: Path) -> str:
    return str(demo_db)


@pytest.fixture(scope="module")
def claims(db: str) -> list[dict[str, Any]]:
    res = runner.invoke(app, ["export", "claims", "--db", db, "-o", "-"])
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def export(db: str, fmt: str, out: Path, *extra: str) -> Path:
    res = runner.invoke(app, ["export", fmt, "--db", db, "-o", str(out), *extra])
    assert res.exit_code == 0, res.output
    return out


def test_gexf_loads_in_networkx_with_attributes_and_time(db: str, claims: list[dict[str, Any]],
                                                          tmp_path: Path) -> None:
    g = nx.read_gexf(export(db, "gexf", tmp_path / "c.gexf"))
    assert g.number_of_edges() == len(claims)
    actors = {c[side]["id"] for c in claims for side in ("subject", "object")}
    assert set(g.nodes) == actors
    edges = {d["claim"]: d for _, _, d in g.edges(data=True)}
    for c in claims:
        e = edges[c["id"]]
        assert (e["independent_origins"], e["circular"], e["credibility"]) == \
            (c["independent_origins"], c["circular"], c["credibility"])
    assert g.nodes["demo-ashvale"]["parent"] == "demo-hlf"
    assert g.nodes["demo-veloria"]["type"] == "state"
    assert g.graph["mode"] == "dynamic"
    dated = [d for _, _, d in g.edges(data=True) if "start" in d]
    assert dated and all(len(d["start"]) == 10 for d in dated)


def test_graphml_is_the_same_graph(db: str, tmp_path: Path) -> None:
    a = nx.read_gexf(export(db, "gexf", tmp_path / "c.gexf"))
    b = nx.read_graphml(export(db, "graphml", tmp_path / "c.graphml"))
    assert set(a.nodes) == set(b.nodes)
    assert sorted(d["claim"] for _, _, d in a.edges(data=True)) == \
        sorted(d["claim"] for _, _, d in b.edges(data=True))
    some = next(d for _, _, d in b.edges(data=True))
    assert isinstance(some["independent_origins"], int) and isinstance(some["circular"], bool)


def test_stix_bundle_parses_strictly_and_refers_within(db: str, claims: list[dict[str, Any]],
                                                       tmp_path: Path) -> None:
    text = export(db, "stix", tmp_path / "c.json").read_text("utf-8")
    bundle = stix2.parse(text, allow_custom=False)
    objects = {o.id: o for o in bundle.objects}
    by_type: dict[str, list[Any]] = {}
    for o in bundle.objects:
        by_type.setdefault(o.type, []).append(o)
    asserted = [c for c in claims if c["polarity"] == "asserted"]
    denied = [c for c in claims if c["polarity"] == "denied"]
    assert len(by_type["relationship"]) == len(asserted)
    assert len(by_type["opinion"]) == len(denied)
    assert {"identity", "threat-actor", "report"} <= set(by_type)
    for rel in by_type["relationship"]:
        assert rel.source_ref in objects and rel.target_ref in objects
        assert rel.created_by_ref in objects
        assert 0 <= rel.get("confidence", 0) <= 100
    for rep in by_type["report"]:
        assert all(ref in objects for ref in rep.object_refs)
    reported = {r.external_references[0].external_id for r in by_type["report"]}
    assert reported == {e["document"] for c in claims for e in c["evidence"]
                        if not e["copy_of"]}


def test_ftm_entities_validate_and_link(db: str, tmp_path: Path) -> None:
    lines = export(db, "ftm", tmp_path / "c.ftm.jsonl").read_text("utf-8").splitlines()
    entities = [json.loads(line) for line in lines]
    ids = {e["id"] for e in entities}
    schemata = {e["schema"] for e in entities}
    assert {"Organization", "Person", "PublicBody", "UnknownLink", "Membership", "Article",
            "Mention"} <= schemata
    for e in entities:
        schema = model.get(e["schema"])
        assert schema is not None
        assert schema.validate(e) is None, e
        for prop, values in e["properties"].items():
            if schema.properties[prop].type.name == "entity":
                assert all(v in ids for v in values), (e["schema"], prop)


def test_csv_round_trips(db: str, claims: list[dict[str, Any]], tmp_path: Path) -> None:
    z = zipfile.ZipFile(export(db, "csv", tmp_path / "c.zip"))
    table = pd.read_csv(z.open("claims.csv"), keep_default_na=False)
    evidence = pd.read_csv(z.open("evidence.csv"), keep_default_na=False)
    assert sorted(table["id"]) == sorted(c["id"] for c in claims)
    assert len(evidence) == sum(len(c["evidence"]) for c in claims)
    by_id = {c["id"]: c for c in claims}
    for row in evidence.itertuples():
        c = by_id[row.claim_id]
        assert row.chain.split(" > ") in [e["chain"] for e in c["evidence"]]
        assert row.quote in [e["quote"] for e in c["evidence"]]
    folder = export(db, "csv", tmp_path / "tables")
    assert (folder / "claims.csv").read_bytes() == z.read("claims.csv")


def test_plover_records(db: str, claims: list[dict[str, Any]], tmp_path: Path) -> None:
    lines = export(db, "plover", tmp_path / "p.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    events = [c for c in claims if c["type"] not in ("MEMBER_OF", "LEADER_OF", "PART_OF")]
    assert len(records) == sum(len(c["evidence"]) for c in events)
    for r in records:
        assert r["event_type"] and r["actor"] and r["recipient"] and r["event_text"]
        assert r["attribution"]["chain"][-1] and r["attribution"]["claim_id"].startswith("c-")


@pytest.mark.parametrize("fmt", ["claims", "actors", "gexf", "graphml", "stix", "ftm", "plover",
                                 "csv"])
def test_exports_are_deterministic(db: str, fmt: str, tmp_path: Path) -> None:
    suffix = ".zip" if fmt == "csv" else ".out"
    a = export(db, fmt, tmp_path / f"a{suffix}").read_bytes()
    b = export(db, fmt, tmp_path / f"b{suffix}").read_bytes()
    assert a and a == b


def test_filters_apply_to_every_format(db: str, claims: list[dict[str, Any]],
                                       tmp_path: Path) -> None:
    aid = [c for c in claims if c["type"] == "AID" and c["independent_origins"] >= 2]
    g = nx.read_gexf(export(db, "gexf", tmp_path / "f.gexf", "--type", "aid",
                            "--min-origins", "2"))
    assert sorted(d["claim"] for _, _, d in g.edges(data=True)) == sorted(c["id"] for c in aid)
    out = export(db, "claims", tmp_path / "f.jsonl", "--actor", "Ostravia")
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert rows and all(any("Ostravia" in n for n in (r["subject"]["name"], r["object"]["name"]))
                        or any("Ostravia" in (e["subject"], e["object"]) for e in r["evidence"])
                        for r in rows)  # the state or its organs ("Ostravian military")
    dated = export(db, "claims", tmp_path / "d.jsonl", "--since", "2031-03", "--until", "2031-03")
    rows = [json.loads(line) for line in dated.read_text("utf-8").splitlines()]
    assert rows and all(r["time"] and r["time"]["start"].startswith("2031-03") for r in rows)


def test_bad_format_and_dates_are_named(db: str) -> None:
    res = runner.invoke(app, ["export", "pdf", "--db", db])
    assert res.exit_code == 2 and "[E010] pdf: unknown export format" in res.output
    res = runner.invoke(app, ["export", "gexf", "--db", db, "--since", "March"])
    assert res.exit_code == 2 and "--since" in res.output and "March" in res.output


def test_actors_carry_country_sector_and_kind(db: str, tmp_path: Path) -> None:
    out = export(db, "actors", tmp_path / "a.jsonl")
    rows = {r["id"]: r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    army = next(r for r in rows.values() if r["name"] == "Ostravian military")
    assert (army["kind"], army["sector"], army["parents"]) == ("composed", "MIL",
                                                              ["demo-ostravia"])
    assert rows["demo-ostravia"]["kind"] == "named"  # the state is not its army
    g = nx.read_gexf(export(db, "gexf", tmp_path / "k.gexf"))
    assert g.nodes[army["id"]]["kind"] == "composed"
