"""The claim network as nodes and edges, for the graph formats (GEXF, GraphML).

Edges are spooled to a temporary file while the claims stream past, so that the
writers can put every node before the first edge without holding the claims."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from claimgraph.aggregate.claims import Claim
from claimgraph.export.claims import View

Attrs = tuple[tuple[str, str], ...]
NODE_ATTRS: Attrs = (("type", "string"), ("country", "string"), ("sector", "string"),
              ("kind", "string"), ("parent", "string"))
EDGE_ATTRS: Attrs = (("claim", "string"), ("type", "string"), ("mode", "string"),
              ("polarity", "string"), ("mutual", "boolean"), ("hedged", "boolean"),
              ("independent_origins", "integer"), ("mentions", "integer"),
              ("credibility", "integer"), ("circular", "boolean"), ("origins", "string"))


def full_date(value: str | None) -> str | None:
    """'2015-12' -> '2015-12-01', '2016' -> '2016-01-01' (graph tools want whole dates)."""
    if not value:
        return None
    parts = value[:10].split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts)


@dataclass
class Graph:
    nodes: list[tuple[str, str, dict[str, Any]]]  # (id, label, attributes)
    edges: IO[str]  # JSON lines: {"id", "source", "target", "label", "start", "end", "attrs"}

    def iter_edges(self) -> Iterator[dict[str, Any]]:
        self.edges.seek(0)
        for line in self.edges:
            yield json.loads(line)


def node(view: View, actor_id: str) -> tuple[str, str, dict[str, Any]]:
    a = view.actors[actor_id]
    parents = sorted(view.parents.get(actor_id, []))
    return (actor_id, a.name, {"type": a.type, "country": a.country or "",
                               "sector": a.sector or "", "kind": a.kind,
                               "parent": parents[0] if parents else ""})


def edge(view: View, c: Claim) -> dict[str, Any]:
    starts = sorted(e.st.time_start for e in c.evidence if e.st.time_start)
    ends = sorted((e.st.time_end or e.st.time_start) for e in c.evidence if e.st.time_start)
    label = c.type + (f"/{c.mode}" if c.mode else "") + \
        (" (denied)" if c.polarity == "denied" else "")
    return {
        "id": c.id, "source": c.subject, "target": c.object, "label": label,
        "start": full_date(starts[0]) if starts else None,
        "end": full_date(ends[-1]) if ends and ends[-1] != starts[0] else None,
        "attrs": {"claim": c.id, "type": c.type, "mode": c.mode or "", "polarity": c.polarity,
                  "mutual": view.aggregator.ontology.is_symmetric(c.type), "hedged": c.hedged,
                  "independent_origins": len(c.origin_keys), "mentions": len(c.counted),
                  "credibility": c.credibility, "circular": c.circular,
                  "origins": "; ".join(c.origin_labels[k] for k in c.origin_keys)},
    }


@contextmanager
def build(view: View, claims: Iterable[Claim]) -> Iterator[Graph]:
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        used: set[str] = set()
        for c in claims:
            if c.object is None:
                continue  # the network draws claims with two actors only
            spool.write(json.dumps(edge(view, c), sort_keys=True) + "\n")
            used.update((c.subject, c.object))
        yield Graph([node(view, a) for a in sorted(used)], spool)
