"""The gazetteer build: the Phoenix format read right, its known faults fixed, the
hierarchy present, and the shipped file equal to what the build makes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from claimgraph.build.phoenix import read_actors, read_agents, words
from claimgraph.gazetteer import norm

from .conftest import SHARED

PHOENIX = SHARED / "data" / "phoenix-dictionaries"

SAMPLE = """# a comment
NORTHLAND_  [NLD]
+NORTHLANDIC_
+NORTH_LAND_ # an old spelling

JANE_Q_DOE_  # CountryInfo.txt
\t[NLDGOV 980101-031231]
\t[NLDMIL >040101]
RIVER_FRONT_(RF)_ [NLDREB]
+THE_RIVER_FRONT
"""


def test_the_phoenix_format_is_read(tmp_path: Path) -> None:
    path = tmp_path / "sample.actors.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    recs = read_actors(path)
    assert [words(r.phrase) for r in recs] == ["Northland", "Jane Q Doe", "River Front (RF)"]
    assert [words(s) for s in recs[0].synonyms] == ["Northlandic", "North Land"]
    doe = recs[1]
    assert doe.current is not None and doe.current.code == "NLDMIL"  # the open-ended one
    assert doe.codes[0].start == "19980101" and doe.codes[0].end == "20031231"  # YYMMDD
    agents = tmp_path / "agents.txt"
    agents.write_text("!PERSON! = MAN, WOMAN\nSOLDIER [~MIL]\nFISHER!PERSON! [~AGR]\n"
                      "POLICE_ [~COP]\n", encoding="utf-8")
    got = read_agents(agents)
    assert got["soldier"] == got["soldiers"] == "MIL" and got["fisherwoman"] == "AGR"
    assert "polices" not in got and got["police"] == "COP"  # "_": no plural


@pytest.fixture(scope="module")
def built() -> dict[str, Any]:
    if not PHOENIX.is_dir():
        pytest.skip(f"{PHOENIX} is absent: the gazetteer build needs ../shared")
    from claimgraph.build.gazetteer import build

    return build(PHOENIX)


def _resolve(built: dict[str, Any], name: str) -> set[str]:
    key = norm(name)
    return {a["id"] for a in built["actors"]
            if key in {norm(n) for n in [a["name"], *a.get("aliases", [])]}}


def test_known_faults_are_fixed(built: dict[str, Any]) -> None:
    actors = {a["id"]: a for a in built["actors"]}
    # PIJ's brigades are no longer Qassam's, and "Islamic Jihad" is PIJ, not Hezbollah
    assert _resolve(built, "Al-Quds Brigades") == {"al-quds-brigades"}
    assert _resolve(built, "Islamic Jihad") == {"pij"}
    # the Qassam Brigades are Hamas's military wing, not Hamas
    assert _resolve(built, "Al-Qassam Brigades") == {"qassam-brigades"}
    assert actors["qassam-brigades"]["parents"] == ["hamas"]
    # Sinai Province exists, under the Islamic State
    assert _resolve(built, "Wilayat Sinai") == {"is-sinai"}
    assert actors["is-sinai"]["parents"] == ["islamic-state"]
    # a leader is a person of the group, not another name for it
    nasrallah = _resolve(built, "Hassan Nasrallah")
    assert nasrallah and "hezbollah" not in nasrallah
    assert all(actors[i]["type"] == "person" and actors[i]["member_of"] == ["hezbollah"]
               for i in nasrallah)
    # a Phoenix record with a curated actor's id adds names to it and replaces nothing
    assert actors["un"]["name"] == "United Nations" and _resolve(built, "UN") == {"un"}
    assert actors["unsc"]["parents"] == ["un"]
    # people filed under a group's code are people of that group, not armed groups
    zawahiri = _resolve(built, "Ayman al-Zawahiri")
    assert zawahiri and all(actors[i]["type"] == "person" and
                            actors[i]["member_of"] == ["al-qaeda"] for i in zawahiri)
    # ... and left out where the code names no one group (here Abu Sayyaf's and the
    # MILF's people share one); groups under such codes stay groups
    assert not _resolve(built, "Abu Musab") and not _resolve(built, "Murad Ebrahim")
    assert {actors[i]["type"] for i in _resolve(built, "Laskar E Toiba")} == {"organization"}


def test_hierarchy_sectors_and_states(built: dict[str, Any]) -> None:
    actors = {a["id"]: a for a in built["actors"]}
    organs = [a for a in built["actors"] if a.get("parents") and
              actors[a["parents"][0]]["type"] == "state" and a.get("sector") == "MIL"]
    assert len(organs) >= 10  # state organs sit under their state
    assert all(a["country"] == actors[a["parents"][0]]["country"] for a in organs)
    denmark = actors[next(iter(_resolve(built, "Denmark")))]
    assert denmark["type"] == "state" and "Danish" in denmark["demonyms"]
    assert "Copenhagen" not in denmark.get("aliases", [])  # a city is not the state
    assert built["agents"]["soldiers"] == "MIL"
    people = [a for a in built["actors"] if a["type"] == "person"]
    assert all(a.get("sector") for a in people)
    assert all(a.get("country") for a in people if "member_of" not in a)  # in office


def test_the_shipped_file_is_what_the_build_makes(built: dict[str, Any]) -> None:
    shipped = json.loads(resources.files("claimgraph.data").joinpath("gazetteer.json")
                         .read_text("utf-8"))
    assert shipped == json.loads(json.dumps(built)), \
        "data/gazetteer.json is stale: run `make gazetteer`"
