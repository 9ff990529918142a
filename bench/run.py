"""make bench: the figures of the scale issue, measured side by side in one run.

- a corpus of about 2,000 articles made from the demo templates (each article in many
  editions), plus the real pages of ../shared/data/html-benchmark when present;
- the full pipeline against a spaCy-only pass over the same texts (ratio; the parse is
  the floor), peak RSS;
- the Dask engine with 2 workers against the local engine, on the same corpus, in a
  process of their own (as `claimgraph ingest` runs);
- SQLite against PostgreSQL (a throwaway server) for the same ingest;
- main-text F1 of our HTML reader against the benchmark's ground truth;
- the API's p50/p95 on a generated store of 100k claims.

Prints its figures, writes bench/results.json, and ends with one line of the headline
figures. `python bench/run.py --quick` runs a smaller corpus.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from claimgraph.config import Settings
from claimgraph.demo import demo_items, demo_settings
from claimgraph.engine import cluster
from claimgraph.engine.local import BATCH, extract_many, ingest, make_extractor
from claimgraph.errors import ClaimgraphError
from claimgraph.ingest.html import html_to_article_fields
from claimgraph.ingest.readers import Defaults, Failure
from claimgraph.records import Article
from claimgraph.store.db import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
HTML_BENCH = SHARED / "data" / "html-benchmark"


def demo_corpus(n: int) -> list[Article]:
    base = [a for a in demo_items() if isinstance(a, Article)]
    out: list[Article] = []
    i = 0
    while len(out) < n:
        for a in base:
            out.append(Article(id=f"{a.id}#ed{i}", text=a.text + f"\n(Edition {i}.)",
                               source=a.source, outlet=a.outlet, published=a.published))
        i += 1
    return out[:n]


def html_pages() -> list[tuple[str, str, str]]:
    """(id, html, ground-truth text) for the benchmark pages, when present."""
    truth_file = HTML_BENCH / "ground-truth.json"
    if not truth_file.is_file():
        return []
    truth = json.loads(truth_file.read_text("utf-8"))
    pages = []
    for key, value in sorted(truth.items()):
        path = HTML_BENCH / "html" / f"{key}.html.gz"
        if path.is_file():
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            pages.append((key, html, value.get("articleBody") or ""))
    return pages


def html_f1(pages: list[tuple[str, str, str]]) -> tuple[float, list[Article], float]:
    """Token precision and recall per page (multisets of whitespace tokens), averaged
    over pages; F1 of the averages. Also the articles read, and pages/s."""
    precisions, recalls, arts = [], [], []
    t0 = time.perf_counter()
    for key, html, gold in pages:
        try:
            text = html_to_article_fields(html, key)["text"]
        except ClaimgraphError:
            text = ""
        if text:
            arts.append(Article(id=f"{key}.html", text=text, source=key))
        pred_t, gold_t = Counter(text.split()), Counter(gold.split())
        common = sum((pred_t & gold_t).values())
        precisions.append(common / max(1, sum(pred_t.values())) if pred_t else 0.0)
        recalls.append(common / max(1, sum(gold_t.values())) if gold_t else 1.0)
    elapsed = time.perf_counter() - t0
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    return (2 * p * r / (p + r) if p + r else 0.0), arts, len(pages) / elapsed


def timed_ingest(arts: list[Article], db: str, settings: Settings, engine: str) -> float:
    store = Store(db)
    store.migrate()
    items = iter(list[Article | Failure](arts))
    t0 = time.perf_counter()
    if engine == "dask":
        report = cluster.ingest([], store, Defaults(), settings, items=items, workers=2)
    else:
        report = ingest([], store, Defaults(), settings, items=items)
    elapsed = time.perf_counter() - t0
    assert not report.failed, report.failed[:3]
    return elapsed


def pipeline(arts: list[Article], settings: Settings, rounds: int = 3) -> dict[str, Any]:
    """The spaCy-only pass and the full pipeline over the same texts, alternated
    ``rounds`` times; each takes its fastest round, so a burst of another tenant's load
    during one pass does not decide the ratio."""
    words = sum(len(a.text.split()) for a in arts)
    ex = make_extractor(settings)
    texts = [a.text for a in arts]
    spacy_runs, full_runs = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in ex.nlp.pipe(texts, batch_size=BATCH):
            pass
        spacy_runs.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for i in range(0, len(arts), BATCH):  # what the engines do: parse, extract each
            extract_many(ex, arts[i:i + BATCH])
        full_runs.append(time.perf_counter() - t0)
    spacy_s, full_s = min(spacy_runs), min(full_runs)
    return {"articles": len(arts), "words": words, "rounds": rounds,
            "spacy_articles_per_s": round(len(arts) / spacy_s, 1),
            "spacy_words_per_s": round(words / spacy_s),
            "full_articles_per_s": round(len(arts) / full_s, 1),
            "full_words_per_s": round(words / full_s),
            "throughput_ratio_rounds": [round(f / s, 2) for s, f in zip(spacy_runs, full_runs,
                                                                        strict=True)],
            "throughput_ratio": round(full_s / spacy_s, 2)}


def engines_fresh(n_demo: int) -> dict[str, float]:
    """The engines compared in a process of their own, as `claimgraph ingest` runs: the
    bench's own extractor and the pipeline pass before it would otherwise weigh on the
    main process that reads, shards and writes for the Dask engine."""
    import subprocess

    out = subprocess.run([sys.executable, __file__, "--engines", str(n_demo)], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return figures


def engines(arts: list[Article], settings: Settings) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        local_s = timed_ingest(arts, str(Path(tmp) / "local.sqlite"), settings, "local")
        dask_s = timed_ingest(arts, str(Path(tmp) / "dask.sqlite"), settings, "dask")
    return {"local_ingest_s": round(local_s, 1), "dask_ingest_s": round(dask_s, 1),
            "dask_speedup": round(local_s / dask_s, 2)}


def backends(arts: list[Article], settings: Settings) -> dict[str, float]:
    from claimgraph.store.pgtemp import create_database, postgres_bin, throwaway_postgres

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_s = timed_ingest(arts, str(Path(tmp) / "b.sqlite"), settings, "local")
    out["sqlite_articles_per_s"] = round(len(arts) / sqlite_s, 1)
    if postgres_bin() is None:
        print("PostgreSQL is not installed: no SQLite/PostgreSQL comparison", file=sys.stderr)
        return out
    with throwaway_postgres() as server:
        pg_s = timed_ingest(arts, create_database(server, "bench"), settings, "local")
    out["postgresql_articles_per_s"] = round(len(arts) / pg_s, 1)
    out["postgresql_vs_sqlite"] = round(sqlite_s / pg_s, 2)
    return out


def api_latency(claims: int = 100_000, rounds: int = 40) -> dict[str, float]:
    """p50/p95 of /api/claims and /api/network against `claimgraph serve` over loopback,
    on a generated store of ``claims`` claims."""
    import subprocess
    import urllib.request

    from claimgraph.store.pgtemp import free_port
    from claimgraph.synthetic import generate

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "api.sqlite")
        store = Store(db)
        store.migrate()
        generate(store, claims)
        port = free_port()
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "claimgraph", "serve", "--db", db,
                                 "--port", str(port)], stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    urllib.request.urlopen(base + "/api/health", timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None or time.perf_counter() - t0 > 300:
                        raise RuntimeError("the API server did not start") from None
                    time.sleep(0.5)
            out["api_startup_s"] = round(time.perf_counter() - t0, 1)
            queries = {"claims": ["/api/claims?limit=50", "/api/claims?type=AID&min_origins=1",
                                  "/api/claims?actor=Group%207&limit=100"],
                       "network": ["/api/network?limit=500", "/api/network?type=AID&limit=300"]}
            for name, urls in queries.items():
                times = []
                for i in range(rounds):
                    t = time.perf_counter()
                    with urllib.request.urlopen(base + urls[i % len(urls)]) as res:
                        res.read()
                    times.append((time.perf_counter() - t) * 1000)
                times.sort()
                out[f"api_{name}_p50_ms"] = round(times[len(times) // 2], 1)
                out[f"api_{name}_p95_ms"] = round(times[int(len(times) * 0.95) - 1], 1)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    out["api_claims"] = claims
    return out


def main() -> None:
    if "--engines" in sys.argv:  # the child of engines_fresh
        n_demo = int(sys.argv[sys.argv.index("--engines") + 1])
        pages = html_pages()
        page_arts = html_f1(pages)[1] if pages else []
        figures = engines(demo_corpus(n_demo) + page_arts, demo_settings())
        figures["engines_peak_rss_mb"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        print(json.dumps(figures))
        return
    quick = "--quick" in sys.argv
    settings = demo_settings()
    pages = html_pages()
    fig: dict[str, float] = {}
    if pages:
        f1, page_arts, pages_per_s = html_f1(pages)
        fig.update({"html_pages": len(pages), "html_f1": round(f1, 3),
                    "html_pages_per_s": round(pages_per_s, 1)})
    else:
        print("../shared/data/html-benchmark is absent: no HTML figures", file=sys.stderr)
        page_arts = []
    arts = demo_corpus(300 if quick else 2000) + page_arts
    fig.update(pipeline(arts, settings))
    # the whole corpus (worker start-up is amortised), in a fresh process
    fig.update(engines_fresh(300 if quick else 2000))
    fig.update(backends(arts[:: max(1, len(arts) // 300)], settings))
    fig.update(api_latency(20_000 if quick else 100_000))
    # the larger of this process's peak and the engines' process's
    fig["peak_rss_mb"] = max(round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                             int(fig.get("engines_peak_rss_mb", 0)))
    fig["cpus"] = os.cpu_count() or 0
    for k, v in fig.items():
        print(f"{k}: {v}")
    Path("bench").mkdir(exist_ok=True)
    Path("bench/results.json").write_text(json.dumps(fig, indent=2))
    print(" ".join(f"{k}={fig.get(k)}" for k in ("throughput_ratio", "peak_rss_mb",
                                                  "dask_speedup", "html_f1",
                                                  "api_claims_p95_ms", "api_network_p95_ms")))


if __name__ == "__main__":
    main()
