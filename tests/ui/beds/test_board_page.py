"""The bed board: give a bed, move, check in and out, end a stay, turn away with a suggestion, print."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.beds.board import BedState
from shelter_desk.services.beds.turnaways import turnaways_of_night
from shelter_desk.ui import feedback
from shelter_desk.ui.beds.board_page import BedBoardPage
from shelter_desk.ui.beds.dialogs import AssignDialog, EndStayDialog, MoveDialog, TurnawayDialog
from shelter_desk.ui.people.front_desk_page import FrontDeskPage
from shelter_desk.domain.roles import Role

NIGHT = date(2026, 11, 24)


@pytest.fixture
def opened(tmp_path, monkeypatch):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    return []


@pytest.fixture
def board(qtbot, desk, region, opened):
    page = BedBoardPage(desk, open_file=opened.append)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _cell(page, label):
    return next(cell for cell in page.board().beds if cell.label == label)


def test_the_board_opens_on_tonight_with_the_night_shelter_first(board):
    assert board.night == NIGHT
    assert board.board().name == "Nachtopvang Assen"
    assert board.counters.text().startswith("Vrij 3 · Bezet 0 · Capaciteit 3")


def test_a_bed_is_given_by_searching_the_person_and_pressing_enter(qtbot, board):
    board.select_bed("1")
    board.actions["assign"].click()
    dialog = board.dialog
    assert isinstance(dialog, AssignDialog)
    qtbot.keyClicks(dialog.picker.query, "jan berg")
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert _cell(board, "1").occupant == "Jan Berg" and _cell(board, "1").state is BedState.RESERVED


def test_a_refused_person_hears_why_and_sees_where_a_bed_fits(qtbot, board):
    board.select_bed("1")
    board.actions["assign"].click()
    dialog = board.dialog
    qtbot.keyClicks(dialog.picker.query, "Sem")
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Return)
    assert dialog.isVisible() and "Leeftijd 19" in dialog.error.text()
    assert "Jongerenopvang Assen" in dialog.suggestions.item(0).text()
    assert dialog.reason.isVisible()  # a coordinator may overrule an age refusal with a reason


def test_check_in_and_check_out_from_the_board(board, desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    board.refresh()
    board.select_bed("1")
    board.actions["check_in"].click()
    assert _cell(board, "1").state is BedState.CHECKED_IN and _cell(board, "1").check_in == "21:00"
    board.select_bed("1")
    board.actions["check_out"].click()
    assert _cell(board, "1").state is BedState.CHECKED_OUT


def test_a_person_is_moved_to_another_bed(board, desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    board.refresh()
    board.select_bed("1")
    board.actions["move"].click()
    dialog = board.dialog
    assert isinstance(dialog, MoveDialog)
    dialog.target.setCurrentIndex(dialog.target.findText("Nachtopvang Assen, bed 3"))
    dialog.findChild(type(board.actions["move"]), "okButton").click()
    assert _cell(board, "1").state is BedState.FREE and _cell(board, "3").occupant == "Jan Berg"


def test_ending_a_stay_asks_where_the_person_went(board, desk, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT - timedelta(days=10))
    board.refresh()
    board.facility.setCurrentIndex(board.facility.findData(region.kdo))
    board.select_bed("1")
    board.actions["end_stay"].click()
    dialog = board.dialog
    assert isinstance(dialog, EndStayDialog)
    ok = dialog.findChild(type(board.actions["move"]), "okButton")
    ok.click()
    assert dialog.isVisible() and "naartoe" in dialog.error.text()
    dialog.outflow.setCurrentIndex(dialog.outflow.findData("eigen_woning"))
    ok.click()
    assert not dialog.isVisible()
    board.set_night(NIGHT + timedelta(days=1))  # tonight was the last night: tomorrow the bed is free
    assert _cell(board, "1").state is BedState.FREE


def test_a_turnaway_first_shows_the_fitting_free_beds_then_records_in_two_fields(qtbot, board, desk, region):
    board.findChild(type(board.actions["move"]), "turnawayButton").click()
    dialog = board.dialog
    assert isinstance(dialog, TurnawayDialog)
    qtbot.keyClicks(dialog.picker.query, "Sem")
    assert "Jongerenopvang Assen" in dialog.suggestions.item(0).text()
    dialog.reason.setCurrentIndex(dialog.reason.findData("leeftijd"))
    dialog.referred_to.setCurrentText("Jongerenopvang Assen")
    dialog.findChild(type(board.actions["move"]), "okButton").click()
    [turnaway] = turnaways_of_night(desk, NIGHT)
    assert (turnaway.who, turnaway.referred_to) == ("Sem Leeuwen", "Jongerenopvang Assen")


def test_the_occupancy_list_is_saved_and_opened_in_one_click(board, desk, region, opened):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    board.refresh()
    board.findChild(type(board.actions["move"]), "printList").click()
    assert opened == [board.last_saved] and board.last_saved.read_bytes().startswith(b"%PDF")


def test_a_closed_overflow_bed_offers_to_open_the_overflow(board):
    board.select_bed("U1")
    assert board.actions["open_overflow"].isEnabled() and not board.actions["assign"].isEnabled()


def test_a_regular_gets_his_bed_of_last_night_with_one_key_and_is_checked_in_with_another(
        qtbot, desk, region):
    assign_bed(desk, region.people["henk"], region.beds["N2"], NIGHT - timedelta(days=1))
    page = FrontDeskPage(desk)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    qtbot.keyClicks(page.picker.query, "hen")
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    person = page.dialog
    assert "zelfde bed als vorige nacht" in person.tonight_text.text()
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+T"))
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+I"))
    assert "Nachtopvang Assen, bed 2 — ingecheckt" in person.tonight_text.text()
    assert "€ 4,00" in person.tonight_text.text()


@pytest.mark.role(Role.COORDINATOR)
def test_a_bed_freed_by_a_no_show_goes_to_someone_turned_away_tonight(board, desk, region):
    from datetime import datetime, timezone

    from shelter_desk.domain.stays import TurnawayReason
    from shelter_desk.services.beds.assignment import release_no_shows
    from shelter_desk.services.beds.turnaways import record_turnaway

    for label, who in (("1", "jan"), ("2", "sem"), ("3", "anon")):
        assign_bed(desk, region.people[who], region.beds[f"N{label}"], NIGHT, "vol" if who == "sem" else "")
    record_turnaway(desk, NIGHT, TurnawayReason.FULL, person_id=region.people["henk"], facility_id=region.night_shelter)
    desk.clock = lambda: datetime(2026, 11, 24, 22, 30, tzinfo=timezone.utc)  # 23:30 in Assen
    release_no_shows(desk, NIGHT)
    board.refresh()
    board.select_bed("1")
    board.turned_away.setCurrentRow(0)
    board.findChild(type(board.actions["move"]), "giveToTurnedAway").click()
    assert _cell(board, "1").occupant == "Henk Bakker"


def _person_screen(qtbot, desk, typed):
    page = FrontDeskPage(desk)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    qtbot.keyClicks(page.picker.query, typed)
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    return page.dialog


def test_ctrl_t_for_someone_of_unknown_age_asks_the_age_instead_of_giving_an_age_limited_bed(qtbot, desk, region):
    person = _person_screen(qtbot, desk, "vogel")
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+T"))
    assert person.error.isVisible() and "Leeftijd onbekend: vraag de leeftijd" in person.error.text()
    assert "Nog geen bed" in person.tonight_text.text()


def test_ctrl_t_with_nothing_possible_says_why_and_what_to_do(qtbot, desk, region):
    from shelter_desk.domain.dutch_dates import DateOfBirth
    from shelter_desk.domain.person_details import PersonDetails
    from shelter_desk.services.beds.assignment import check_in
    from shelter_desk.services.people.records import register_person

    for label, who in (("N1", "jan"), ("N2", "henk"), ("N3", "anon")):
        check_in(desk, assign_bed(desk, region.people[who], region.beds[label], NIGHT - timedelta(days=1)))
    register_person(desk, PersonDetails(first_name="Nieuwe", last_name="Gast", date_of_birth=DateOfBirth(date(1980, 5, 5))))
    person = _person_screen(qtbot, desk, "nieuwe")
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+T"))
    message = person.error.text()
    assert person.error.isVisible() and message.startswith("Geen bed voor te stellen.")
    assert "3 vrije bedden worden tot 23:00 vastgehouden voor vaste gasten" in message
    assert "Leeftijd 46 past niet bij Jongerenopvang Assen" in message
    assert "Registreer een afwijzing" in message
