"""The fitting free beds of the turnaway and street-contact dialogs are read on the database worker
at every choice: the window keeps answering while the server is slow or paused, and a turnaway, a
reserved bed or a street contact never goes by the beds of a person chosen earlier."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from shelter_desk.domain.roles import Role
from shelter_desk.domain.street_contacts import StreetOutcome
from shelter_desk.domain.winter import ActivationTerms, WinterPhase
from shelter_desk.services.beds import fitting_free_beds
from shelter_desk.services.beds.turnaways import turnaways_of_night
from shelter_desk.services.outreach import street_contacts
from shelter_desk.services.winter import activate
from shelter_desk.ui.background import BUSY_TEXT, database_worker
from shelter_desk.ui.beds.dialogs import SUGGESTIONS_COMING, TurnawayDialog, elsewhere_line
from shelter_desk.ui.winter.street_dialog import StreetContactDialog
from tests.persistence.test_hung_server import _paused
from tests.ui.waiting import suggested

WAIT_S = 30  # only so that a regression fails the test instead of hanging the run


@pytest.fixture
def window(qtbot, desk, region):
    """The turnaway dialog beside another widget of the window; Sem chosen and his beds shown, so
    the desk holds a connection, as after its first search of the evening."""
    window = QWidget()
    dialog = TurnawayDialog(desk, desk.tonight(), None)
    other = QCheckBox("Iets anders")
    layout = QVBoxLayout(window)
    layout.addWidget(dialog)
    layout.addWidget(other)
    window.dialog, window.other = dialog, other
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _choose(qtbot, dialog, "Sem")
    assert "Jongerenopvang Assen" in dialog.suggestions.text(0)
    return window


@pytest.fixture
def worker_held() -> Iterator[threading.Event]:
    """The database worker busy with something else until the test sets the event."""
    release = threading.Event()
    yield release
    release.set()


def _hold(release: threading.Event) -> None:
    database_worker().start(lambda: release.wait(WAIT_S))


def _choose(qtbot, dialog, text: str) -> None:
    dialog.picker.query.selectAll()
    qtbot.keyClicks(dialog.picker.query, text)
    suggested(dialog, WAIT_S)


def _lines(dialog: TurnawayDialog) -> list[str]:
    return [dialog.suggestions.text(row) for row in range(dialog.suggestions.count())]


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_typing_in_the_turnaway_dialog_while_the_server_is_paused_keeps_the_window_answering_and_the_beds_come_after(
    qtbot, window, desk, region, postgres_cluster
):
    dialog = window.dialog
    with _paused(postgres_cluster):
        dialog.picker.query.selectAll()
        qtbot.keyClicks(dialog.picker.query, "Jan Berg")
        qtbot.waitUntil(lambda: dialog.suggestions.text(0) == BUSY_TEXT, timeout=WAIT_S * 1000)
        window.other.click()  # the window still takes the worker's clicks and keys
        assert window.other.isChecked() and dialog.picker.query.text() == "Jan Berg"
        assert dialog.suggesting and not dialog.ok.isEnabled()
    suggested(dialog, WAIT_S)
    jan = fitting_free_beds(desk, region.people["jan"], desk.tonight())
    assert _lines(dialog) == [elsewhere_line(option) for option in jan] and dialog.ok.isEnabled()


def test_ok_in_the_turnaway_dialog_never_uses_the_suggestion_of_an_earlier_choice(qtbot, window, desk, worker_held):
    dialog = window.dialog
    _hold(worker_held)
    dialog.picker.query.selectAll()
    qtbot.keyClicks(dialog.picker.query, "Jan Berg")
    dialog.referred_to.setCurrentText("Jongerenopvang Assen")  # Sem's bed, still shown
    qtbot.keyClick(dialog.description, Qt.Key.Key_Return)  # Enter presses OK, if it may
    dialog._record()  # and the OK itself, as Alt+A on a button that missed its greying
    assert turnaways_of_night(desk, desk.tonight()) == [] and dialog.error.text() == SUGGESTIONS_COMING
    worker_held.set()
    suggested(dialog, WAIT_S)
    assert dialog.referred_to.findText("Jongerenopvang Assen") == -1  # Jan (58) has no youth bed


def test_a_fitting_bed_shown_for_an_earlier_choice_is_never_reserved_for_the_person_chosen_after_it(
    qtbot, window, desk, region, worker_held
):
    dialog = window.dialog
    _hold(worker_held)
    dialog.picker.query.selectAll()
    qtbot.keyClicks(dialog.picker.query, "Jan Berg")
    dialog.suggestions.setCurrentRow(0)  # Sem's youth bed
    qtbot.keyClick(dialog.suggestions, Qt.Key.Key_Return)
    assert dialog.reserved_bed_night is None and dialog.error.text() == SUGGESTIONS_COMING
    worker_held.set()
    suggested(dialog, WAIT_S)
    assert not any("Jongerenopvang" in line for line in _lines(dialog))


@pytest.mark.role(Role.COORDINATOR)
def test_a_street_contact_is_never_recorded_with_the_facilities_of_an_earlier_choice(qtbot, desk, region, worker_held):
    activate(desk, "0106", ActivationTerms(desk.tonight(), desk.tonight(), WinterPhase.TWO, "vorst"))
    dialog = StreetContactDialog(desk, "0106", desk.tonight())
    qtbot.addWidget(dialog)
    dialog.show()
    _choose(qtbot, dialog, "Sem")
    dialog.place.setText("Portiek Kerkplein")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(StreetOutcome.ACCEPTED.value))
    assert dialog.facility.currentText().startswith("Jongerenopvang Assen")
    _hold(worker_held)
    dialog.picker.query.selectAll()
    qtbot.keyClicks(dialog.picker.query, "Jan Berg")
    dialog.record()
    assert dialog.isVisible() and street_contacts(desk, "0106", desk.tonight()) == []
    worker_held.set()
    suggested(dialog, WAIT_S)
    assert not dialog.facility.currentText().startswith("Jongerenopvang")
