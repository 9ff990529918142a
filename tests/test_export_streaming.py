"""Exports stream: on a generated store of 100k claims, exporting takes far less
memory than holding the store's statements would (peak RSS of child processes,
measured side by side in one run)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from claimgraph.store.db import Store
from claimgraph.synthetic import generate

CLAIMS = 100_000

PROBE = r"""
import json, re, sys
from claimgraph.store.db import Store
from claimgraph.export.claims import View
from claimgraph.export import registry
store = Store(sys.argv[1])
what = sys.argv[2]
n = 0
if what == "all":      # what not streaming would hold: every statement at once
    n = len(store.statements_for([(a, b) for a, b, _ in store.pair_counts()]))
elif what == "view":   # what every export holds anyway: actors, origins, documents
    view = View(store)
elif what == "idle":
    pass
else:                  # an export, streamed
    view = View(store)
    n = registry.get(what)(view, view.iter_claims(), sys.argv[3])
# VmHWM: this process's own peak (ru_maxrss would carry the forking parent's over exec)
hwm = re.search(r"VmHWM:\s+(\d+) kB", open("/proc/self/status").read()).group(1)
print(json.dumps({"n": n, "rss_mb": int(hwm) / 1024}))
"""


@pytest.fixture(scope="module")
def big(new_db: Callable[[str], str]) -> str:
    path = new_db("big")
    store = Store(path)
    store.migrate()
    generate(store, CLAIMS)
    return path


def probe(db: str, what: str, out: Path) -> dict[str, float]:
    res = subprocess.run([sys.executable, "-c", PROBE, str(db), what, str(out)],
                         capture_output=True, text=True, check=True, timeout=600)
    result: dict[str, float] = json.loads(res.stdout.strip().splitlines()[-1])
    return result


def test_exports_stream_on_a_large_store(big: str, tmp_path: Path) -> None:
    """STIX: the format that also gathers a report per document."""
    fmt = "stix"
    idle = probe(big, "idle", tmp_path / "none")
    base = probe(big, "view", tmp_path / "none")
    held = probe(big, "all", tmp_path / "none")
    out = tmp_path / "out"
    streamed = probe(big, fmt, out)
    assert held["n"] == CLAIMS
    assert streamed["n"] >= CLAIMS * 0.95  # a few generated claims merge across wing levels
    holding = held["rss_mb"] - idle["rss_mb"]
    streaming = streamed["rss_mb"] - base["rss_mb"]
    print(f"{fmt}: idle {idle['rss_mb']:.0f} MB, view {base['rss_mb']:.0f} MB, holding all "
          f"statements +{holding:.0f} MB, streaming the export +{streaming:.0f} MB over the view")
    assert streaming < 0.5 * holding
    assert out.stat().st_size > 0
