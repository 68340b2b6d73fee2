"""Whole evenings and days at the desk walked through the window, on the demo database: a queue at
the night shelter, the night list, the short-stay review, the monitor, someone from elsewhere, a
visitor by day who comes back at night."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from shelter_desk import app
from shelter_desk.services.beds.occupancy import Layout
from shelter_desk.services.demo.loader import DEMO_PASSWORD
from shelter_desk.services.trust.accounts import sign_in
from shelter_desk.ui import feedback
from shelter_desk.ui.record_list import RecordList
from tests.ui.waiting import computed, handover_read, searched, visitors_read, wait_for


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, demo_location):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    built = app.build_main_window(
        demo_location,
        demo=True,
        settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
        sign_in=lambda desk, demo: bool(sign_in(desk, "coordinator", DEMO_PASSWORD)),
    )
    qtbot.addWidget(built)
    built.resize(1280, 800)
    built.show()
    qtbot.waitExposed(built)
    return built


def test_a_regular_gets_his_bed_and_is_checked_in_with_a_few_keys(qtbot, window):
    window.open_section("balie")
    balie = window.current_page()
    qtbot.keyClicks(balie.picker.query, "hen")  # Henk Bakker ("Kapitein"), a regular not yet in tonight
    searched(balie.picker)
    qtbot.keyClick(balie.picker.query, Qt.Key.Key_Return)
    person = balie.dialog
    assert person.record.name.startswith("Henk Bakker")
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+T"))
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+I"))
    assert "ingecheckt" in person.tonight_text.text() and "zelfde bed" not in person.tonight_text.text()
    board = _open_board(window)
    occupants = {cell.occupant for b in board.boards for cell in b.beds}
    assert any(name.startswith("Henk Bakker") for name in occupants)


def _open_board(window):
    """Open Bedden and let its read on the database worker arrive, as a worker sees the board."""
    window.open_section("bedden")
    board = window.current_page()
    wait_for(lambda: board.shown_night is not None and not board.reader.is_reading())
    return board


def test_the_night_list_prints_from_the_board_in_one_click(qtbot, window):
    board = _open_board(window)
    board._open_file = lambda path: None  # no PDF viewer offscreen
    path = board.night_actions.print_list(Layout.OCCUPANCY)
    assert path is not None and path.read_bytes().startswith(b"%PDF")


def test_the_half_year_monitor_computes_on_the_demo(qtbot, window):
    window.open_section("rapportages")
    reports = window.current_page()
    reports.compute()
    computed(reports)
    assert reports.figures.topLevelItemCount() > 5 and not reports.error.isVisible()


def test_an_idle_desk_locks_and_the_same_worker_signs_in_again_with_the_window_kept(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    lock = window.findChild(app.IdleLock)
    desk = lock._desk
    window.open_section("balie")
    balie = window.current_page()
    qtbot.keyClicks(balie.picker.query, "half getypt")
    desk.lock()
    assert desk.is_locked()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog.username.text() == "coordinator"  # the worker who was signed in
        dialog.password.setText(DEMO_PASSWORD)
        dialog.attempt()

    QTimer.singleShot(50, answer)
    lock.check()
    assert not desk.is_locked() and balie.picker.query.text() == "half getypt"


# -- the rules at their edges, walked through the window on the demo ------------------

import io  # noqa: E402
from datetime import datetime, time  # noqa: E402

import pypdf  # noqa: E402
from PySide6.QtWidgets import QLineEdit, QPushButton  # noqa: E402

from shelter_desk.domain.shelter_night import AMSTERDAM  # noqa: E402
from tests.reports.test_occupancy_pdf import roll_call_sections  # noqa: E402


def _desk(window):
    return window.findChild(app.IdleLock)._desk


def _set_clock(window, night, at):
    """The desk's clock at `at` on the evening of `night`, the session renewed on that clock."""
    desk = _desk(window)
    desk.clock = lambda: datetime.combine(night, at, AMSTERDAM)
    desk.sign_in(desk.user)


def _open_person(qtbot, window, typed):
    window.open_section("balie")
    balie = window.current_page()
    balie.picker.query.clear()
    qtbot.keyClicks(balie.picker.query, typed)
    searched(balie.picker)
    qtbot.keyClick(balie.picker.query, Qt.Key.Key_Return)
    return balie.dialog


def _board_on(window, facility_name):
    board = _open_board(window)
    board._open_file = lambda path: None  # no PDF viewer offscreen
    board.facility.setCurrentIndex(
        board.facility.findData(next(b.facility_id for b in board.boards if b.name == facility_name))
    )
    return board


