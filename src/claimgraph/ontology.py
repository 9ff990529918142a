"""The ontology data file (PLOVER 2 + our AID modes + trigger lexicon), loaded once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from claimgraph.errors import DataFileError


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str  # VERB | NOUN | ADJ
    type: str
    mode: str | None = None
    subj: tuple[str, ...] = ()
    obj: tuple[str, ...] = ()
    theme: tuple[str, ...] = ("dobj", "p:with", "p:for", "compound", "amod", "conj")
    inverse: bool = False
    counter: str | None = None
    symmetric: bool = False
    needs_theme: bool = False
    needs_obj: bool = False
    needs_theme_word: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()
    body_type: str | None = None  # the tie when the object is a body: "joined NATO"
    guess: bool = True  # may the object be guessed from the clause when no slot holds it


@dataclass(frozen=True)
class Ontology:
    event_types: dict[str, dict[str, Any]]
    families: dict[str, list[str]]
    aid_modes: dict[str, list[str]]
    contexts: dict[str, list[str]]
    triggers: dict[tuple[str, str], Trigger]
    titles: dict[str, list[str]]
    attribution: dict[str, list[str]]
    _family_of: dict[str, str] = field(default_factory=dict)

    def family(self, event_type: str) -> str:
        return self._family_of.get(event_type, event_type)

    def is_symmetric(self, event_type: str) -> bool:
        return bool(self.event_types.get(event_type, {}).get("symmetric"))

    def is_joint(self, event_type: str) -> bool:
        """Done together (a meeting, an agreement): two subjects are its two sides."""
        spec = self.event_types.get(event_type, {})
        return bool(spec.get("symmetric") or spec.get("joint"))

    def is_standing(self, event_type: str) -> bool:
        """A standing tie (MEMBER_OF, LEADER_OF, PART_OF), not an event."""
        return bool(self.event_types.get(event_type, {}).get("standing"))


_POS = {"verbs": "VERB", "nouns": "NOUN", "adjectives": "ADJ"}
_VERB_SUBJ = ("nsubj", "agent", "clause")
_NOUN_SUBJ = ("poss", "amod", "compound", "clause")


def _trigger(lemma: str, pos: str, spec: dict[str, Any]) -> Trigger:
    default_subj = _VERB_SUBJ if pos == "VERB" else _NOUN_SUBJ
    kwargs: dict[str, Any] = {
        "lemma": lemma,
        "pos": pos,
        "type": spec["type"],
        "mode": spec.get("mode"),
        "subj": tuple(spec.get("subj", default_subj)),
        "obj": tuple(spec.get("obj", ())),
        "inverse": bool(spec.get("inverse", False)),
        "counter": spec.get("counter"),
        "symmetric": bool(spec.get("symmetric", False)),
        "needs_theme": bool(spec.get("needs_theme", False)),
        "needs_obj": bool(spec.get("needs_obj", False)),
        "needs_theme_word": tuple(spec.get("needs_theme_word", ())),
        "contexts": tuple(spec.get("contexts", ())),
        "body_type": spec.get("body_type"),
        "guess": bool(spec.get("guess", True)),
    }
    if "theme" in spec:
        kwargs["theme"] = tuple(spec["theme"])
    return Trigger(**kwargs)


def parse_ontology(data: dict[str, Any], source: str = "ontology") -> Ontology:
    try:
        triggers: dict[tuple[str, str], Trigger] = {}
        for group, pos in _POS.items():
            for lemma, spec in (data["triggers"].get(group) or {}).items():
                for key in ("type", "body_type"):
                    if spec.get(key, spec["type"]) not in data["event_types"]:
                        raise DataFileError(f"trigger {lemma!r} has unknown {key} "
                                            f"{spec[key]!r}", source=source)
                triggers[(lemma, pos)] = _trigger(lemma, pos, spec)
        family_of = {t: fam for fam, types in data["families"].items() for t in types}
        return Ontology(
            event_types=data["event_types"],
            families=data["families"],
            aid_modes=data["aid_modes"],
            contexts=data["contexts"],
            triggers=triggers,
            titles=data["titles"],
            attribution=data["attribution"],
            _family_of=family_of,
        )
    except KeyError as exc:
        raise DataFileError(f"missing section {exc}", source=source) from exc


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    text = resources.files("claimgraph.data").joinpath("ontology.yaml").read_text("utf-8")
    return parse_ontology(yaml.safe_load(text), source="claimgraph/data/ontology.yaml")
