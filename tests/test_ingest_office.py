"""Reports as analysts have them: PDF (the quote's page kept), Word .docx, text in
another encoding (detected and recorded), and files skipped by name with the reason."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.ingest.encoding import decode
from claimgraph.store.db import Store

runner = CliRunner()
EVENT = "Hezbollah is supplying rockets to the Houthis, officials said."
FILLER = "This annual report reviews the security situation in the region."


def _pdf(pages: list[list[str]]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle("Regional security review")
    for lines in pages:
        y = 780
        for line in lines:
            c.drawString(60, y, line)
            y -= 16
        c.showPage()
    c.save()
    return buf.getvalue()


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = "Panel of experts: interim note"
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _evidence(db: str, document: str) -> list[dict[str, object]]:
    res = runner.invoke(app, ["export", "claims", "--db", db])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    return [e for r in rows for e in r["evidence"] if e["document"] == document]


def test_a_pdf_quote_names_its_page(tmp_path: Path, new_db: Callable[[str], str]) -> None:
    # page 2 opens with a sentence broken over two lines, and a hyphenated word
    (tmp_path / "report.pdf").write_bytes(_pdf([
        [FILLER, "It covers the whole year and every province."],
        ["Hezbollah is supplying rockets to the", "Houthis, officials said."],
        [FILLER, "Nothing else was re-", "ported."]]))
    db = new_db("pdf")
    res = runner.invoke(app, ["ingest", str(tmp_path / "report.pdf"), "--db", db])
    assert res.exit_code == 0, res.output
    doc = Store(db).document("report.pdf")
    assert doc is not None and doc.encoding == "pdf" and doc.title == "Regional security review"
    assert doc.pages is not None and len(doc.pages) == 3
    assert EVENT in doc.text and "reported." in doc.text
    found = _evidence(db, "report.pdf")
    assert found, "the sentence on page 2 should give a claim"
    for e in found:
        assert e["page"] == 2, e
        assert doc.text[int(str(e["start"])):int(str(e["end"]))] == e["quote"]


def test_docx_is_read_with_its_title(tmp_path: Path, new_db: Callable[[str], str]) -> None:
    (tmp_path / "note.docx").write_bytes(_docx([FILLER, EVENT]))
    db = new_db("docx")
    res = runner.invoke(app, ["ingest", str(tmp_path), "--db", db])
    assert res.exit_code == 0, res.output
    doc = Store(db).document("note.docx")
    assert doc is not None and doc.encoding == "docx"
    assert doc.title == "Panel of experts: interim note" and EVENT in doc.text
    assert _evidence(db, "note.docx") and all(e["page"] is None
                                              for e in _evidence(db, "note.docx"))


def test_a_damaged_pdf_is_named_and_the_rest_goes_through(
        tmp_path: Path, new_db: Callable[[str], str]) -> None:
    (tmp_path / "a-broken.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    (tmp_path / "b-broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (tmp_path / "c-good.txt").write_text(EVENT, encoding="utf-8")
    db = new_db("broken")
    res = runner.invoke(app, ["ingest", str(tmp_path), "--db", db])
    assert res.exit_code == 1
    assert "a-broken.pdf" in res.output and "[E112]" in res.output
    assert "b-broken.docx" in res.output
    assert "stored 1," in res.output
    assert set(Store(db).context()["documents"]) == {"c-good.txt"}


@pytest.mark.parametrize(("encoding", "text"), [
    ("latin-1", "Caf\xe9 owners in Bogot\xe1 said " + EVENT),
    # a detector needs some text: a line of Russian before the English
    ("cp1251", "Представитель министерства заявил об этом в среду вечером.\n" + EVENT),
    ("utf-16", "Stra\xdfe: " + EVENT),
])
def test_other_encodings_are_detected_and_recorded(
        tmp_path: Path, new_db: Callable[[str], str], encoding: str, text: str) -> None:
    (tmp_path / "old.txt").write_bytes(text.encode(encoding))
    db = new_db("enc")
    res = runner.invoke(app, ["ingest", str(tmp_path / "old.txt"), "--db", db])
    assert res.exit_code == 0, res.output
    doc = Store(db).document("old.txt")
    assert doc is not None and doc.text == text
    assert doc.encoding is not None and doc.encoding != "utf-8"


def test_decode_prefers_the_common_code_page_on_a_tie() -> None:
    assert decode("Caf\xe9".encode("latin-1"), "x") == ("Caf\xe9", "cp1252")
    assert decode(EVENT.encode(), "x") == (EVENT, "utf-8")


def test_skipped_files_are_listed_counted_and_change_the_status(
        tmp_path: Path, new_db: Callable[[str], str]) -> None:
    (tmp_path / "good.txt").write_text(EVENT, encoding="utf-8")
    (tmp_path / "sheet.xlsx").write_bytes(b"PK")
    (tmp_path / "README").write_text("no extension", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(EVENT, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    db = new_db("skip")
    res = runner.invoke(app, ["ingest", str(tmp_path), "--db", db])
    assert res.exit_code == 3, res.output
    out = res.output
    assert "sheet.xlsx" in out and "unsupported file type '.xlsx'" in out
    assert "README" in out and "'(none)'" in out
    assert ".hidden.txt" in out and "hidden file" in out
    assert ".git" in out and "hidden folder" in out and "HEAD" not in out
    assert "stored 1, already stored 0, failed 0, skipped 4" in out
    assert Store(db).failures() == []  # a skip is not a failure to retry
