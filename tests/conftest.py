from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from claimgraph.config import Settings
from claimgraph.engine.local import make_extractor
from claimgraph.extract.pipeline import Extractor
from claimgraph.records import Article, Extraction

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return make_extractor(Settings())


@pytest.fixture(scope="session")
def extract(extractor: Extractor) -> Callable[..., Extraction]:
    def run(text: str, doc_id: str = "t.txt", outlet: str | None = None,
            published: str | None = None) -> Extraction:
        return extractor.extract(Article(id=doc_id, text=text, source=doc_id, outlet=outlet,
                                         published=published))
    return run


def name(extractor: Extractor, actor_id: str) -> str:
    return extractor.index.actors[actor_id].name


def triples(extractor: Extractor, ex: Extraction) -> set[tuple[str, str, str | None, str, str]]:
    return {(name(extractor, s.subject_id), s.type, s.mode, name(extractor, s.object_id),
             s.polarity) for s in ex.statements}
