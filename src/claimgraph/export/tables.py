"""CSV: claims.csv (one row per claim), evidence.csv (one row per mention, with its
chain and origin), and for link-chart tools (i2 Analyst's Notebook, Maltego) actors.csv
(one row per entity) and links.csv (one row per claim between two actors, entity ids at
both ends); in a zip file or a folder. Columns: docs/exports.md."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from claimgraph.aggregate.claims import Claim
from claimgraph.export.claims import View

CLAIM_COLUMNS = ["id", "subject_id", "subject", "type", "mode", "object_id", "object",
                 "polarity", "hedged", "time_start", "time_end", "independent_origins",
                 "mentions", "documents", "circular", "credibility", "contradicts", "origins",
                 "explanation"]
EVIDENCE_COLUMNS = ["claim_id", "document", "start", "end", "quote", "chain", "origin_id",
                    "origin", "stated_origin", "hedged", "copy_of", "subject", "object"]
ACTOR_COLUMNS = ["id", "name", "type", "country", "sector", "kind", "aliases", "part_of",
                 "claims", "mentions"]
LINK_COLUMNS = ["source_id", "source", "target_id", "target", "link_type", "label",
                "directed", "polarity", "hedged", "weight", "credibility", "date_start",
                "date_end", "status", "claim_id"]
CHAIN_SEPARATOR = " > "
LIST_SEPARATOR = "; "
TABLES = ("claims.csv", "evidence.csv", "actors.csv", "links.csv")


def _rows(view: View, claims: Iterable[Claim], claims_out: IO[str],
          evidence_out: IO[str], actors_out: IO[str], links_out: IO[str]) -> int:
    cw = csv.writer(claims_out, lineterminator="\n")
    ew = csv.writer(evidence_out, lineterminator="\n")
    lw = csv.writer(links_out, lineterminator="\n")
    cw.writerow(CLAIM_COLUMNS)
    ew.writerow(EVIDENCE_COLUMNS)
    lw.writerow(LINK_COLUMNS)
    n = 0
    counts: dict[str, int] = {}
    for c in claims:
        for a in (c.subject, c.object):
            if a is not None:
                counts[a] = counts.get(a, 0) + 1
        if c.object is not None:
            lw.writerow(_link(view, c))
        starts = sorted(e.st.time_start for e in c.evidence if e.st.time_start)
        ends = sorted(e.st.time_end for e in c.evidence if e.st.time_end)
        cw.writerow([c.id, c.subject, view.actors[c.subject].name, c.type, c.mode or "",
                     c.object or "", view.actors[c.object].name if c.object else "",
                     c.polarity, c.hedged,
                     starts[0] if starts else "", ends[-1] if ends else "",
                     len(c.origin_keys), len(c.counted), len(c.documents), c.circular,
                     c.credibility, " ".join(c.contradicts),
                     "; ".join(c.origin_labels[k] for k in c.origin_keys), c.explanation()])
        for e in c.evidence:
            st = e.st
            ew.writerow([c.id, st.document_id, st.start, st.end, st.quote,
                         CHAIN_SEPARATOR.join(st.chain), e.origin,
                         c.origin_labels.get(e.origin, e.origin),
                         view.origins[st.origin_key].label, st.hedged, e.copy_of or "",
                         view.actors[st.subject_id].name,
                         view.actors[st.object_id].name if st.object_id else ""])
        n += 1
    _actors(view, counts, actors_out)
    return n


def _link(view: View, c: Claim) -> list[object]:
    starts = sorted(e.st.time_start for e in c.evidence if e.st.time_start)
    ends = sorted(e.st.time_end or e.st.time_start for e in c.evidence if e.st.time_start)
    assert c.object is not None
    return [c.subject, view.actors[c.subject].name, c.object, view.actors[c.object].name,
            c.type, c.type + (f"/{c.mode}" if c.mode else "") +
            (" (denied)" if c.polarity == "denied" else ""),
            not view.aggregator.ontology.is_symmetric(c.type), c.polarity, c.hedged,
            len(c.origin_keys), c.credibility, starts[0] if starts else "",
            ends[-1] if ends else "", c.status or "", c.id]


def _actors(view: View, counts: dict[str, int], out: IO[str]) -> None:
    """The actors the claims name, and the parents those have (so every link end and
    every part_of id is a row)."""
    wanted = set(counts)
    for a in list(wanted):
        wanted.update(view.parents.get(a, []))
    w = csv.writer(out, lineterminator="\n")
    w.writerow(ACTOR_COLUMNS)
    for a in sorted(wanted):
        if a not in view.actors:
            continue
        info = view.actors[a]
        w.writerow([a, info.name, info.type, info.country or "", info.sector or "",
                    info.kind or "", LIST_SEPARATOR.join(sorted(view.aliases.get(a, []))),
                    LIST_SEPARATOR.join(sorted(view.parents.get(a, []))), counts.get(a, 0),
                    view.mention_counts.get(a, 0)])


def write_folder(view: View, claims: Iterable[Claim], folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        files = [stack.enter_context(open(folder / name, "w", encoding="utf-8", newline=""))
                 for name in TABLES]
        return _rows(view, claims, *files)


def write_zip(view: View, claims: Iterable[Claim], target: IO[bytes]) -> int:
    """Both tables spooled to temporary files, then zipped with fixed timestamps
    (the same store gives the same bytes)."""
    with ExitStack() as stack:
        files = [stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8",
                                                            newline="")) for _ in TABLES]
        n = _rows(view, claims, *files)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for name, fh in zip(TABLES, files, strict=True):
                fh.seek(0)
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                with z.open(info, "w") as dst:
                    while chunk := fh.read(1 << 16):
                        dst.write(chunk.encode("utf-8"))
    return n


def write_zip_bytes(view: View, claims: Iterable[Claim]) -> bytes:
    buf = io.BytesIO()
    write_zip(view, claims, buf)
    return buf.getvalue()
