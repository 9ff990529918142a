"""The local engine: read articles, parse them in small batches, extract them, and store
each batch in one transaction, all in this process."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from claimgraph.config import Settings
from claimgraph.engine.writer import Report, Writer
from claimgraph.errors import ClaimgraphError
from claimgraph.extract.pipeline import Extractor
from claimgraph.extract.stages import extractor_stages
from claimgraph.gazetteer import load_gazetteer
from claimgraph.ingest.discover import read_items
from claimgraph.ingest.readers import Defaults, Failure
from claimgraph.nlp.model import load_model
from claimgraph.ontology import load_ontology
from claimgraph.records import Article, Extraction
from claimgraph.store.db import Store

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Report", "extract_many", "extract_one", "ingest", "make_extractor"]


def make_extractor(settings: Settings, store: Store | None = None,
                   on_request: Callable[[bool], None] | None = None) -> Extractor:
    """The extractor of ``settings``. What earlier articles found is not read back from
    the store: an article's statements depend on the article, the gazetteer and the
    lexicon alone (and, for the LLM, on its answers, cached in ``store``), so a resumed
    or resharded run gives the store a fresh one gives."""
    names = extractor_stages(settings.extractor)
    ontology = load_ontology()
    coder = None
    if settings.extractor != "rules":
        from claimgraph.extract.llm import LLMCoder, MemoryCache, StoreCache

        cache = StoreCache(store) if store is not None else MemoryCache()
        coder = LLMCoder(settings.llm, ontology, cache, on_request)
    return Extractor(load_model(settings.model), load_gazetteer(settings.gazetteers),
                     ontology, stages=names, llm=coder)


def ingest(paths: Sequence[str], store: Store, defaults: Defaults, settings: Settings,
           progress: Callable[[str], None] | None = None,
           extractor: Extractor | None = None,
           items: Iterator[Article | Failure] | None = None) -> Report:
    """Ingest ``paths`` (or ready ``items``); pass ``extractor`` to reuse one across calls."""
    out = Writer(store, progress)
    batch: list[Article] = []
    for item in items if items is not None else read_items(paths, defaults):
        if isinstance(item, Failure):
            out.failure(item.source, item.error.code, item.reason)
            continue
        if out.already(item):
            continue
        batch.append(item)
        if len(batch) >= BATCH:
            extractor = extractor or make_extractor(settings, store)
            _run(extractor, batch, out)
            batch = []
    if batch:
        _run(extractor or make_extractor(settings, store), batch, out)
    return out.report


BATCH = 16  # articles parsed together and stored in one transaction


def _run(extractor: Extractor, batch: list[Article], out: Writer) -> None:
    out.results((r, None) if isinstance(r, Extraction) else r
                for r in extract_many(extractor, batch))


def extract_many(extractor: Extractor, items: list[Article]
                 ) -> list[Extraction | tuple[str, str, str]]:
    """Parse a batch together, then extract each; a text the parser chokes on is parsed
    again alone so that only it fails."""
    try:
        docs = list(extractor.parse_many(items))
    except Exception:
        return [extract_one(extractor, a) for a in items]
    return [extract_one(extractor, a, d) for a, d in zip(items, docs, strict=True)]


def extract_one(extractor: Extractor, item: Article, doc: Doc | None = None
                ) -> Extraction | tuple[str, str, str]:
    """The extraction, or (source, code, reason): one bad article never stops a batch."""
    try:
        return extractor.extract(item, doc)
    except ClaimgraphError as exc:
        return (item.source, exc.code, str(exc))
    except Exception as exc:
        return (item.source, "E900",
                f"[E900] {item.source}: extraction failed: {type(exc).__name__}: {exc}")
