"""The person search as you type asks the database on the database worker: the window keeps
answering while the server is slow or paused, Enter pressed before the result arrived opens whom
the text as typed finds, and a result of an earlier text is never shown over a later one."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QVBoxLayout, QWidget

from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.services.people import register_person
from shelter_desk.ui.background import BUSY_TEXT, database_worker
from shelter_desk.ui.record.front_desk_page import FrontDeskPage
from shelter_desk.ui.record.person_view import PersonDialog
from shelter_desk.ui.shared.person_picker import PersonPicker
from tests.persistence.test_hung_server import _paused
from tests.ui.waiting import searched, wait_for

WAIT_S = 30  # only so that a regression fails the test instead of hanging the run


@pytest.fixture
def people(desk):
    return {
        "jan": register_person(desk, PersonDetails(first_name="Jan", last_name="Berg")),
        "anna": register_person(desk, PersonDetails(first_name="Anna", last_name="Bergman")),
    }


@pytest.fixture
def window(qtbot, desk, people):
    """The Balie in a window, beside another widget of that window; one search already done, so
    the index is read and the desk holds a connection, as after its first search of the evening."""
    window = QWidget()
    page = FrontDeskPage(desk)
    other = QCheckBox("Iets anders")
    layout = QVBoxLayout(window)
    layout.addWidget(page)
    layout.addWidget(other)
    window.page, window.other = page, other
    qtbot.addWidget(window)
    window.resize(1000, 600)
    window.show()
    qtbot.waitExposed(window)
    page.picker.setFocus()
    qtbot.keyClicks(page.picker.query, "jan")
    searched(page.picker)
    assert page.picker.selected_person() == people["jan"]
    return window


@pytest.fixture
def worker_held() -> Iterator[threading.Event]:
    """The database worker busy with something else until the test sets the event."""
    release = threading.Event()
    database_worker().start(lambda: release.wait(WAIT_S))
    yield release
    release.set()


def _type_anew(qtbot, picker, text: str) -> None:
    picker.query.selectAll()
    qtbot.keyClicks(picker.query, text)


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_typing_while_the_server_is_paused_keeps_the_window_answering_and_the_names_come_when_it_answers(
    qtbot, window, people, postgres_cluster
):
    picker = window.page.picker
    with _paused(postgres_cluster):
        _type_anew(qtbot, picker, "anna")
        qtbot.waitUntil(lambda: picker.summary.text() == BUSY_TEXT, timeout=WAIT_S * 1000)
        window.other.click()  # the window still takes the worker's clicks and keys
        qtbot.keyClicks(picker.query, " b")
        assert window.other.isChecked() and picker.query.text() == "anna b"
        assert picker.searching
    searched(picker, WAIT_S)
    assert [picker.model.hit(row).person_id for row in range(picker.model.rowCount())] == [people["anna"]]
    assert picker.summary.text().startswith("1 gevonden")


def test_enter_pressed_before_the_result_arrived_opens_whom_the_final_text_finds(qtbot, window, people, worker_held):
    page = window.page
    _type_anew(qtbot, page.picker, "anna")
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    assert getattr(page, "dialog", None) is None  # not Jan, whose row the table still shows
    worker_held.set()
    wait_for(lambda: getattr(page, "dialog", None) is not None, WAIT_S)
    assert isinstance(page.dialog, PersonDialog) and page.dialog.person_id == people["anna"]


def test_a_result_of_an_earlier_text_never_replaces_that_of_the_text_as_typed(qtbot, window, people, worker_held):
    picker = window.page.picker
    shown: list[list[int]] = []
    picker.model.modelReset.connect(
        lambda: shown.append([picker.model.hit(row).person_id for row in range(picker.model.rowCount())])
    )
    _type_anew(qtbot, picker, "berg")  # Jan and Anna: asked first, still on its way when "anna" is typed
    _type_anew(qtbot, picker, "anna")
    worker_held.set()
    searched(picker, WAIT_S)
    wait_for(lambda: database_worker().activeThreadCount() == 0, WAIT_S)
    QApplication.processEvents()  # whatever else the worker sent has arrived by now
    assert shown == [[people["anna"]]]


def test_enter_in_a_dialog_closed_before_the_result_arrived_chooses_nobody(qtbot, desk, people, worker_held):
    dialog = QDialog()
    picker = PersonPicker(desk, dialog)
    QVBoxLayout(dialog).addWidget(picker)
    qtbot.addWidget(dialog)
    chosen: list[int] = []
    picker.chosen.connect(chosen.append)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(picker.query, "anna")
    qtbot.keyClick(picker.query, Qt.Key.Key_Return)
    dialog.reject()  # Escape: the worker changed his mind
    worker_held.set()
    searched(picker, WAIT_S)
    assert picker.model.rowCount() == 1 and chosen == []


def test_enter_while_the_same_text_is_searched_again_opens_the_person_shown_at_once(qtbot, window, people, worker_held):
    """Another desk's change searches the same text again: the rows shown still belong to the text,
    so Enter opens the chosen person then and there (a dialog's OK right after it finds him chosen)."""
    page = window.page
    page.picker.search_again()  # on its way behind the held worker
    assert page.picker.searching
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Return)
    assert isinstance(getattr(page, "dialog", None), PersonDialog) and page.dialog.person_id == people["jan"]
