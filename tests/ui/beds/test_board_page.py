"""The bed board: give a bed, move, check in and out, end a stay, turn away with a suggestion, print."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from shelter_desk.domain.roles import Role
from shelter_desk.domain.stays import BedState
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.beds.turnaways import turnaways_of_night
from shelter_desk.ui import feedback
from shelter_desk.ui.beds.board_page import BedBoardPage
from shelter_desk.ui.beds.dialogs import AssignDialog, EndStayDialog, MoveDialog, TurnawayDialog
from shelter_desk.ui.record.front_desk_page import FrontDeskPage
from tests.ui.paper import print_to_file
from tests.ui.waiting import searched, suggested

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
    qtbot.waitUntil(lambda: page.shown_night is not None)  # read on the database worker
    return page


def _cell(page, label):
    return next(cell for cell in page.board().beds if cell.label == label)


def test_the_board_opens_on_tonight_with_the_night_shelter_first(board):
    assert board.night == NIGHT
    assert board.board().name == "Nachtopvang Assen"
    board.all_facilities.setChecked(False)  # one facility at a time, with its own counters
    assert board.counters.text().startswith("Vrij 3 · Bezet 0 · Capaciteit 3")


def test_a_bed_is_given_by_searching_the_person_and_pressing_enter(qtbot, board):
    board.select_bed("1")
    board.side_panel.bed_buttons["assign"].click()
    dialog = board.dialog
    assert isinstance(dialog, AssignDialog)
    qtbot.keyClicks(dialog.picker.query, "jan berg")
    searched(dialog.picker)
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert _cell(board, "1").occupant == "Jan Berg" and _cell(board, "1").state is BedState.RESERVED


def test_a_refused_person_hears_why_and_sees_where_a_bed_fits(qtbot, board):
    board.select_bed("1")
    board.side_panel.bed_buttons["assign"].click()
    dialog = board.dialog
    qtbot.keyClicks(dialog.picker.query, "Sem")
    searched(dialog.picker)
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Return)
    assert dialog.isVisible() and "Leeftijd 19" in dialog.error.text()
    assert "Jongerenopvang Assen" in dialog.suggestions.text(0)
    assert dialog.reason.isVisible()  # a coordinator may overrule an age refusal with a reason


def test_check_in_and_check_out_from_the_board(board, desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    board.refresh()
    board.select_bed("1")
    board.side_panel.bed_buttons["check_in"].click()
    assert _cell(board, "1").state is BedState.CHECKED_IN and _cell(board, "1").check_in == "21:00"
    board.select_bed("1")
    board.side_panel.bed_buttons["check_out"].click()
    assert _cell(board, "1").state is BedState.CHECKED_OUT


def test_a_person_is_moved_to_another_bed(board, desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    board.refresh()
    board.select_bed("1")
    board.side_panel.bed_buttons["move"].click()
    dialog = board.dialog
    assert isinstance(dialog, MoveDialog)
    dialog.target.setCurrentIndex(dialog.target.findText("Nachtopvang Assen, bed 3"))
    dialog.findChild(type(board.side_panel.bed_buttons["move"]), "okButton").click()
    assert _cell(board, "1").state is BedState.FREE and _cell(board, "3").occupant == "Jan Berg"


def test_ending_a_stay_asks_where_the_person_went(qtbot, board, desk, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT - timedelta(days=10))
    board.refresh()
    board.facility.setCurrentIndex(board.facility.findData(region.kdo))
    board.select_bed("1")
    board.side_panel.bed_buttons["end_stay"].click()
    dialog = board.dialog
    assert isinstance(dialog, EndStayDialog)
    ok = dialog.findChild(type(board.side_panel.bed_buttons["move"]), "okButton")
    ok.click()
    assert dialog.isVisible() and "naartoe" in dialog.error.text()
    dialog.outflow.setCurrentIndex(dialog.outflow.findData("eigen_woning"))
    ok.click()
    assert not dialog.isVisible()
    board.set_night(NIGHT + timedelta(days=1))  # tonight was the last night: tomorrow the bed is free
    qtbot.waitUntil(lambda: board.shown_night == NIGHT + timedelta(days=1))  # read on the database worker
    assert _cell(board, "1").state is BedState.FREE


def test_a_turnaway_first_shows_the_fitting_free_beds_then_records_in_two_fields(qtbot, board, desk, region):
    board.findChild(type(board.side_panel.bed_buttons["move"]), "turnawayButton").click()
    dialog = board.dialog
    assert isinstance(dialog, TurnawayDialog)
    qtbot.keyClicks(dialog.picker.query, "Sem")
    suggested(dialog)  # the search, then the beds that fit: on the database worker
    assert "Jongerenopvang Assen" in dialog.suggestions.text(0)
    dialog.reason.setCurrentIndex(dialog.reason.findData("leeftijd"))
    dialog.referred_to.setCurrentText("Jongerenopvang Assen")
    dialog.findChild(type(board.side_panel.bed_buttons["move"]), "okButton").click()
    [turnaway] = turnaways_of_night(desk, NIGHT)
    assert (turnaway.who, turnaway.referred_to) == ("Sem Leeuwen", "Jongerenopvang Assen")


def test_the_occupancy_list_is_saved_and_opened_in_one_click(board, desk, region, opened):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    board.refresh()
    board.findChild(type(board.side_panel.bed_buttons["move"]), "printList").click()
    assert opened == [board.last_saved] and board.last_saved.read_bytes().startswith(b"%PDF")


@pytest.mark.role(Role.COORDINATOR)
def test_a_closed_overflow_bed_offers_to_open_the_overflow(board):
    board.select_bed("U1")
    assert (
        board.side_panel.bed_buttons["open_overflow"].isEnabled()
        and not board.side_panel.bed_buttons["assign"].isEnabled()
    )


def test_the_front_desk_sees_why_it_cannot_open_the_overflow(board):
    board.select_bed("U1")
    button = board.side_panel.bed_buttons["open_overflow"]
    assert not button.isEnabled()
    assert button.toolTip() == "Alleen voor coördinatoren en beheerders; u bent aangemeld als Baliemedewerker."


def test_a_regular_gets_his_bed_of_last_night_with_one_key_and_is_checked_in_with_another(qtbot, desk, region):
    assign_bed(desk, region.people["henk"], region.beds["N2"], NIGHT - timedelta(days=1))
    page = FrontDeskPage(desk)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    qtbot.keyClicks(page.picker.query, "hen")
    searched(page.picker)
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    person = page.dialog
    assert "zelfde bed als vorige nacht" in person.tonight_text.text()
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+T"))
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+I"))
    assert "Nachtopvang Assen, bed 2 — ingecheckt" in person.tonight_text.text()
    assert "€ 4,00" in person.tonight_text.text()


@pytest.mark.role(Role.COORDINATOR)
def test_a_bed_freed_by_a_no_show_goes_to_someone_turned_away_tonight(board, desk, region):
    from datetime import datetime

    from shelter_desk.domain.stays import TurnawayReason
    from shelter_desk.services.beds.assignment import release_no_shows
    from shelter_desk.services.beds.turnaways import record_turnaway

    for label, who in (("1", "jan"), ("2", "sem"), ("3", "anon")):
        assign_bed(desk, region.people[who], region.beds[f"N{label}"], NIGHT, "vol" if who == "sem" else "")
    record_turnaway(desk, NIGHT, TurnawayReason.FULL, person_id=region.people["henk"], facility_id=region.night_shelter)
    desk.clock = lambda: datetime(2026, 11, 24, 22, 30, tzinfo=UTC)  # 23:30 in Assen
    release_no_shows(desk, NIGHT)
    board.refresh()
    board.select_bed("1")
    board.lists.turned_away.setCurrentRow(0)
    board.findChild(type(board.side_panel.bed_buttons["move"]), "giveToTurnedAway").click()
    assert _cell(board, "1").occupant == "Henk Bakker"


def _person_screen(qtbot, desk, typed):
    page = FrontDeskPage(desk)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    qtbot.keyClicks(page.picker.query, typed)
    searched(page.picker)
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
    register_person(
        desk, PersonDetails(first_name="Nieuwe", last_name="Gast", date_of_birth=DateOfBirth(date(1980, 5, 5)))
    )
    person = _person_screen(qtbot, desk, "nieuwe")
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+T"))
    message = person.error.text()
    assert person.error.isVisible() and message.startswith("Geen bed voor te stellen.")
    assert "3 vrije bedden worden tot 23:00 vastgehouden voor vaste gasten" in message
    assert "Leeftijd 46 past niet bij Jongerenopvang Assen" in message
    assert "Registreer een afwijzing" in message


# -- keyboard, feedback, acting from the lists ---------------------------------------------------


def test_arrow_keys_move_over_the_tiles_and_choose_the_bed(qtbot, board):
    board.select_bed("1")
    board.tile("1").setFocus()
    qtbot.keyClick(board.tile("1"), Qt.Key.Key_Right)
    assert board.selected.label == "2" and board.tile("2").hasFocus() and board.tile("2").isChecked()
    qtbot.keyClick(board.tile("2"), Qt.Key.Key_Left)
    assert board.selected.label == "1"


def test_enter_on_a_tile_opens_the_beds_actions_and_they_act(qtbot, board, desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    board.refresh()
    board.tile("1").setFocus()
    qtbot.keyClick(board.tile("1"), Qt.Key.Key_Return)
    menu = board.bed_menu
    texts = [action.text() for action in menu.actions()]
    assert "&Inchecken" in texts and "Persoon &toewijzen…" not in texts  # only what fits a reserved bed
    next(a for a in menu.actions() if a.text() == "&Inchecken").trigger()
    assert _cell(board, "1").state is BedState.CHECKED_IN
    assert "Jan Berg ingecheckt in bed 1" in board.notice.text()


def test_a_failed_viewer_is_not_reported_as_opened(board, desk, region):
    board._open_file = lambda path: False  # QDesktopServices.openUrl found no viewer
    path = board.night_actions.print_list(
        __import__("shelter_desk.services.beds", fromlist=["Layout"]).Layout.OCCUPANCY
    )
    assert path is not None and path.exists()
    assert "geopend" not in board.notice.text().split("maar")[0] and "openen lukte niet" in board.notice.text()
    assert str(path) in board.notice.text()


def test_a_printed_list_says_what_was_saved_and_where(board, opened):
    board.findChild(type(board.side_panel.bed_buttons["move"]), "printList").click()
    assert board.notice.text() == f"Bezettingslijst opgeslagen en geopend: {board.last_saved}"


def test_an_old_refusal_is_cleared_when_another_facility_is_chosen(board, region):
    board.lists.give_button.click()  # no bed chosen: refused
    assert board.error.isVisible()
    board.facility.setCurrentIndex(board.facility.findData(region.kdo))
    assert not board.error.isVisible()


@pytest.mark.role(Role.COORDINATOR)
def test_releasing_no_shows_asks_once_naming_who_loses_the_bed(board, desk, region):
    from datetime import datetime

    from shelter_desk.ui.beds.dialogs import ReleaseNoShowsDialog

    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    desk.clock = lambda: datetime(2026, 11, 24, 22, 30, tzinfo=UTC)
    board.refresh()
    board.night_actions.release()
    asked = board.dialog
    assert isinstance(asked, ReleaseNoShowsDialog) and "Jan Berg" in asked.text.text()
    asked.reject()
    assert _cell(board, "1").state is BedState.RESERVED
    board.night_actions.release()
    board.dialog.accept()
    assert _cell(board, "1").state is BedState.FREE and "1 niet-opgehaalde bedden vrijgegeven" in board.notice.text()


def test_a_fitting_bed_in_the_turnaway_dialog_is_reserved_with_enter(qtbot, board, desk, region):
    board.findChild(type(board.side_panel.bed_buttons["move"]), "turnawayButton").click()
    dialog = board.dialog
    qtbot.keyClicks(dialog.picker.query, "Sem")
    suggested(dialog)
    dialog.suggestions.setCurrentRow(0)
    qtbot.keyClick(dialog.suggestions, Qt.Key.Key_Return)
    assert not dialog.isVisible() and turnaways_of_night(desk, NIGHT) == []
    assert "Jongerenopvang Assen" in board.notice.text() and "gereserveerd" in board.notice.text()


def test_a_fitting_bed_after_a_refusal_is_reserved_from_the_suggestion(qtbot, board, desk, region):
    board.select_bed("1")
    board.side_panel.bed_buttons["assign"].click()
    dialog = board.dialog
    qtbot.keyClicks(dialog.picker.query, "Sem")
    searched(dialog.picker)
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Return)
    dialog.suggestions.setCurrentRow(0)
    qtbot.keyClick(dialog.suggestions, Qt.Key.Key_Return)
    assert not dialog.isVisible() and "Jongerenopvang Assen" in board.notice.text()
    assert _cell(board, "1").state is BedState.FREE


def test_a_stay_to_review_opens_its_person_with_enter(qtbot, board, desk, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT - timedelta(days=85))
    board.refresh()
    assert board.lists.reviews.count() == 1
    board.lists.reviews.setCurrentRow(0)
    qtbot.keyClick(board.lists.reviews, Qt.Key.Key_Return)
    assert board.dialog.objectName() == "personDialog" and board.dialog.person_id == region.people["henk"]


def test_the_board_shows_every_facility_at_once_with_a_legend(board):
    assert board.all_facilities.isChecked()
    assert len(board.view.buttons.buttons()) == sum(len(b.beds) for b in board.boards)
    for marker in ("✖", "⚠", "✚", "▲", "€", "❄"):
        assert marker in board.legend.text()


def test_a_bed_of_another_facility_is_chosen_from_the_overview(board, region):
    kdo_tile = next(tile for tile in board.view.tiles if tile.facility_id == region.kdo)
    kdo_tile.button.click()
    assert board.facility.currentData() == region.kdo and board.board().name == "KDO Assen"


def test_a_safety_ban_a_restriction_and_a_medical_note_have_their_own_markers(board, desk, region):
    from shelter_desk.domain.person_details import PersonDetails
    from shelter_desk.domain.restrictions import RestrictionTerms
    from shelter_desk.services.people.records import update_person
    from shelter_desk.services.people.restrictions import add_restriction

    for who, bed in (("jan", "N1"), ("henk", "N2"), ("anon", "N3")):
        assign_bed(desk, region.people[who], region.beds[bed], NIGHT)
    # Restrictions imposed after the beds were given (an incident this evening).
    add_restriction(
        desk, region.people["jan"], RestrictionTerms(None, NIGHT, NIGHT + timedelta(days=3), "Geweld", True)
    )
    add_restriction(
        desk, region.people["anon"], RestrictionTerms(None, NIGHT, NIGHT + timedelta(days=3), "Drugs", False)
    )
    update_person(
        desk,
        region.people["henk"],
        PersonDetails(first_name="Henk", last_name="Bakker", safety_notes="Epilepsie: medicatie in kluis"),
    )
    board.refresh()
    jan, henk, anon = (board.tile(label).text() for label in ("1", "2", "3"))
    assert "✖" in jan and "✚" not in jan
    assert "✚" in henk and "✖" not in henk
    assert "⚠" in anon and "✖" not in anon
    assert "Epilepsie" in board.tile("2").toolTip()


def test_the_occupancy_list_prints_on_the_chosen_printer(board, desk, region, tmp_path):
    from pypdf import PdfReader

    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    board.refresh()
    paper = tmp_path / "printer.pdf"

    print_to_file(board, paper)
    board.findChild(type(board.side_panel.bed_buttons["move"]), "printListPaper").click()
    assert paper.exists() and len(PdfReader(str(paper)).pages) >= 1
    assert board.notice.text().startswith("Bezettingslijst Nachtopvang Assen afgedrukt op")


def test_a_cancelled_print_says_so_and_prints_nothing(board, tmp_path):
    board.choose_printer = lambda printer, parent: False
    board.printers = lambda: ["Kantoor"]
    board.night_actions.print_list_on_paper(
        __import__("shelter_desk.services.beds", fromlist=["Layout"]).Layout.ROLL_CALL
    )
    assert "afdrukken geannuleerd" in board.notice.text()


def test_without_the_database_the_roll_call_prints_from_the_local_copy_and_the_list_says_why_not(
    board, desk, region, opened, tmp_path
):
    from io import BytesIO

    from cryptography.fernet import Fernet
    from pypdf import PdfReader

    from shelter_desk.persistence.engine import Database, create_database_engine
    from shelter_desk.persistence.location import resolve_location
    from shelter_desk.persistence.snapshots import RollCallSnapshots
    from shelter_desk.services.beds import Layout, region_tonight

    desk.snapshots = RollCallSnapshots(tmp_path / "kopie.bin", Fernet.generate_key())
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    region_tonight(desk, NIGHT)  # keeps the copy
    board.all_facilities.setChecked(False)
    gone = resolve_location(str(tmp_path / "geen-map" / "desk.sqlite"), plain=True)
    desk.db = Database(create_database_engine(gone), gone)  # the network share went away
    path = board.night_actions.print_list(Layout.ROLL_CALL)
    assert path is not None and opened == [path]
    text = " ".join(PdfReader(BytesIO(path.read_bytes())).pages[0].extract_text().split())
    assert "Jan Berg" in text and "Stand van 24-11-2026 21:00" in text
    assert board.night_actions.print_list(Layout.OCCUPANCY) is None and "niet bereikbaar" in board.error.text()


def test_the_move_dialog_does_not_offer_a_bed_kept_for_a_regular_nor_a_youth_bed(board, desk, region):
    from shelter_desk.services.beds.assignment import check_in

    check_in(desk, assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=1)))
    assign_bed(desk, region.people["henk"], region.beds["N2"], NIGHT)
    board.refresh()
    board.select_bed("2")
    board.side_panel.bed_buttons["move"].click()
    dialog = board.dialog
    assert isinstance(dialog, MoveDialog)
    offered = [dialog.target.itemText(i) for i in range(dialog.target.count())]
    dialog.grab().save("/tmp/move_dialog.png")
    # Bed 1 waits for Jan until 23:00; the youth beds are for 18 to 22 (Henk is 65).
    assert offered == ["Nachtopvang Assen, bed 3", "KDO Assen, bed 1", "KDO Assen, bed 2"]


def test_the_kept_bed_tile_says_whom_it_waits_for(board, desk, region):
    from shelter_desk.services.beds.assignment import check_in

    check_in(desk, assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=1)))
    board.refresh()
    assert "wacht op vaste gast:" in board.tile("1").text() and "Jan Berg" in board.tile("1").text()


@pytest.mark.role(Role.COORDINATOR)
def test_releasing_no_shows_names_the_places_it_acts_on(board, desk, region):
    from datetime import datetime

    from shelter_desk.ui.beds.dialogs import ReleaseNoShowsDialog

    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    desk.clock = lambda: datetime(2026, 11, 24, 22, 30, tzinfo=UTC)
    board.refresh()
    board.night_actions.release()
    asked = board.dialog
    assert isinstance(asked, ReleaseNoShowsDialog)
    assert asked.text.text().startswith("Voor: Jongerenopvang Assen, Nachtopvang Assen.")
    asked.grab().save("/tmp/release_dialog.png")
    asked.reject()
    board.all_facilities.setChecked(False)  # the worker chooses one place: only that one
    board.facility.setCurrentIndex(board.facility.findData(region.youth))
    board.night_actions.release()
    assert "Geen reserveringen om vrij te geven in Jongerenopvang Assen" in board.notice.text()


@pytest.mark.role(Role.COORDINATOR)
def test_a_coordinator_moves_into_a_kept_bed_marked_as_such_only_with_a_reason(board, desk, region):
    from shelter_desk.services.beds.assignment import check_in

    check_in(desk, assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=1)))
    assign_bed(desk, region.people["henk"], region.beds["N2"], NIGHT)
    board.refresh()
    board.select_bed("2")
    board.side_panel.bed_buttons["move"].click()
    dialog = board.dialog
    dialog.target.setCurrentIndex(
        dialog.target.findText("Nachtopvang Assen, bed 1 — alleen met reden: wacht tot 23:00 op Jan Berg")
    )
    ok = dialog.findChild(type(board.side_panel.bed_buttons["move"]), "okButton")
    ok.click()
    assert dialog.isVisible() and "vastgehouden voor Jan Berg" in dialog.error.text()
    dialog.grab().save("/tmp/move_dialog_coordinator.png")
    dialog.reason.setText("Jan belde: hij slaapt bij zijn zus")
    ok.click()
    assert not dialog.isVisible() and _cell(board, "1").occupant == "Henk Bakker"


def test_a_long_message_moves_no_button_of_the_panel(qtbot, board):
    buttons = [*board.side_panel.bed_buttons.values(), *board.side_panel.night_buttons.values()]
    before = [button.geometry().translated(button.parentWidget().pos()) for button in buttons]
    board.refuse(
        "Geen bed voor te stellen. 3 vrije bedden worden tot 23:00 vastgehouden voor vaste gasten; Leeftijd 46 "
        "past niet bij Jongerenopvang Assen (18 t/m 22 jaar). Registreer een afwijzing als er niets past."
    )
    QApplication.processEvents()
    assert board.error.isVisible()
    assert [button.geometry().translated(button.parentWidget().pos()) for button in buttons] == before
