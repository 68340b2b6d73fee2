"""Noticing that the database changed, whichever desk (process) wrote: one watcher per database.

Writes announce themselves in their own transaction, just before it commits (`announce_writes`):
on PostgreSQL a `NOTIFY shelter_desk_changes` (the server delivers it at commit, to every
listening desk, and never for a rolled-back write); on SQLite a bump of the file's change
counter, the header field `PRAGMA user_version` (nothing else in Shelter Desk uses it).
A transaction that only touched the quiet tables announces nothing: opening a record logs a read
in the access log, and a page that refreshes on every change would otherwise wake the page of the
other desk, whose refresh logs again, and so on for ever. The desks' heartbeat is quiet too.

The watcher (`ChangeWatcher`, one per `Database`) runs one background thread, started by the first
subscriber: on PostgreSQL a dedicated autocommit connection LISTENs; on SQLite a dedicated
connection asks `PRAGMA data_version` a few times a second (it changes only when another
connection committed, and costs no read of the file) and reads the change counter only when that
moved. Subscribers are called on the watcher's thread; the UI hands that over to its own thread.
When the watcher's connection is lost it says so to the subscribers' `reachable(False)`, retries,
and on getting it back calls `reachable(True)` and reports a change (one may have been missed).
The listening connection asks the server `SELECT 1` when it has been quiet for a few seconds,
under the client deadline (`deadlines`), so a stopped or paused server is noticed without any
user action. A restore of an SQLite file `suspend`s the watch while the file is replaced.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from shelter_desk.persistence.deadlines import WATCHDOG

LOG = logging.getLogger("shelter_desk")

CHANNEL = "shelter_desk_changes"
# Tables whose writes nobody needs to see at once: the access log (every opened record writes a
# line) and the desks' heartbeat (every minute). Changes there wake no page.
QUIET_TABLES = frozenset({"access_log", "desk_presence"})
SQLITE_POLL_S = 0.25  # PRAGMA data_version takes microseconds: four times a second costs nothing
LISTEN_WAIT_S = 0.5  # how long one wait for notifications lasts (and so how soon `stop` returns)
RETRY_S = 2.0  # after a lost connection, the next try
PING_EVERY_S = 4.0  # the listening connection asks the server something this often when idle
PING_DEADLINE_S = 3.0  # ... and gives it this long to answer
_TOUCHED = "shelter_desk_touched_tables"
_CONNECTION = "shelter_desk_connection"
_WRITE = re.compile(
    r"^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE
)


def track_writes(engine: Engine) -> None:
    """Remember, per connection and transaction, which tables the statements wrote."""

    @event.listens_for(engine, "begin")
    def _forget(connection: Any) -> None:
        connection.info.pop(_TOUCHED, None)

    @event.listens_for(engine, "after_cursor_execute")
    def _note(
        connection: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any, _executemany: bool
    ) -> None:
        written = _WRITE.match(statement)
        if written:
            connection.info.setdefault(_TOUCHED, set()).add(written.group(1).lower())


def announce_writes(writing: sessionmaker[Session], backend: str) -> None:
    """Before a write transaction commits: announce it when it wrote more than the quiet tables."""

    @event.listens_for(writing, "after_begin")
    def _remember(session: Session, _transaction: Any, connection: Any) -> None:
        session.info[_CONNECTION] = connection  # asking the session for it later would begin one

    @event.listens_for(writing, "before_commit")
    def _announce(session: Session) -> None:
        session.flush()  # what is still pending is written now, so its tables count
        connection = session.info.pop(_CONNECTION, None)
        if connection is None:
            return  # the transaction never reached the database
        touched: set[str] = connection.info.pop(_TOUCHED, set())
        loud = touched - QUIET_TABLES
        if not loud:
            return
        if backend == "postgresql":
            # The payload names the tables (at most 8000 bytes); listeners may use it, none must.
            connection.execute(
                text("SELECT pg_notify(:channel, :tables)"),
                {"channel": CHANNEL, "tables": ",".join(sorted(loud))[:7900]},
            )
        else:
            # Inside the write transaction (BEGIN IMMEDIATE holds the write lock): no lost update.
            counter = connection.exec_driver_sql("PRAGMA user_version").scalar() or 0
            connection.exec_driver_sql(f"PRAGMA user_version = {(int(counter) + 1) % 2_000_000_000}")


@dataclass(frozen=True)
class Subscriber:
    changed: Callable[[], object]
    reachable: Callable[[bool], object] | None = None


class ChangeWatcher:
    """Calls its subscribers (on its own thread) when another connection committed an announced write."""

    def __init__(self, engine: Engine, backend: str, on_lost: Callable[[], object] | None = None) -> None:
        self._engine = engine
        self._backend = backend
        self._on_lost = on_lost  # the database's one record of an outage (`Database.reachability`)
        self._subscribers: list[Subscriber] = []
        self._guard = threading.Lock()
        self._halt = threading.Event()  # ends the current thread
        self._thread: threading.Thread | None = None
        self._closed = False
        self._resumed = False
        self.changes_seen = 0  # announced changes noticed since the start (for tests and benchmarks)
        self.watching = threading.Event()  # set once the first connection watches (changes before are not seen)
        self.reachable = True

    def subscribe(
        self, changed: Callable[[], object], reachable: Callable[[bool], object] | None = None
    ) -> Callable[[], None]:
        """Call `changed` after each noticed change; returns the function that ends the subscription."""
        subscriber = Subscriber(changed, reachable)
        with self._guard:
            self._subscribers.append(subscriber)
            self._start()

        def unsubscribe() -> None:
            with self._guard:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def stop(self) -> None:
        """End the thread and its connection for good (before the engine is disposed)."""
        with self._guard:
            self._closed, self._subscribers = True, []
        self.suspend()

    def suspend(self) -> None:
        """Close the watch's own connection until `resume`: a restore replaces the SQLite file,
        and no connection may hold the old one (its closing would touch the new file's log)."""
        with self._guard:
            thread, self._thread = self._thread, None
            self._halt.set()
        if thread is not None:
            thread.join(timeout=LISTEN_WAIT_S + RETRY_S + 15)

    def resume(self) -> None:
        """Watch again after `suspend`, and report a change: the whole database may be new."""
        with self._guard:
            self._resumed = True
            self._start()

    def _start(self) -> None:
        """(Holding the guard.) A thread, when there are subscribers and none runs."""
        if self._thread is None and not self._closed and self._subscribers:
            self._halt = threading.Event()
            self._thread = threading.Thread(
                target=self._run, args=(self._halt, not self._resumed), name="shelter-desk-changes", daemon=True
            )
            self._thread.start()

    # -- the thread ----------------------------------------------------------------------------

    def _run(self, halt: threading.Event, first: bool) -> None:
        watch = self._listen if self._backend == "postgresql" else self._poll_data_version
        while not halt.is_set():
            try:
                watch(first, halt)
            except Exception as error:  # noqa: BLE001 - any driver failure: lost, say so, retry
                if halt.is_set():
                    return
                LOG.info("Wijzigingen van andere balies volgen: verbinding verloren (%r)", error)
                self._set_reachable(False)
                halt.wait(RETRY_S)
            first = False

    def _poll_data_version(self, first: bool, halt: threading.Event) -> None:
        raw = self._engine.raw_connection()
        raw.detach()  # this connection is the watcher's own, never back in the pool
        try:
            sqlite: Any = raw.dbapi_connection  # (a detached connection has no driver_connection)
            version = sqlite.execute("PRAGMA data_version").fetchone()[0]
            counter = sqlite.execute("PRAGMA user_version").fetchone()[0]
            self._connected(first)
            while not halt.wait(SQLITE_POLL_S):
                now = sqlite.execute("PRAGMA data_version").fetchone()[0]
                if now == version:
                    continue
                version = now
                moved = sqlite.execute("PRAGMA user_version").fetchone()[0]
                if moved != counter:
                    counter = moved
                    self._changed()
        finally:
            raw.close()

    def _listen(self, first: bool, halt: threading.Event) -> None:
        raw = self._engine.raw_connection()
        raw.detach()
        try:
            postgres: Any = raw.dbapi_connection
            with WATCHDOG.guard(postgres, PING_DEADLINE_S):
                postgres.rollback()  # a pooled connection may come with a transaction open
                postgres.autocommit = True
                postgres.execute(f"LISTEN {CHANNEL}")
            self._connected(first)
            quiet_since = 0.0
            while not halt.is_set():
                # stop_after=1: back at the first notification (without it the wait lasts the
                # whole timeout, however early one came).
                notes = list(postgres.notifies(timeout=LISTEN_WAIT_S, stop_after=1))
                if notes:
                    quiet_since = 0.0
                    self._changed()
                    continue
                quiet_since += LISTEN_WAIT_S
                if quiet_since >= PING_EVERY_S:
                    # A server that died or hangs sends no notification and no error: ask it
                    # something (under the client deadline, persistence.deadlines) to find out.
                    quiet_since = 0.0
                    with WATCHDOG.guard(postgres, PING_DEADLINE_S):
                        postgres.execute("SELECT 1")
        finally:
            try:
                raw.close()
            except Exception:  # noqa: BLE001 - closing a broken connection may fail too
                pass

    def _connected(self, first: bool) -> None:
        self.watching.set()
        if not self.reachable:
            self._set_reachable(True)
        if not first:
            self._changed()  # while away, a change may have gone unnoticed

    def _set_reachable(self, reachable: bool) -> None:
        self.reachable = reachable
        if not reachable and self._on_lost is not None:
            # The watch is often first to notice (its ping runs while nobody acts): the desk's
            # offline state starts here; its probe, or the next unit of work, ends it.
            _call(self._on_lost)
        for subscriber in self._current():
            if subscriber.reachable is not None:
                _call(subscriber.reachable, reachable)

    def _changed(self) -> None:
        self.changes_seen += 1
        for subscriber in self._current():
            _call(subscriber.changed)

    def _current(self) -> list[Subscriber]:
        with self._guard:
            return list(self._subscribers)


def _call(function: Callable[..., object], *arguments: object) -> None:
    try:
        function(*arguments)
    except Exception:  # noqa: BLE001 - one subscriber's failure must not stop the others or the thread
        LOG.exception("Een volger van databasewijzigingen faalde")
