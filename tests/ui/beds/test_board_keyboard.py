"""The bed board by keyboard only: the bed's menu, the keyboard back on the bed after an action,
arrows across facilities, the fitting beds after a refusal, a freed bed to a turnaway in two keys."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from shelter_desk.domain.roles import Role
from shelter_desk.domain.stays import TurnawayReason
from shelter_desk.services.beds.assignment import assign_bed, release_no_shows
from shelter_desk.services.beds.board import BedState
from shelter_desk.services.beds.turnaways import record_turnaway, turnaways_of_night
from shelter_desk.ui import feedback
from shelter_desk.ui.beds.board_page import BedBoardPage
from shelter_desk.ui.beds.dialogs import AssignDialog
from tests.ui.waiting import searched

NIGHT = date(2026, 11, 24)


@pytest.fixture
def board(qtbot, desk, region, tmp_path, monkeypatch):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    page = BedBoardPage(desk, open_file=lambda path: True)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.shown_night is not None)  # read on the database worker
    page.activateWindow()
    return page


def _cell(page, label):
    return next(cell for cell in page.board().beds if cell.label == label)


def _on(board, label):
    """The keyboard on bed `label` of the chosen facility, as the arrows would leave it."""
    board.select_bed(label)
    board.tile(label).setFocus()
    return board.tile(label)


def _keyboard_on(board):
    return board.window().focusWidget()


def test_the_beds_menu_opens_with_the_first_possible_action_ready(qtbot, board):
    qtbot.keyClick(_on(board, "1"), Qt.Key.Key_Return)
    menu = board.bed_menu
    assert menu.activeAction() is not None and menu.activeAction().text() == "Persoon &toewijzen…"
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert isinstance(board.dialog, AssignDialog) and board.dialog.isVisible()


def test_after_an_action_from_the_menu_the_keyboard_is_back_on_the_bed(qtbot, board, desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    board.refresh()
    qtbot.keyClick(_on(board, "1"), Qt.Key.Key_Return)
    qtbot.keyClick(board.bed_menu, Qt.Key.Key_Return)  # Inchecken, the first that fits
    assert _cell(board, "1").state is BedState.CHECKED_IN
    assert _keyboard_on(board) is board.tile("1")


def test_after_a_bed_is_given_in_its_dialog_the_keyboard_is_back_on_the_bed(qtbot, board):
    qtbot.keyClick(_on(board, "2"), Qt.Key.Key_Return)
    qtbot.keyClick(board.bed_menu, Qt.Key.Key_Return)
    dialog = board.dialog
    qtbot.keyClicks(dialog.picker.query, "jan berg")
    searched(dialog.picker)
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Return)
    assert not dialog.isVisible() and _cell(board, "2").occupant == "Jan Berg"
    assert _keyboard_on(board) is board.tile("2")


def test_the_right_arrow_on_a_facilitys_last_bed_goes_to_the_next_facilitys_first(qtbot, board):
    first, second = board.boards[0], board.boards[1]
    board.facility.setCurrentIndex(board.facility.findData(first.facility_id))
    last = first.beds[-1].label
    qtbot.keyClick(_on(board, last), Qt.Key.Key_Right)
    assert board.board().facility_id == second.facility_id
    assert board.selected.label == second.beds[0].label and _keyboard_on(board) is board.tile(second.beds[0].label)


def test_the_down_arrow_on_a_facilitys_last_row_goes_into_the_next_facility(qtbot, board):
    first, second = board.boards[0], board.boards[1]
    board.facility.setCurrentIndex(board.facility.findData(first.facility_id))
    qtbot.keyClick(_on(board, first.beds[0].label), Qt.Key.Key_Down)  # one row only: straight into the next
    assert board.board().facility_id == second.facility_id and board.selected.label == second.beds[0].label
    qtbot.keyClick(_keyboard_on(board), Qt.Key.Key_Up)
    assert board.board().facility_id == first.facility_id and board.selected.label == first.beds[0].label


def test_after_a_refusal_tab_reaches_the_fitting_beds_and_enter_reserves_one(qtbot, board, desk):
    qtbot.keyClick(_on(board, "1"), Qt.Key.Key_Return)
    qtbot.keyClick(board.bed_menu, Qt.Key.Key_Return)
    dialog = board.dialog
    qtbot.keyClicks(dialog.picker.query, "Sem")
    searched(dialog.picker)
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Return)  # 19: refused for the night shelter
    assert dialog.isVisible() and dialog.suggestions.isVisible()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)  # from where the worker typed
    assert dialog.focusWidget() is dialog.suggestions and "Enter om dit bed te reserveren" in dialog.suggestions.text(
        dialog.suggestions.currentIndex().row()
    )
    qtbot.keyClick(dialog.suggestions, Qt.Key.Key_Return)
    assert not dialog.isVisible() and "Jongerenopvang Assen" in board.notice.text()
    assert dialog.error.isHidden()  # the Enter reserved the fitting bed only: it did not press "Bed toewijzen" too
    assert _keyboard_on(board) is board.tile("1")


@pytest.mark.role(Role.COORDINATOR)
def test_a_freed_bed_goes_to_a_turnaway_in_two_keys_and_the_turnaway_says_placed(qtbot, board, desk, region):
    for label, who in (("1", "jan"), ("2", "sem"), ("3", "anon")):
        assign_bed(desk, region.people[who], region.beds[f"N{label}"], NIGHT, "vol" if who == "sem" else "")
    record_turnaway(desk, NIGHT, TurnawayReason.FULL, person_id=region.people["henk"], facility_id=region.night_shelter)
    desk.clock = lambda: datetime(2026, 11, 24, 22, 30, tzinfo=UTC)  # 23:30 in Assen
    release_no_shows(desk, NIGHT)
    board.refresh()
    tile = _on(board, "1")
    QTest.keyClick(tile, Qt.Key.Key_Return)
    assert board.bed_menu.activeAction().text() == "Geven aan Henk Bakker (afgewezen)"
    QTest.keyClick(board.bed_menu, Qt.Key.Key_Return)
    assert _cell(board, "1").occupant == "Henk Bakker"
    [turnaway] = turnaways_of_night(desk, NIGHT)
    assert turnaway.placed == "Nachtopvang Assen, bed 1"
    assert board.lists.turned_away.text(0).endswith("geplaatst: Nachtopvang Assen, bed 1")
    assert _keyboard_on(board) is board.tile("1")
