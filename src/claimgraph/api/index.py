"""An in-memory index of claim summaries for the API: built once from the store
(streaming, bucket by bucket), rebuilt when the store changes. Listing, filtering
and the network read the index; a claim's evidence is aggregated again, from its
bucket only, when asked for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimgraph.aggregate.claims import Claim
from claimgraph.export.claims import View


@dataclass(slots=True)
class Summary:
    id: str
    subject: str
    object: str | None  # None: an event whose target the text does not name
    type: str
    mode: str | None
    polarity: str
    hedged: bool
    origins: int
    origin_keys: tuple[str, ...]
    mentions: int
    documents: tuple[str, ...]
    circular: bool
    credibility: int
    contradicts: tuple[str, ...]
    time_start: str | None
    time_end: str | None
    status: str | None
    actors: frozenset[str]  # every actor its evidence names
    bucket: tuple[str, str]

    def row(self, view: View) -> dict[str, Any]:
        actors = view.actors
        return {
            "id": self.id, "subject": {"id": self.subject, "name": actors[self.subject].name},
            "object": ({"id": self.object, "name": actors[self.object].name}
                       if self.object is not None else None),
            "type": self.type, "mode": self.mode, "polarity": self.polarity,
            "hedged": self.hedged, "independent_origins": self.origins,
            "mentions": self.mentions, "documents": len(self.documents),
            "circular": self.circular, "credibility": self.credibility,
            "contradicts": list(self.contradicts), "time_start": self.time_start,
            "time_end": self.time_end, "status": self.status,
        }


def summarise(c: Claim, bucket: tuple[str, str]) -> Summary:
    starts = sorted(e.st.time_start for e in c.evidence if e.st.time_start)
    ends = sorted((e.st.time_end or e.st.time_start) for e in c.evidence if e.st.time_start)
    return Summary(
        id=c.id, subject=c.subject, object=c.object, type=c.type, mode=c.mode,
        polarity=c.polarity, hedged=c.hedged, origins=len(c.origin_keys),
        origin_keys=tuple(c.origin_keys), mentions=len(c.counted),
        documents=tuple(sorted(c.documents)), circular=c.circular, credibility=c.credibility,
        contradicts=tuple(c.contradicts), time_start=starts[0] if starts else None,
        time_end=ends[-1] if ends else None, status=c.status,
        actors=frozenset(a for a in ({c.subject, c.object} |
                                     {x for e in c.evidence
                                      for x in (e.st.subject_id, e.st.object_id)}) if a),
        bucket=bucket)


class ClaimIndex:
    def __init__(self, view: View) -> None:
        self.view = view
        self.pairs: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
        buckets = view.buckets()
        self.pairs = {key: [(a, b) for a, b, _ in rows] for key, rows in buckets.items()}
        self.claims: list[Summary] = [
            summarise(c, view.aggregator.bucket(c.subject, c.object))
            for c in view.iter_claims(include_rejected=True, buckets=buckets)]
        self.claims.sort(key=lambda s: (-s.origins, -s.mentions, s.id))
        self.by_id = {s.id: s for s in self.claims}

    def claim(self, claim_id: str) -> Claim | None:
        """The full claim (evidence, chains, origins), aggregated from its bucket."""
        s = self.by_id.get(claim_id)
        if s is None:
            return None
        for c in self.view.claims_of(self.pairs.get(s.bucket, [])):
            if c.id == claim_id:
                return c
        return None
