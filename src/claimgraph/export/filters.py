"""The claim filters that `claims` and every export share."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimgraph.aggregate.claims import Claim
from claimgraph.gazetteer import norm

if TYPE_CHECKING:
    from claimgraph.export.claims import View


def actor_ids(view: View, name: str) -> set[str]:
    """The actors a name or alias refers to, with everything below them."""
    wanted = norm(name)
    found = {a for a, row in view.actors.items() if norm(row.name) == wanted or norm(a) == wanted}
    found |= {a for a, names in view.aliases.items() if any(norm(n) == wanted for n in names)}
    hierarchy = view.aggregator.hierarchy
    below = {a for a in view.actors if any(p in found for p in hierarchy.ancestors(a))}
    return found | below


DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # YYYY, YYYY-MM or YYYY-MM-DD: what --since/--until take


def real_date(value: str) -> bool:
    """Whether a YYYY, YYYY-MM or YYYY-MM-DD string names a real year, month or day
    ("2031-99" and "2016-02-30" do not)."""
    import datetime as dt

    if not re.match(DATE, value):
        return False
    fmt = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}[len(value)]
    try:
        dt.datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


def in_range(start: str | None, end: str | None, since: str | None, until: str | None) -> bool:
    """Whether a time span overlaps [since, until], compared at the precision both have
    ('2016', '2016-03', '2016-03-14'). Asked for a range, an undated claim is out."""
    if not (since or until):
        return True
    if not start:
        return False
    end = end or start
    if since and end[:len(since)] < since[:len(end)]:
        return False
    return not (until and start[:len(until)] > until[:len(start)])


@dataclass(frozen=True)
class ClaimFilter:
    actor: str | None = None  # a name or alias; its sub-units count as the actor
    type: str | None = None  # an event type (AID, COOPERATE, ...)
    min_origins: int = 0
    since: str | None = None  # ISO date or prefix: claims whose time ends before are out
    until: str | None = None  # claims whose time starts after are out

    def bind(self, view: View) -> BoundFilter:
        return BoundFilter(self, actor_ids(view, self.actor) if self.actor else None)


@dataclass(frozen=True)
class BoundFilter:
    spec: ClaimFilter
    actors: set[str] | None

    def __call__(self, c: Claim) -> bool:
        f = self.spec
        if self.actors is not None and not (
                c.subject in self.actors or c.object in self.actors or
                any(e.st.subject_id in self.actors or e.st.object_id in self.actors
                    for e in c.evidence)):
            return False
        if f.type and c.type != f.type.upper():
            return False
        if len(c.origin_keys) < f.min_origins:
            return False
        if f.since or f.until:
            dated = [e.st for e in c.evidence if e.st.time_start]
            start = min((st.time_start for st in dated), default=None)
            end = max((st.time_end or st.time_start for st in dated), default=None)
            return in_range(start, end, f.since, f.until)
        return True

    def apply(self, claims: Iterable[Claim]) -> Iterator[Claim]:
        return (c for c in claims if self(c))
