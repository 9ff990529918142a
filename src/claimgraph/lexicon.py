"""The lexicon: our curated event words (data/lexicon/curated.yaml) and the CAMEO verb
dictionary compiled by ``claimgraph lexicon build`` (data/lexicon/cameo.json).

The curated file is checked when it loads: a duplicate entry, an unknown key, slot,
type or mode, or an unknown word list is refused with its name, never silently
replaced or ignored. A lemma may have several senses (a list), tried in order; a
multi-word verb ("shoot down") needs its particle or preposition in the parse.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from claimgraph.errors import DataFileError

POS = {"verbs": "VERB", "nouns": "NOUN", "adjectives": "ADJ"}
TRIGGER_KEYS = {"type", "mode", "subj", "obj", "theme", "inverse", "counter", "symmetric",
                "needs_theme", "needs_obj", "needs_theme_word", "contexts", "body_type",
                "guess"}
SLOTS = {"nsubj", "nsubjpass", "agent", "dobj", "dative", "poss", "compound", "amod",
         "clause", "cause_of", "ccomp_subj", "comp", "conj", "dobj_deep", "object"}
THEME_SLOTS = {"dobj", "compound", "amod", "conj"}
# what a governing verb does to the act it governs: "threatened to attack X" (drop: the
# threat is the claim), "vowed to attack X" (hedge), "refused to meet X" (deny)
COMPLEMENT_EFFECTS = {"drop", "hedge", "deny"}
SECTIONS = {"version", "verbs", "nouns", "adjectives", "codes", "complements", "words",
            "nominal", "phrasings"}
WORD_LISTS = {"help_words", "claim_verbs", "partner_verbs", "reason_preps", "causal",
              "relay_preps", "path_preps", "facilities", "hearsay",
              "include_verbs", "collective", "by_ties", "member_verbs",
              "locative_preps", "place_name_preps", "place_nouns", "place_events",
              "media_words", "description_types", "person_titles", "state_sectors",
              "known_as", "wing_roles", "motion", "name_suffixes", "communities",
              "sector_names", "composition_preps", "unique_organ_sectors",
              "body_nouns", "not_people", "name_generics"}


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
    particle: str | None = None  # "shoot down": the word the parse must hang on the verb
    code: str | None = None  # the dictionary's raw code (CAMEO), where it came from there
    # (type, mode, code) of the target's act on the source that the same words say
    # ("visited": the host hosts), where the dictionary codes both ("[042:043]")
    reciprocal: tuple[str, str | None, str] | None = None
    patterned: bool = False  # a dictionary pattern matched more than the verb itself


@dataclass(frozen=True)
class Curated:
    triggers: dict[tuple[str, str], tuple[Trigger, ...]]
    complements: dict[str, str]
    words: dict[str, Any]
    nominal: dict[str, str]
    codes: dict[str, Any]
    phrasings: dict[str, Any] = field(default_factory=dict)  # checked by extract/phrasings.py


@dataclass
class VerbLexicon:
    """The compiled verb dictionary: verbs by lemma, blocks of patterns, raw codes."""

    verbs: dict[str, list[dict[str, Any]]]
    blocks: dict[str, dict[str, Any]]
    synsets: dict[str, list[str]]
    codes: dict[str, dict[str, Any]]
    built_from: dict[str, Any] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)  # irregular form -> lemma

    def __post_init__(self) -> None:
        for lemma, entries in self.verbs.items():
            for e in entries:
                for f in e.get("forms", ()):
                    self.forms.setdefault(f, lemma)
        for lemma in self.verbs:  # the regular forms, as PETRARCH makes them
            for f in regular_forms(lemma):
                self.forms.setdefault(f, lemma)


def regular_forms(verb: str) -> list[str]:
    """-s, -ed and -ing forms of a regular English verb ("stage": stages, staged,
    staging; "ally": allies, allied)."""
    if verb.endswith("e"):
        return [verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return [verb + "es", verb + "ed", verb + "ing"]
    return [verb + "s", verb + "ed", verb + "ing"]


class _StrictLoader(yaml.SafeLoader):
    """A YAML loader that refuses a key written twice in one mapping."""


def _mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise DataFileError(f"line {key_node.start_mark.line + 1}: {key!r} is written "
                                "twice (make it a list of senses)", source=loader.name)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def strict_yaml(text: str, source: str) -> Any:
    loader = _StrictLoader(text)
    loader.name = source
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {exc}", source=source) from exc
    finally:
        loader.dispose()


def _check_slots(where: str, slots: list[str], allowed: set[str], source: str) -> None:
    for s in slots:
        if not isinstance(s, str) or not (s in allowed or (s[:2] in ("p:", "q:") and
                                                            len(s) > 2 and " " not in s)):
            raise DataFileError(f"{where}: unknown slot {s!r} (slots: "
                                f"{', '.join(sorted(allowed))}, p:PREP, q:PREP)",
                                source=source)


def _sense(lemma: str, pos: str, spec: Any, onto: dict[str, Any], source: str) -> Trigger:
    where = f"{pos.lower()} {lemma!r}"
    if not isinstance(spec, dict):
        raise DataFileError(f"{where}: an entry is a mapping, not {spec!r}", source=source)
    unknown = set(spec) - TRIGGER_KEYS
    if unknown:
        raise DataFileError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}",
                            source=source)
    types = onto["event_types"]
    for key in ("type", "body_type"):
        if key in spec and spec[key] not in types:
            raise DataFileError(f"{where}: unknown {key} {spec[key]!r}", source=source)
    if "type" not in spec:
        raise DataFileError(f"{where}: no type", source=source)
    modes = set(onto["aid_modes"]) if spec["type"] == "AID" else \
        set(types[spec["type"]].get("modes") or [])
    if spec.get("mode") is not None and spec["mode"] not in modes:
        raise DataFileError(f"{where}: mode {spec['mode']!r} is not a mode of "
                            f"{spec['type']}", source=source)
    for key in ("subj", "obj"):
        _check_slots(where, list(spec.get(key, [])), SLOTS, source)
    _check_slots(where, list(spec.get("theme", [])), THEME_SLOTS, source)
    words = lemma.split()
    default_subj = ("nsubj", "agent", "clause") if pos == "VERB" else \
        ("poss", "amod", "compound", "clause")
    kwargs: dict[str, Any] = {
        "lemma": words[0], "pos": pos, "type": spec["type"], "mode": spec.get("mode"),
        "subj": tuple(spec.get("subj", default_subj)), "obj": tuple(spec.get("obj", ())),
        "inverse": bool(spec.get("inverse", False)), "counter": spec.get("counter"),
        "symmetric": bool(spec.get("symmetric", False)),
        "needs_theme": bool(spec.get("needs_theme", False)),
        "needs_obj": bool(spec.get("needs_obj", False)),
        "needs_theme_word": tuple(spec.get("needs_theme_word", ())),
        "contexts": tuple(spec.get("contexts", ())), "body_type": spec.get("body_type"),
        "guess": bool(spec.get("guess", True)),
        "particle": " ".join(words[1:]) or None,
    }
    if "theme" in spec:
        kwargs["theme"] = tuple(spec["theme"])
    return Trigger(**kwargs)


def parse_curated(data: Any, onto: dict[str, Any], source: str = "curated") -> Curated:
    if not isinstance(data, dict):
        raise DataFileError("the lexicon is a mapping of sections", source=source)
    unknown = set(data) - SECTIONS
    if unknown:
        raise DataFileError(f"unknown section(s) {', '.join(sorted(unknown))}", source=source)
    triggers: dict[tuple[str, str], list[Trigger]] = {}
    for group, pos in POS.items():
        for lemma, spec in (data.get(group) or {}).items():
            senses = spec if isinstance(spec, list) else [spec]
            found = [_sense(str(lemma), pos, s, onto, source) for s in senses]
            key = (found[0].lemma, pos)
            # a multi-word sense is tried before the verb alone
            triggers[key] = sorted([*triggers.get(key, []), *found],
                                   key=lambda t: t.particle is None)
    complements = dict(data.get("complements") or {})
    for verb, effect in complements.items():
        if effect not in COMPLEMENT_EFFECTS:
            raise DataFileError(f"complement {verb!r}: effect {effect!r} is not one of "
                                f"{', '.join(sorted(COMPLEMENT_EFFECTS))}", source=source)
    words = dict(data.get("words") or {})
    unknown = set(words) - WORD_LISTS
    if unknown:
        raise DataFileError(f"unknown word list(s) {', '.join(sorted(unknown))}",
                            source=source)
    missing = WORD_LISTS - set(words)
    if missing:
        raise DataFileError(f"missing word list(s) {', '.join(sorted(missing))}",
                            source=source)
    return Curated({k: tuple(v) for k, v in triggers.items()}, complements, words,
                   dict(data.get("nominal") or {}), dict(data.get("codes") or {}),
                   dict(data.get("phrasings") or {}))


def read_data(name: str) -> str:
    """A file of data/lexicon/, as text."""
    return resources.files("claimgraph.data").joinpath("lexicon", name).read_text("utf-8")


@lru_cache(maxsize=1)
def load_curated() -> Curated:
    onto = yaml.safe_load(resources.files("claimgraph.data").joinpath("ontology.yaml")
                          .read_text("utf-8"))
    source = "claimgraph/data/lexicon/curated.yaml"
    return parse_curated(strict_yaml(read_data("curated.yaml"), source), onto, source)


def read_verb_lexicon(data: dict[str, Any], source: str) -> VerbLexicon:
    try:
        return VerbLexicon(data["verbs"], data["blocks"], data["synsets"], data["codes"],
                           data.get("built_from", {}))
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"not a built lexicon (missing {exc})", source=source) from exc


@lru_cache(maxsize=1)
def load_verb_lexicon() -> VerbLexicon:
    return read_verb_lexicon(json.loads(read_data("cameo.json")),
                             "claimgraph/data/lexicon/cameo.json")


def verb_lexicon_from(path: Path) -> VerbLexicon:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot read the lexicon: {exc}", source=str(path)) from exc
    return read_verb_lexicon(data, str(path))
