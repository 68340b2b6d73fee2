"""Waiting in a window test for what the database worker delivers, without a fixed sleep."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from shelter_desk.ui.beds.dialogs import TurnawayDialog
from shelter_desk.ui.dropin.page import DropInPage
from shelter_desk.ui.handover.panel import HandoverPanel
from shelter_desk.ui.monitor.page import ReportsPage
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.winter.street_dialog import StreetContactDialog


def wait_for(condition: Callable[[], object], seconds: float = 15) -> None:
    """Let the window's events run until `condition` holds (a read on the database worker arrived)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the read on the database worker did not arrive"
        QApplication.processEvents()
        time.sleep(0.005)


def searched(picker: PersonPicker, seconds: float = 15) -> None:
    """Let the window's events run until the picker's search (or scanned card) has arrived."""
    wait_for(lambda: not picker.searching, seconds)


def suggested(dialog: TurnawayDialog | StreetContactDialog, seconds: float = 15) -> None:
    """Let the window's events run until the dialog's search and the fitting beds it asked for arrived."""
    wait_for(lambda: not dialog.picker.searching and not dialog.suggesting, seconds)


def handover_read(panel: HandoverPanel, seconds: float = 15) -> None:
    """Let the window's events run until the handover panel's locations or log have arrived."""
    wait_for(lambda: not panel.reading, seconds)


def visitors_read(page: DropInPage, seconds: float = 15) -> None:
    """Let the window's events run until the drop-in's list of today (and the keys pressed before
    it arrived) is done."""
    wait_for(lambda: not page.reading, seconds)


def computed(page: ReportsPage, seconds: float = 60) -> None:
    """Let the window's events run until the monitor's report (and the exports asked before it
    came) is on screen."""
    wait_for(lambda: not page.computing, seconds)
