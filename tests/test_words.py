"""Claims in words (data/words.yaml): the shipped file covers every event type, and the
loader refuses a file that misses one or names what the ontology lacks."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.errors import DataFileError
from claimgraph.ontology import load_ontology
from claimgraph.words import check_words, load_words


def _words() -> dict[str, Any]:
    return {"claims": dict(load_words()["claims"]), "modes": dict(load_words()["modes"])}


def test_the_shipped_words_cover_every_event_type() -> None:
    words = load_words()["claims"]
    assert set(load_ontology().event_types) <= {k.split("/")[0] for k in words}
    assert words["AID/weapons"] == {"asserted": "arms", "denied": "denies arming"}


@pytest.mark.parametrize(("change", "message"), [
    (lambda w: w["claims"].pop("ASSAULT"), "no words for the event type(s) ASSAULT"),
    (lambda w: w["claims"].update({"HUG": {"asserted": "hugs", "denied": "x"}}),
     "claims.HUG: no such event type"),
    (lambda w: w["claims"].update({"AID/kisses": {"asserted": "a", "denied": "b"}}),
     "AID has no mode 'kisses'"),
    (lambda w: w["claims"].update({"AID": {"asserted": "aids"}}), "'asserted' and 'denied'"),
    (lambda w: w["modes"].update({"nonsense": "x"}), "no such mode(s) nonsense"),
])
def test_a_wrong_words_file_is_refused_naming_the_entry(change: Any, message: str) -> None:
    words = _words()
    change(words)
    with pytest.raises(DataFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_words(words, load_ontology(), "test.yaml")
