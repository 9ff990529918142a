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


_PERMUTATIONS: Any = None


def _minhash(sig: bytes) -> Any:
    """A MinHash from stored hash values (the permutations, costly to draw, drawn once)."""
    global _PERMUTATIONS
    from datasketch import MinHash

    if _PERMUTATIONS is None:
        _PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_PERMUTATIONS,
                   hashvalues=np.frombuffer(sig, dtype=np.uint64).copy())


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class CopyFinder:
    """Finds the stored documents that a new text nearly duplicates. Candidates from the
    LSH index are verified by exact shingle Jaccard, the most similar (by MinHash
    estimate) first and at most ``MAX_VERIFIED`` of them: copies join in clusters, so a
    link to a few members is enough."""

    MAX_VERIFIED = 8

    def __init__(self, stored: Iterable[tuple[str, bytes]],
                 text_of: Callable[[str], str | None]) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self.text_of = text_of
        self.signatures: dict[str, Any] = {}
        self._shingles: dict[str, set[str]] = {}  # a bounded cache for verification
        for doc_id, sig in stored:
            self._insert(doc_id, sig)

    def _insert(self, doc_id: str, sig: bytes) -> None:
        if doc_id not in self.lsh:
            mh = _minhash(sig)
            self.lsh.insert(doc_id, mh)
            self.signatures[doc_id] = mh

    def _shingles_of(self, doc_id: str) -> set[str] | None:
        cached = self._shingles.get(doc_id)
        if cached is None:
            text = self.text_of(doc_id)
            if text is None:
                return None
            if len(self._shingles) > 5000:
                self._shingles.clear()
            cached = self._shingles[doc_id] = shingles(text)
        return cached

    def find(self, text: str, sig: bytes) -> list[tuple[str, float]]:
        """(document id, Jaccard similarity) of each verified near-duplicate."""
        mine = shingles(text)
        mh = _minhash(sig)
        candidates = sorted(self.lsh.query(mh),
                            key=lambda d: (-mh.jaccard(self.signatures[d]), d))
        out: list[tuple[str, float]] = []
        for other in candidates[:self.MAX_VERIFIED]:
            theirs = self._shingles_of(other)
            if theirs is None:
                continue
            sim = jaccard(mine, theirs)
            if sim >= THRESHOLD:
                out.append((other, round(sim, 4)))
        return sorted(out)

    def add(self, doc_id: str, sig: bytes, text: str | None = None) -> None:
        self._insert(doc_id, sig)
        if text is not None and len(self._shingles) <= 5000:
            self._shingles[doc_id] = shingles(text)

    def discard(self, doc_id: str) -> None:
        """Forget a document that was added but then not stored."""
        if doc_id in self.lsh:
            self.lsh.remove(doc_id)
        self.signatures.pop(doc_id, None)
        self._shingles.pop(doc_id, None)


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
