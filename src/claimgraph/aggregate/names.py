"""Actors that different articles found under one name are one actor.

Each article is read on its own (extract/index.py), so "the HSMV" in one article and
"the Harbor Shield Movement (HSMV)" in another give two actors found in text that share
the name "HSMV". When claims are aggregated, an actor found in text joins the actor of
the same type that shares one of its names: a gazetteer actor first, else the one
known by the most names (then the smallest id), whichever article came first. Two
gazetteer actors never merge; unnamed groups of people have no names to share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from claimgraph.gazetteer import norm
from claimgraph.records import unnamed


def _rank(actor_id: str, row: Any, names: int) -> tuple[int, int, str]:
    return (0 if row.source == "gazetteer" else 1, -names, actor_id)


def same_name(actors: Mapping[str, Any], aliases: Mapping[str, Iterable[str]]
              ) -> dict[str, str]:
    """actor id -> the actor it is the same as (only the ids that move)."""
    names: dict[str, set[str]] = {}
    for actor_id, row in actors.items():
        if unnamed(actor_id):
            continue
        keys = {norm(n) for n in (row.name, *aliases.get(actor_id, ()))}
        names[actor_id] = {k for k in keys if len(k) >= 2}
    parent = {a: a for a in names}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    by_key: dict[tuple[str, str], list[str]] = {}
    for actor_id, keys in names.items():
        for k in keys:
            by_key.setdefault((actors[actor_id].type, k), []).append(actor_id)
    for ids in by_key.values():
        text = [a for a in ids if actors[a].source != "gazetteer"]
        if not text:
            continue
        anchor = min(ids, key=lambda a: _rank(a, actors[a], len(names[a])))
        for a in text:
            ra, rb = find(a), find(anchor)
            if ra != rb:
                parent[ra] = rb
    groups: dict[str, list[str]] = {}
    for a in names:
        groups.setdefault(find(a), []).append(a)
    out: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        best = min(members, key=lambda a: _rank(a, actors[a], len(names[a])))
        if sum(actors[a].source == "gazetteer" for a in members) > 1:
            continue  # two gazetteer actors are never one: leave the group to a curator
        out.update({a: best for a in members if a != best})
    return out
