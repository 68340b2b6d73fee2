"""The drop-in reads today's list on the database worker: the window keeps answering while the
server is paused, and a service key pressed before the list arrived goes to the visit just
registered, never to the visit chosen before it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.persistence.models import DropInHours, Facility
from shelter_desk.services.dropin import register_visit, todays_visitors
from shelter_desk.ui.background import database_worker
from shelter_desk.ui.dropin.page import DropInPage
from tests.persistence.test_hung_server import _paused
from tests.ui.waiting import searched, visitors_read

WAIT_S = 30  # only so that a regression fails the test instead of hanging the run


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
def window(qtbot, desk, inloop):
    """The drop-in beside another widget of the window, its first list read."""
    window = QWidget()
    page = DropInPage(desk)
    other = QCheckBox("Iets anders")
    layout = QVBoxLayout(window)
    layout.addWidget(page)
    layout.addWidget(other)
    window.page, window.other = page, other
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    visitors_read(page, WAIT_S)
    page.picker.setFocus()
    return window


@pytest.fixture
def worker_held() -> Iterator[threading.Event]:
    release = threading.Event()
    yield release
    release.set()


def _services(desk, inloop, person_id: int) -> str:
    return next(v.services_text for v in todays_visitors(desk, inloop).visits if v.person_id == person_id)


def _register(qtbot, page, text: str) -> None:
    qtbot.keyClicks(page.picker.query, text)
    searched(page.picker, WAIT_S)
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_todays_list_read_while_the_server_is_paused_keeps_the_window_answering_and_comes_after(
    qtbot, window, desk, inloop, region, postgres_cluster
):
    page = window.page
    register_visit(desk, inloop, region.people["jan"])  # as just registered at this desk
    with _paused(postgres_cluster):
        page.refresh()
        window.other.click()  # the window still takes the worker's clicks and keys
        assert window.other.isChecked() and page.reading
    visitors_read(page, WAIT_S)
    assert page.visits.model().index(0, 1).data() == "Jan Berg"


def test_a_service_key_pressed_before_todays_list_arrived_goes_to_the_visit_just_registered(
    qtbot, window, desk, inloop, region, worker_held
):
    page = window.page
    _register(qtbot, page, "henk")
    visitors_read(page, WAIT_S)
    assert page.selected_visit().person_id == region.people["henk"]
    qtbot.keyClicks(page.picker.query, "jan")
    searched(page.picker, WAIT_S)
    database_worker().start(lambda: worker_held.wait(WAIT_S))
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)  # registered; its list waits behind the worker
    assert page.reading
    QTest.keySequence(page.window().windowHandle(), QKeySequence("Alt+2"))  # 2 Douche
    assert _services(desk, inloop, region.people["henk"]) == ""
    worker_held.set()
    visitors_read(page, WAIT_S)
    assert _services(desk, inloop, region.people["jan"]) == "Douche"
    assert _services(desk, inloop, region.people["henk"]) == ""
