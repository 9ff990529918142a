"""GEXF 1.3 for Gephi: dynamic edges (a claim's time span), edge and node attributes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO
from xml.sax.saxutils import quoteattr

from claimgraph.aggregate.claims import Claim
from claimgraph.export import graph
from claimgraph.export.claims import View

TYPES = {"string": "string", "integer": "integer", "boolean": "boolean"}


def _value(v: object) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


def write(view: View, claims: Iterable[Claim], out: TextIO) -> int:
    n = 0
    with graph.build(view, claims) as g:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<gexf xmlns="http://gexf.net/1.3" version="1.3">\n'
                  '  <meta><creator>claimgraph</creator>'
                  '<description>claims between actors, with their sources</description></meta>\n'
                  '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n')
        for cls, specs in (("node", graph.NODE_ATTRS), ("edge", graph.EDGE_ATTRS)):
            out.write(f'    <attributes class="{cls}" mode="static">\n')
            for name, kind in specs:
                out.write(f'      <attribute id="{name}" title="{name}" type="{TYPES[kind]}"/>\n')
            out.write("    </attributes>\n")
        out.write("    <nodes>\n")
        for node_id, label, attrs in g.nodes:
            out.write(f"      <node id={quoteattr(node_id)} label={quoteattr(label)}><attvalues>")
            for name, _ in graph.NODE_ATTRS:
                out.write(f'<attvalue for="{name}" value={quoteattr(_value(attrs[name]))}/>')
            out.write("</attvalues></node>\n")
        out.write("    </nodes>\n    <edges>\n")
        for e in g.iter_edges():
            span = "".join(f' {k}="{e[k]}"' for k in ("start", "end") if e[k])
            out.write(f"      <edge id={quoteattr(e['id'])} source={quoteattr(e['source'])} "
                      f"target={quoteattr(e['target'])} label={quoteattr(e['label'])}"
                      f"{span}><attvalues>")
            for name, _ in graph.EDGE_ATTRS:
                out.write(f'<attvalue for="{name}" value={quoteattr(_value(e["attrs"][name]))}/>')
            out.write("</attvalues></edge>\n")
            n += 1
        out.write("    </edges>\n  </graph>\n</gexf>\n")
    return n
