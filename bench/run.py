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
    for k, v in fig.items():
        print(f"{k}: {v}")
    Path("bench").mkdir(exist_ok=True)
    Path("bench/results.json").write_text(json.dumps(fig, indent=2))
    print(f"throughput_ratio={fig['throughput_ratio']} peak_rss_mb={fig['peak_rss_mb']}")


if __name__ == "__main__":
    main()
