"""A client-side deadline on every round trip to a PostgreSQL server, for a server that hangs.

`statement_timeout` and `lock_timeout` are enforced by the server, TCP keepalives by the kernel:
none of them helps when the server's processes are paused (`kill -STOP`, a frozen virtual
machine). The server's kernel still accepts the query and answers the keepalives, and libpq waits
for a reply that never comes: the desk froze for as long as that lasted. So each statement, commit,
rollback and pool ping is armed here with a deadline; one watchdog thread shuts the socket down
when a deadline passes. libpq then sees the connection closed, the driver raises its
"connection lost" error, SQLAlchemy throws that connection away, and the desk hears in Dutch that
the server cannot be reached (`engine.connection_problem`) within seconds.

Connections opened with the execution option `NO_DEADLINE` (migrations, which may run long on
a large database) are never armed.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

LOG = logging.getLogger("shelter_desk")

NO_DEADLINE = "shelter_desk_no_deadline"
TICK_S = 0.1


class Watchdog:
    """One thread for the whole process: shuts down the sockets of round trips past their deadline."""

    def __init__(self) -> None:
        self._armed: dict[int, tuple[float, int]] = {}  # id(driver connection) -> (deadline, socket)
        self._guard = threading.Lock()
        self._thread: threading.Thread | None = None
        self.expired = 0  # round trips cut off (for the tests)

    def arm(self, connection: Any, seconds: float) -> None:
        try:
            fd = connection.fileno()
        except Exception:  # noqa: BLE001 - a closed connection: its own error follows
            return
        with self._guard:
            self._armed[id(connection)] = (time.monotonic() + seconds, fd)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="shelter-desk-deadlines", daemon=True)
                self._thread.start()

    def disarm(self, connection: Any) -> None:
        with self._guard:
            self._armed.pop(id(connection), None)

    @contextmanager
    def guard(self, connection: Any, seconds: float) -> Iterator[None]:
        self.arm(connection, seconds)
        try:
            yield
        finally:
            self.disarm(connection)

    def _run(self) -> None:
        while True:
            time.sleep(TICK_S)
            now = time.monotonic()
            with self._guard:
                late = [(key, fd) for key, (deadline, fd) in self._armed.items() if deadline <= now]
                for key, _fd in late:
                    del self._armed[key]
            for _key, fd in late:
                self.expired += 1
                LOG.warning("De databaseserver antwoordde niet op tijd: de verbinding wordt verbroken")
                _shut_down(fd)


def _shut_down(fd: int) -> None:
    """Make every read and write on the socket fail at once; its owner still closes it."""
    try:
        copy = os.dup(fd)  # our own descriptor: closing it leaves the driver's intact
    except OSError:
        return
    try:
        with socket.socket(fileno=copy) as sock:
            sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


WATCHDOG = Watchdog()


def guard_round_trips(engine: Engine, seconds: float, ping_seconds: float) -> None:
    """Arm a deadline around each statement, commit, rollback and pool ping on `engine`."""

    def armed(connection: Any) -> bool:
        return not connection.get_execution_options().get(NO_DEADLINE, False)

    def driver(connection: Any) -> Any:
        return connection.connection.driver_connection

    @event.listens_for(engine, "before_cursor_execute")
    def _before(connection: Any, *_args: Any) -> None:
        if armed(connection):
            WATCHDOG.arm(driver(connection), seconds)

    @event.listens_for(engine, "after_cursor_execute")
    def _after(connection: Any, *_args: Any) -> None:
        WATCHDOG.disarm(driver(connection))

    @event.listens_for(engine, "handle_error")
    def _failed(context: Any) -> None:
        if context.connection is not None and context.connection.connection is not None:
            WATCHDOG.disarm(context.connection.connection.driver_connection)

    # Commit and rollback have no "after" event: the deadline is lifted when the connection goes
    # back to the pool, which follows at once.
    for name in ("commit", "rollback"):

        @event.listens_for(engine, name)
        def _ending(connection: Any) -> None:
            if armed(connection):
                WATCHDOG.arm(driver(connection), seconds)

    @event.listens_for(engine, "checkin")
    def _back(dbapi_connection: Any, _record: Any) -> None:
        if dbapi_connection is not None:
            WATCHDOG.disarm(getattr(dbapi_connection, "driver_connection", dbapi_connection))

    # The pool's ping before handing out a connection (pool_pre_ping) has no event of its own.
    dialect: Any = engine.dialect
    ping = dialect.do_ping

    def do_ping(dbapi_connection: Any) -> Any:
        with WATCHDOG.guard(getattr(dbapi_connection, "driver_connection", dbapi_connection), ping_seconds):
            return ping(dbapi_connection)

    dialect.do_ping = do_ping
