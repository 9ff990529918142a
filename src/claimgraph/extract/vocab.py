"""The actor layer's words, from the lexicon's word lists (data/lexicon/curated.yaml),
loaded once: language data apart from the rules that read it."""

from __future__ import annotations

import re

from claimgraph.gazetteer import ARABIC_ARTICLES
from claimgraph.lexicon import load_curated

WORDS = load_curated().words
LOCATIVE_PREPS = set(WORDS["locative_preps"])
MEDIA_WORDS = re.compile(rf"\b({'|'.join(map(re.escape, WORDS['media_words']))})\b", re.I)
DESCRIPTION_TYPES = {k: set(v) for k, v in WORDS["description_types"].items()}
PERSON_TITLES = set(WORDS["person_titles"])
POSSESSIVE = {"'s", "’s", "'", "’"}  # the marks of a possessive: orthography, not words
STATE_SECTORS = set(WORDS["state_sectors"])
# words before a name that do not decide its capital: "the", "al-Qaeda in Iraq"
LEADING_WORDS = {"the", "-", *ARABIC_ARTICLES, *(f"{a}-" for a in ARABIC_ARTICLES)}
KNOWN_AS = set(WORDS["known_as"])
WING_ROLES = dict(WORDS["wing_roles"])
PLACE_NAME_PREPS = set(WORDS["place_name_preps"])
PLACE_NOUNS = set(WORDS["place_nouns"])
PLACE_EVENTS = set(WORDS["place_events"])
MOTION = set(WORDS["motion"])
NAME_SUFFIXES = set(WORDS["name_suffixes"])
