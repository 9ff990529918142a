"""Country and sector for actors found in text, so that every actor can be counted by
country and sector as in POLECAT: "Iraqi Security Forces" -> IRQ, MIL.

- Country: a nationality word in the name ("Iraqi", "Danish"), else the parent's.
- Sector: the name's last agent noun (the gazetteer's agents: Phoenix's agent
  dictionary plus the curated words), else the parent's; media are MED.
Gazetteer actors keep what the gazetteer says."""

from __future__ import annotations

from claimgraph.extract.index import ActorIndex
from claimgraph.records import ActorInfo


def enrich(actor: ActorInfo, index: ActorIndex) -> None:
    """Fill an actor's missing country and sector, in place."""
    if actor.source == "gazetteer":
        return
    words = actor.name.replace("-", " ").split()
    parent = index.actors.get(actor.parents[0]) if actor.parents else None
    if actor.country is None:
        actor.country = next((index.nationality[w.lower()] for w in words
                              if w.lower() in index.nationality), None) or \
            (parent.country if parent else None)
    if actor.sector is None:
        agents = index.gazetteer.agents
        lowered = [w.lower() for w in words]
        found = None
        for i in range(len(lowered)):  # the last agent noun, two-word ones first
            pair = " ".join(lowered[i:i + 2])
            if i + 1 < len(lowered) and pair in agents:
                found = agents[pair]
            elif lowered[i] in agents:
                found = agents[lowered[i]]
        if actor.type == "media":
            found = "MED"
        actor.sector = found or (parent.sector if parent else None)
