"""The lexicon build: PETRARCH's verb-dictionary format read right, codes mapped to PLOVER
(statements and appeals kept as cues), and the shipped file equal to what the build makes."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from claimgraph.build.lexicon import build, read_mapping
from claimgraph.build.verbdict import read_verbs
from claimgraph.errors import DataFileError

from .conftest import SHARED

PETRARCH = SHARED / "data" / "petrarch2"
MAPPING = SHARED / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"

SAMPLE = """# a comment
####### SYNONYM SETS #######

&RATION
+RATION
+BREAD_
+FIELD_KITCHEN

&NOUNS_
+CARGO

####### VERB PATTERNS #######

---  HAND OVER   [070]  ---
GIVE {GAVE GIVEN GIVING GIVES}
+HAND_OVER {+HANDED_OVER +HANDING_OVER +HANDS_OVER} [0731]
ROAD_+BLOCK
- * &RATION                                       [073]     # GIVE
- * (TO +) {RIFLE CRATES}                         [072]     # GIVE
- * UP                                            [---]     # GIVE
- PARTISAN * (FOR)                                [:110]    # GIVE

<!-- an XML-style comment line -->
---  VISIT   [042:043]  # a comment before the end
TOUR
- * DUD                                           [###]     # TOUR
"""

MAP = """# a comment
07: AID
070: AID,   ,  # Provide aid
072: AID,   ,   military # Provide military aid
073: AID,   ,   humanitarian # Provide humanitarian aid
04: CONSULT
042: CONSULT, visit,   # Make a visit
11: ACCUSE
110: ACCUSE, disapprove,    # Disapprove
"""


def test_the_verb_dictionary_format_is_read(tmp_path: Path) -> None:
    path = tmp_path / "sample.verbs.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    vd = read_verbs(path)
    # plurals are made unless a member or the set's label ends with "_"
    assert vd.synsets["&RATION"] == ["ration", "rations", "bread", "field kitchen",
                                     "field kitchens"]
    assert vd.synsets["&NOUNS"] == ["cargo"]
    hand, visit = vd.blocks
    assert (hand.name, hand.code, visit.code, visit.reverse) == ("HAND OVER", "070", "042", "043")
    give, hand_over, road_block = hand.verbs
    assert give.words == ["give"] and "gave" in give.forms and give.code is None
    assert (hand_over.words, hand_over.head, hand_over.code) == (["hand", "over"], 0, "0731")
    assert hand_over.forms == ["handed", "handing", "hands"]  # the verb word of each form
    assert (road_block.words, road_block.head) == (["road", "block"], 1)
    ration, rifles, up, partisan = hand.patterns
    assert ration.post == [{"synset": "&RATION"}] and ration.code == "073"
    assert rifles.target == "p:to" and rifles.post[1] == {"phrase": ["rifle", "crates"]}
    assert up.code == "---"
    assert partisan.pre == [{"word": "partisan"}] and partisan.code is None
    assert partisan.reverse == "110"  # "[:110]": coded from the target's side
    assert visit.verbs[0].words == ["tour"] and visit.patterns[0].code == "---"  # "[###]"


def test_codes_map_to_plover_and_speech_stays_with_attribution(tmp_path: Path) -> None:
    verbs, table = tmp_path / "v.txt", tmp_path / "map.txt"
    verbs.write_text(SAMPLE.replace("[:110]", "[013]"), encoding="utf-8")
    table.write_text(MAP, encoding="utf-8")
    assert read_mapping(table)["072"] == {"type": "AID", "mode": None,
                                          "contexts": ["military"]}
    built = build(verbs, table)
    codes = built["codes"]
    assert codes["073"]["type"] == "AID" and codes["073"]["contexts"] == ["humanitarian"]
    assert codes["042"] == {"type": "CONSULT", "mode": "visit", "contexts": []}
    assert codes["013"] == {"cue": "statement"}  # CAMEO 01: no PLOVER type, an attribution cue
    assert codes["0731"]["contexts"] == ["humanitarian"]  # not in the table: its parent 073
    assert codes["043"] == {"none": True}  # a code the table lacks makes no event
    assert built["verbs"]["hand"][0]["words"] == ["hand", "over"]
    assert built["built_from"]["licences"]["dictionary"].startswith("PETRARCH2")
    assert "CC BY-SA 4.0" in built["built_from"]["licences"]["mapping"]


def test_a_bad_dictionary_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.verbs.txt"
    path.write_text("---  SEND   [070]  ---\nSEND\n- * AID (TO +)\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.verbs\.txt: line 3.*without a \[code\]"):
        read_verbs(path)
    table = tmp_path / "map.txt"
    table.write_text("no codes here\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"map\.txt"):
        read_mapping(table)


@pytest.mark.skipif(not (PETRARCH / "CAMEO.2.0.txt").is_file(),
                    reason="../shared (the PETRARCH dictionary) is not beside this checkout")
def test_the_shipped_lexicon_is_what_the_build_makes() -> None:
    built = build(PETRARCH / "CAMEO.2.0.txt", MAPPING)
    shipped = json.loads(resources.files("claimgraph.data").joinpath("lexicon", "cameo.json")
                         .read_text("utf-8"))
    assert shipped == json.loads(json.dumps(built))
    counts = built["built_from"]["counts"]
    assert counts["verbs"] > 1700 and counts["patterns"] > 4500
    kinds = {v.get("type") or v.get("cue") for v in built["codes"].values()}
    assert {"ASSAULT", "AGREE", "REJECT", "THREATEN", "PROTEST", "statement", "appeal"} <= kinds
