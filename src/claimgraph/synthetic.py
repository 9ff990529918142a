"""Generated stores for benchmarks and scale tests: many claims without NLP.

The statements are written straight into the tables (in bulk), with a realistic
shape: a few hundred actors in a shallow hierarchy, documents from a handful of
outlets, named, anonymous and document origins, some denials and hedges."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime

from sqlalchemy import insert

from claimgraph.store import models as m
from claimgraph.store.db import Store, statement_id

TYPES: list[tuple[str, list[str | None]]] = [
    ("AID", ["weapons", "money", "training", "medical", "logistics"]), ("COOPERATE", [None]),
    ("CONSULT", ["visit", None]), ("ASSAULT", [None]), ("ACCUSE", ["allege"]),
    ("COERCE", ["arrest"]), ("SANCTION", [None])]
OUTLETS = ["Harbor Digest", "The Velorian Courier", "Meridian Post", "Kellburg Daily Wire",
           "Strait Policy Institute"]


def generate(store: Store, claims: int, seed: int = 7, per_claim: int = 1) -> int:
    """Write about ``claims`` claims (``per_claim`` mentions each) into ``store``.
    Returns the number of statements written."""
    rng = random.Random(seed)
    n_actors = max(20, int(claims ** 0.5) * 2)
    n_docs = max(10, claims // 20)
    actors = [f"gen-{i:05d}" for i in range(n_actors)]
    stamp = datetime(2031, 1, 1)
    with store.engine.begin() as conn:
        conn.execute(insert(m.Actor), [
            {"id": a, "name": f"Group {i}", "type": "state" if i % 17 == 0 else "organization",
             "country": None, "sector": "GOV" if i % 17 == 0 else "REB", "role": None,
             "source": "generated"} for i, a in enumerate(actors)])
        conn.execute(insert(m.Alias), [{"actor_id": a, "name": f"G{i}"}
                                       for i, a in enumerate(actors)])
        conn.execute(insert(m.ActorParent), [  # every tenth actor is a wing of the one before
            {"actor_id": actors[i], "parent_id": actors[i - 1]} for i in range(1, n_actors, 10)])
        docs = [f"gen-doc-{i:06d}" for i in range(n_docs)]
        conn.execute(insert(m.Document), [
            {"id": d, "content_hash": hashlib.sha256(d.encode()).hexdigest(), "source": d,
             "url": None, "title": f"Report {i}", "outlet": OUTLETS[i % len(OUTLETS)],
             "published": f"2031-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": f"Generated {d}.",
             "signals": [], "ingested_at": stamp} for i, d in enumerate(docs)])
        origins = [{"key": f"outlet:{o.lower()}", "kind": "outlet", "label": f"{o} (own reporting)",
                    "attrs": {"outlet": o}} for o in OUTLETS]
        origins += [{"key": f"actor:{a}", "kind": "actor", "label": f"Group {i}",
                     "attrs": {"actor": a}} for i, a in enumerate(actors[:50])]
        origins += [{"key": f"document:{d}:letter", "kind": "document",
                     "label": f"letter of Group {i % 50}",
                     "attrs": {"kind": "letter", "author": actors[i % 50], "recipient": None,
                               "via": [], "described_in": d}} for i, d in enumerate(docs[:200])]
        conn.execute(insert(m.Origin), origins)
        rows = []
        seen: set[tuple[str, str, str, str | None]] = set()
        while len(seen) < claims:
            s, o = rng.sample(actors, 2)
            type_, modes = rng.choice(TYPES)
            mode = rng.choice(modes)
            if (s, o, type_, mode) in seen:
                continue
            seen.add((s, o, type_, mode))
            polarity = "denied" if rng.random() < 0.05 else "asserted"
            for k in range(per_claim):
                doc = rng.choice(docs)
                origin = rng.choice(origins)
                start = rng.randrange(0, 5000)
                rows.append({
                    "id": statement_id(doc, start, s, type_, mode, o, polarity, k),
                    "document_id": doc, "start": start, "end": start + 60,
                    "quote": f"Group {s[4:]} and Group {o[4:]}: {type_.lower()} ({k}).",
                    "subject_id": s, "type": type_, "mode": mode, "object_id": o,
                    "polarity": polarity, "hedged": rng.random() < 0.1, "directed": True,
                    "chain": [doc, origin["label"]], "origin_key": origin["key"],
                    "contexts": [], "time_start": f"2031-{1 + start % 12:02d}",
                    "time_end": None, "time_text": "generated", "place": None,
                    "trigger": type_.lower()})
            if len(rows) >= 20000:
                conn.execute(insert(m.Statement), rows)
                rows = []
        if rows:
            conn.execute(insert(m.Statement), rows)
    return len(seen) * per_claim
