"""The Inloop section by keyboard: visit in two keys, a scanned card, services, a locker, overdue in red."""

from __future__ import annotations

from datetime import UTC, date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from shelter_desk.domain.cards import CardName
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.persistence.models import DropInHours, Facility
from shelter_desk.services.cards import issue_card
from shelter_desk.services.dropin import lockers_in_use, store_belongings, todays_visitors
from shelter_desk.ui.dropin.page import DropInPage, LockerDialog
from tests.ui.waiting import searched

TODAY = date(2026, 11, 24)


@pytest.fixture
def inloop(db, region) -> int:
    with db.write() as session:
        assen = session.get(Facility, region.night_shelter).region
        facility = Facility(region=assen, name="Inloop Havenkade", kind=FacilityKind.DROP_IN, city="Assen")
        session.add(facility)
        session.flush()
        session.add(DropInHours(facility_id=facility.id, weekday=1, opens=time(10), closes=time(16)))
        return facility.id


@pytest.fixture
def page(qtbot, desk, inloop):
    widget = DropInPage(desk)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    widget.picker.setFocus()
    return widget


def _visit_names(page):
    return [page.visits.model().index(row, 1).data() for row in range(page.visits.model().rowCount())]


def test_the_page_shows_todays_hours(page):
    assert page.hours_text.text() == "Vandaag open 10:00–16:00."


def test_a_name_and_enter_register_the_visit_and_select_it(qtbot, page, region):
    qtbot.keyClicks(page.picker.query, "jan")
    searched(page.picker)
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    assert _visit_names(page) == ["Jan Berg"]
    assert page.selected_visit().person_id == region.people["jan"]
    assert page.picker.query.text() == "" and page.picker.query.hasFocus()


def test_a_scanned_card_registers_the_visit(qtbot, page, desk, region):
    card = issue_card(desk, region.people["henk"], CardName.FIRST_NAME, region.night_shelter)
    qtbot.keyClicks(page.picker.query, card.number)
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    searched(page.picker)  # the card is looked up on the database worker
    assert _visit_names(page) == ["Henk Bakker"]


def test_alt_and_the_services_number_gives_it_to_the_chosen_visit(qtbot, page, desk, inloop):
    qtbot.keyClicks(page.picker.query, "jan")
    searched(page.picker)
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    QTest.keySequence(page.window().windowHandle(), QKeySequence("Alt+2"))  # 2 Douche
    page.service_buttons["Maaltijd"].click()
    assert todays_visitors(desk, inloop).visits[0].services_text == "Douche, Maaltijd"
    assert "Douche, Maaltijd" in page.visits.model().index(0, 2).data()


def test_a_second_visit_the_same_day_is_refused_in_red(qtbot, page):
    for _ in range(2):
        qtbot.keyClicks(page.picker.query, "jan")
        searched(page.picker)
        qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    assert page.error.isVisible() and "al ingeschreven" in page.error.text()
    assert _visit_names(page) == ["Jan Berg"]


def test_a_card_scanned_again_the_same_day_chooses_the_visit_already_in(qtbot, page, desk, region):
    card = issue_card(desk, region.people["henk"], CardName.FIRST_NAME, region.night_shelter)
    for text in (card.number, "jan", card.number):  # Henk came in, then Jan; Henk's card again
        qtbot.keyClicks(page.picker.query, text)
        qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
        searched(page.picker)  # the name's search, or the card looked up, on the database worker
    assert "al ingeschreven" in page.error.text()
    assert page.selected_visit().person_id == region.people["henk"]
    assert page.picker.query.hasFocus()


def test_an_anonymous_visit_is_a_head_count_without_a_locker(qtbot, page):
    page.register_anonymous()
    assert _visit_names(page) == ["anoniem bezoek"] and page.counts.text().startswith("1 bezoeken (1 anoniem)")
    assert page.store_locker() is None and "naam of alias" in page.error.text()


def test_a_locker_is_stored_for_the_chosen_visitor(qtbot, page, desk, inloop):
    qtbot.keyClicks(page.picker.query, "jan")
    searched(page.picker)
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    dialog = page.store_locker()
    assert isinstance(dialog, LockerDialog)
    qtbot.keyClicks(dialog.label, "12")
    qtbot.keyClicks(dialog.description, "blauwe rugzak")
    dialog.ok.click()
    assert [v.label for v in lockers_in_use(desk, inloop)] == ["12"]
    assert page.lockers.model().index(0, 0).data() == "12" and page.visits.model().index(0, 3).data() == "12"


def test_a_locker_label_in_use_is_refused_in_the_dialog(qtbot, page, desk, region, inloop):
    store_belongings(desk, inloop, region.people["henk"], "12", "slaapzak", TODAY)
    qtbot.keyClicks(page.picker.query, "jan")
    searched(page.picker)
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    dialog = page.store_locker()
    qtbot.keyClicks(dialog.label, "12")
    qtbot.keyClicks(dialog.description, "tas")
    dialog.ok.click()
    assert dialog.error.isVisible() and "in gebruik" in dialog.error.text()


def test_overdue_lockers_show_in_red(qtbot, desk, db, region, inloop):
    from datetime import datetime

    from shelter_desk.services.kernel.desk import Desk

    store_belongings(desk, inloop, region.people["henk"], "3", "slaapzak", TODAY)
    later = Desk(db, clock=lambda: datetime(2026, 11, 27, 12, 0, tzinfo=UTC), user=desk.user)
    widget = DropInPage(later)
    qtbot.addWidget(widget)
    widget.show()
    widget.overdue_only.setChecked(True)
    lockers = widget.lockers.model()
    assert lockers.rowCount() == 1 and "VERLOPEN" in lockers.index(0, 4).data()
    assert lockers.index(0, 4).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b91c1c"


def test_a_visit_counted_at_another_desk_shows_in_todays_visitors_by_itself(qtbot, page, desk, inloop, region):
    from shelter_desk.domain.roles import DeskUser, Role
    from shelter_desk.persistence.engine import Database, create_database_engine
    from shelter_desk.services.dropin import register_visit
    from shelter_desk.services.kernel.desk import Desk

    other = Database(create_database_engine(desk.db.location), desk.db.location)
    try:
        assert desk.db.changes.watching.wait(15)
        register_visit(
            Desk(other, clock=desk.clock, user=DeskUser(2, "b", "Balie 2", Role.FRONT_DESK)),
            inloop,
            region.people["henk"],
        )
        qtbot.waitUntil(lambda: "Henk Bakker" in _visit_names(page), timeout=15_000)
    finally:
        other.close()
