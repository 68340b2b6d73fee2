"""The one print path: every document is saved first, then printed or opened, and the worker hears where it went."""

from __future__ import annotations

import subprocess

import pytest
from pypdf import PdfReader

from shelter_desk.domain.cards import CardName
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.services.cards import issue_card
from shelter_desk.services.people import register_person
from shelter_desk.ui import feedback
from shelter_desk.ui.cards.card_dialog import CardDialog
from shelter_desk.ui.printing import print_document
from shelter_desk.ui.record.person_view import PersonDialog


@pytest.fixture
def docs(tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    monkeypatch.setattr(feedback, "save_folder", lambda: folder)
    return folder


def _no_printer() -> list[str]:
    return []


def _run(qtbot, make, *, printers=_no_printer, choose=None, open_file=lambda path: False):
    said, refused = [], []
    path = print_document(
        None,
        "brief.pdf",
        make,
        "De brief",
        say=said.append,
        refuse=refused.append,
        open_file=open_file,
        printers=printers,
        **({"choose": choose} if choose else {}),
    )
    return path, said, refused


def test_without_printer_or_viewer_the_worker_is_told_in_dutch_where_the_pdf_is(qtbot, docs):
    path, said, refused = _run(qtbot, lambda: b"%PDF-1.4 test")
    assert path == docs / "brief.pdf" and path.read_bytes() == b"%PDF-1.4 test"
    assert refused == []
    assert said == [
        f"Er is op deze computer geen printer en geen programma om PDF's te openen. De brief is opgeslagen in "
        f"de map {docs} als brief.pdf: open of kopieer het bestand daar om het af te drukken."
    ]


def test_without_printer_the_pdf_opens_in_the_viewer_and_says_so(qtbot, docs):
    opened = []
    path, said, _refused = _run(qtbot, lambda: b"%PDF-1.4 test", open_file=opened.append)
    assert opened == [path] and "geopend in het PDF-programma" in said[0] and str(path) in said[0]


def test_with_a_printer_the_print_dialog_prints_and_the_pdf_is_kept(qtbot, docs, tmp_path, desk, region):
    from shelter_desk.services.documents import house_rules_pdf

    paper = tmp_path / "printer.pdf"

    def choose(printer, parent):  # the print dialog, answered: a PDF file stands in for the printer
        printer.setOutputFileName(str(paper))
        return True

    path, said, _refused = _run(
        qtbot, lambda: house_rules_pdf(desk, None, "pl"), printers=lambda: ["Kantoor"], choose=choose
    )
    assert paper.exists() and len(PdfReader(str(paper)).pages) == 1
    assert said[0].startswith("De brief afgedrukt op ") and str(path) in said[0]


def test_a_cancelled_print_keeps_the_pdf_and_says_where(qtbot, docs):
    path, said, _refused = _run(qtbot, lambda: b"%PDF", printers=lambda: ["Kantoor"], choose=lambda p, w: False)
    assert said == [f"De brief: afdrukken geannuleerd. De PDF staat in {path}."]


def test_a_refused_document_saves_nothing_and_says_why(qtbot, docs):
    def refuse() -> bytes:
        raise DeskError("Deze persoon heeft geen postadres.")

    path, said, refused = _run(qtbot, refuse)
    assert path is None and said == [] and refused == ["Deze persoon heeft geen postadres."]
    assert not (docs / "brief.pdf").exists()


def test_printing_the_card_with_no_viewer_says_where_the_file_went(qtbot, docs, desk, region):
    card = issue_card(desk, region.people["henk"], CardName.FIRST_NAME, region.night_shelter)
    dialog = CardDialog(desk, region.people["henk"], "Henk Bakker", open_file=lambda path: False)
    qtbot.addWidget(dialog)
    dialog.cards.setCurrentRow(0)
    dialog.reprint()
    assert f"de map {docs} als clientkaart-{card.card_id}.pdf" in dialog.notice.text()
    assert (docs / f"clientkaart-{card.card_id}.pdf").exists()


def test_the_record_prints_the_house_rules_in_the_persons_language(qtbot, docs, desk, region):
    person = register_person(desk, PersonDetails(first_name="Ion", last_name="Pop", document_language="ro"))
    dialog = PersonDialog(desk, person, open_file=lambda path: None)
    qtbot.addWidget(dialog)
    dialog.documents_button.menu().actions()[0].trigger()
    saved = docs / f"huisregels-persoon-{person}.pdf"
    assert saved.exists()
    text = subprocess.run(["pdftotext", str(saved), "-"], capture_output=True, text=True).stdout
    assert "Regulament intern" in text and "Ion Pop" in text
    assert str(saved) in dialog.notice.text()


def test_saving_as_pdf_never_opens_the_print_dialog(qtbot, docs):
    def no_dialog(printer, parent):
        raise AssertionError("the print dialog opened")

    said, refused = [], []
    path = print_document(
        None,
        "brief.pdf",
        lambda: b"%PDF",
        "De brief",
        say=said.append,
        refuse=refused.append,
        open_file=lambda path: None,
        choose=no_dialog,
        printers=lambda: ["Kantoor"],
        to_paper=False,
    )
    assert said == [f"De brief opgeslagen als PDF in {path}."] and path.exists()


def test_the_card_dialog_saves_the_card_as_pdf_beside_printing_it(qtbot, docs, desk, region):
    card = issue_card(desk, region.people["henk"], CardName.FIRST_NAME, region.night_shelter)
    dialog = CardDialog(desk, region.people["henk"], "Henk Bakker", open_file=lambda path: None)
    qtbot.addWidget(dialog)
    dialog.cards.setCurrentRow(0)
    dialog.save_button.click()
    assert dialog.notice.text() == f"De clientkaart opgeslagen als PDF in {docs / f'clientkaart-{card.card_id}.pdf'}."
