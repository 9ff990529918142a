"""Writing results into the store, the same for every engine: one transaction per
article, the same content never twice (so a retried shard duplicates nothing), its
near-duplicates recorded, failures kept with their reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from claimgraph.aggregate.copies import CopyFinder, signature
from claimgraph.records import Article, Extraction
from claimgraph.store.db import Store


@dataclass
class Report:
    stored: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # same content already stored
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)


class Writer:
    def __init__(self, store: Store, progress: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.progress = progress
        self.report = Report()
        self._copies: CopyFinder | None = None
        self._open_failures = store.open_failures()  # a success resolves these

    def _tick(self, source: str) -> None:
        if self.progress:
            self.progress(source)

    def already(self, article: Article) -> bool:
        """True (and counted as skipped) when the same text is stored already."""
        if self.store.has_content(article.text):
            self.report.skipped.append(article.id)
            self._tick(article.source)
            return True
        return False

    def failure(self, source: str, code: str, reason: str) -> None:
        self.store.record_failure(source, code, reason)
        self._open_failures.add(source)
        self.report.failed.append((source, reason))
        self._tick(source)

    def save(self, extraction: Extraction, sig: bytes | None = None) -> None:
        """Store one extraction (``sig``: its MinHash signature, if a worker made it)."""
        art = extraction.article
        if self.already(art):  # a retried or repeated result
            return
        if self._copies is None:
            self._copies = CopyFinder(self.store.signatures(), self.store.document_text)
        doc_id = self.store.free_id(art.id, art.text)
        sig = sig if sig is not None else signature(art.text)
        self.store.save(extraction, doc_id, sig, self._copies.find(art.text, sig),
                        resolves=art.source in self._open_failures)
        self._copies.add(doc_id, sig, art.text)
        self.report.stored.append(doc_id)
        self._tick(art.source)
