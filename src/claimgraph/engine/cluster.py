"""The Dask engine: articles are read here, sent to the workers in shards, parsed and
extracted there (the model loaded once per worker process), and written into the store
here as shards complete, a shard a transaction, through the same Writer as the local
engine. A shard that Dask retries, or a result that arrives twice, writes nothing twice
(the store refuses the same content). Claims are aggregated from the store afterwards, as always.

Workers: a LocalCluster of N processes by default, or a running scheduler's address
(a cluster started by dask-jobqueue on SLURM, dask-kubernetes, or by hand)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from claimgraph.aggregate.copies import signature
from claimgraph.config import Settings
from claimgraph.engine.local import Report, extract_many, make_extractor
from claimgraph.engine.writer import Writer
from claimgraph.extract.pipeline import Extractor
from claimgraph.ingest.discover import read_items
from claimgraph.ingest.readers import Defaults, Failure
from claimgraph.records import Article, Extraction
from claimgraph.store.db import Store

# Measured on the bench corpus (docs/scale.md): the nanny's default
# MALLOC_TRIM_THRESHOLD_=65536 makes spaCy's many small allocations about 13 % slower,
# and the statistical profiler samples each task's stack every 10 ms.
WORKER_CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}

_EXTRACTORS: dict[tuple[Settings, str], Extractor] = {}  # one per worker process


def extract_shard(shard: list[Article], settings: Settings, db: str
                  ) -> list[tuple[Extraction, bytes] | tuple[str, str, str]]:
    """Runs on a worker: extract each article of a shard with this process's extractor
    (built on first use), and its MinHash signature."""
    key = (settings, db)
    extractor = _EXTRACTORS.get(key)
    if extractor is None:
        # the LLM's answers are cached in the store, which each worker opens itself
        store = Store(db) if settings.extractor != "rules" else None
        extractor = _EXTRACTORS[key] = make_extractor(settings, store)
    return [(r, signature(r.article.text)) if isinstance(r, Extraction) else r
            for r in extract_many(extractor, shard)]


def _shards(items: Iterator[Article | Failure], writer: Writer, size: int, words: int
            ) -> Iterator[list[Article]]:
    """Shards of at most ``size`` articles or about ``words`` words, whichever comes
    first: articles vary a hundredfold in length, and shards of equal work keep the
    workers equally busy to the end of the run."""
    shard: list[Article] = []
    count = 0
    for item in items:
        if isinstance(item, Failure):
            writer.failure(item.source, item.error.code, item.reason)
        elif not writer.already(item):
            shard.append(item)
            count += item.text.count(" ") + 1
            if len(shard) >= size or count >= words:
                yield shard
                shard, count = [], 0
    if shard:
        yield shard


def ingest(paths: Sequence[str], store: Store, defaults: Defaults, settings: Settings,
           progress: Callable[[str], None] | None = None, workers: int = 2,
           scheduler: str | None = None, shard_size: int = 64, shard_words: int = 4000,
           items: Iterator[Article | Failure] | None = None) -> Report:
    import dask
    from dask.distributed import Client, LocalCluster, as_completed


    writer = Writer(store, progress)
    cluster: Any = None
    client: Any
    if scheduler:
        client = Client(scheduler)
    else:
        with dask.config.set(WORKER_CONFIG):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                   processes=True, dashboard_address=":0", silence_logs=40)
        client = Client(cluster)
    try:
        db = store.url
        source = items if items is not None else read_items(paths, defaults)
        shards = _shards(source, writer, shard_size, shard_words)
        window = max(2, 3 * len(client.scheduler_info()["workers"]))  # bounded in flight
        pending: Any = as_completed()
        for shard in shards:
            pending.add(client.submit(extract_shard, shard, settings, db, pure=False))
            if pending.count() >= window:
                _write(next(pending), writer)
        for future in pending:
            _write(future, writer)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return writer.report


def _write(future: Any, writer: Writer) -> None:
    """A shard's results, written in one transaction (failures apart)."""
    writer.results(future.result())
