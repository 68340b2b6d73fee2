"""Pages follow what other desks (and other sections of this desk) change: one watch per desk.

`changes_of(desk)` is the desk's one `DeskChanges`: it subscribes once to the database's change
watcher (`Desk.follow_changes`; PostgreSQL LISTEN/NOTIFY or SQLite's change counter, a thread of
its own) and turns each noticed change into a `changed` signal on the window's thread.

A page follows with `follow(page, desk, refresh)`: while the page is visible a change refreshes it
at once; while it is hidden nothing is read, and the page refreshes when it is shown again (only
if something changed meanwhile; pages that refresh on every show say `refreshes_on_show=True`).
A refresh that follows a change is background work: it does not keep an idle desk signed in, and
a refusal or a lost database is logged, never a dialog (the offline banner hooks `reachable`).
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from shelter_desk.domain.errors import DeskError
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.collector import collect_on_the_window_thread

LOG = logging.getLogger("shelter_desk")
SETTLE_MS = 50  # changes noticed within this time of each other refresh a page once


class DeskChanges(QObject):
    """The desk's one view of database changes, as signals on the window's thread."""

    changed = Signal()
    # The watch lost (False) or regained (True) the database. A hook for the offline banner:
    # the change watch notices a stopped or paused server within seconds, without any user action.
    reachable = Signal(bool)
    _noticed = Signal()  # emitted on the watcher's thread; delivered queued on the window's thread
    _reachability = Signal(bool)

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        collect_on_the_window_thread()  # the watch is a thread of its own from now on
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.changed)
        self._noticed.connect(self._settle.start, Qt.ConnectionType.QueuedConnection)
        self._reachability.connect(self.reachable, Qt.ConnectionType.QueuedConnection)
        self._stop = desk.follow_changes(self._from_watcher, self._reachable_from_watcher)
        self.destroyed.connect(self._stop)

    def _from_watcher(self) -> None:
        try:
            self._noticed.emit()
        except RuntimeError:  # this object is gone (the window closed): nothing to tell
            pass

    def _reachable_from_watcher(self, reachable: bool) -> None:
        try:
            self._reachability.emit(reachable)
        except RuntimeError:
            pass


_DESKS: dict[int, DeskChanges] = {}


def changes_of(desk: Desk) -> DeskChanges:
    """The one `DeskChanges` of `desk` (made, and the database watched, on first use)."""
    key = id(desk)
    found = _DESKS.get(key)
    if found is None:
        found = _DESKS[key] = DeskChanges(desk)
        weakref.finalize(desk, _DESKS.pop, key, None)
    return found


class PageFollower(QObject):
    """Refreshes one page after database changes: at once when visible, else on its next show."""

    def __init__(
        self, page: QWidget, desk: Desk, refresh: Callable[[], object], *, refreshes_on_show: bool = False
    ) -> None:
        super().__init__(page)
        self._page, self._desk, self._refresh = page, desk, refresh
        self._refreshes_on_show = refreshes_on_show
        self.stale = False  # something changed while the page was hidden
        changes_of(desk).changed.connect(self.changed)
        page.installEventFilter(self)

    def changed(self) -> None:
        if not self._page.isVisible():
            self.stale = True
            return
        self.stale = False
        self._run()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt may hand a filter an event while its Python side is still being built or already taken
        # down, or call it through a fresh wrapper once Python collected this one (the C++ object
        # lives on with its page): without its attributes such a follower follows nothing.
        if not hasattr(self, "stale") or not hasattr(self, "_page"):
            return False
        if watched is self._page and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            if not self._refreshes_on_show:
                QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        try:
            with self._desk.in_background():
                self._refresh()
        except DeskError as problem:
            # Signed out, locked, or the database out of reach: the page keeps what it shows.
            LOG.info("Verversen na een wijziging elders lukte niet: %s", problem.message)


def follow(
    page: QWidget, desk: Desk, refresh: Callable[[], object], *, refreshes_on_show: bool = False
) -> PageFollower:
    """Let `page` follow database changes with `refresh` (see the module's docstring)."""
    return PageFollower(page, desk, refresh, refreshes_on_show=refreshes_on_show)
