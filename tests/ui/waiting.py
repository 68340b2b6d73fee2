"""Waiting in a window test for what the database worker delivers, without a fixed sleep."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication

from shelter_desk.ui.shared.person_picker import PersonPicker


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
