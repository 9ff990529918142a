"""The ontology data file (PLOVER 2 + our AID modes + standing ties), loaded once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from claimgraph.errors import DataFileError
from claimgraph.lexicon import Curated, Trigger, load_curated

__all__ = ["Ontology", "Trigger", "load_ontology", "parse_ontology"]


@dataclass(frozen=True)
class Ontology:
    event_types: dict[str, dict[str, Any]]
    families: dict[str, list[str]]
    aid_modes: dict[str, list[str]]
    contexts: dict[str, list[str]]
    triggers: dict[tuple[str, str], tuple[Trigger, ...]]  # senses, tried in order
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

    def needs_target(self, event_type: str) -> bool:
        """An event of this type is no statement without a target (giving needs a
        receiver: "sent 10,000 soldiers to the region" aids no one)."""
        spec = self.event_types.get(event_type, {})
        return bool(spec.get("standing") or spec.get("needs_target") or spec.get("joint") or
                    spec.get("symmetric"))

    def is_standing(self, event_type: str) -> bool:
        """A standing tie (MEMBER_OF, LEADER_OF, PART_OF), not an event."""
        return bool(self.event_types.get(event_type, {}).get("standing"))


def parse_ontology(data: dict[str, Any], source: str = "ontology",
                   curated: Curated | None = None) -> Ontology:
    """The ontology file; the event words are the curated lexicon's (checked there)."""
    try:
        family_of = {t: fam for fam, types in data["families"].items() for t in types}
        return Ontology(
            event_types=data["event_types"],
            families=data["families"],
            aid_modes=data["aid_modes"],
            contexts=data["contexts"],
            triggers=(curated or load_curated()).triggers,
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
