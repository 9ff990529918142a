"""Admiralty (NATO AJP-2.1) grades: source reliability A-F, set by the user, and
information credibility 1-6, computed for each claim.

Reliability comes from a sources YAML file that maps a source's name (an actor,
an outlet, or any of their aliases) to a letter:

    sources:
      The Velorian Courier: B
      Strait Policy Institute: C

Anything not listed is F ("reliability cannot be judged").

Information credibility, the rule (docs/provenance.md repeats it; tests hold it):

    n = independent origins, not counting those graded E (unreliable)
    n = 0                    -> 6  truth cannot be judged
    n >= 3                   -> 1  confirmed by independent sources
    n == 2                   -> 2  probably true
    n == 1                   -> 3  possibly true
    every mention hedged     -> one grade worse
    contradicted             -> one grade worse; two if the contradicting claims
                                rest on more independent origins than this one
    never worse than 5 (improbable) while one origin stands behind it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from claimgraph.errors import DataFileError
from claimgraph.gazetteer import norm

GRADES = "ABCDEF"
CREDIBILITY = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful",
               5: "improbable", 6: "cannot be judged"}


class Reliability:
    def __init__(self, grades: dict[str, str] | None = None) -> None:
        self.grades = {norm(k): v for k, v in (grades or {}).items()}

    def of(self, *names: str) -> str:
        for name in names:
            grade = self.grades.get(norm(name))
            if grade:
                return grade
        return "F"


def load_sources(path: str | Path | None) -> Reliability:
    if path is None:
        return Reliability()
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"cannot read the sources file: {exc}", source=str(p)) from exc
    table = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise DataFileError("the sources file needs a 'sources:' mapping of name to grade",
                            source=str(p))
    grades: dict[str, str] = {}
    for name, grade in table.items():
        g = str(grade).strip().upper()
        if len(g) != 1 or g not in GRADES:
            raise DataFileError(f"grade {grade!r} for {name!r} is not one of A-F",
                                source=str(p))
        grades[str(name)] = g
    return Reliability(grades)


def credibility(origins: int, unreliable: int, hedged: bool, contradicted: bool,
                contra_origins: int) -> int:
    """The information-credibility grade of a claim (see the module docstring)."""
    n = origins - unreliable
    if n <= 0:
        return 6
    grade = 1 if n >= 3 else 2 if n == 2 else 3
    if hedged:
        grade += 1
    if contradicted:
        grade += 2 if contra_origins > n else 1
    return min(grade, 5)
