"""The local engine: read, extract and store articles one by one in this process."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from claimgraph.config import Settings
from claimgraph.engine.writer import Report, Writer
from claimgraph.errors import ClaimgraphError
from claimgraph.extract.pipeline import Extractor
from claimgraph.gazetteer import load_gazetteer
from claimgraph.ingest.discover import read_all
from claimgraph.ingest.readers import Defaults, Failure
from claimgraph.nlp.model import load_model
from claimgraph.ontology import load_ontology
from claimgraph.records import Article, Extraction
from claimgraph.store.db import Store

__all__ = ["Report", "extract_one", "ingest", "make_extractor"]


def make_extractor(settings: Settings, store: Store | None = None) -> Extractor:
    ex = Extractor(load_model(settings.model), load_gazetteer(settings.gazetteers),
                   load_ontology())
    if store is not None:
        for actor in store.text_actors():
            ex.index.add(actor)
    return ex


def ingest(paths: Sequence[str], store: Store, defaults: Defaults, settings: Settings,
           progress: Callable[[str], None] | None = None,
           extractor: Extractor | None = None,
           items: Iterator[Article | Failure] | None = None) -> Report:
    """Ingest ``paths`` (or ready ``items``); pass ``extractor`` to reuse one across calls."""
    out = Writer(store, progress)
    for item in items if items is not None else read_all(paths, defaults):
        if isinstance(item, Failure):
            out.failure(item.source, item.error.code, item.reason)
            continue
        if out.already(item):
            continue
        if extractor is None:
            extractor = make_extractor(settings, store)
        result = extract_one(extractor, item)
        if isinstance(result, Extraction):
            out.save(result)
        else:
            out.failure(*result)
    return out.report


def extract_one(extractor: Extractor, item: Article) -> Extraction | tuple[str, str, str]:
    """The extraction, or (source, code, reason): one bad article never stops a batch."""
    try:
        return extractor.extract(item)
    except ClaimgraphError as exc:
        return (item.source, exc.code, str(exc))
    except Exception as exc:
        return (item.source, "E900",
                f"[E900] {item.source}: extraction failed: {type(exc).__name__}: {exc}")
