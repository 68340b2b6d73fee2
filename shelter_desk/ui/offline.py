"""Offline is a state of the whole desk, not a popup: one banner while the database is away.

The persistence layer classifies every driver error once and records when the database stopped
answering; this object follows that record (`services.connection`) and keeps the main window's
red banner true: since when, that nothing is being saved, and that the roll-call prints from the
local copy of HH:MM. While offline it probes the database every few seconds (a `SELECT 1` on a
thread of its own), so the desk resumes by itself: the first unit of work that gets through, the probe's or any
screen's, ends the state and the banner goes.
"""

from __future__ import annotations

import threading
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.services.beds import snapshot_facilities
from shelter_desk.services.kernel import Desk, follow_connection, offline_since, probe_connection
from shelter_desk.ui.error_handling import quietly
from shelter_desk.ui.main_window import MainWindow

PROBE_MS = 5_000


def _clock(moment: datetime, today: datetime) -> str:
    """'21:40', or '23-11 21:40' when it was another day."""
    local, now = moment.astimezone(AMSTERDAM), today.astimezone(AMSTERDAM)
    return f"{local:%H:%M}" if local.date() == now.date() else f"{local:%d-%m %H:%M}"


class OfflineState(QObject):
    """The desk's connection state on screen: the banner, the probe, the message when it is back."""

    # The state changed: the time the outage began, or None. Emitted from whichever thread ran
    # the unit of work; delivered on the window's thread (queued when it came from another).
    changed = Signal(object)

    def __init__(self, desk: Desk, window: MainWindow, probe_ms: int = PROBE_MS) -> None:
        super().__init__(window)
        self._desk, self._window = desk, window
        self.since: datetime | None = None
        self.probe_timer = QTimer(self, interval=probe_ms)
        self._probing: threading.Thread | None = None
        self.probe_timer.timeout.connect(self.probe)
        self.changed.connect(self._show)
        stop = follow_connection(desk, self.changed.emit)
        self.destroyed.connect(lambda _object=None: stop())
        if offline_since(desk) is not None:
            self._show(offline_since(desk))

    @property
    def is_offline(self) -> bool:
        return self.since is not None

    def probe(self) -> None:
        """A light round trip, off the window's thread: a paused server makes a connect wait for
        its timeout, and the window must not wait with it. When it gets through, the state ends
        (the listener's signal brings that to `_show` on the window's thread)."""
        if self._probing is not None and self._probing.is_alive():
            return  # the previous probe is still waiting for an answer
        self._probing = threading.Thread(
            target=quietly("Databaseverbinding proberen", lambda: probe_connection(self._desk)),
            name="database-probe",
            daemon=True,
        )  # daemon: closing the desk never waits for a dead server
        self._probing.start()

    def _show(self, since: datetime | None) -> None:
        was_offline, self.since = self.since is not None, since
        if since is None:
            self.probe_timer.stop()
            self._window.set_offline("")
            if was_offline:
                self._window.say("De database is weer bereikbaar; de balie werkt weer zoals gewoonlijk.")
            return
        self._window.set_offline(self.text())
        self.probe_timer.start()

    def text(self) -> str:
        """The banner: since when, nothing saved, where the roll-call comes from, what happens next."""
        assert self.since is not None
        now = self._desk.now()
        seconds = self.probe_timer.interval() // 1000
        return (
            f"GEEN VERBINDING MET DE DATABASE sinds {_clock(self.since, now)} — er wordt niets opgeslagen. "
            f"{self._copy_text(now)} De balie probeert het elke {seconds} seconden opnieuw en gaat daarna "
            "vanzelf verder; wat u invult blijft staan."
        )

    def _copy_text(self, now: datetime) -> str:
        try:
            with self._desk.in_background():  # the banner is not the worker's activity
                kept = snapshot_facilities(self._desk)
        except DeskError:  # signed out or locked: the copy's time is not for whoever stands there
            return "De appèllijst (Regio vannacht) print uit de lokale kopie op deze computer."
        if not kept:
            return (
                "Er is op deze computer geen lokale kopie van de appèllijst: gebruik de laatste papieren "
                "bezettingslijst."
            )
        oldest = min(entry.taken_at for entry in kept)
        newest = max(entry.taken_at for entry in kept)
        moment = (
            _clock(oldest, now)
            if _clock(oldest, now) == _clock(newest, now)
            else f"{_clock(oldest, now)}–{_clock(newest, now)}"
        )
        return f"De appèllijst (Regio vannacht, Ctrl+8) print uit de lokale kopie van {moment}."
