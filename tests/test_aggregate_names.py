"""Actors found in text under one name are one actor when claims are aggregated."""

from __future__ import annotations

from types import SimpleNamespace

from claimgraph.aggregate.names import same_name


def row(name: str, kind: str = "organization", source: str = "text") -> SimpleNamespace:
    return SimpleNamespace(name=name, type=kind, source=source)


def test_a_text_actor_joins_the_actor_that_shares_a_name() -> None:
    actors = {"org:hsmv": row("HSMV"), "org:harbor-shield": row("Harbor Shield Movement"),
              "person:hsmv": row("HSMV", "person"), "group:hsmv": row("HSMV")}
    aliases = {"org:harbor-shield": ["HSMV", "the Movement"], "org:hsmv": ["HSMV"]}
    assert same_name(actors, aliases) == {"org:hsmv": "org:harbor-shield"}  # by names known


def test_the_gazetteer_actor_wins_and_two_gazetteer_actors_never_merge() -> None:
    actors = {"hamas": row("Hamas", source="gazetteer"), "org:hamas": row("Hamas"),
              "pij": row("Islamic Jihad", source="gazetteer"),
              "eij": row("Islamic Jihad", source="gazetteer")}
    assert same_name(actors, {}) == {"org:hamas": "hamas"}
