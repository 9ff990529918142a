"""GraphML: the same graph as the GEXF export (time span as start/end attributes)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from claimgraph.aggregate.claims import Claim
from claimgraph.export import graph
from claimgraph.export.claims import View

TYPES = {"string": "string", "integer": "int", "boolean": "boolean"}
EDGE_ATTRS: graph.Attrs = (*graph.EDGE_ATTRS, ("label", "string"), ("start", "string"),
                           ("end", "string"))
NODE_ATTRS: graph.Attrs = (("label", "string"), *graph.NODE_ATTRS)


def _value(v: object) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else escape(str(v))


def write(view: View, claims: Iterable[Claim], out: TextIO) -> int:
    n = 0
    with graph.build(view, claims) as g:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                  'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                  'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        for cls, specs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
            for name, kind in specs:
                out.write(f'  <key id="{cls[0]}_{name}" for="{cls}" attr.name="{name}" '
                          f'attr.type="{TYPES[kind]}"/>\n')
        out.write('  <graph id="claims" edgedefault="directed">\n')
        for node_id, label, attrs in g.nodes:
            out.write(f"    <node id={quoteattr(node_id)}>")
            for name, _ in NODE_ATTRS:
                value = label if name == "label" else attrs[name]
                out.write(f'<data key="n_{name}">{_value(value)}</data>')
            out.write("</node>\n")
        for e in g.iter_edges():
            out.write(f"    <edge id={quoteattr(e['id'])} source={quoteattr(e['source'])} "
                      f"target={quoteattr(e['target'])}>")
            values = {**e["attrs"], "label": e["label"], "start": e["start"] or "",
                      "end": e["end"] or ""}
            for name, _ in EDGE_ATTRS:
                out.write(f'<data key="e_{name}">{_value(values[name])}</data>')
            out.write("</edge>\n")
            n += 1
        out.write("  </graph>\n</graphml>\n")
    return n
