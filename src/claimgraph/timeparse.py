"""Dates: publication dates to ISO, and time expressions resolved against them."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from claimgraph.records import TimeRec

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SETTINGS = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
LANGUAGES = ["en"]  # the pipeline reads English; guessing the language costs most of the time


@lru_cache(maxsize=4096)
def normalise_date(value: str) -> str | None:
    """A publication date in any common form as YYYY-MM-DD, or None."""
    value = value.strip()
    if _ISO.match(value):
        return value[:10]
    parsed = dateparser.parse(value, languages=LANGUAGES,
                              settings={"STRICT_PARSING": True, **_SETTINGS})
    return parsed.date().isoformat() if parsed else None


def _month_back(base: date, month: int, *, strictly: bool) -> str:
    year = base.year if (month < base.month or (month == base.month and not strictly)) \
        else base.year - 1
    return f"{year:04d}-{month:02d}"


@lru_cache(maxsize=4096)
def resolve_time(text: str, published: str | None) -> TimeRec | None:
    """Resolve a time expression. Relative ones need the publication date; without it
    they keep their text and no start."""
    t = text.strip()
    low = t.lower()
    base = date.fromisoformat(published) if published else None
    year = re.fullmatch(r"(?:in\s+)?((?:19|20)\d\d)", low)
    if year:
        return TimeRec(year.group(1), None, t)
    m = re.fullmatch(r"(last|this|in|early|late|mid)?\s*-?\s*(" + "|".join(MONTHS) + r")"
                     r"(?:\s+((?:19|20)\d\d))?", low)
    if m:
        month = MONTHS[m.group(2)]
        if m.group(3):
            return TimeRec(f"{m.group(3)}-{month:02d}", None, t)
        if base is None:
            return TimeRec(None, None, t)
        return TimeRec(_month_back(base, month, strictly=m.group(1) == "last"), None, t)
    if base is None:
        return TimeRec(None, None, t) if re.search(r"last|ago|past|yesterday|week", low) else None
    rel = {
        "last year": str(base.year - 1),
        "this year": str(base.year),
        "last month": _month_str(base.replace(day=1) - timedelta(days=1)),
        "this month": _month_str(base),
        "yesterday": (base - timedelta(days=1)).isoformat(),
        "today": base.isoformat(),
    }
    if low in rel:
        return TimeRec(rel[low], None, t)
    if low in ("last week", "this week", "past week"):
        start = base - timedelta(days=base.weekday() + (7 if low != "this week" else 0))
        return TimeRec(start.isoformat(), (start + timedelta(days=6)).isoformat(), t)
    relative_base = datetime(base.year, base.month, base.day)
    parsed = dateparser.parse(t, languages=LANGUAGES,
                              settings={"RELATIVE_BASE": relative_base, **_SETTINGS})
    if parsed is None:
        return None
    if re.search(r"\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|\d{4}-\d\d-\d\d", low) or "ago" in low:
        return TimeRec(parsed.date().isoformat(), None, t)
    return TimeRec(_month_str(parsed.date()), None, t)


def _month_str(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"
