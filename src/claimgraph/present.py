"""Claims for people: the `claims` table and the `explain` evidence tree (rich).
All text from articles is escaped before rich sees it."""

from __future__ import annotations

from collections import defaultdict

from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from claimgraph.aggregate.claims import Claim
from claimgraph.aggregate.credibility import CREDIBILITY
from claimgraph.export.claims import View


def claim_label(view: View, c: Claim) -> str:
    mode = f"/{c.mode}" if c.mode else ""
    denied = " (denied)" if c.polarity == "denied" else ""
    target = f" {view.actors[c.object].name}" if c.object is not None else ""
    return f"{view.actors[c.subject].name} {c.type}{mode}{target}{denied}"


def flags(c: Claim) -> list[str]:
    out = []
    if c.circular:
        out.append("circular")
    if c.hedged:
        out.append("hedged")
    if c.contradicts:
        out.append("contradicted" if c.polarity == "asserted" else "contradicts")
    return out


def claims_table(view: View, claims: list[Claim], title: str = "Claims") -> Table:
    legend = "cred: " + ", ".join(f"{k} {v}" for k, v in CREDIBILITY.items())
    table = Table(title=title, caption=legend)
    table.add_column("id", no_wrap=True)
    table.add_column("claim", ratio=3, overflow="fold")
    for col in ("mentions", "docs", "origins", "cred"):
        table.add_column(col, justify="right")
    table.add_column("flags", ratio=1, overflow="fold")
    for c in claims:
        table.add_row(c.id, escape(claim_label(view, c)), str(len(c.counted)),
                      str(len(c.documents)), str(len(c.origin_keys)), str(c.credibility),
                      ", ".join(flags(c)))
    return table


def explain_tree(view: View, c: Claim) -> Tree:
    """origin -> chain -> quotes, with document and character offsets."""
    head = f"[bold]{escape(claim_label(view, c))}[/bold]  {c.id}\n" \
           f"{escape(c.explanation())}; credibility {c.credibility} " \
           f"({CREDIBILITY[c.credibility]})"
    if c.contradicts:
        head += "\ncontradicted by / contradicts: " + ", ".join(c.contradicts)
    tree = Tree(head)
    by_origin: dict[str, dict[tuple[str, ...], list[str]]] = defaultdict(lambda: defaultdict(list))
    copies: list[str] = []
    for e in c.evidence:
        st = e.st
        line = f"{escape(st.document_id)} [{st.start}:{st.end}] \u201c{escape(st.quote)}\u201d"
        if st.hedged:
            line += " [italic](hedged)[/italic]"
        if e.copy_of:
            copies.append(line + f" (copy of {escape(e.copy_of)})")
            continue
        by_origin[e.origin][tuple(st.chain)].append(line)
    for key, chains in by_origin.items():
        grade = c.origin_reliability.get(key, "F")
        branch = tree.add(f"[bold]origin[/bold] {escape(c.origin_labels.get(key, key))} "
                          f"(reliability {grade})")
        for chain, quotes in chains.items():
            leaf = branch.add("chain: " + escape(" \u2192 ".join(chain)))
            for q in quotes:
                leaf.add(q)
    if copies:
        branch = tree.add("[dim]near-duplicate copies (not counted)[/dim]")
        for q in copies:
            branch.add(q)
    return tree
