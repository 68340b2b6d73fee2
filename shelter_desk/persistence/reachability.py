"""Whether this desk can reach its database now, and since when it cannot: one record per database.

`Database` reports every unit of work here: one that failed with `DatabaseUnreachable` marks
the database lost (the first failure's time is kept: "sinds 21:40"), any that got through marks
it reached again. Listeners hear each change of state once, so the window shows one offline
banner however many screens and timers ran into the outage, and drops it at the first success.

A listener may be called from whichever thread ran the unit of work; a Qt listener hands it on
to its own thread (a queued signal).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime

from shelter_desk.persistence.types import utc_now

LOG = logging.getLogger("shelter_desk")

Listener = Callable[[datetime | None], object]  # the time the outage began, or None when it ended


class Reachability:
    def __init__(self, clock: Callable[[], datetime] = utc_now) -> None:
        self._clock = clock
        self._since: datetime | None = None
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    @property
    def lost_since(self) -> datetime | None:
        """When the database stopped answering (UTC), or None while it answers."""
        return self._since

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` at each change; returns the function that stops listening."""
        with self._lock:
            self._listeners.append(listener)

        def stop() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return stop

    def lost(self) -> None:
        with self._lock:
            if self._since is not None:
                return
            self._since = self._clock()
            since, listeners = self._since, list(self._listeners)
        LOG.warning("Database niet bereikbaar sinds %s", since.isoformat(timespec="seconds"))
        self._tell(listeners, since)

    def reached(self) -> None:
        with self._lock:
            if self._since is None:
                return
            began, self._since = self._since, None
            listeners = list(self._listeners)
        LOG.warning("Database weer bereikbaar (weg sinds %s)", began.isoformat(timespec="seconds"))
        self._tell(listeners, None)

    @staticmethod
    def _tell(listeners: list[Listener], since: datetime | None) -> None:
        for listener in listeners:
            try:
                listener(since)
            except Exception:  # noqa: BLE001 - one broken listener must not hide the state from the others
                LOG.exception("Melding over de databaseverbinding mislukt")
