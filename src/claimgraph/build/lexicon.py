"""The lexicon build: a PETRARCH verb-pattern dictionary and the CAMEO->PLOVER table
compiled into the verb lexicon shipped as data/lexicon/cameo.json.

Each verb keeps its words, irregular forms and block; each block its code and
patterns; each CAMEO code its PLOVER type, mode and contexts. A code with no PLOVER
type (01 statements, 02 appeals) is kept as an attribution cue, not an event. The
curated file (data/lexicon/curated.yaml, ``codes``) corrects codes the table maps
badly; our own triggers there take precedence over the dictionary when the lexicon
loads (extract/lexicon.py). Licences: the dictionary is MIT (Open Event Data
Alliance), the mapping CC BY-SA 4.0 (PLOVER); both are recorded in the built file.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from claimgraph.build.verbdict import read_verbs
from claimgraph.errors import DataFileError
from claimgraph.ontology import load_ontology

_MAP = re.compile(r"^(\d{2,4}):\s*([A-Z_]+)\s*,([^,#]*),?([^#]*)")
# CAMEO roots without a PLOVER type: what they code is speech, read by attribution
CUE_ROOTS = {"01": "statement", "02": "appeal"}
LICENCES = {
    "dictionary": "PETRARCH2 CAMEO verb dictionary, MIT License, (c) 2015 Open Event "
                  "Data Alliance",
    "mapping": "CAMEO2PLOVER conversion table, PLOVER manual, CC BY-SA 4.0, Open Event "
               "Data Alliance",
}


def read_mapping(path: Path) -> dict[str, dict[str, Any]]:
    """CAMEO code -> {type, mode, contexts} from the CAMEO2PLOVER table."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(f"cannot read the mapping: {exc}", source=str(path)) from exc
    out: dict[str, dict[str, Any]] = {}
    for line in lines:
        m = _MAP.match(line.strip())
        if m is None or len(m.group(1)) == 2:  # "03: AGREE" heads a section
            continue
        code, kind = m.group(1), m.group(2)
        mode = m.group(3).strip() or None
        contexts = [c.strip() for c in m.group(4).split(";") if c.strip()]
        out.setdefault(code, {"type": kind, "mode": mode, "contexts": contexts})
    if not out:
        raise DataFileError("no 'CODE: TYPE, mode, contexts' lines", source=str(path))
    return out


def _curated_codes() -> dict[str, Any]:
    text = resources.files("claimgraph.data").joinpath("lexicon", "curated.yaml") \
        .read_text("utf-8")
    return dict((yaml.safe_load(text) or {}).get("codes") or {})


def code_table(codes: set[str], mapping: dict[str, dict[str, Any]],
               fixes: dict[str, Any], stand_in: str | None = None) -> dict[str, dict[str, Any]]:
    """What each raw code means: a PLOVER event, an attribution cue, or nothing.
    ``stand_in``: the type of every code, the table unused (for dictionaries whose
    codes are not CAMEO's, such as PETRARCH's validation set: only the raw code counts)."""
    onto = load_ontology()
    out: dict[str, dict[str, Any]] = {}
    for code in sorted(codes):
        if code in fixes:
            out[code] = dict(fixes[code]) if fixes[code] else {"none": True}
            continue
        if stand_in is not None:
            out[code] = {"type": stand_in, "mode": None, "contexts": []}
            continue
        if code[:2] in CUE_ROOTS:
            out[code] = {"cue": CUE_ROOTS[code[:2]]}
            continue
        found = next((mapping[code[:n]] for n in (4, 3) if code[:n] in mapping), None)
        if found is None:
            out[code] = {"none": True}
            continue
        spec = onto.event_types.get(found["type"])
        if spec is None:
            raise DataFileError(f"code {code} maps to unknown type {found['type']!r}",
                                source="CAMEO2PLOVER")
        mode = found["mode"] if found["mode"] in (spec.get("modes") or []) else None
        out[code] = {"type": found["type"], "mode": mode, "contexts": found["contexts"]}
    return out


def build(verbs_path: Path, mapping_path: Path, stand_in: str | None = None) -> dict[str, Any]:
    """The compiled lexicon; ``stand_in`` as in code_table, and then without our code
    fixes (they are for CAMEO)."""
    vd = read_verbs(verbs_path)
    mapping = read_mapping(mapping_path)
    verbs: dict[str, list[dict[str, Any]]] = {}
    blocks: dict[str, dict[str, Any]] = {}
    used: set[str] = set()
    for block in vd.blocks:
        name = block.name
        while name in blocks:  # blocks may share a description ("MOVE")
            name += "'"
        patterns = []
        for p in block.patterns:
            patterns.append({k: v for k, v in asdict(p).items() if v not in (None, [])})
            used.update(c for c in (p.code, p.reverse) if c and c != "---")
        blocks[name] = {"code": block.code, "patterns": patterns}
        if block.reverse:
            blocks[name]["reverse"] = block.reverse
        used.update(c for c in (block.code, block.reverse) if c and c != "---")
        for v in block.verbs:
            entry = {"block": name, "words": v.words, "head": v.head}
            if v.code:
                entry["code"] = v.code
            if v.reverse:
                entry["reverse"] = v.reverse
            used.update(c for c in (v.code, v.reverse) if c and c != "---")
            if v.forms:
                entry["forms"] = v.forms
            verbs.setdefault(v.words[v.head], []).append(entry)
    return {
        "built_from": {"verbs": verbs_path.name, "mapping": mapping_path.name,
                       "licences": LICENCES,
                       "counts": {"verbs": sum(len(v) for v in verbs.values()),
                                  "blocks": len(blocks),
                                  "patterns": sum(len(b["patterns"]) for b in blocks.values()),
                                  "synsets": len(vd.synsets),
                                  "transformations_left_out": vd.transformations}},
        "synsets": vd.synsets,
        "codes": code_table(used, mapping, {} if stand_in else _curated_codes(), stand_in),
        "verbs": dict(sorted(verbs.items())),
        "blocks": blocks,
    }


def write(built: dict[str, Any], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(built, ensure_ascii=False, sort_keys=True, indent=0) + "\n",
                      encoding="utf-8")
