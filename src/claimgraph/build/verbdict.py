"""Reading PETRARCH's verb-pattern dictionary format (CAMEO.2.0.txt, PETR.Validate.verbs.txt).

The file has synonym sets (``&NAME`` then ``+WORD`` lines), then verb blocks:
``---  NAME  [CODE]  ---`` opens a block; verb lines (``WORD {IRREGULAR FORMS} [CODE]``,
multi-word verbs joined by ``_`` with ``+`` before the verb word) and pattern lines
(``- PRE * POST [CODE]``) follow. In a pattern a bare word is a noun head, ``{A B}`` a
phrase whose last word is its head, ``(PREP NOUN)`` a prepositional phrase, ``&SET`` a
synonym set, ``+`` where the target is and ``$`` where the source is. ``[A:B]`` codes the
event both ways (a visit and its hosting), ``[:B]`` only from the target's side.
``~`` lines (transformations) are counted and left out: combinations are our own data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimgraph.errors import DataFileError

_BLOCK = re.compile(r"^---\s+(.+?)\s+\[([^\]]*)\](?:\s*---)?")
_CODE = re.compile(r"\[([^\]]*)\]")
_COMMENT = re.compile(r"(?:^|\s)#")
_TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s(){}]+")


@dataclass
class Verb:
    words: list[str]  # lower case; the verb word is words[head]
    head: int
    forms: list[str]  # irregular forms of the verb word, as written
    code: str | None  # its own code, else the block's
    reverse: str | None = None


@dataclass
class Pattern:
    pre: list[dict[str, Any]]
    post: list[dict[str, Any]]
    code: str | None  # source -> target; None: only the reverse
    reverse: str | None  # target -> source ("[042:043]": a visit, and hosting it)
    line: int
    target: str | None = None  # where "+" stands: "dobj", "p:to", "pre"


@dataclass
class Block:
    name: str
    code: str
    reverse: str | None = None  # "[042:043]": the target's act on the source
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass
class VerbDict:
    synsets: dict[str, list[str]]
    blocks: list[Block]
    transformations: int
    skipped: list[str]


def _plurals(word: str) -> list[str]:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return [word, word[:-1] + "ies"]
    if word.endswith(("ss", "sh", "ch", "x")):
        return [word, word + "es"]
    return [word, word + "s"]


def _synset_members(label: str, raw: list[str]) -> list[str]:
    out: list[str] = []
    no_plural = label.endswith("_")
    for item in raw:
        exact = item.endswith("_")
        phrase = item.strip("_").replace("_", " ").lower()
        if not phrase:
            continue
        if no_plural or exact:
            out.append(phrase)
            continue
        words = phrase.split(" ")
        out += [" ".join([*words[:-1], w]) for w in _plurals(words[-1])]
    return list(dict.fromkeys(out))


def _codes(raw: str) -> tuple[str | None, str | None]:
    raw = raw.strip()
    if raw == "###":  # TABARI's discard code: no event
        return "---", None
    if ":" in raw:
        a, b = raw.split(":", 1)
        return (a.strip() or None), (b.strip() or None)
    return (raw or None), None


def _element(tok: str) -> dict[str, Any]:
    if tok.startswith("{"):
        return {"phrase": [w.lower() for w in tok.strip("{}").split()]}
    if tok.startswith("&"):
        return {"synset": tok.rstrip("_").upper()}
    return {"word": tok.lower().strip("_")}


def _pattern_elements(part: str) -> tuple[list[dict[str, Any]], str | None]:
    """Elements of one side of a pattern and where "+" stands on it."""
    elements: list[dict[str, Any]] = []
    target: str | None = None
    for tok in _TOKEN.findall(part):
        if tok.startswith("("):
            inner = _TOKEN.findall(tok.strip("()"))
            if not inner:
                continue
            prep: dict[str, Any] = {"prep": inner[0].lower()}
            rest = [t for t in inner[1:] if t not in ("+", "$", "^", "%")]
            if "+" in inner[1:]:
                target = f"p:{prep['prep']}"
            if rest:
                prep["noun"] = _element(rest[-1]) if len(rest) == 1 else \
                    {"phrase": [w.lower() for t in rest for w in t.strip("{}").split()]}
            elements.append(prep)
        elif tok == "+":
            target = target or "dobj"
        elif tok in ("$", "^", "%"):
            continue
        else:
            elements.append(_element(tok))
    return elements, target


def _verb(line: str, block_code: str) -> Verb:
    code_m = _CODE.search(line)
    code, reverse = _codes(code_m.group(1)) if code_m else (None, None)
    line = _CODE.sub("", line)
    forms_m = re.search(r"\{([^}]*)\}", line)
    forms = forms_m.group(1).split() if forms_m else []
    main = re.sub(r"\{[^}]*\}", "", line).split()[0]
    parts = main.split("_")
    head = next((i for i, p in enumerate(parts) if p.startswith("+")), 0)
    words = [p.lstrip("+").lower() for p in parts if p.lstrip("+")]
    forms = [f.split("_")[head].lstrip("+").lower() if "_" in f else f.lstrip("+").lower()
             for f in forms]
    return Verb(words, min(head, len(words) - 1), forms, code, reverse)


def read_verbs(path: Path) -> VerbDict:
    """Read a verb-pattern dictionary; an unreadable line is a named error."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise DataFileError(f"cannot read the verb dictionary: {exc}", source=str(path)) from exc
    synsets: dict[str, list[str]] = {}
    raw_sets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    current_set: str | None = None
    transformations = 0
    skipped: list[str] = []
    in_comment = False
    for n, full in enumerate(lines, 1):
        line = _COMMENT.split(full, maxsplit=1)[0].rstrip()  # not "[###]"
        if line.lstrip().startswith("<!--") or in_comment:  # XML-style comment lines
            in_comment = "-->" not in line
            continue
        if not line.strip():
            current_set = None
            continue
        if line.startswith("&"):
            current_set = line.split()[0].rstrip("_").upper()
            raw_sets[current_set] = []
            synsets[current_set] = []
            if line.split()[0].endswith("_"):
                raw_sets[current_set].append("\0nopl")
            continue
        if current_set is not None and line.startswith("+") and not blocks:
            raw_sets[current_set].append(line[1:].strip())
            continue
        if line.startswith("~"):
            transformations += 1
            continue
        block = _BLOCK.match(line)
        if block:
            code, reverse = _codes(block.group(2))
            blocks.append(Block(block.group(1).strip(), code or "---", reverse))
            continue
        if not blocks:
            if line.strip() and not line.startswith("+"):
                skipped.append(f"line {n}: {full.strip()[:60]}")
            continue
        try:
            if line.lstrip().startswith("-"):
                blocks[-1].patterns.append(_pattern(line.lstrip()[1:], n))
            else:
                blocks[-1].verbs.append(_verb(line.strip(), blocks[-1].code))
        except (IndexError, ValueError) as exc:
            raise DataFileError(f"line {n}: cannot read {full.strip()!r} ({exc})",
                                source=str(path)) from exc
    for label, raw in raw_sets.items():
        nopl = "\0nopl" in raw
        synsets[label] = _synset_members(label + ("_" if nopl else ""),
                                         [r for r in raw if r != "\0nopl"])
    return VerbDict(synsets, blocks, transformations, skipped)


def _pattern(body: str, line: int) -> Pattern:
    code_m = _CODE.search(body)
    if code_m is None:
        raise ValueError("a pattern without a [code]")
    code, reverse = _codes(code_m.group(1))
    text = body[:code_m.start()]
    if "*" not in text:
        raise ValueError("a pattern without '*'")
    pre_text, post_text = text.split("*", 1)
    pre, pre_target = _pattern_elements(pre_text)
    post, post_target = _pattern_elements(post_text)
    target = post_target or ("pre" if pre_target else None)
    return Pattern(pre, post, code, reverse, line, target)