def test_a_newcomer_gets_a_free_bed_not_one_a_regular_still_comes_for(qtbot, window):
    _set_clock(window, _desk(window).tonight(), time(21))  # before the no-show hour
    person = _open_person(qtbot, window, "fatima")  # Fatima el Amrani: no bed, not a regular
    assert "Voorstel: Nachtopvang Havenkade Assen, bed 8" in person.tonight_text.text()
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+T"))
    assert "Nachtopvang Havenkade Assen, bed 8 — gereserveerd" in person.tonight_text.text()
    # Henk, Ştefan and Kees slept in beds 2, 4 and 7 last night and are still to come: kept for them.
    board = _board_on(window, "Nachtopvang Havenkade Assen")
    free = {
        cell.label
        for b in board.boards
        if b.name == "Nachtopvang Havenkade Assen"
        for cell in b.beds
        if cell.state.value == "vrij"
    }
    assert {"2", "4", "7"} <= free
    assert "wacht op vaste gast:\nHenk Bakker" in board.tile("2").text()


def test_the_banned_man_sees_his_ban_and_is_offered_crisisopvang_emmen(qtbot, window):
    person = _open_person(qtbot, window, "bogdan")
    assert "Agressie tegen een medewerker" in person.restriction_banner.text()
    assert (
        "Voorstel: De Breehof Crisisopvang Emmen, bed 2 (14 vrij; uitwijklocatie bij veiligheidsbeperking"
        in person.tonight_text.text()
    )
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+T"))
    # Given, not yet inside: he still has to walk to Emmen, where the crisis desk checks him in.
    assert "De Breehof Crisisopvang Emmen, bed 2 — gereserveerd" in person.tonight_text.text()


def test_the_roll_call_tells_who_is_inside_from_who_is_only_expected(qtbot, window, tmp_path):
    board = _board_on(window, "Nachtopvang Havenkade Assen")
    board.select_bed("1")  # Jan van der Berg, reserved: he arrives
    board.side_panel.bed_buttons["check_in"].click()
    path = board.night_actions.print_list(Layout.ROLL_CALL)
    pdf = path.read_bytes()
    sections = roll_call_sections(pdf)
    assert sections["Binnen"] == ["Jan van der Berg"]
    # Reserved, not arrived (Henk, Ştefan and Kees hold no bed yet tonight), by name as the desk reads it;
    # Mehmet Çelik took the bed the street outreach offered him tonight.
    assert sections["Verwacht / niet binnen"] == [
        'Дмитрий Иванов ("Dima")',
        "Łukasz Wiśniewski",
        "Mehmet Çelik",
        "Sjors",
    ]
    first_page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Binnen: 1" in " ".join(first_page.split())


def test_at_the_no_show_hour_the_desk_sees_the_names_confirms_once_and_can_undo(qtbot, window):
    _set_clock(window, _desk(window).tonight(), time(23, 30))
    board = _board_on(window, "Nachtopvang Havenkade Assen")
    board.findChild(QPushButton, "releaseButton").click()
    names = board.dialog.text.text()
    assert "Jan van der Berg" in names and "Henk Bakker" not in names  # Henk holds no bed tonight
    board.dialog.findChild(QPushButton, "okButton").click()
    assert "niet-opgehaalde bedden vrijgegeven" in board.notice.text()
    assert (
        next(
            c for b in board.boards if b.name == "Nachtopvang Havenkade Assen" for c in b.beds if c.label == "1"
        ).state.value
        == "vrij"
    )
    board.findChild(QPushButton, "undoReleaseButton").click()
    assert "reserveringen teruggezet" in board.notice.text()
    assert (
        next(
            c for b in board.boards if b.name == "Nachtopvang Havenkade Assen" for c in b.beds if c.label == "1"
        ).occupant
        == "Jan van der Berg"
    )


