"""The way to a home in the record: the admission decision (a refusal for lack of regiobinding is
refused in red and saves nothing), the letter, an application, and a housing referral."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from shelter_desk.domain.trajectory import AdmissionOutcome
from shelter_desk.services.trajectory import admissions_of, applications_of, housing_of
from shelter_desk.ui import feedback
from shelter_desk.ui.record.person_view import PersonDialog
from shelter_desk.ui.trajectory.dialogs import AdmissionDialog, ApplicationDialog, HousingDialog
from tests.ui.paper import print_to_file

TODAY = date(2026, 11, 24)


@pytest.fixture
def record(qtbot, desk, region, tmp_path, monkeypatch):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    dialog = PersonDialog(desk, region.people["jan"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_a_refusal_for_lack_of_regiobinding_is_refused_in_red_and_saves_nothing(qtbot, record, desk, region):
    panel = record.show_trajectory()
    assert panel.admission_due.isVisible()
    panel.admit_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, AdmissionDialog)
    _choose(dialog.outcome, AdmissionOutcome.REFUSED.value)
    qtbot.keyClicks(dialog.remark, "Geen regiobinding, komt uit Zwolle")
    dialog.ok.click()
    assert dialog.isVisible() and "geen reden om eerste opvang te weigeren" in dialog.error.text()
    assert admissions_of(desk, region.people["jan"]).decisions == ()


def test_an_admission_shows_in_the_record_with_its_investigation_date_and_prints_a_letter(
    qtbot, record, desk, region, tmp_path
):
    panel = record.show_trajectory()
    panel.admit_button.click()
    dialog = panel.dialog
    _choose(dialog.facility, region.night_shelter)
    dialog.ok.click()
    assert not dialog.isVisible()
    assert "Onderzoek klaar uiterlijk 05-01-2027" in panel.admissions.item(0).text()
    assert not panel.admission_due.isVisible()
    opened = []
    panel._open_file = opened.append
    panel.print_letter()
    assert opened and opened[0].read_bytes().startswith(b"%PDF")
    record.resize(1080, 760)
    record.grab().save("/tmp/i24_record.png")


def test_an_application_and_a_housing_referral_are_made_from_the_record(qtbot, record, desk, region):
    panel = record.show_trajectory()
    panel.apply_button.click()
    apply = panel.dialog
    assert isinstance(apply, ApplicationDialog)
    _choose(apply.facility, region.kdo)
    qtbot.keyClicks(apply.motivation, "Stabiel in de nachtopvang, wil werken aan wonen")
    apply.ok.click()
    assert not apply.isVisible()
    assert applications_of(desk, region.people["jan"])[0].facility == "KDO Assen"
    panel.refer_button.click()
    refer = panel.dialog
    assert isinstance(refer, HousingDialog)
    refer.programme.setCurrentText("Weer Thuis")
    refer.ok.click()
    assert housing_of(desk, region.people["jan"]).referrals[0].programme == "Weer Thuis"
    assert "Weer Thuis: aangevraagd" in panel.referrals.item(0).text()


def test_the_admission_decision_prints_on_the_chosen_printer_and_the_pdf_is_kept(qtbot, record, region, tmp_path):
    panel = record.show_trajectory()
    panel.admit_button.click()
    _choose(panel.dialog.facility, region.night_shelter)
    panel.dialog.ok.click()
    paper = tmp_path / "printer.pdf"

    print_to_file(panel, paper)
    panel.paper_letter_button.click()
    assert paper.exists() and len(PdfReader(str(paper)).pages) >= 1
    assert panel.notice.text().startswith("Het toelatingsbesluit afgedrukt op ") and "toelatingsbesluit-" in (
        panel.notice.text()
    )
    record.resize(1080, 680)
    record.grab().save("/tmp/ui25_trajectory.png")
