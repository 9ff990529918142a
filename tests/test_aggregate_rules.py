"""The aggregation rules one by one: credibility, document matching, near-duplicates,
source grades."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.aggregate.copies import CopyFinder, copy_clusters, jaccard, shingles, signature
from claimgraph.aggregate.credibility import Reliability, credibility, load_sources
from claimgraph.aggregate.origins import Hierarchy, same_document
from claimgraph.errors import DataFileError


@pytest.mark.parametrize(("origins", "unreliable", "hedged", "contradicted", "contra", "grade"), [
    (3, 0, False, False, 0, 1),   # three independent origins: confirmed
    (2, 0, False, False, 0, 2),
    (1, 0, False, False, 0, 3),
    (1, 0, True, False, 0, 4),    # hedged: one worse
    (2, 0, False, True, 1, 3),    # contradicted by fewer origins: one worse
    (1, 0, False, True, 2, 5),    # outnumbered by the contradiction: two worse
    (1, 0, True, True, 3, 5),     # never worse than 5 while a source stands behind it
    (2, 2, False, False, 0, 6),   # only unreliable (E) origins: cannot be judged
    (3, 1, False, False, 0, 2),   # an E origin does not count towards corroboration
])
def test_credibility_rule(origins: int, unreliable: int, hedged: bool, contradicted: bool,
                          contra: int, grade: int) -> None:
    assert credibility(origins, unreliable, hedged, contradicted, contra) == grade


LETTER = {"kind": "letter", "author": None, "recipient": "person:x", "date": "2016-02-24",
          "channel": "social media", "via": ["MEMRI"]}


@pytest.mark.parametrize(("other", "same"), [
    ({"kind": "letter", "author": "person:a", "recipient": "person:x", "via": ["MEMRI"]}, True),
    ({"kind": "letter", "recipient": "person:y"}, False),           # recipients conflict
    ({"kind": "memo", "recipient": "person:x"}, False),             # another kind
    ({"kind": "letter", "date": "2016-02-25", "via": ["memri"]}, True),  # two weak agreements
    ({"kind": "letter", "date": "2016-02-24"}, False),              # one weak agreement only
    ({"kind": "letter", "date": "2015-06-01", "recipient": "person:x"}, False),  # dates conflict
    ({"kind": "letter"}, False),                                    # a kind alone says nothing
])
def test_document_descriptions_match_on_attributes(other: dict[str, object], same: bool) -> None:
    assert same_document(LETTER, other) is same
    assert same_document(other, LETTER) is same


def test_hierarchy_relations() -> None:
    h = Hierarchy([("wing", "org"), ("brigade", "wing"), ("province", "state-group")])
    assert h.root("brigade") == "org" and h.ancestors("brigade") == ("wing", "org")
    assert h.related("brigade", "org") and h.related("org", "wing")
    assert not h.related("wing", "province") and h.depth("org") == 0


BASE = ("The council met on Tuesday to discuss the harbour levy, and members voted to "
        "delay the decision until the spring session, when a new survey of the docks is due. "
        "Opponents said the levy would drive small boats away from the northern quays.")


def test_near_duplicates_are_found_and_verified() -> None:
    texts = {"orig": BASE}
    finder = CopyFinder([("orig", signature(BASE))], texts.get)
    copy = BASE + " (Republished with permission.)"
    assert finder.find(copy, signature(copy)) == [("orig", pytest.approx(0.93, abs=0.05))]
    other = "A storm closed the mountain pass for three days and cut power to two villages."
    assert finder.find(other, signature(other)) == []
    assert jaccard(shingles(BASE), shingles(copy)) > 0.5


def test_copy_clusters_pick_the_earliest_whatever_the_order() -> None:
    published = {"a": "2031-03-05", "b": "2031-03-04", "c": "2031-03-09"}

    def rank(d: str) -> tuple[str, str]:
        return (published[d], d)

    one = copy_clusters([("a", "b"), ("c", "a")], rank)
    two = copy_clusters([("c", "a"), ("b", "c")], rank)
    assert one == two == {"a": "b", "c": "b"}


def test_sources_file_grades_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "sources.yaml"
    good.write_text("sources:\n  The Velorian Courier: b\n  Kellburg Daily Wire: E\n", "utf-8")
    rel = load_sources(good)
    assert rel.of("the velorian courier") == "B" and rel.of("Nobody", "Kellburg Daily Wire") == "E"
    assert Reliability().of("anyone") == "F"
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  Somebody: G\n", "utf-8")
    with pytest.raises(DataFileError, match=r"E301.*bad.yaml.*'G'"):
        load_sources(bad)
    shapeless = tmp_path / "list.yaml"
    shapeless.write_text("- a\n- b\n", "utf-8")
    with pytest.raises(DataFileError, match="sources:"):
        load_sources(shapeless)
