"""The versioned prompt (data/llm/<version>.yaml): checked against the ontology when
loaded, and turned into chat messages and the JSON Schema the server must answer in."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from claimgraph.errors import DataFileError
from claimgraph.ontology import Ontology

FIELDS = ("source", "target", "type", "mode", "polarity", "hedged", "quote", "says")
POLARITIES = ("asserted", "denied")


@dataclass(frozen=True)
class Prompt:
    version: str
    system: str
    types: dict[str, str]  # event type -> what it means
    modes: dict[str, tuple[str, ...]]  # event type -> its modes (the ontology's)
    examples: tuple[dict[str, Any], ...]
    max_events: int
    max_name: int
    max_quote: int

    def messages(self, passage: str, mentions: list[str]) -> list[dict[str, str]]:
        """The chat for one passage: instructions, definitions, the examples as turns."""
        chat = [{"role": "system", "content": self._system()}]
        for ex in self.examples:
            chat.append({"role": "user", "content": _ask(ex["passage"], ex["mentions"])})
            chat.append({"role": "assistant",
                         "content": json.dumps({"events": ex["events"]}, ensure_ascii=False)})
        chat.append({"role": "user", "content": _ask(passage, mentions)})
        return chat

    def _system(self) -> str:
        lines = [self.system.rstrip(), "", "Types (modes in brackets):"]
        for name, meaning in self.types.items():
            modes = self.modes.get(name, ())
            lines.append(f"- {name}: {meaning}" + (f" [{', '.join(modes)}]" if modes else ""))
        return "\n".join(lines)

    def schema(self) -> dict[str, Any]:
        """The answer's JSON Schema (the server's ``response_format``)."""
        name = {"type": "string", "maxLength": self.max_name}

        def event(etype: str) -> dict[str, Any]:  # each type with its own modes
            return {"type": "object", "additionalProperties": False,
                    "required": list(FIELDS), "properties": {
                        "source": name, "target": name, "says": name,
                        "type": {"const": etype},
                        "mode": {"enum": ["", *self.modes.get(etype, ())]},
                        "polarity": {"enum": list(POLARITIES)},
                        "hedged": {"type": "boolean"},
                        "quote": {"type": "string", "minLength": 1,
                                  "maxLength": self.max_quote}}}

        return {"type": "object", "additionalProperties": False, "required": ["events"],
                "properties": {"events": {
                    "type": "array", "maxItems": self.max_events,
                    "items": {"anyOf": [event(t) for t in self.types]}}}}


def _ask(passage: str, mentions: list[str]) -> str:
    listed = "; ".join(mentions) if mentions else "(none)"
    return f"Passage: {passage}\nMentions: {listed}"


def load_prompt(version: str, ontology: Ontology) -> Prompt:
    """The bundled prompt ``version`` (data/llm/<version>.yaml), or a prompt file of
    one's own given by its path (a name ending in .yaml), checked against ``ontology``."""
    path: Any
    if version.endswith((".yaml", ".yml")):
        path, source = Path(version), version
    else:
        path = resources.files("claimgraph.data").joinpath("llm", f"{version}.yaml")
        source = f"claimgraph/data/llm/{version}.yaml"
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (FileNotFoundError, IsADirectoryError) as exc:
        raise DataFileError("no such prompt version", source=source) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"not YAML: {exc}", source=source) from exc
    return parse_prompt(data, ontology, source)


def parse_prompt(data: Any, ontology: Ontology, source: str) -> Prompt:
    if not isinstance(data, dict):
        raise DataFileError("a prompt file is a mapping", source=source)
    try:
        types = {str(k): str(v) for k, v in data["types"].items()}
        limits = data["limits"]
        prompt = Prompt(
            version=str(data["version"]), system=str(data["system"]), types=types,
            modes={t: _modes(t, ontology) for t in types},
            examples=tuple(data.get("examples") or ()),
            max_events=int(limits["events"]), max_name=int(limits["name"]),
            max_quote=int(limits["quote"]))
    except (KeyError, AttributeError, TypeError, ValueError) as exc:
        raise DataFileError(f"missing or malformed entry: {exc}", source=source) from exc
    events = {t for t, spec in ontology.event_types.items() if not spec.get("standing")}
    if set(types) != events:
        raise DataFileError(f"types must be the ontology's event types: missing "
                            f"{sorted(events - set(types))}, unknown "
                            f"{sorted(set(types) - events)}", source=source)
    for i, ex in enumerate(prompt.examples):
        _check_example(prompt, ex, f"{source}: example {i + 1}")
    return prompt


def _modes(event_type: str, ontology: Ontology) -> tuple[str, ...]:
    if event_type == "AID":
        return tuple(ontology.aid_modes)
    return tuple(ontology.event_types[event_type].get("modes") or ())


def _check_example(prompt: Prompt, ex: Any, where: str) -> None:
    if not isinstance(ex, dict) or not {"passage", "mentions", "events"} <= set(ex):
        raise DataFileError("an example has passage, mentions and events", source=where)
    for ev in ex["events"]:
        if set(ev) != set(FIELDS):
            raise DataFileError(f"an event has exactly the fields {', '.join(FIELDS)}",
                                source=where)
        if ev["type"] not in prompt.types or \
                (ev["mode"] and ev["mode"] not in prompt.modes[ev["type"]]):
            raise DataFileError(f"unknown type or mode {ev['type']}/{ev['mode']}",
                                source=where)
        if ev["quote"] not in ex["passage"]:
            raise DataFileError(f"quote {ev['quote']!r} is not in its passage", source=where)
