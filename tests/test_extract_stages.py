"""Extraction stages share one interface, are registered by name, and meet only on the
per-document state: a plug-in adds or replaces a stage, a bad order is refused."""

from __future__ import annotations

import pytest

from claimgraph.errors import DataFileError
from claimgraph.extract import stages as stage_module
from claimgraph.extract.pipeline import Extractor
from claimgraph.extract.stages import STAGES, DocState, stages
from claimgraph.records import Article

TEXT = "Iran armed the Houthis. The Houthis attacked Saudi Arabia."


def test_the_built_in_stages_are_registered_in_order() -> None:
    table = stages()
    assert set(STAGES) <= set(table)
    assert STAGES.index("actors") < STAGES.index("attribution") < STAGES.index("relations")


def test_a_plug_in_stage_adds_or_replaces_one(extractor: Extractor,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []

    def count_relations(ex: Extractor, st: DocState) -> None:  # a plug-in's stage
        seen.append(len(st.relations))

    def no_relations(ex: Extractor, st: DocState) -> None:
        st.relations = []

    table = {**stages(), "count": count_relations, "relations": no_relations}
    monkeypatch.setattr(stage_module, "stages", lambda: table)
    order = (*STAGES[:STAGES.index("relations") + 1], "count",
             *STAGES[STAGES.index("relations") + 1:])
    custom = Extractor(extractor.nlp, extractor.index.gazetteer, extractor.ontology,
                       stages=order)
    got = custom.extract(Article(id="a", text=TEXT, source="a"))
    assert seen == [0] and not [s for s in got.statements if s.type in ("AID", "ASSAULT")]
    assert got.mentions  # the other stages ran


def test_an_unknown_stage_or_a_missing_one_is_refused(extractor: Extractor) -> None:
    with pytest.raises(DataFileError, match=r"unknown extraction stage.*nosuch"):
        Extractor(extractor.nlp, extractor.index.gazetteer, extractor.ontology,
                  stages=("actors", "nosuch"))
    no_actors = Extractor(extractor.nlp, extractor.index.gazetteer, extractor.ontology,
                          stages=("attribution",))
    with pytest.raises(DataFileError, match="before the 'actors' stage"):
        no_actors.extract(Article(id="a", text=TEXT, source="a"))
