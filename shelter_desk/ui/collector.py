"""Python's garbage collection on the window's thread only, once the desk has threads of its own.

The collector runs on whichever thread happens to allocate when a generation fills up. With a
database worker, the change watch and the client deadline running their own threads, that can be
one of them, and a collection there may free a Qt object (a closed dialog's wrapper caught in a
reference cycle) away from the window's thread: Qt then crashes the process at a random later
point. So automatic collection is switched off and this timer on the window's thread collects
instead, with the same generation thresholds Python uses.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_EVERY_MS = 200

_installed: GuiThreadCollector | None = None


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self, interval=CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        collect_what_is_due(self._thresholds)


def collect_what_is_due(thresholds: tuple[int, int, int] | None = None) -> None:
    """Collect the generations that are over their threshold, as Python itself would."""
    first, second, third = thresholds or (_installed._thresholds if _installed else gc.get_threshold())
    young, middle, old = gc.get_count()
    if young > first:
        generation = 0
        if middle > second:
            generation = 2 if old > third else 1
        gc.collect(generation)


def collect_on_the_window_thread() -> None:
    """Install the collector once, on the application (call on the window's thread)."""
    global _installed
    application = QCoreApplication.instance()
    if _installed is None and application is not None:
        _installed = GuiThreadCollector(application)
