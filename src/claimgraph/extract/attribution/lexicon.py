"""The cue lexicon (data/lexicon/cues.yaml): the words by which a report says who says
something, each verb with the frames it takes. Checked when it loads: an unknown
section, key, frame or polarity, or a word written twice, is refused with its name."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from claimgraph.errors import DataFileError
from claimgraph.lexicon import VerbLexicon, load_verb_lexicon, read_data, strict_yaml

SOURCE = "claimgraph/data/lexicon/cues.yaml"
SECTIONS = {"version", "verbs", "cameo", "nouns", "prepositions", "owner_voices",
            "state_organs"}
CAMEO_KEYS = {"codes", "frames", "carries"}
CLASS_KEYS = {"frames", "carries", "any_noun", "polarity", "words"}
FRAMES = {"clause", "to", "quote", "tell", "of", "object", "record", "as", "cite"}
POLARITIES = {"deny"}


@dataclass(frozen=True)
class VerbCue:
    lemma: str
    cls: str  # the class it is listed under: speech, belief, denial ...
    frames: frozenset[str]
    carries: bool
    polarity: str | None = None
    any_noun: bool = False  # any noun subject is a speaker


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, VerbCue]
    nouns: frozenset[str]
    prepositions: frozenset[tuple[str, ...]] = frozenset()
    owner_voices: frozenset[str] = frozenset()
    state_organs: frozenset[str] = frozenset()
    # derived once: the relay verbs ("citing Y"), and what a source phrase starts with
    relays: frozenset[str] = field(init=False)
    phrase_firsts: frozenset[str] = field(init=False)
    longest_phrase: int = field(init=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # a frozen record filled once
        set_(self, "relays", frozenset(w for w, v in self.verbs.items() if "cite" in v.frames))
        set_(self, "phrase_firsts", frozenset(p[0] for p in self.prepositions))
        set_(self, "longest_phrase", max((len(p) for p in self.prepositions), default=0))

    def denials(self) -> set[str]:
        return {v.lemma for v in self.verbs.values() if v.polarity == "deny"}


def _words(value: Any, where: str, source: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
        raise DataFileError(f"{where}: expected a list of words", source=source)
    seen: set[str] = set()
    for w in value:
        if w in seen:
            raise DataFileError(f"{where}: {w!r} is written twice", source=source)
        seen.add(w)
    return list(value)


def _verb_class(name: str, spec: Any, source: str) -> list[VerbCue]:
    if not isinstance(spec, dict) or set(spec) - CLASS_KEYS:
        raise DataFileError(f"verbs.{name}: unknown key(s) "
                            f"{sorted(set(spec) - CLASS_KEYS) if isinstance(spec, dict) else spec}"
                            f"; allowed: {sorted(CLASS_KEYS)}", source=source)
    frames = set(_words(spec.get("frames"), f"verbs.{name}.frames", source))
    if frames - FRAMES or not frames:
        raise DataFileError(f"verbs.{name}: unknown frame(s) {sorted(frames - FRAMES)}; "
                            f"allowed: {sorted(FRAMES)}", source=source)
    polarity = spec.get("polarity")
    if polarity is not None and polarity not in POLARITIES:
        raise DataFileError(f"verbs.{name}: unknown polarity {polarity!r}", source=source)
    carries, any_noun = spec.get("carries", False), spec.get("any_noun", False)
    if not isinstance(carries, bool) or not isinstance(any_noun, bool):
        raise DataFileError(f"verbs.{name}: carries and any_noun are true or false",
                            source=source)
    return [VerbCue(w, name, frozenset(frames), carries, polarity, any_noun)
            for w in _words(spec.get("words"), f"verbs.{name}.words", source)]


def _from_cameo(spec: Any, listed: dict[str, VerbCue], cameo: VerbLexicon,
                source: str) -> dict[str, VerbCue]:
    """The one-word verbs of CAMEO blocks whose code starts with one of ``codes``."""
    if not isinstance(spec, dict) or set(spec) - CAMEO_KEYS:
        raise DataFileError(f"cameo: allowed keys are {sorted(CAMEO_KEYS)}", source=source)
    codes = tuple(str(c) for c in _words(spec.get("codes"), "cameo.codes", source))
    frames = set(_words(spec.get("frames"), "cameo.frames", source))
    if frames - FRAMES or not frames:
        raise DataFileError(f"cameo: unknown frame(s) {sorted(frames - FRAMES)}",
                            source=source)
    blocks = {name for name, b in cameo.blocks.items() if str(b["code"]).startswith(codes)}
    out: dict[str, VerbCue] = {}
    for lemma, senses in cameo.verbs.items():
        if lemma in listed or " " in lemma or not any(
                s["block"] in blocks and len(s["words"]) == 1 for s in senses):
            continue
        out[lemma] = VerbCue(lemma, "cameo", frozenset(frames), bool(spec.get("carries")))
    return out


def parse_cues(data: Any, source: str = SOURCE, cameo: VerbLexicon | None = None,
               ) -> CueLexicon:
    if not isinstance(data, dict) or set(data) - SECTIONS:
        extra = sorted(set(data) - SECTIONS) if isinstance(data, dict) else data
        raise DataFileError(f"unknown section(s) {extra}; allowed: {sorted(SECTIONS)}",
                            source=source)
    verbs: dict[str, VerbCue] = {}
    for name, spec in (data.get("verbs") or {}).items():
        for cue in _verb_class(name, spec, source):
            if cue.lemma in verbs:
                raise DataFileError(f"verb {cue.lemma!r} is listed under both "
                                    f"{verbs[cue.lemma].cls} and {name}", source=source)
            verbs[cue.lemma] = cue
    if data.get("cameo") is not None:
        verbs.update(_from_cameo(data["cameo"], verbs, cameo or load_verb_lexicon(), source))
    preps = frozenset(tuple(p.lower().split()) for p in
                      _words(data.get("prepositions") or [], "prepositions", source))
    return CueLexicon(verbs, frozenset(_words(data.get("nouns") or [], "nouns", source)),
                      preps, frozenset(_words(data.get("owner_voices") or [],
                                              "owner_voices", source)),
                      frozenset(_words(data.get("state_organs") or [], "state_organs",
                                       source)))


@lru_cache(maxsize=1)
def load_cues() -> CueLexicon:
    return parse_cues(strict_yaml(read_data("cues.yaml"), SOURCE))
