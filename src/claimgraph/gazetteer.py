"""The gazetteer: known actors with aliases, hierarchy, capitals and demonyms.

The package ships a starter file; users add their own files in the same format.
Transliteration variants of every alias (al-/Al-/el-, hyphen or space, with or
without a leading "the") are generated here, so the data file lists each name once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from claimgraph.errors import DataFileError
from claimgraph.places import world_place
from claimgraph.records import ActorInfo

ACTOR_TYPES = {"state", "organization", "igo", "media", "person"}


@dataclass(frozen=True)
class Place:
    name: str
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...] = ()
    country: str | None = None  # ISO alpha-3
    population: int = 0  # the place list's; 0 for the gazetteer's own places


@dataclass
class Gazetteer:
    actors: dict[str, ActorInfo] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)  # normalised alias -> place
    nationalities: dict[str, str] = field(default_factory=dict)  # adjective -> country code
    non_actors: set[str] = field(default_factory=set)  # platforms, titles: never actors
    agents: dict[str, str] = field(default_factory=dict)  # "soldier" -> MIL (Phoenix agents)
    seats: dict[str, str] = field(default_factory=dict)  # seat of government -> state id

    def children(self, actor_id: str) -> list[ActorInfo]:
        return [a for a in self.actors.values() if actor_id in a.parents]

    def place(self, name: str, world: bool = True) -> Place | None:
        """The gazetteer's place of that name, else (``world``) the place list's."""
        found = self.places.get(norm(name))
        if not world or not name.strip() or (found is not None and found.country):
            return found
        city = world_place(name)
        if found is not None:  # the gazetteer's place, with the place list's country
            return replace(found, country=city.country) if city else found
        return Place(city.name, city.lat, city.lon, country=city.country,
                     population=city.population) if city else None


# the Arabic article as transliterated ("al-Qaeda", "ash-Shabab", "el-Sisi")
ARABIC_ARTICLES = ("al", "el", "ad", "ed", "as", "ash", "an", "ar", "at", "az")
_ARTICLE = re.compile(rf"\b({'|'.join(ARABIC_ARTICLES)})\s(?=\w)")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def norm(name: str) -> str:
    """Normalised key for alias lookup: case, quotes, hyphens, 'the', possessives."""
    s = name.translate(_QUOTES).lower().strip()
    s = re.sub(r"'s$|'$", "", s)
    s = re.sub(r"^(the|a|an)\s+", "", s)
    s = re.sub(r"[\s\-]+", " ", s)
    s = _ARTICLE.sub("al ", s)
    return re.sub(r"[^\w' .&]", "", s).strip()


def variants(alias: str) -> set[str]:
    """Surface variants of an alias worth matching in text."""
    out = {alias}
    if "-" in alias:
        out.add(alias.replace("-", " "))
    for pre in ("al-", "Al-", "el-", "El-", "al ", "Al "):
        if pre in alias:
            for other in ("al-", "Al-", "el-", "al ", "Al "):
                out.add(alias.replace(pre, other))
    if alias.lower().startswith("the "):
        out.add(alias[4:])
    return {v for v in out if v.strip()}


def _actor(entry: dict[str, Any], source: str) -> ActorInfo:
    for key in ("id", "name", "type"):
        if key not in entry:
            raise DataFileError(f"actor entry without {key!r}: {entry}", source=source)
    if entry["type"] not in ACTOR_TYPES:
        raise DataFileError(f"actor {entry['id']!r} has unknown type {entry['type']!r}",
                            source=source)
    aliases = {str(entry["name"]), *(str(a) for a in entry.get("aliases") or [])}
    return ActorInfo(
        id=str(entry["id"]),
        name=str(entry["name"]),
        type=str(entry["type"]),
        aliases=aliases,
        parents=[str(p) for p in entry.get("parents") or []],
        country=entry.get("country"),
        sector=entry.get("sector"),
        role=entry.get("role"),
        region=entry.get("region"),
        capital=entry.get("capital"),
        demonyms=[str(d) for d in entry.get("demonyms") or []],
        source="gazetteer",
    )


def merge_file(gaz: Gazetteer, data: dict[str, Any], source: str) -> None:
    if not isinstance(data, dict) or not isinstance(data.get("actors", []), list):
        raise DataFileError("expected a mapping with an 'actors' list", source=source)
    for entry in data.get("actors") or []:
        actor = _actor(entry, source)
        if actor.id in gaz.actors:  # a user's file extends or overrides the starter
            old = gaz.actors[actor.id]
            actor.aliases |= old.aliases
        gaz.actors[actor.id] = actor
    for entry in data.get("places") or []:
        place = Place(entry["name"], entry.get("lat"), entry.get("lon"),
                      tuple(entry.get("aliases") or []))
        for name in (place.name, *place.aliases):
            gaz.places[norm(name)] = place
    for adjective, country in (data.get("nationalities") or {}).items():
        gaz.nationalities[str(adjective)] = str(country)
    gaz.non_actors |= {str(n) for n in data.get("non_actors") or []}
    gaz.agents.update({str(k): str(v) for k, v in (data.get("agents") or {}).items()})
    gaz.seats.update({str(k): str(v) for k, v in (data.get("seats") or {}).items()})
    for actor in gaz.actors.values():
        missing = [p for p in actor.parents if p not in gaz.actors]
        if missing:
            raise DataFileError(f"actor {actor.id!r} names unknown parents {missing}",
                                source=source)
    unknown = sorted(city for city, state in gaz.seats.items() if state not in gaz.actors)
    if unknown:
        raise DataFileError(f"seats of government of unknown states: {unknown}", source=source)


BUILT = "gazetteer.json"  # made by `claimgraph gazetteer build` (claimgraph/build/gazetteer.py)
CURATED = "gazetteer.yaml"


def load_gazetteer(extra: tuple[Path, ...] = ()) -> Gazetteer:
    """The shipped gazetteer (the built file: curated entries plus the Phoenix
    dictionaries), then the user's files in order."""
    gaz = Gazetteer()
    data = resources.files("claimgraph.data")
    if data.joinpath(BUILT).is_file():
        merge_file(gaz, json.loads(data.joinpath(BUILT).read_text("utf-8")),
                   f"claimgraph/data/{BUILT}")
    else:
        merge_file(gaz, yaml.safe_load(data.joinpath(CURATED).read_text("utf-8")),
                   f"claimgraph/data/{CURATED}")
    for path in extra:
        try:
            user = yaml.safe_load(path.read_text("utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise DataFileError(f"cannot read gazetteer: {exc}", source=str(path)) from exc
        merge_file(gaz, user, str(path))
    return gaz
