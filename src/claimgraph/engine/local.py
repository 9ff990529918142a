"""The local engine: read, extract and store articles one by one in this process."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from claimgraph.aggregate.copies import CopyFinder, signature
from claimgraph.config import Settings
from claimgraph.errors import ClaimgraphError
from claimgraph.extract.pipeline import Extractor
from claimgraph.gazetteer import load_gazetteer
from claimgraph.ingest.discover import read_all
from claimgraph.ingest.readers import Defaults, Failure
from claimgraph.nlp.model import load_model
from claimgraph.ontology import load_ontology
from claimgraph.store.db import Store


@dataclass
class Report:
    stored: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # same content already stored
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)


def make_extractor(settings: Settings, store: Store | None = None) -> Extractor:
    ex = Extractor(load_model(settings.model), load_gazetteer(settings.gazetteers),
                   load_ontology())
    if store is not None:
        for actor in store.text_actors():
            ex.index.add(actor)
    return ex


def ingest(paths: Sequence[str], store: Store, defaults: Defaults, settings: Settings,
           progress: Callable[[str], None] | None = None,
           extractor: Extractor | None = None) -> Report:
    """Ingest ``paths``; pass ``extractor`` to reuse one across calls."""
    report = Report()
    copies: CopyFinder | None = None
    for item in read_all(paths, defaults):
        if isinstance(item, Failure):
            store.record_failure(item.source, item.error.code, item.reason)
            report.failed.append((item.source, item.reason))
            if progress:
                progress(item.source)
            continue
        if store.has_content(item.text):
            report.skipped.append(item.id)
            if progress:
                progress(item.source)
            continue
        if extractor is None:
            extractor = make_extractor(settings, store)
        if copies is None:
            copies = CopyFinder(store.signatures(), store.document_text)
        try:
            extraction = extractor.extract(item)
            doc_id = store.free_id(item.id, item.text)
            sig = signature(item.text)
            store.save(extraction, doc_id, sig, copies.find(item.text, sig))
            copies.add(doc_id, sig)
            report.stored.append(doc_id)
        except ClaimgraphError as exc:
            store.record_failure(item.source, exc.code, str(exc))
            report.failed.append((item.source, str(exc)))
        except Exception as exc:  # one bad article must not stop the batch
            reason = f"[E900] {item.source}: extraction failed: {type(exc).__name__}: {exc}"
            store.record_failure(item.source, "E900", reason)
            report.failed.append((item.source, reason))
        if progress:
            progress(item.source)
    return report
