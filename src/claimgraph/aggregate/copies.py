"""Near-duplicate articles (syndicated copies, light rewrites): MinHash LSH over
5-word shingles, each candidate verified by its exact shingle Jaccard similarity.

A copy adds no origin and no mention: its statements that repeat the original's
are marked as copies, and its own reporting is its original's (aggregate/origins.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.5
SCHEME = "affine32"  # datasketch 2 default, named so stored signatures stay readable
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> bytes:
    from datasketch import MinHash  # imported when needed: it pulls in scipy

    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    mh.update_batch([s.encode("utf-8") for s in shingles(text)])
    return bytes(np.asarray(mh.hashvalues, dtype=np.uint64).tobytes())


def _minhash(sig: bytes) -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME,
                   hashvalues=np.frombuffer(sig, dtype=np.uint64).copy())


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class CopyFinder:
    """Finds the stored documents that a new text nearly duplicates."""

    def __init__(self, stored: Iterable[tuple[str, bytes]],
                 text_of: Callable[[str], str | None]) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.text_of = text_of
        for doc_id, sig in stored:
            self._insert(doc_id, sig)

    def _insert(self, doc_id: str, sig: bytes) -> None:
        if doc_id not in self.lsh:
            self.lsh.insert(doc_id, _minhash(sig))

    def find(self, text: str, sig: bytes) -> list[tuple[str, float]]:
        """(document id, Jaccard similarity) of each verified near-duplicate."""
        mine = shingles(text)
        out: list[tuple[str, float]] = []
        for other in sorted(self.lsh.query(_minhash(sig))):
            other_text = self.text_of(other)
            if other_text is None:
                continue
            sim = jaccard(mine, shingles(other_text))
            if sim >= THRESHOLD:
                out.append((other, round(sim, 4)))
        return out

    def add(self, doc_id: str, sig: bytes) -> None:
        self._insert(doc_id, sig)


def copy_clusters(pairs: Iterable[tuple[str, str]], rank: Callable[[str], tuple[str, str]]
                  ) -> dict[str, str]:
    """Map each document in a cluster of near-duplicates to the cluster's original:
    the earliest published (then the smallest id), whatever order they arrived in."""
    groups: dict[str, set[str]] = {}
    for a, b in pairs:
        ga = groups.get(a, {a})
        gb = groups.get(b, {b})
        merged = ga | gb
        for d in merged:
            groups[d] = merged
    out: dict[str, str] = {}
    for members in {id(g): g for g in groups.values()}.values():
        original = min(members, key=rank)
        for d in members:
            if d != original:
                out[d] = original
    return out
