"""Docs that tests keep honest: the credibility examples in docs/provenance.md."""

from __future__ import annotations

import re
from pathlib import Path

from claimgraph.aggregate.credibility import credibility

DOC = Path(__file__).parents[1] / "docs" / "provenance.md"


def test_credibility_examples_in_the_docs_hold() -> None:
    rows = re.findall(r"^\| (\d) \| (\d) \| (yes|no) \| (-|\d) \| (\d) \|$",
                      DOC.read_text("utf-8"), re.M)
    assert len(rows) >= 7
    for origins, unreliable, hedged, contra, grade in rows:
        got = credibility(int(origins), int(unreliable), hedged == "yes", contra != "-",
                          0 if contra == "-" else int(contra))
        assert got == int(grade), (origins, unreliable, hedged, contra, grade)
