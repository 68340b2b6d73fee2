"""Database reads off the window's thread: one worker thread for the desk, results by signal.

A page hands `BackgroundReader.run` a function that calls services and returns plain data; the
one database worker of this process runs it (one at a time, so a desk holds at most one extra
connection), and the result comes back on the window's thread to the page's `deliver`. Only the
latest request of a page counts: an older result that arrives later is dropped. When a read takes
longer than `BUSY_AFTER_MS` the reader says `busy(True)`, so the page can show "Bezig…"; the
window keeps answering keys and clicks meanwhile, even while a hung server is waited for (the
client deadline in persistence ends that wait within seconds).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from shelter_desk.ui.collector import collect_on_the_window_thread

BUSY_AFTER_MS = 300
BUSY_TEXT = "Bezig met lezen uit de database…"

_POOL: QThreadPool | None = None


def database_worker() -> QThreadPool:
    """The desk's one database worker thread (made on first use)."""
    global _POOL
    if _POOL is None:
        collect_on_the_window_thread()  # from now on Python's collector must not run on the worker
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(1)
        _POOL.setExpiryTimeout(-1)  # the thread stays: no new thread (and connection) per read
    return _POOL


class _Delivery(QObject):
    """Lives on the window's thread; the worker's signals reach it queued."""

    done = Signal(int, object)
    failed = Signal(int, object)


class _Read(QRunnable):
    def __init__(self, ticket: int, work: Callable[[], Any], delivery: _Delivery) -> None:
        super().__init__()
        self._ticket, self._work, self._delivery = ticket, work, delivery

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # noqa: BLE001 - handed to the page on its own thread
            self._hand_over(self._delivery.failed, error)
            return
        self._hand_over(self._delivery.done, result)

    def _hand_over(self, signal: Any, outcome: object) -> None:
        try:
            signal.emit(self._ticket, outcome)
        except RuntimeError:  # the page closed while its read ran: nobody to tell
            pass


class BackgroundReader(QObject):
    """A page's reads in the background: the latest request wins, busy shown after a moment."""

    busy = Signal(bool)

    def __init__(self, parent: QObject, busy_after_ms: int = BUSY_AFTER_MS) -> None:
        super().__init__(parent)
        self._ticket = 0
        self._pending: Callable[[Any], object] | None = None
        self._on_failure: Callable[[BaseException], object] | None = None
        self._delivery = _Delivery(self)
        self._delivery.done.connect(self._done)
        self._delivery.failed.connect(self._failed)
        self._busy_timer = QTimer(self, singleShot=True, interval=busy_after_ms)
        self._busy_timer.timeout.connect(lambda: self.busy.emit(True))
        self.is_busy = False
        self.busy.connect(self._remember_busy)

    def run(
        self, work: Callable[[], Any], deliver: Callable[[Any], object], failed: Callable[[BaseException], object]
    ) -> int:
        """Run `work` on the database worker; `deliver` (or `failed`) its outcome here. A ticket."""
        self._ticket += 1
        self._pending, self._on_failure = deliver, failed
        if not self._busy_timer.isActive() and not self.is_busy:
            self._busy_timer.start()
        database_worker().start(_Read(self._ticket, work, self._delivery))
        return self._ticket

    def forget(self) -> None:
        """The page read anew another way (on the window's thread, after its own action): what is
        still on its way is older, and is dropped when it arrives."""
        self._ticket += 1
        self._pending = self._on_failure = None
        self._busy_timer.stop()
        if self.is_busy:
            self.busy.emit(False)

    def is_reading(self) -> bool:
        return self._pending is not None

    def _settle(self, ticket: int) -> tuple[Callable[[Any], object], Callable[[BaseException], object]] | None:
        if ticket != self._ticket or self._pending is None or self._on_failure is None:
            return None  # an older request: a newer one is on its way, its result counts
        handlers = (self._pending, self._on_failure)
        self._pending = self._on_failure = None
        self._busy_timer.stop()
        if self.is_busy:
            self.busy.emit(False)
        return handlers

    def _done(self, ticket: int, result: object) -> None:
        handlers = self._settle(ticket)
        if handlers is not None:
            handlers[0](result)

    def _failed(self, ticket: int, error: object) -> None:
        handlers = self._settle(ticket)
        if handlers is not None:
            assert isinstance(error, BaseException)
            handlers[1](error)

    def _remember_busy(self, busy: bool) -> None:
        self.is_busy = busy
