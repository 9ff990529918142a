"""CSV: claims.csv (one row per claim) and evidence.csv (one row per mention, with its
chain and origin), in a zip file or a folder."""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from collections.abc import Iterable
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
CHAIN_SEPARATOR = " > "


def _rows(view: View, claims: Iterable[Claim], claims_out: IO[str],
          evidence_out: IO[str]) -> int:
    cw = csv.writer(claims_out, lineterminator="\n")
    ew = csv.writer(evidence_out, lineterminator="\n")
    cw.writerow(CLAIM_COLUMNS)
    ew.writerow(EVIDENCE_COLUMNS)
    n = 0
    for c in claims:
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
    return n


def write_folder(view: View, claims: Iterable[Claim], folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "claims.csv", "w", encoding="utf-8", newline="") as co, \
            open(folder / "evidence.csv", "w", encoding="utf-8", newline="") as eo:
        return _rows(view, claims, co, eo)


def write_zip(view: View, claims: Iterable[Claim], target: IO[bytes]) -> int:
    """Both tables spooled to temporary files, then zipped with fixed timestamps
    (the same store gives the same bytes)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as co, \
            tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as eo:
        n = _rows(view, claims, co, eo)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for name, fh in (("claims.csv", co), ("evidence.csv", eo)):
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
