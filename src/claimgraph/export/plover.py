"""PLOVER-style event records (JSON Lines), one per mention: actor, recipient, event
type, mode, context, date, the mention's text and our attribution fields. Standing
ties (MEMBER_OF, LEADER_OF, PART_OF) are not PLOVER events and are left out."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from claimgraph.aggregate.claims import Claim
from claimgraph.export.claims import View
from claimgraph.ontology import load_ontology


def _entity(view: View, actor_id: str) -> dict[str, Any]:
    a = view.actors[actor_id]
    return {"id": a.id, "name": a.name, "country": a.country, "sector": a.sector,
            "kind": a.kind}


def write(view: View, claims: Iterable[Claim], out: TextIO) -> int:
    n = 0
    standing = load_ontology().is_standing
    for c in claims:
        if standing(c.type):
            continue
        for k, e in enumerate(c.evidence):
            st = e.st
            doc = view.documents.get(st.document_id)
            record = {
                "id": f"{c.id}-{k}",
                "event_date": st.time_start or (doc.published if doc is not None else None),
                "date_text": st.time_text,
                "event_type": st.type,
                "mode": [st.mode] if st.mode else [],
                "context": list(st.contexts or []),
                "actor": [_entity(view, st.subject_id)],
                "recipient": [_entity(view, st.object_id)] if st.object_id else [],
                "location": st.place,
                "event_text": st.quote,
                "story_id": st.document_id,
                "publication_date": doc.published if doc is not None else None,
                "source": doc.outlet if doc is not None else None,
                "polarity": st.polarity,
                "hedged": st.hedged,
                "attribution": {
                    "chain": list(st.chain), "origin": c.origin_labels.get(e.origin, e.origin),
                    "origin_id": e.origin, "copy_of": e.copy_of, "claim_id": c.id,
                    "independent_origins": len(c.origin_keys), "circular": c.circular,
                    "credibility": c.credibility},
            }
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n
