"""Claims in words, for people (data/words.yaml): the verb of each event type, asserted
and denied, a mode's own verb where it has one, and modes in words. Checked against the
ontology when loaded: a type without words, or words for a type or mode the ontology
does not have, is refused."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from claimgraph.errors import DataFileError
from claimgraph.ontology import Ontology, load_ontology

SOURCE = "claimgraph/data/words.yaml"


def check_words(data: Any, ontology: Ontology, source: str = SOURCE) -> dict[str, Any]:
    if not isinstance(data, dict) or not isinstance(data.get("claims"), dict):
        raise DataFileError("expected a 'claims:' mapping", source=source)
    claims: dict[str, Any] = data["claims"]
    modes: dict[str, Any] = data.get("modes") or {}
    for key, entry in claims.items():
        etype, _, mode = str(key).partition("/")
        spec = ontology.event_types.get(etype)
        if spec is None:
            raise DataFileError(f"claims.{key}: no such event type", source=source)
        known = set(spec.get("modes") or []) | (set(ontology.aid_modes) if etype == "AID"
                                                 else set())
        if mode and mode not in known:
            raise DataFileError(f"claims.{key}: {etype} has no mode {mode!r}", source=source)
        if not (isinstance(entry, dict) and set(entry) == {"asserted", "denied"}
                and all(isinstance(v, str) and v for v in entry.values())):
            raise DataFileError(f"claims.{key}: expected 'asserted' and 'denied' verbs",
                                source=source)
    missing = sorted(set(ontology.event_types) - set(claims))
    if missing:
        raise DataFileError(f"no words for the event type(s) {', '.join(missing)}",
                            source=source)
    every_mode = {m for s in ontology.event_types.values() for m in s.get("modes") or []}
    unknown = sorted(set(modes) - every_mode - set(ontology.aid_modes))
    if unknown:
        raise DataFileError(f"modes: no such mode(s) {', '.join(unknown)}", source=source)
    return {"claims": claims, "modes": modes}


@cache
def load_words() -> dict[str, Any]:
    text = resources.files("claimgraph.data").joinpath("words.yaml").read_text("utf-8")
    return check_words(yaml.safe_load(text), load_ontology())