def test_the_review_lists_kdo_near_and_over_three_months_and_who_stopped_coming(qtbot, window):
    board = _board_on(window, "Kortdurende Opvang Assen")
    reviews = [board.lists.reviews.text(i) for i in range(board.lists.reviews.count())]
    assert any(r.startswith("bijna maximum: Johan Hoekstra") and "max. 3 maanden" in r for r in reviews)
    assert any(r.startswith("OVER MAXIMUM: Saskia Brouwer") for r in reviews)
    stopped = [board.lists.left_unannounced.text(i) for i in range(board.lists.left_unannounced.count())]
    assert len(stopped) == 2 and all("vertrokken, bestemming onbekend" in s for s in stopped)
    board.lists.review_tabs.setCurrentIndex(1)
    board.lists.left_unannounced.setCurrentRow(next(i for i, s in enumerate(stopped) if s.startswith("Marieke")))
    board.findChild(QPushButton, "correctOutflow").click()
    dialog = board.dialog
    dialog.outflow.setCurrentIndex(dialog.outflow.findData("familie_vrienden"))
    dialog.findChild(QPushButton, "okButton").click()
    assert board.lists.left_unannounced.count() == 1


def test_the_monitor_counts_the_people_who_stopped_coming_in_the_outflow(qtbot, window):
    window.open_section("rapportages")
    reports = window.current_page()
    reports.compute()
    computed(reports)
    outflow = dict(reports.report.outflow)
    assert outflow["Vertrokken, bestemming onbekend"] == 2


def test_beheer_shows_and_takes_the_maximum_stay_as_a_period(qtbot, window):
    window.open_section("beheer")
    admin = window.current_page()
    max_stay = admin.findChild(QLineEdit, "facilityMaxStay")
    names = admin.findChild(RecordList, "facilityList")
    row = next(i for i in range(names.count()) if names.text(i).startswith("Kortdurende Opvang Assen"))
    names.setCurrentRow(row)
    assert max_stay.text() == "3 maanden"
    max_stay.setText("6 weken")
    admin.findChild(QPushButton, "saveFacility").click()
    names.setCurrentRow(row)
    assert max_stay.text() == "6 weken"


def test_someone_without_a_stay_is_investigated_in_the_region_of_the_desk(qtbot, window):
    from shelter_desk.services.transfers import list_investigations

    _board_on(window, "De Breehof Nachtopvang Emmen")  # this is the desk in Emmen
    window.open_section("overdrachten")
    transfers = window.current_page()
    transfers.new_investigation()
    dialog = transfers.dialog
    qtbot.keyClicks(dialog.picker.query, "bram post")  # Bram Post: no stay anywhere yet
    qtbot.waitUntil(lambda: dialog.picker.selected_person() is not None)
    dialog.start()
    [view] = [v for v in list_investigations(_desk(window)) if v.person.startswith("Bram Post")]
    assert view.region_centre_code == "0114"  # Emmen, not Assen (first by name)


