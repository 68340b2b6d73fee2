"""The client card at the desk: issue and print from the record, report lost, and the scan that opens it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from shelter_desk.domain.cards import CardName, RevokeReason
from shelter_desk.services.cards import cards_of, issue_card, revoke_card
from shelter_desk.ui import feedback
from shelter_desk.ui.cards.card_dialog import CardDialog
from shelter_desk.ui.record.front_desk_page import FrontDeskPage
from shelter_desk.ui.record.person_view import PersonDialog
from tests.ui.waiting import searched


@pytest.fixture
def balie(qtbot, desk, region, tmp_path, monkeypatch):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    page = FrontDeskPage(desk)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    page.picker.setFocus()
    return page


def _scan(qtbot, page, number):
    qtbot.keyClicks(page.picker.query, number)
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    searched(page.picker)  # the card is looked up on the database worker


def test_a_scanned_card_opens_the_person_at_once(qtbot, balie, desk, region):
    card = issue_card(desk, region.people["henk"], CardName.FIRST_NAME, region.night_shelter)
    _scan(qtbot, balie, card.number)
    assert isinstance(balie.dialog, PersonDialog) and balie.dialog.person_id == region.people["henk"]
    assert balie.picker.query.text() == ""  # ready for the next scan


def test_a_lost_card_scanned_opens_nobody_and_says_why_in_dutch(qtbot, balie, desk, region):
    card = issue_card(desk, region.people["henk"], CardName.FIRST_NAME, region.night_shelter)
    revoke_card(desk, card.card_id, RevokeReason.LOST)
    _scan(qtbot, balie, card.number)
    assert balie.dialog is None
    assert "niet meer geldig: verloren" in balie.picker.summary.text()
    assert balie.picker.query.selectedText() == card.number  # the next scan replaces it


def test_a_misread_number_opens_nobody(qtbot, balie, desk, region):
    _scan(qtbot, balie, "1234567898")
    assert balie.dialog is None and "controlecijfer" in balie.picker.summary.text()


def test_ctrl_k_in_the_record_issues_a_card_and_opens_its_pdf(qtbot, balie, desk, region, tmp_path):
    person = balie.open_person(region.people["anon"])
    qtbot.waitExposed(person)
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+K"))
    dialog = person.child
    assert isinstance(dialog, CardDialog)
    opened = []
    dialog._open_file = opened.append
    dialog.name_choice.setCurrentIndex(dialog.name_choice.findData(CardName.ALIAS.value))
    dialog.issue_button.click()
    assert not dialog.error.isVisible(), dialog.error.text()
    assert len(opened) == 1 and opened[0].read_bytes().startswith(b"%PDF")
    assert "Vogel" in dialog.cards.item(0).text() and "GELDIG" in dialog.cards.item(0).text()


def test_a_card_in_a_name_the_person_lacks_is_refused_in_the_dialog(qtbot, desk, region):
    dialog = CardDialog(desk, region.people["jan"], "Jan Berg", open_file=lambda path: None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name_choice.setCurrentIndex(dialog.name_choice.findData(CardName.ALIAS.value))
    dialog.issue_button.click()
    assert dialog.error.isVisible() and "geen roepnaam" in dialog.error.text()
    assert cards_of(desk, region.people["jan"]) == []


def test_reporting_the_chosen_card_lost_revokes_it(qtbot, desk, region):
    issue_card(desk, region.people["jan"], CardName.FIRST_NAME, region.night_shelter)
    dialog = CardDialog(desk, region.people["jan"], "Jan Berg", open_file=lambda path: None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.lost_button.click()
    assert "niet geldig (verloren" in dialog.cards.item(0).text()
    assert not cards_of(desk, region.people["jan"])[0].valid


def test_a_card_for_someone_without_an_alias_is_issued_by_keyboard_in_their_first_name(qtbot, balie, desk, region):
    person = balie.open_person(region.people["jan"])
    qtbot.waitExposed(person)
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+K"))
    dialog = person.child
    dialog._open_file = lambda path: None
    assert dialog.name_choice.findData(CardName.ALIAS.value) == -1  # not offered: Jan has no alias
    assert dialog.name_choice.currentData() == CardName.FIRST_NAME.value
    qtbot.keyClick(dialog.name_choice, Qt.Key.Key_Down)  # the name is changed by keyboard
    assert dialog.name_choice.currentData() == CardName.FULL_NAME.value
    qtbot.keyClick(dialog.name_choice, Qt.Key.Key_Return)  # Enter: the default button issues
    assert not dialog.error.isVisible(), dialog.error.text()
    assert [c.name for c in cards_of(desk, region.people["jan"])] == ["Jan Berg"]


def test_tonights_fee_is_marked_paid_in_the_record_by_one_key(qtbot, balie, desk, region):
    from shelter_desk.domain.stays import FeeStatus
    from shelter_desk.services.beds import assign_bed, person_tonight

    assign_bed(desk, region.people["jan"], region.beds["N1"], desk.tonight())
    person = balie.open_person(region.people["jan"])
    qtbot.waitExposed(person)
    assert person.tonight.fee is FeeStatus.OWED and "Ctrl+J" in person.tonight_text.text()
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+J"))
    assert person_tonight(desk, region.people["jan"], desk.tonight()).fee is FeeStatus.PAID
    assert not person.fee_button.isEnabled()
