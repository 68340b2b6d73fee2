"""A timer's database work (the daily step for running stays, the heartbeat, the roll-call copy)
runs on the desk's database worker: never on the window's thread, and a failure is logged, not shown."""

from __future__ import annotations

import logging
import threading

from shelter_desk import app
from shelter_desk.domain.errors import DeskError
from shelter_desk.ui.background import database_worker


def test_a_timers_database_work_runs_on_the_database_worker(qtbot):
    ran_on: list[str] = []
    app._on_the_database_worker("Proef", lambda: ran_on.append(threading.current_thread().name))
    database_worker().waitForDone(5000)
    assert ran_on and ran_on[0] != threading.main_thread().name


def test_a_timers_failure_is_logged_in_dutch_and_opens_no_dialog(qtbot, caplog):
    def fails() -> None:
        raise DeskError("De database is niet bereikbaar.")

    with caplog.at_level(logging.WARNING, logger="shelter_desk"):
        app._on_the_database_worker("Dagelijkse stap voor lopende verblijven", fails)
        database_worker().waitForDone(5000)
    assert "Dagelijkse stap voor lopende verblijven niet gelukt: De database is niet bereikbaar." in caplog.text
