"""Writing results into the store, the same for every engine: one transaction per batch
of articles, the same content never twice (so a retried shard duplicates nothing), its
near-duplicates recorded, failures kept with their reason."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError

from claimgraph.aggregate.copies import CopyFinder, signature
from claimgraph.records import Article, Extraction
from claimgraph.store.db import Entry, Store, content_hash, suffixed_id


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

    def results(self, results: Iterable[tuple[Extraction, bytes | None] | tuple[str, str, str]]
                ) -> None:
        """A batch's results as an engine returns them: the extractions (with a MinHash
        signature when a worker made it) stored in one transaction, and the failures
        (source, code, reason) recorded."""
        done: list[tuple[Extraction, bytes | None]] = []
        for result in results:
            if isinstance(result[0], Extraction):
                done.append((result[0], result[1]))
            else:
                self.failure(*result)
        if done:
            self.save_many(done)

    def save(self, extraction: Extraction, sig: bytes | None = None) -> None:
        """Store one extraction (``sig``: its MinHash signature, if a worker made it)."""
        self.save_many([(extraction, sig)])

    def save_many(self, results: list[tuple[Extraction, bytes | None]]) -> None:
        """Store extractions in one transaction, all or none; the ones whose text is
        stored already (a retried or repeated result) or repeated among them are
        skipped. Should the transaction fail (another writer stored the same text in
        the meantime), each is stored alone."""
        if self._copies is None:
            self._copies = CopyFinder(self.store.signatures(), self.store.document_text)
        stored = self.store.stored_contents([content_hash(e.article.text) for e, _ in results])
        taken = self.store.taken_ids([e.article.id for e, _ in results])
        entries: list[Entry] = []
        for extraction, sig in results:
            art = extraction.article
            digest = content_hash(art.text)
            if digest in stored:
                self.report.skipped.append(art.id)
                self._tick(art.source)
                continue
            stored.add(digest)
            doc_id = suffixed_id(art.id, art.text) if art.id in taken else art.id
            taken.add(doc_id)
            sig = sig if sig is not None else signature(art.text)
            entries.append(Entry(extraction, doc_id, sig, self._copies.find(art.text, sig),
                                 art.source in self._open_failures))
            self._copies.add(doc_id, sig, art.text)
        try:
            self.store.save_many(entries)
        except IntegrityError:
            if len(entries) == 1:
                raise
            for entry in entries:
                self._copies.discard(entry.doc_id)
            for entry in entries:  # one at a time, each checked again
                self.save(entry.extraction, entry.signature)
            return
        for entry in entries:
            self.report.stored.append(entry.doc_id)
            self._tick(entry.extraction.article.source)
