"""Waiting in a window test for what the database worker delivers, without a fixed sleep."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication


def wait_for(condition: Callable[[], object], seconds: float = 15) -> None:
    """Let the window's events run until `condition` holds (a read on the database worker arrived)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the read on the database worker did not arrive"
        QApplication.processEvents()
        time.sleep(0.005)
