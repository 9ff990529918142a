"""The curated lexicon is checked data: what is wrong in it is refused with its name,
never silently replaced or ignored."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from claimgraph.errors import DataFileError
from claimgraph.lexicon import load_curated, parse_curated, regular_forms, strict_yaml

ONTO = yaml.safe_load(resources.files("claimgraph.data").joinpath("ontology.yaml")
                      .read_text("utf-8"))
WORDS = load_curated().words


def curated(text: str) -> Any:
    data = strict_yaml(text, "test.yaml")
    data.setdefault("words", WORDS)
    return parse_curated(data, ONTO, "test.yaml")


def test_the_shipped_lexicon_loads_with_senses_and_particles() -> None:
    lex = load_curated()
    host = lex.triggers[("host", "VERB")]
    assert [t.type for t in host] == ["AID", "CONSULT"]  # two senses, tried in order
    shoot = lex.triggers[("shoot", "VERB")]
    assert shoot[0].particle == "down" and shoot[-1].particle is None  # "shoot down" first
    assert lex.complements["threaten"] == "drop" and lex.complements["refuse"] == "deny"


@pytest.mark.parametrize(("text", "reason"), [
    ("verbs:\n  attack: {type: ASSAULT}\n  attack: {type: COERCE}\n",
     r"line 3: 'attack' is written twice"),
    ("verbs:\n  attack: {type: ASSAULT, objects: [dobj]}\n", r"unknown key\(s\) objects"),
    ("verbs:\n  attack: {type: ASSAULT, obj: [dobject]}\n", r"unknown slot 'dobject'"),
    ("verbs:\n  attack: {type: ASSAULT, obj: [\"p:\"]}\n", r"unknown slot .p:."),
    ("verbs:\n  attack: {type: ATTACK}\n", r"unknown type 'ATTACK'"),
    ("verbs:\n  attack: {type: ASSAULT, mode: weapons}\n", r"mode 'weapons' is not a mode"),
    ("verbs:\n  attack: {obj: [dobj]}\n", r"no type"),
    ("triggers:\n  verbs: {}\n", r"unknown section\(s\) triggers"),
    ("complements:\n  vow: maybe\n", r"complement 'vow': effect 'maybe'"),
    ("words:\n  help_words: [help]\n", r"missing word list\(s\)"),
])
def test_a_bad_lexicon_is_refused_with_its_reason(text: str, reason: str) -> None:
    with pytest.raises(DataFileError, match=reason) as err:
        data = strict_yaml(text, "test.yaml")
        if "words" not in data:
            data["words"] = WORDS
        parse_curated(data, ONTO, "test.yaml")
    assert "test.yaml" in str(err.value)


def test_a_good_entry_reads_as_written() -> None:
    lex = curated("verbs:\n  call off: {type: RETREAT, obj: [dobj, p:with]}\n")
    (sense,) = lex.triggers[("call", "VERB")]
    assert (sense.particle, sense.obj, sense.subj) == ("off", ("dobj", "p:with"),
                                                       ("nsubj", "agent", "clause"))


def test_regular_verb_forms() -> None:
    assert regular_forms("stage") == ["stages", "staged", "staging"]
    assert regular_forms("ally") == ["allies", "allied", "allying"]
    assert regular_forms("attack") == ["attacks", "attacked", "attacking"]


def test_phrasings_are_dependency_patterns_checked_on_load() -> None:
    from claimgraph.extract.phrasings import Phrasings
    from claimgraph.nlp.model import load_model

    vocab = load_model().vocab
    assert set(Phrasings(vocab, load_curated().phrasings).role.values()) == \
        {"agent", "leader", "member"}
    bad_role = {"x": {"role": "boss", "pattern": [{"RIGHT_ID": "a", "RIGHT_ATTRS": {}}]}}
    with pytest.raises(DataFileError, match=r"phrasing 'x': unknown role 'boss'"):
        Phrasings(vocab, bad_role, "test.yaml")
    bad_pattern = {"x": {"role": "agent", "pattern": [{"LEFT_ID": "nowhere"}]}}
    with pytest.raises(DataFileError, match=r"phrasing 'x': not a DependencyMatcher pattern"):
        Phrasings(vocab, bad_pattern, "test.yaml")
