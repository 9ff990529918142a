"""Attribution (extract/attribution/): every cue frame of data/lexicon/cues.yaml, quotes
over several sentences and paragraphs, nested chains, sources resolved as actors, the
abbreviations that do not end a sentence, and the loaders that refuse bad data."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.errors import DataFileError
from claimgraph.evaluate.attribution import attribution_of
from claimgraph.extract.attribution import DocAttribution
from claimgraph.extract.attribution.lexicon import load_cues, parse_cues
from claimgraph.extract.pipeline import Extractor
from claimgraph.lexicon import strict_yaml
from claimgraph.nlp.model import load_abbreviations
from claimgraph.records import Article

Read = tuple[Doc, DocAttribution]


def read(ex: Extractor, text: str, outlet: str = "Test Courier") -> Read:
    return attribution_of(ex, Article(id="a.txt", text=text, source="a.txt", outlet=outlet))


def speaker(r: Read, word: str) -> str | None:
    """The label of who says what is at the first token ``word``; None: the outlet."""
    doc, att = r
    tok = next(t for t in doc if t.text == word)
    src = att.speaker(tok)
    return src.label if src is not None else None


def chain(r: Read, word: str) -> list[str]:
    doc, att = r
    tok = next(t for t in doc if t.text == word)
    return att.attribute(tok, "", False)[0]


@pytest.mark.parametrize("text", [
    "Hezbollah said that its fighters shelled an Israeli post.",
    "Hezbollah said its fighters shelled an Israeli post.",
    "Its fighters shelled an Israeli post, Hezbollah said.",
    "Its fighters shelled an Israeli post, said Hezbollah.",
    "Hezbollah, in a statement, said its fighters shelled an Israeli post.",
    "In a statement, Hezbollah claimed its fighters shelled an Israeli post.",
    "According to Hezbollah, its fighters shelled an Israeli post.",
    "Its fighters shelled an Israeli post, per Hezbollah.",
    "Hezbollah's claim that its fighters shelled an Israeli post was disputed.",
])
def test_each_speech_frame_names_its_speaker(extractor: Extractor, text: str) -> None:
    assert speaker(read(extractor, text), "shelled") == "Hezbollah"


def test_telling_accusing_and_denying_frames(extractor: Extractor) -> None:
    told = read(extractor, "Villagers told aid workers of soldiers burning homes.")
    assert speaker(told, "burning") is not None and "Villagers" in str(speaker(told, "burning"))
    accused = read(extractor, "Amnesty International accused Hezbollah of storing rockets "
                              "in homes.")
    assert speaker(accused, "storing") == "Amnesty International"
    denied = read(extractor, "Hezbollah denied storing rockets in homes.")
    assert speaker(denied, "storing") == "Hezbollah"
    found = read(extractor, "A report by Amnesty International found that militias "
                            "tortured detainees.")
    assert "Amnesty International" in str(speaker(found, "tortured"))


def test_a_verb_outside_its_frames_is_no_cue(extractor: Extractor) -> None:
    """'continue' is not in the lexicon; 'fear' takes only a clause."""
    r = read(extractor, "Hezbollah continues to dig tunnels. Hezbollah feared the raids "
                        "that destroyed the depot.")
    assert speaker(r, "dig") is None
    assert speaker(r, "destroyed") is None
    said = read(extractor, "Hezbollah feared that the raids destroyed the depot.")
    assert speaker(said, "destroyed") == "Hezbollah"


def test_an_owner_speaks_for_an_office(extractor: Extractor) -> None:
    r = read(extractor, "Sarah Mitchell met the envoy in Beirut on Monday, her office said.")
    assert speaker(r, "met") == "Sarah Mitchell"


def test_a_spokesman_for_a_body_is_the_body_speaking(extractor: Extractor) -> None:
    r = read(extractor, "A spokesman for Hezbollah said the fighters withdrew.")
    assert speaker(r, "withdrew") == "Hezbollah"
    named = read(extractor, "A Hezbollah spokesman, Karim Nasser, said the fighters "
                            "withdrew.")
    label = str(speaker(named, "withdrew"))
    assert "," not in label and "Nasser" in label


def test_any_person_a_verb_of_speech_names_is_a_source(extractor: Extractor) -> None:
    r = read(extractor, "A nurse at the clinic said the shelling lasted all night.")
    assert speaker(r, "lasted") == "A nurse at the clinic"


def test_a_quote_over_sentences_has_one_speaker_wherever_its_tag_is(
        extractor: Extractor) -> None:
    after = read(extractor, "“We struck the depot. We will strike again,” said Karim "
                            "Nasser, a commander.")
    assert speaker(after, "struck") == speaker(after, "strike") == "Karim Nasser"
    inside = read(extractor, "“We struck the depot,” Karim Nasser said. “Then we withdrew "
                             "to the hills. Nobody followed us.”")
    assert speaker(inside, "followed") == "Karim Nasser"
    before = read(extractor, "Karim Nasser said: “We struck the depot. Then we withdrew.”")
    assert speaker(before, "withdrew") == "Karim Nasser"


def test_a_quote_over_paragraphs_and_a_block_after_a_colon(extractor: Extractor) -> None:
    paras = read(extractor, "Karim Nasser, a commander, recalled the night.\n"
                            "“The trucks came at dawn. The shooting started.\n"
                            "“Nobody slept.”\n"
                            "The town was quiet on Friday.")
    assert speaker(paras, "shooting") == "Karim Nasser"
    assert speaker(paras, "slept") == "Karim Nasser"
    assert speaker(paras, "was") is None
    block = read(extractor, "In a statement, Hezbollah said:\n"
                            "“Our fighters destroyed two tanks.”\n"
                            "The border was closed on Friday.")
    assert speaker(block, "destroyed") == "Hezbollah"
    assert speaker(block, "closed") is None


def test_nested_chains(extractor: Extractor) -> None:
    told = read(extractor, "An official told Reuters that the commander said the unit had "
                           "withdrawn.")
    links = chain(told, "withdrawn")
    assert links[:3] == ["Test Courier", "Reuters", "An official (per Reuters)"] and \
        links[-1] == "the commander (per An official)"
    cited = read(extractor, "Reuters, citing two officials, reported that the militia had "
                            "withdrawn.")
    assert chain(cited, "withdrawn")[-1] == "two officials (per Reuters)"
    for text in ("The ministry said, citing intelligence reports, that the militia had "
                 "withdrawn.", "Citing intelligence reports, the ministry said the militia "
                 "had withdrawn."):
        doc, att = read(extractor, text)
        links, origin = att.attribute(next(t for t in doc if t.text == "withdrawn"), "", False)
        assert origin.kind == "document" and links[1].lower() == "the ministry", links
        assert links[-1] == "intelligence report", links
    quoted = read(extractor, "Al Jazeera quoted a commander as saying that the militia had "
                             "withdrawn.")
    assert chain(quoted, "withdrawn")[1] == "Al Jazeera"
    passive = read(extractor, "A commander was quoted by Al Jazeera as saying that the "
                              "militia had withdrawn.")
    assert chain(passive, "withdrawn")[1] == "Al Jazeera"


def test_the_outlet_speaks_where_nobody_else_does(extractor: Extractor) -> None:
    r = read(extractor, "Fighting resumed near the port on Tuesday. Hezbollah said its "
                        "fighters withdrew.\n"
                        "The port reopened on Friday.")
    assert speaker(r, "resumed") is None
    assert speaker(r, "reopened") is None


@pytest.mark.parametrize("text", [
    "Maj. (res.) Karim Nasser, a former officer, said the unit withdrew.",
    "Lt. Gen. Karim Nasser said the unit withdrew.",
    "Brig. Gen. Karim Nasser said the unit withdrew.",
    "The U.S. said on Monday that the unit withdrew.",
    "Sen. Ana Ruiz said the unit withdrew.",
])
def test_ranks_and_short_forms_do_not_end_a_sentence(extractor: Extractor,
                                                     text: str) -> None:
    doc, att = read(extractor, text)
    assert len(list(doc.sents)) == 1
    assert att.speaker(next(t for t in doc if t.text == "withdrew")) is not None


def test_the_cue_lexicon_is_broad_and_refuses_bad_data() -> None:
    cues = load_cues()
    assert len(cues.verbs) >= 250 and {"say", "tell", "deny", "accuse", "urge"} <= \
        set(cues.verbs)
    assert "deny" in cues.denials()
    bad = [
        ("verbs: {a: {frames: [clause], words: [say]}, b: {frames: [clause], words: [say]}}",
         "listed under both"),
        ("verbs: {a: {frames: [wishful], words: [say]}}", "unknown frame"),
        ("verbs: {a: {frames: [clause], words: [say], colour: red}}", "unknown key"),
        ("verbz: {}", "unknown section"),
        ("verbs: {a: {frames: [clause], words: [say, say]}}", "written twice"),
    ]
    for text, reason in bad:
        with pytest.raises(DataFileError, match=reason):
            parse_cues(strict_yaml(text, "cues.yaml"), "cues.yaml")


def test_the_abbreviation_list_is_checked() -> None:
    assert "Maj." in load_abbreviations()["titles"]
    with pytest.raises(DataFileError, match="full stop"):
        load_abbreviations("titles: [Maj]", "abbr.yaml")
    with pytest.raises(DataFileError, match="written twice"):
        load_abbreviations("titles: [Maj.]\ninside: [Maj.]", "abbr.yaml")


def test_eval_attribution_scores_a_set_and_names_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "outlet: Test Courier\n"
        "text: |\n"
        "  Hezbollah said its fighters shelled an Israeli post.\n"
        "  The port reopened on Friday.\n"
        "attributions:\n"
        "  - {source: Hezbollah, cue: said, content: its fighters shelled an Israeli post}\n"
        "own: [The port reopened on Friday]\n", "utf-8")
    res = CliRunner().invoke(app, ["eval", "attribution", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "attributed_recall=1.00 source_match=1.00 own_voice_accuracy=1.00" in res.output
    (tmp_path / "b.yaml").write_text("text: x\nown: [not in the text]\n", "utf-8")
    res = CliRunner().invoke(app, ["eval", "attribution", str(tmp_path)])
    assert res.exit_code == 2 and "b.yaml" in res.output and "occurs 0 times" in res.output


def test_cameo_statement_verbs_are_cues_only_with_a_clause(extractor: Extractor) -> None:
    cues = load_cues()
    assert cues.verbs["foretell"].cls == "cameo" and "object" not in cues.verbs["disperse"].frames
    clause = read(extractor, "Hezbollah foretold that Israeli troops would raid Tyre.")
    assert speaker(clause, "raid") == "Hezbollah"
    scattered = read(extractor, "Hezbollah dispersed the crowd that attacked the depot.")
    assert speaker(scattered, "attacked") is None
    with pytest.raises(DataFileError, match="cameo"):
        parse_cues(strict_yaml("cameo: {codes: ['01'], frames: [object, wishful]}", "c"), "c")


def test_an_organ_named_without_its_state_speaks_for_the_state_named_last(
        extractor: Extractor) -> None:
    r = read(extractor, "Turkish police detained a commander in Ankara on Sunday, the "
                        "interior ministry said.")
    label = str(speaker(r, "detained"))
    assert label.startswith("the interior ministry (") and "Turk" in label
    alone = read(extractor, "Police detained a commander on Sunday, the interior ministry "
                            "said.")
    assert speaker(alone, "detained") == "the interior ministry"


def test_a_tag_s_pronoun_is_the_subject_it_tags_and_labels_are_clean(
        extractor: Extractor) -> None:
    r = read(extractor, "Dagalo met Ruto in Nairobi on Tuesday, his office said.")
    assert speaker(r, "met") == "Dagalo"
    anon = read(extractor, "A senior official, speaking on condition of anonymity, said Iran "
                           "had supplied the drones.")
    assert speaker(anon, "supplied") == "A senior official"


def test_the_official_is_the_official_who_spoke_before(extractor: Extractor) -> None:
    r = read(extractor, "Two aid workers said the road was closed. A senior Lebanese official "
                        "told the Courier that Hezbollah had withdrawn. The official said the "
                        "army had deployed.")
    assert speaker(r, "deployed") == speaker(r, "withdrawn") != speaker(r, "closed")