def test_a_visitor_by_day_gets_a_card_and_at_night_scans_in_for_a_bed(qtbot, window):
    """14:00 at the inloop: visit, shower, meal, locker 12 until Friday; a card with his first name;
    16:30 a must-read handover note; the night shift reads it, scans his card and gives him his bed."""
    from datetime import timedelta

    from shelter_desk.services.cards import cards_of
    from shelter_desk.services.dropin import lockers_in_use, todays_visitors
    from shelter_desk.services.handover import unread_count
    from shelter_desk.ui.cards.card_dialog import CardDialog
    from shelter_desk.ui.dialog_parts import qdate

    window.open_section("inloop")
    inloop = window.current_page()
    inloop.location.setCurrentIndex(inloop.location.findText("Inloop Havenkade Assen"))
    desk = inloop._desk
    qtbot.keyClicks(inloop.picker.query, "daan visser")  # a youth-shelter regular, no card, no bed yet tonight
    searched(inloop.picker)
    qtbot.keyClick(inloop.picker.query, Qt.Key.Key_Return)
    visitors_read(inloop)  # today's list is read on the database worker
    visit = inloop.selected_visit()
    assert visit is not None and visit.name == "Daan Visser"
    QTest.keySequence(window.windowHandle(), QKeySequence("Alt+2"))  # Douche
    QTest.keySequence(window.windowHandle(), QKeySequence("Alt+1"))  # Maaltijd
    QTest.keySequence(window.windowHandle(), QKeySequence("Ctrl+L"))
    locker = inloop.dialog
    qtbot.keyClicks(locker.label, "12")
    qtbot.keyClicks(locker.description, "zwarte sporttas")
    today = desk.today()
    friday = today + timedelta(days=(4 - today.weekday()) % 7 or 7)
    locker.keep_until.setDate(qdate(friday))
    locker.ok.click()
    [row] = [v for v in todays_visitors(desk, inloop.facility_id()).visits if v.person_id == visit.person_id]
    assert row.services_text == "Douche, Maaltijd" and row.lockers == ("12",)
    assert [(item.label, item.keep_until) for item in lockers_in_use(desk, inloop.facility_id())] == [("12", friday)]

    # He asks for a card: printed from his record, with his first name and a QR code.
    window.open_section("balie")
    balie = window.current_page()
    record = balie.open_person(visit.person_id)
    QTest.keySequence(record.windowHandle(), QKeySequence("Ctrl+K"))
    card_dialog = record.child
    assert isinstance(card_dialog, CardDialog)
    card_dialog._open_file = lambda path: None
    card_dialog.name_choice.setCurrentIndex(card_dialog.name_choice.findText("Alleen voornaam"))
    card_dialog.issue_button.click()
    [card] = cards_of(desk, visit.person_id)
    assert card.valid and card.name == "Daan"
    card_dialog.accept()
    record.close()

    # 16:30: the day shift writes the handover for the youth night shelter.
    panel = balie.handover
    shelter = panel.location.findText("Nachtopvang Jongeren Havenkade Assen")
    panel.location.setCurrentIndex(shelter)
    handover_read(panel)  # the log is read on the database worker
    note = panel.write()
    qtbot.keyClicks(note.text, "Daan heeft morgen om 9 uur een afspraak in het ziekenhuis: om 7:30 wekken.")
    note.must_read.setChecked(True)
    qtbot.keyClicks(note.picker.query, "daan visser")
    searched(note.picker)
    qtbot.keyClick(note.picker.query, Qt.Key.Key_Return)
    note.ok.click()

    # 21:00: the night shift signs in, opens the handover and marks it read.
    sign_in(desk, "balie", DEMO_PASSWORD)
    panel.refresh()
    handover_read(panel)
    facility_id = panel.facility_id()
    assert unread_count(desk, facility_id) == 1 and "ziekenhuis" in panel.list.text(0)
    window.activateWindow()  # the record and the note were open on top
    qtbot.waitActive(window)
    QTest.keySequence(window.windowHandle(), QKeySequence("Ctrl+R"))
    assert unread_count(desk, facility_id) == 0

    # 21:10: he shows his card; the scan opens his record at once; Ctrl+T and Ctrl+I.
    balie.picker.setFocus()
    qtbot.keyClicks(balie.picker.query, card.number)
    qtbot.keyClick(balie.picker.query, Qt.Key.Key_Return)
    searched(balie.picker)  # the card is looked up on the database worker
    person = balie.dialog
    assert person.person_id == visit.person_id
    assert "ziekenhuis" in person.handover.item(0).text()
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+T"))
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+I"))
    assert "Jongeren" in person.tonight_text.text() and "ingecheckt" in person.tonight_text.text()


def test_by_keyboard_alone_from_the_section_key_to_a_beds_actions(qtbot, window):
    from PySide6.QtWidgets import QApplication, QPushButton

    QTest.keySequence(window.windowHandle(), QKeySequence("Ctrl+2"))
    board = window.current_page()
    qtbot.waitUntil(lambda: board.shown_night is not None and not board.reader.is_reading())  # read on the worker
    assert board.facility.hasFocus()
    for _ in range(3):  # the facility, "alle voorzieningen", then the board's one tab stop
        if isinstance(QApplication.focusWidget(), QPushButton) and QApplication.focusWidget().isCheckable():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    tile = QApplication.focusWidget()
    assert tile in board.view.buttons.buttons()
    qtbot.keyClick(tile, Qt.Key.Key_Right)
    assert board.selected is not None and board.selected.label == "2"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert board.bed_menu is not None and board.bed_menu.actions()


def test_tomorrows_and_next_weeks_boards_show_the_short_stay_residents_in_their_beds(qtbot, window, tmp_path):
    board = _open_board(window)
    tonight = board._desk.tonight()
    tonight_residents = {
        cell.occupant
        for b in board.boards
        if b.name == "Kortdurende Opvang Assen"
        for cell in b.beds
        if cell.person_id is not None
    }
    assert tonight_residents
    for ahead in (1, 7):
        board.set_night(tonight + timedelta(days=ahead))
        wait_for(
            lambda ahead=ahead: board.shown_night == tonight + timedelta(days=ahead) and not board.reader.is_reading()
        )
        kdo = next(b for b in board.boards if b.name == "Kortdurende Opvang Assen")
        assert {cell.occupant for cell in kdo.beds if cell.person_id is not None} == tonight_residents
    qtbot.wait(800)  # the tiles repaint after the data arrives
    window.grab().save(str(tmp_path / "next-week.png"))
