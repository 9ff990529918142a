"""make bench: full pipeline against a spaCy-only pass over the same texts, side by side.

Prints its figures and writes them to bench/results.json.
"""

from __future__ import annotations

import json
import resource
import tempfile
import time
from pathlib import Path

from claimgraph.config import Settings
from claimgraph.demo import demo_dir
from claimgraph.engine.local import make_extractor
from claimgraph.ingest.discover import read_all
from claimgraph.ingest.readers import Defaults
from claimgraph.records import Article
from claimgraph.store.db import Store


def corpus(copies: int) -> list[Article]:
    base = [a for a in read_all([str(demo_dir())], Defaults()) if isinstance(a, Article)]
    return [Article(id=f"{a.id}#{i}", text=a.text + f"\n(Copy {i}.)", source=a.source)
            for i in range(copies) for a in base]


def api_latency(claims: int = 100_000, rounds: int = 40) -> dict[str, float]:
    """p50/p95 of /api/claims and /api/network against `claimgraph serve` over loopback,
    on a generated store of ``claims`` claims."""
    import socket
    import subprocess
    import sys
    import urllib.request

    from claimgraph.synthetic import generate

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "api.sqlite")
        store = Store(db)
        store.migrate()
        generate(store, claims)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
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
    arts = corpus(40)
    words = sum(len(a.text.split()) for a in arts)
    settings = Settings(gazetteers=(demo_dir() / "gazetteer.yaml",))
    ex = make_extractor(settings)
    t0 = time.perf_counter()
    for _ in ex.nlp.pipe([a.text for a in arts]):
        pass
    spacy_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "b.sqlite"))
        store.migrate()
        t0 = time.perf_counter()
        for a in arts:
            store.save(ex.extract(a), a.id)
        full_s = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    fig = {
        "articles": len(arts), "words": words,
        "spacy_words_per_s": round(words / spacy_s), "full_words_per_s": round(words / full_s),
        "throughput_ratio": round(full_s / spacy_s, 2), "peak_rss_mb": round(rss_mb),
    }
    fig.update(api_latency())
    for k, v in fig.items():
        print(f"{k}: {v}")
    Path("bench").mkdir(exist_ok=True)
    Path("bench/results.json").write_text(json.dumps(fig, indent=2))
    print(f"throughput_ratio={fig['throughput_ratio']} peak_rss_mb={fig['peak_rss_mb']} "
          f"api_claims_p95_ms={fig['api_claims_p95_ms']} "
          f"api_network_p95_ms={fig['api_network_p95_ms']}")


if __name__ == "__main__":
    main()
