"""Regio vannacht on screen: the shortcut, following another desk by itself, reserving a bed
elsewhere and printing the referral slip by keyboard, a bed that just went, and the roll-call
from the local copy when the database is out of reach."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from cryptography.fernet import Fernet
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.persistence.engine import Database, create_database_engine
from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.snapshots import RollCallSnapshots
from shelter_desk.services.beds import assign_bed
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people import register_person
from shelter_desk.ui import feedback
from shelter_desk.ui.beds.region_page import COLUMNS, RegionTonightPage
from shelter_desk.ui.changes import changes_of
from shelter_desk.ui.main_window import MainWindow
from tests.ui.waiting import searched

NIGHT = date(2026, 11, 24)


def _text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(path.read_bytes())).pages).split())


@pytest.fixture
def opened(tmp_path, monkeypatch):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    return []


@pytest.fixture
def page(qtbot, desk, region, opened, tmp_path):
    desk.snapshots = RollCallSnapshots(tmp_path / "kopie.bin", Fernet.generate_key())
    shown = RegionTonightPage(desk, open_file=opened.append)
    qtbot.addWidget(shown)
    shown.resize(1100, 600)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: shown.overview is not None)  # read on the database worker
    return shown


def _free(page, name: str) -> str:
    model = page.table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            return model.index(row, COLUMNS.index("Vrij")).data()
    return ""  # not (yet) on screen


def _other_desk(db) -> Desk:
    return Desk(
        db,
        clock=lambda: datetime(2026, 11, 24, 20, 45, tzinfo=UTC),
        user=DeskUser(2, "emmen", "Balie Emmen", Role.FRONT_DESK),
        workstation="emmen-1",
    )


def test_the_section_opens_by_its_shortcut(qtbot, desk, region, tmp_path):
    settings = QSettings(str(tmp_path / "werkplek.ini"), QSettings.Format.IniFormat)
    regional = RegionTonightPage(desk)
    window = MainWindow(
        database_label="desk.sqlite", is_demo=False, shelter_night=NIGHT, settings=settings, pages={"regio": regional}
    )
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    QTest.keySequence(window.windowHandle(), QKeySequence("Ctrl+8"))
    assert window.current_section() == "regio" and window.current_page() is regional
    qtbot.waitUntil(lambda: _free(regional, "Nachtopvang Assen") == "3")
    assert regional.table.hasFocus()


def test_another_desks_assignment_shows_by_itself(qtbot, page, desk, region):
    assert _free(page, "Nachtopvang Assen") == "3"
    assign_bed(_other_desk(desk.db), region.people["henk"], region.beds["N1"], NIGHT)
    qtbot.waitUntil(lambda: _free(page, "Nachtopvang Assen") == "2", timeout=3000)
    assert "Bijgewerkt om" in page.status.text()


def test_a_page_never_shown_reads_nothing_until_it_is_shown(qtbot, desk, region):
    hidden = RegionTonightPage(desk)
    qtbot.addWidget(hidden)
    assign_bed(_other_desk(desk.db), region.people["henk"], region.beds["N1"], NIGHT)
    qtbot.wait(1000)  # changes noticed meanwhile (the watch asks four times a second)
    assert hidden.overview is None
    hidden.show()
    qtbot.waitUntil(lambda: _free(hidden, "Nachtopvang Assen") == "2")


def test_a_change_elsewhere_that_leaves_tonights_region_alone_reloads_nothing(qtbot, page, desk, region):
    shown = page.overview
    changes = desk.db.changes.changes_seen
    register_person(_other_desk(desk.db), PersonDetails(alias="Nieuw"))  # a change, but no bed
    qtbot.waitUntil(lambda: desk.db.changes.changes_seen > changes and not page.reader.is_reading(), timeout=5000)
    assert page.overview is shown


def test_reserve_elsewhere_and_print_the_referral_slip_by_keyboard(qtbot, page, opened):
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # from the night shelter to the youth shelter
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible() and "Nachtopvang Assen" in dialog.windowTitle()
    qtbot.keyClicks(dialog.picker.query, "jan berg")
    searched(dialog.picker)
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Return)
    assert "Gereserveerd: Nachtopvang Assen, bed 1" in dialog.outcome.text()
    qtbot.keyClick(dialog.print_button, Qt.Key.Key_Return)
    assert not dialog.isVisible() and opened == [dialog.slip_path]
    text = _text(dialog.slip_path)
    assert "Verwijsbrief" in text and "Jan Berg" in text and "Nachtopvang Assen" in text
    qtbot.waitUntil(lambda: _free(page, "Nachtopvang Assen") == "2")


def test_a_bed_that_just_went_says_so_and_the_next_fitting_bed_is_one_enter_away(qtbot, page, desk, region):
    page.select_facility("Nachtopvang Assen")
    page.reserve()
    dialog = page.dialog
    assign_bed(_other_desk(desk.db), region.people["henk"], region.beds["N1"], NIGHT)  # Emmen was quicker
    qtbot.keyClicks(dialog.picker.query, "jan berg")
    searched(dialog.picker)
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Return)
    assert "bed 1 is net vergeven" in dialog.error.text()
    assert dialog.bed.currentData() == region.beds["N2"] and "Dit bed" in dialog.ok.text()
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Return)
    assert "Gereserveerd: Nachtopvang Assen, bed 2" in dialog.outcome.text()


def test_without_the_database_the_page_says_so_and_prints_the_roll_call_from_the_local_copy(
    qtbot, page, desk, region, opened, tmp_path
):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    qtbot.waitUntil(lambda: _free(page, "Nachtopvang Assen") == "2", timeout=3000)  # read: the copy is kept
    gone = resolve_location(str(tmp_path / "geen-map" / "desk.sqlite"), plain=True)
    desk.db = Database(create_database_engine(gone), gone)  # the network to the server dropped
    page.hide()
    page.show()  # opened again: it reads, and cannot
    qtbot.waitUntil(lambda: page.offline, timeout=3000)
    assert "niet bereikbaar" in page.status.text()
    assert "lokale kopie: 3 voorziening(en), stand van 24-11-2026 21:00" in page.status.text()
    page.select_facility("Nachtopvang Assen")
    path = page.print_roll_call()
    assert path is not None and opened == [path]
    text = _text(path)
    assert "Appèllijst ontruiming" in text and "Jan Berg" in text and "Stand van 24-11-2026 21:00" in text


def test_when_the_database_is_back_the_page_goes_on_without_a_restart(qtbot, page, desk, region, tmp_path):
    reachable = desk.db
    gone = resolve_location(str(tmp_path / "geen-map" / "desk.sqlite"), plain=True)
    desk.db = Database(create_database_engine(gone), gone)
    changes_of(desk).reachable.emit(False)  # the desk's change watch lost the database
    qtbot.waitUntil(lambda: page.offline, timeout=3000)
    desk.db = reachable
    assign_bed(_other_desk(reachable), region.people["henk"], region.beds["N1"], NIGHT)
    qtbot.waitUntil(lambda: not page.offline and _free(page, "Nachtopvang Assen") == "2", timeout=3000)
    assert "Bijgewerkt om" in page.status.text()


@pytest.mark.role(Role.COORDINATOR)
def test_a_coordinator_looks_at_all_regions_and_sets_this_desks_region(qtbot, desk, region, opened):
    from shelter_desk.domain.facilities import FacilityKind
    from shelter_desk.persistence.models import Bed, Facility
    from shelter_desk.services.kernel.reference_data import ensure_region

    with desk.db.write() as session:
        breehof = Facility(
            region=ensure_region(session, "0114"),
            name="De Breehof Nachtopvang Emmen",
            kind=FacilityKind.NIGHT_SHELTER,
            phone="0591 000 201",
        )
        breehof.beds = [Bed(label="1", position=1)]
        session.add(breehof)
    remembered = []
    page = RegionTonightPage(desk, open_file=opened.append, remember_region=remembered.append)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.overview is not None)
    assert page.scope.isVisibleTo(page) and page.scope.currentText() == "Eigen regio (Regio Assen)"
    page.scope.setCurrentIndex(page.scope.findData("alle"))
    qtbot.waitUntil(lambda: _free(page, "De Breehof Nachtopvang Emmen") == "1")
    assert _free(page, "Nachtopvang Assen") == "3"
    page.scope.setCurrentIndex(page.scope.findText("Regio Emmen"))
    page.make_home.click()
    assert remembered == [desk.region_id]
    qtbot.waitUntil(
        lambda: page.scope.currentText() == "Eigen regio (Regio Emmen)" and page.table.model().rowCount() == 1
    )


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_a_paused_server_is_said_on_the_open_page_without_anyone_touching_it(qtbot, page, desk, postgres_cluster):
    from tests.persistence.test_hung_server import _paused

    assert desk.db.changes.watching.wait(15)
    with _paused(postgres_cluster):
        qtbot.waitUntil(lambda: page.offline, timeout=30_000)  # the desk's change watch noticed
        assert "niet bereikbaar" in page.status.text()
    qtbot.waitUntil(lambda: not page.offline, timeout=30_000)  # back by itself
    assert "Bijgewerkt om" in page.status.text()


HALF_A_LAPTOP = 683  # half of a 1366 px screen: Regio vannacht stands beside the Balie


def _long_named_facility(desk):
    from shelter_desk.domain.facilities import FacilityKind
    from shelter_desk.persistence.models import Bed, Facility
    from shelter_desk.services.kernel.reference_data import ensure_region

    with desk.db.write() as session:
        long_name = Facility(
            region=ensure_region(session, "0106"),
            # The longest name a facility may have (120 characters).
            name=("Nachtopvang Jongeren Havenkade Assen, locatie Stationsstraat achterzijde " * 2)[:120],
            kind=FacilityKind.NIGHT_SHELTER,
            street="Burgemeester van Roijensingel 112",
            postcode="9401AB",
            city="Assen",
            phone="0592 000 123",
        )
        long_name.beds = [Bed(label="1", position=1)]
        session.add(long_name)


@pytest.mark.role(Role.COORDINATOR)
def test_regio_vannacht_fits_beside_the_balie_on_half_a_laptop_screen(qtbot, desk, region, opened):
    _long_named_facility(desk)
    page = RegionTonightPage(desk, open_file=opened.append, remember_region=lambda region_id: None)
    qtbot.addWidget(page)
    page.resize(HALF_A_LAPTOP, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.overview is not None)
    page.scope.setCurrentIndex(page.scope.findData("alle"))  # the widest table: every region, its column shown
    qtbot.waitUntil(lambda: page.overview.region_id is None and page.table.model().rowCount() == 4)
    page.grab().save("/tmp/pages_region_half_screen.png")
    assert page.minimumSizeHint().width() <= HALF_A_LAPTOP
    header = page.table.horizontalHeader()
    shown = sum(header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c))
    assert shown <= page.table.viewport().width()  # every column in view, no sideways scrolling
    assert header.sectionSize(COLUMNS.index("Voorziening")) >= shown / 3  # the name stays readable
    page.select_facility(page.overview.facilities[-1].name)
    assert page.where.isVisible() and "tel. " in page.where.text()  # address and phone under the table


@pytest.mark.role(Role.COORDINATOR)
def test_the_region_is_switched_by_keyboard(qtbot, desk, region, opened):
    page = RegionTonightPage(desk, open_file=opened.append)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: page.overview is not None)
    page.table.setFocus()
    QTest.keySequence(page.windowHandle(), QKeySequence("Alt+G"))
    assert page.focusWidget() is page.scope
    qtbot.keyClick(page.scope, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: page.overview.scope == "Alle regio's")
    assert page.scope.currentText() == "Alle regio's" and not page.table.isColumnHidden(COLUMNS.index("Regio"))
