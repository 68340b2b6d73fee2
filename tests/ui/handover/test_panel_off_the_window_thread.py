"""The handover panel beside the Balie search reads its log on the database worker: the window
keeps answering while the server is paused, the notes on screen stay readable, and the log of the
location as now chosen comes once the server answers."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.services.handover import unread_count, write_entry
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.ui.background import database_worker
from shelter_desk.ui.handover.panel import STILL_READING
from shelter_desk.ui.record.front_desk_page import FrontDeskPage
from tests.persistence.test_hung_server import _paused
from tests.ui.waiting import handover_read

WAIT_S = 30  # only so that a regression fails the test instead of hanging the run


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_choosing_a_handover_location_while_the_server_is_paused_keeps_the_window_answering_and_the_log_comes_after(
    qtbot, desk, region, postgres_cluster
):
    write_entry(desk, region.night_shelter, "Henk komt later vanavond.", [region.people["henk"]])
    write_entry(desk, region.kdo, "Sleutel van kamer 2 kwijt.", [])
    window = QWidget()
    page = FrontDeskPage(desk)
    other = QCheckBox("Iets anders")
    layout = QVBoxLayout(window)
    layout.addWidget(page)
    layout.addWidget(other)
    qtbot.addWidget(window)
    window.resize(1146, 700)
    window.show()
    qtbot.waitExposed(window)
    panel = page.handover
    handover_read(panel, WAIT_S)
    panel.location.setCurrentIndex(panel.location.findData(region.night_shelter))
    handover_read(panel, WAIT_S)
    with _paused(postgres_cluster):
        panel.location.setCurrentIndex(panel.location.findData(region.kdo))
        other.click()  # the window still takes the worker's clicks and keys
        assert other.isChecked() and panel.reading
        assert "Henk komt later" in panel.list.text(0)  # the notes on screen stay readable
    handover_read(panel, WAIT_S)
    assert "Sleutel van kamer 2" in panel.list.text(0)


def test_marking_all_read_while_another_locations_log_is_on_its_way_marks_nothing(qtbot, db, desk, region):
    write_entry(desk, region.night_shelter, "Henk komt later vanavond.", [], must_read=True)
    write_entry(desk, region.kdo, "Sleutel van kamer 2 kwijt.", [], must_read=True)
    night = Desk(
        db, clock=lambda: desk.now() + timedelta(hours=1), user=DeskUser(7, "nacht", "Nachtdienst", Role.FRONT_DESK)
    )
    page = FrontDeskPage(night)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    panel = page.handover
    handover_read(panel, WAIT_S)
    panel.location.setCurrentIndex(panel.location.findData(region.night_shelter))
    handover_read(panel, WAIT_S)
    release = threading.Event()
    database_worker().start(lambda: release.wait(WAIT_S))
    try:
        panel.location.setCurrentIndex(panel.location.findData(region.kdo))  # its log waits behind the worker
        panel.mark_all_read()
        assert panel.error.text() == STILL_READING
    finally:
        release.set()
    handover_read(panel, WAIT_S)
    assert unread_count(night, region.night_shelter) == 1 and unread_count(night, region.kdo) == 1
