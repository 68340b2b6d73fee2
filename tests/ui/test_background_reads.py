"""Reads on the database worker: the window keeps answering, says it is busy after a moment, and
only the latest request's result is shown; a paused server leaves the bed board responsive."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from shelter_desk.ui.background import BUSY_TEXT, BackgroundReader
from shelter_desk.ui.beds.board_page import BedBoardPage
from tests.persistence.test_hung_server import _paused

WAIT_MS = 30_000


@pytest.fixture
def reader(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    yield BackgroundReader(owner, busy_after_ms=300)
    owner.close()  # (kept alive until here: the reader is its child)


def test_a_slow_read_says_busy_while_the_window_keeps_answering(qtbot, reader):
    release, delivered, busy = threading.Event(), [], []
    reader.busy.connect(busy.append)
    reader.run(lambda: release.wait(WAIT_MS / 1000) and "klaar", delivered.append, pytest.fail)
    qtbot.waitUntil(lambda: busy == [True], timeout=WAIT_MS)  # the event loop ran meanwhile
    assert delivered == []
    release.set()
    qtbot.waitUntil(lambda: delivered == ["klaar"], timeout=WAIT_MS)
    assert busy == [True, False]


def test_a_quick_read_never_says_busy(qtbot, reader):
    delivered, busy = [], []
    reader.busy.connect(busy.append)
    reader.run(lambda: "klaar", delivered.append, pytest.fail)
    qtbot.waitUntil(lambda: delivered == ["klaar"], timeout=WAIT_MS)
    assert busy == []


def test_only_the_latest_request_is_shown(qtbot, reader):
    first_may_end, delivered = threading.Event(), []
    reader.run(lambda: first_may_end.wait(WAIT_MS / 1000) and "oud", delivered.append, pytest.fail)
    reader.run(lambda: "nieuw", delivered.append, pytest.fail)
    first_may_end.set()
    qtbot.waitUntil(lambda: not reader.is_reading() and delivered == ["nieuw"], timeout=WAIT_MS)


def test_a_failed_read_is_handed_to_the_page(qtbot, reader):
    failures: list[BaseException] = []

    def broken() -> str:
        raise LookupError("weg")

    reader.run(broken, pytest.fail, failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=WAIT_MS)
    assert isinstance(failures[0], LookupError)


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_the_board_stays_responsive_and_says_why_while_the_server_is_paused(qtbot, db, postgres_cluster):
    from shelter_desk.domain.roles import DeskUser, Role
    from shelter_desk.services.kernel.desk import Desk

    desk = Desk(db, user=DeskUser(1, "assen", "Balie Assen", Role.FRONT_DESK))
    board = BedBoardPage(desk)
    qtbot.addWidget(board)
    board.show()
    qtbot.waitExposed(board)
    qtbot.waitUntil(lambda: board.shown_night is not None, timeout=WAIT_MS)
    with _paused(postgres_cluster):
        board.refresh_in_background()
        qtbot.waitUntil(lambda: board.busy_text.isVisible() and board.busy_text.text() == BUSY_TEXT, timeout=WAIT_MS)
        board.next_button.click()  # the window still takes the worker's clicks
        qtbot.waitUntil(lambda: "niet bereikbaar" in board.busy_text.text(), timeout=WAIT_MS)
