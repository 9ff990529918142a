"""Reading the Phoenix (TABARI / PETRARCH) actor and agent dictionaries.

An actor record is a primary phrase, synonym lines starting with "+", and code
restrictions in brackets, on the primary's line or on tab-indented lines below it:
``[IRQGOV 20140908-20180101]``, ``[USAGOV >050120]``, ``[PSEREBHMS]``. Words are joined
by underscores; a trailing underscore only switches plurals off. Comments start with #.
An agent line is ``NOUN [~SEC]``, with ``!MACRO!`` words defined as ``!MACRO! = A, B``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.errors import DataFileError

_CODE = re.compile(r"\[\s*([~A-Z0-9]*)\s*([<>]?\s*\d{6,8}(?:\s*-\s*\d{6,8})?)?\s*\]")
_SMALL = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le",
          "al", "el", "bin", "ibn", "bint", "abu", "van", "von", "der", "da", "di", "y"}


@dataclass(frozen=True)
class Restriction:
    code: str
    start: str | None = None  # YYYYMMDD, inclusive
    end: str | None = None


@dataclass
class Record:
    phrase: str  # as written, underscores and all
    synonyms: list[str] = field(default_factory=list)
    codes: list[Restriction] = field(default_factory=list)
    line: int = 0

    @property
    def current(self) -> Restriction | None:
        """The restriction that holds latest (an open end counts as now)."""
        if not self.codes:
            return None
        return max(self.codes, key=lambda r: (r.end or "99999999", r.start or ""))


def _date(raw: str) -> str:
    raw = raw.strip()
    if len(raw) == 6:  # YYMMDD: TABARI's two-digit years
        year = int(raw[:2])
        raw = f"{1900 + year if year > 30 else 2000 + year}{raw[2:]}"
    return raw


def _restriction(code: str, dates: str | None) -> Restriction:
    if not dates:
        return Restriction(code)
    dates = dates.replace(" ", "")
    if dates.startswith("<"):
        return Restriction(code, None, _date(dates[1:]))
    if dates.startswith(">"):
        return Restriction(code, _date(dates[1:]), None)
    if "-" not in dates:  # a bare date: from then on
        return Restriction(code, _date(dates), None)
    start, end = dates.split("-")
    return Restriction(code, _date(start), _date(end))


def words(phrase: str, acronyms: bool = True) -> str:
    """'IZZ_AD-DIN_AL_QASSAM_BRIGADES_' -> 'Izz ad-Din al Qassam Brigades'; short words in
    capitals stay as acronyms (UN, ISF) when ``acronyms``: one word of up to five
    letters, or a word without vowels, or with dots (U.N.)."""
    raw = phrase.replace("_", " ").replace("+", " ").strip()
    raw = re.sub(r"\s+", " ", raw)
    out: list[str] = []
    toks = raw.split(" ")
    for i, w in enumerate(toks):
        letters = re.sub(r"[^A-Za-z]", "", w)
        if acronyms and letters.isupper() and re.fullmatch(r"\(?[A-Z.]+\)?", w) and \
                w.lower() not in _SMALL and ((len(toks) == 1 and len(letters) <= 5) or
                                             "." in w or w.startswith("(") or
                                             not re.search(r"[AEIOUY]", letters)):
            out.append(w)  # an acronym: UN, IAEA, ISF, U.N.
            continue
        parts = re.split(r"(-|')", w.lower())
        cased = []
        for j, p in enumerate(parts):
            if p in ("-", "'") or not p or ((i > 0 or j > 0) and p in _SMALL):
                cased.append(p)
            elif j > 0 and parts[j - 1] == "'" and len(p) == 1:
                cased.append(p)  # o'clock, Ta'ifa
            else:
                cased.append(p[:1].upper() + p[1:])
        out.append("".join(cased))
    return " ".join(out)


def read_actors(path: Path) -> list[Record]:
    """Every record of an actor dictionary, in file order."""
    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise DataFileError(f"cannot read the dictionary: {exc}", source=str(path)) from exc
    records: list[Record] = []
    current: Record | None = None
    for n, raw in enumerate(lines, 1):
        body = raw.split("#", 1)[0]
        if not body.strip():
            continue
        codes = [_restriction(c, d) for c, d in _CODE.findall(body)]
        text = _CODE.sub(" ", body).strip()
        if raw[:1] in ("\t", " ") and not text:  # a restriction line of the record above
            if current is not None:
                current.codes += codes
            continue
        if text.startswith("+"):
            if current is None:
                raise DataFileError(f"line {n}: a synonym before any actor", source=str(path))
            current.synonyms.append(text[1:].strip())
            current.codes += codes
            continue
        current = Record(text, [], codes, n)
        records.append(current)
    return records


def _plural(noun: str) -> str:
    """The regular plural, as the dictionaries generate it."""
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("ss", "s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def read_agents(path: Path) -> dict[str, str]:
    """Agent nouns (lower case, spaces) -> their code without the tilde ('GOV', 'MIL')."""
    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise DataFileError(f"cannot read the agents: {exc}", source=str(path)) from exc
    macros: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for raw in lines:
        body = raw.split("#", 1)[0].strip()
        if not body:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", body)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        m = re.match(r"^(.+?)\s*\[~?([A-Z]+)\]", body)
        if not m:
            continue
        phrase, code = m.group(1).strip(), m.group(2)
        forms = [phrase]
        for macro, fills in macros.items():
            if macro in phrase:
                forms = [f.replace(macro, fill) for f in forms for fill in fills]
        plural = not phrase.endswith("_")  # a trailing underscore: no plurals
        for form in forms:
            noun = form.replace("_", " ").strip().lower()
            if not noun or "!" in noun:
                continue
            out.setdefault(noun, code[:3])
            if plural and not noun.endswith(("men", "people")):
                out.setdefault(_plural(noun), code[:3])
    return out
