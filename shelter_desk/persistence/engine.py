"""Engine and sessions: SQLite with foreign keys, WAL, a busy timeout and write-locking BEGIN;
PostgreSQL (a region's shared server) with read-only snapshot reads; and the one classification
of both drivers' errors (`driver_problem`): unreachable, locked, disk full, refused, or not ours.

A write transaction starts with `BEGIN IMMEDIATE`, taking SQLite's write lock at once. With a plain
`BEGIN` a transaction that reads and then writes fails at once with "database is locked" when
another desk wrote in between, whatever the busy timeout; with IMMEDIATE it waits its turn.
Read transactions keep a plain `BEGIN`, so in WAL mode they never wait for a writer.

On PostgreSQL writers do not wait for each other: the rules that need turns take a named guard
(`persistence.locks.lock_for`). A read transaction there is `REPEATABLE READ, READ ONLY`: one
consistent snapshot like SQLite's, it can never write, and it never fails because another desk
wrote meanwhile.

Every unit of work passes its driver errors through `driver_problem`, so no caller tells a lost
server from a bug by itself: a server or file that cannot be reached raises `DatabaseUnreachable`
(and marks `Database.reachability` lost until a unit of work gets through again), a lock held
too long the "bezet" message, a full disk (the file's, or the server's) `DiskFull` naming the
folder or server (the desk goes on reading: that is no outage), anything else goes on as it was.
Every PostgreSQL connection has connect, statement and lock timeouts, TCP
keepalives and a client-side deadline per round trip (`deadlines`), so a server that is gone or
hangs gives a Dutch message within 10 s. Writes announce themselves to the other desks, and
`Database.changes` notices theirs (`changes`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
    PendingRollbackError,
)
from sqlalchemy.orm import Session, sessionmaker

from shelter_desk.domain.errors import DatabaseUnreachable, DeskError
from shelter_desk.persistence.changes import ChangeWatcher, announce_writes, track_writes
from shelter_desk.persistence.check_marker import renew_after_own_writes
from shelter_desk.persistence.deadlines import guard_round_trips
from shelter_desk.persistence.disk_faults import (
    NOT_SAVED,
    disk_full,
    is_disk_full,
    server_disk_full,
    sqlite_out_of_room,
)
from shelter_desk.persistence.file_lock import FileShare
from shelter_desk.persistence.location import DatabaseLocation
from shelter_desk.persistence.reachability import Reachability

BUSY_TIMEOUT_MS = 10_000
_WRITE_OPTION = "shelter_desk_write"
_READ_OPTION = "shelter_desk_read"
# A hung or unreachable PostgreSQL server must give the desk a Dutch message within 10 s:
CONNECT_TIMEOUT_S = 4  # a new connection (libpq counts it per address tried)
STATEMENT_TIMEOUT_MS = 8_000  # the server ends a statement running longer (the desk's take milliseconds)
LOCK_TIMEOUT_MS = 5_000  # a guard held by another desk: waited for this long, then "bezet"
ROUND_TRIP_DEADLINE_S = 9.0  # the client's own limit, for a server that does not answer at all
PING_DEADLINE_S = 3.0  # the pool's check of a connection before handing it out
# TCP keepalives: a server that went away without closing the connection (network, power) is
# noticed after idle + interval × count seconds; unsent data is given up after the user timeout.
KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 2,
    "tcp_user_timeout": 9_000,
}
SUPPORTED_BACKENDS = ("sqlite", "postgresql")

LOCKED_MESSAGE = (
    "De database is bezet door een andere balie en bleef dat te lang. "
    "Er is niets opgeslagen; probeer het over enkele seconden opnieuw."
)


def create_database_engine(location: DatabaseLocation, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    if location.path is None:
        return _create_server_engine(location.url, busy_timeout_ms)
    # The path goes in as a path, never pasted into a URL: '?' or '%' in a folder name must not
    # turn into URL parameters or escapes (and so into another file).
    url = URL.create("sqlite", database=str(location.path))
    if location.encrypted:
        if not location.key:
            raise DeskError("Deze database is versleuteld en er is geen sleutel opgegeven.")
        # SQLAlchemy's pysqlcipher dialect (driver: sqlcipher3) sets the key before anything else.
        url = URL.create("sqlite+pysqlcipher", password=location.key, database=str(location.path))
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})
    _configure_sqlite(engine, busy_timeout_ms)
    return engine


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself instead of pysqlite's implicit one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        # Deleted and overwritten content is zeroed, so an anonymised name does not linger in free pages.
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def server_url(given: str) -> URL:
    """The SQLAlchemy URL of a database server, with PostgreSQL's own driver when none is named.

    `postgresql://` and `postgres://` (as libpq and most hosting panels write them) mean
    psycopg 3, the driver the `postgres` extra installs. Refused in Dutch: a URL that cannot be
    read, and a kind of database Shelter Desk does not support.
    """
    try:
        url = make_url(given)
    except ArgumentError:
        raise DeskError(
            f"'{given}' is geen geldig databaseadres. Gebruik een bestandspad (SQLite) of "
            "postgresql://gebruiker@server/database (PostgreSQL)."
        ) from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in SUPPORTED_BACKENDS:
        raise DeskError(
            f"'{url.get_backend_name()}' is geen databasesoort die Shelter Desk kent. Gebruik een "
            "bestandspad (SQLite) of postgresql://gebruiker@server/database (PostgreSQL)."
        )
    return url


def _create_server_engine(given: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    url = server_url(given)
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql":
        # An unreachable server is reported after seconds, not after the system's TCP timeout.
        if "connect_timeout" not in url.query:
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
        if "application_name" not in url.query:
            connect_args["application_name"] = "shelter-desk"
        connect_args.update({key: value for key, value in KEEPALIVES.items() if key not in url.query})
        if "options" not in url.query:
            # Like SQLite's busy timeout: a desk waits at most this long for a guard another desk
            # holds, then says so; a statement never runs longer than the statement timeout; a
            # transaction left open by a frozen desk is ended by the server.
            connect_args["options"] = (
                f"-c lock_timeout={min(busy_timeout_ms, LOCK_TIMEOUT_MS)} "
                f"-c statement_timeout={STATEMENT_TIMEOUT_MS} "
                "-c idle_in_transaction_session_timeout=60000"
            )
    try:
        engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except (ModuleNotFoundError, NoSuchModuleError) as error:
        driver = url.get_driver_name()
        package = "psycopg[binary]" if driver == "psycopg" else driver
        raise DeskError(
            f"Het stuurprogramma voor {url.get_backend_name()} ({driver}) is niet geïnstalleerd, dus Shelter Desk "
            f'kan de server {_server(url)} niet bereiken. Installeer het met: pip install "{package}" '
            '(of: pip install "shelter-desk[postgres]"), of gebruik de gebundelde versie van Shelter Desk.'
        ) from error
    if url.get_backend_name() == "postgresql":
        guard_round_trips(engine, ROUND_TRIP_DEADLINE_S, PING_DEADLINE_S)
    return engine


# A read on PostgreSQL: the driver's own BEGIN carries the isolation level and READ ONLY (set on
# the connection for this transaction only, without a round trip), instead of a SET TRANSACTION
# after it.
_POSTGRESQL_READ = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}


def _server(url: URL) -> str:
    host = url.host or url.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = ",".join(host)
    return f"{host}:{url.port}" if url.port else str(host)


class _Refusal(StrEnum):
    """Why a PostgreSQL server would not let this desk in (or could not be talked to at all)."""

    ACCESS_RULES = "pg_hba.conf"
    UNKNOWN_ROLE = "unknown role"
    UNKNOWN_DATABASE = "unknown database"
    PASSWORD = "password"
    CERTIFICATE = "certificate"
    TIMEOUT = "timeout"
    NOT_POSTGRESQL = "not postgresql"


# The server's error codes (SQLSTATE), where the driver has one: errors of an open connection.
_BY_STATE = {
    "28P01": _Refusal.PASSWORD,  # invalid_password
    "3D000": _Refusal.UNKNOWN_DATABASE,  # invalid_catalog_name
}
# A refused *connect* reaches psycopg as libpq's message alone: libpq keeps no SQLSTATE of a
# connection that failed to start. These are the server's (English, lc_messages 'C' or 'en')
# and libpq's own fixed phrases, in the order they must be tried.
_BY_PHRASE = (
    (("no pg_hba.conf entry", "pg_hba.conf rejects"), _Refusal.ACCESS_RULES),
    (('role "',), _Refusal.UNKNOWN_ROLE),
    (('database "',), _Refusal.UNKNOWN_DATABASE),
    (("password authentication failed", "no password supplied", "authentication failed"), _Refusal.PASSWORD),
    (("invalid response to ssl negotiation", "received invalid response"), _Refusal.NOT_POSTGRESQL),
    (("certificate", "server does not support ssl", "ssl error", "sslmode value"), _Refusal.CERTIFICATE),
    (("timeout expired",), _Refusal.TIMEOUT),
)


def _refusal(error: DBAPIError) -> _Refusal | None:
    """The cause by the driver's error code or class first; by libpq's fixed phrases where it has none."""
    original = error.orig
    state = getattr(original, "sqlstate", None) or ""
    if state in _BY_STATE:
        return _BY_STATE[state]
    if state == "28000":  # invalid_authorization_specification: the access rules, or a role that is not there
        primary = getattr(getattr(original, "diag", None), "message_primary", None) or ""
        return _Refusal.UNKNOWN_ROLE if primary.startswith('role "') else _Refusal.ACCESS_RULES
    errors = sys.modules.get("psycopg.errors")  # loaded with the driver; never imported for SQLite
    if errors is not None and isinstance(original, errors.ConnectionTimeout):
        return _Refusal.TIMEOUT
    if state:
        return None
    detail = str(original).lower()
    for phrases, refusal in _BY_PHRASE:
        if any(phrase in detail for phrase in phrases):
            if refusal in (_Refusal.UNKNOWN_ROLE, _Refusal.UNKNOWN_DATABASE) and "does not exist" not in detail:
                continue
            return refusal
    return None


def connection_problem(url: str, error: BaseException, *, writing: bool = False) -> DeskError | None:
    """A Dutch explanation of why the server `url` could not be used, or None when it is no such problem.

    Says which server, the real cause and what to try; never shows the password. The access
    rules (pg_hba.conf), an unknown role, an unknown database, a wrong password and a refused
    certificate are refusals (waiting will not mend them), each with its own sentence; a server
    that does not answer in time, is not there, closed the connection or is shutting down is
    `DatabaseUnreachable`.
    """
    if not isinstance(error, DBAPIError) or make_url(url).get_backend_name() != "postgresql":
        return None
    parsed = make_url(url)
    server, user, name = _server(parsed), parsed.username or "(standaard)", parsed.database or "(standaard)"
    state = getattr(error.orig, "sqlstate", None) or ""
    refusal = _refusal(error)
    if refusal is _Refusal.ACCESS_RULES:
        return DeskError(
            f"De databaseserver {server} laat gebruiker '{user}' niet toe tot database '{name}' vanaf deze "
            "computer (de toegangsregels van de server, pg_hba.conf). Controleer eerst de naam van de database "
            "in het databaseadres; klopt die, vraag dan de beheerder van de server om deze computer of dit "
            "netwerk toe te laten (met TLS: hostssl)."
        )
    if refusal is _Refusal.UNKNOWN_ROLE:
        return DeskError(
            f"Op de databaseserver {server} bestaat geen gebruiker (rol) '{user}'. Controleer de gebruikersnaam "
            "in het databaseadres (postgresql://gebruiker@server/database): zonder naam gebruikt het adres de naam "
            "van wie de opdracht start, zoals root."
        )
    if refusal is _Refusal.PASSWORD:
        return DeskError(
            f"De databaseserver {server} weigert gebruiker '{user}': het wachtwoord klopt niet of de gebruiker "
            "bestaat niet. Controleer gebruikersnaam en wachtwoord in het databaseadres of vraag de beheerder "
            "van de server."
        )
    if refusal is _Refusal.UNKNOWN_DATABASE:
        return DeskError(
            f"Op de databaseserver {server} bestaat geen database '{name}'. Controleer de naam in het "
            'databaseadres, of laat de beheerder de database aanmaken (README: "Setting up a region").'
        )
    if refusal is _Refusal.CERTIFICATE:
        return DeskError(
            f"Een beveiligde verbinding (TLS) met de databaseserver {server} lukte niet: het certificaat werd niet "
            "geaccepteerd of de server biedt geen TLS. Controleer sslmode en sslrootcert in het databaseadres "
            "(bij verify-full: het CA-certificaat van de regio en de servernaam zoals in het certificaat), of "
            "vraag de beheerder van de server."
        )
    if refusal is _Refusal.TIMEOUT:
        return DatabaseUnreachable(
            _not_saved(writing) + f"De databaseserver {server} is niet bereikbaar: hij antwoordde niet binnen "
            f"{parsed.query.get('connect_timeout', CONNECT_TIMEOUT_S)} seconden. "
            "Controleer het netwerk (VPN, firewall), het adres in het databaseadres en of de server draait.",
            writing=writing,
        )
    if refusal is _Refusal.NOT_POSTGRESQL:
        return DatabaseUnreachable(
            _not_saved(writing) + f"Op {server} antwoordt geen PostgreSQL-server. Controleer het adres en de poort "
            "in het databaseadres.",
            writing=writing,
        )
    if not _server_gone(error, state):
        return None  # a problem of the statement, not of the connection: not ours to explain here
    return DatabaseUnreachable(
        _not_saved(writing) + f"De databaseserver {server} is niet bereikbaar. Controleer het netwerk, het adres "
        "en de poort in het databaseadres, en of de server draait.",
        writing=writing,
    )


def _server_gone(error: DBAPIError, state: str) -> bool:
    """Whether a PostgreSQL error means the server cannot be talked to (now), whatever the statement.

    SQLAlchemy marks a connection it had to throw away (`connection_invalidated`: closed by the
    server, reset, "the connection is closed"); connection errors come in SQLSTATE class 08, a
    server shutting down or starting in 57P0x; a refused or timed-out connect has no SQLSTATE.
    A statement's own failure (a constraint, a lock or statement timeout) is none of these.
    """
    if error.connection_invalidated or state.startswith(("08", "57P")):
        return True
    return isinstance(error, (OperationalError, InterfaceError)) and not state


# SQLite's primary result codes of a file that cannot be reached: SQLITE_IOERR (a network share
# that went away, a disk that failed) and SQLITE_CANTOPEN (the file or its folder is gone).
_SQLITE_UNREACHABLE_CODES = {10, 14}
_SQLITE_UNREACHABLE_TEXTS = ("unable to open database file", "disk i/o error")


def _sqlite_file_problem(location: DatabaseLocation, error: DBAPIError, writing: bool) -> DeskError | None:
    detail = str(error.orig).lower()
    if isinstance(error, OperationalError) and is_locked_error(error):
        return DeskError(LOCKED_MESSAGE)
    folder = location.path.parent if location.path is not None else Path(location.label)
    if is_disk_full(error) or sqlite_out_of_room(error, folder):  # before the I/O errors: no file went away
        return disk_full(folder, "de database", writing=writing)
    code = getattr(error.orig, "sqlite_errorcode", None)  # Python's sqlite3 has it; sqlcipher3 may not
    if (code is not None and code & 0xFF in _SQLITE_UNREACHABLE_CODES) or any(
        text in detail for text in _SQLITE_UNREACHABLE_TEXTS
    ):
        return DatabaseUnreachable(
            _not_saved(writing) + f"Het databasebestand {location.label} is niet bereikbaar ({error.orig}). "
            "Controleer of de schijf of netwerkmap er is.",
            writing=writing,
        )
    return None


def _not_saved(writing: bool) -> str:
    return NOT_SAVED if writing else ""


def driver_problem(location: DatabaseLocation, error: BaseException, *, writing: bool = False) -> DeskError | None:
    """The one classification of a database driver's error, for both engines.

    `DatabaseUnreachable` when the database cannot be reached (so the desk goes offline, not into
    a dialog); the Dutch "bezet" refusal when another desk held the lock too long; `DiskFull` when
    the database's disk (SQLite's file system, the server's) has no space left; another Dutch
    refusal for a server that refuses this desk (password, database name, SSL); None for any
    other error (a bug, a constraint): the caller lets that one through.
    """
    if not isinstance(error, DBAPIError):
        return None
    if location.path is not None:
        return _sqlite_file_problem(location, error, writing)
    if getattr(error.orig, "sqlstate", None) == "55P03":  # lock_timeout: another desk held a guard
        return DeskError(LOCKED_MESSAGE)
    if is_disk_full(error):
        return server_disk_full(_server(make_url(location.url)), writing=writing)
    return connection_problem(location.url, error, writing=writing)


def _driver_cause(error: BaseException) -> DBAPIError | None:
    """The driver's error behind another one (its cause or context), if there is one."""
    seen = error.__cause__ or error.__context__
    while seen is not None and not isinstance(seen, DBAPIError):
        seen = seen.__cause__ or seen.__context__
    return seen


def is_locked_error(error: DBAPIError) -> bool:
    return "locked" in str(error.orig).lower() or "busy" in str(error.orig).lower()


def is_read_session(session: Session) -> bool:
    """Whether `session` is a read unit of work (`Database.read`): it must not write."""
    return bool(session.connection().get_execution_options().get(_READ_OPTION, False))


class Database:
    """The one handle on a database that services receive: read and write units of work."""

    def __init__(self, engine: Engine, location: DatabaseLocation, share: FileShare | None = None) -> None:
        self.engine = engine
        self.location = location
        self.share = share  # this process's shared lock on the file, held until `close`
        self.reachability = Reachability()  # since when the database cannot be reached, if it cannot
        reading: dict[str, Any] = {_READ_OPTION: True}
        if engine.dialect.name == "postgresql":
            reading.update(_POSTGRESQL_READ)
        self._reading = sessionmaker(engine.execution_options(**reading), expire_on_commit=False)
        self._writing = sessionmaker(engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False)
        # Every write that changes more than the quiet tables tells the other desks (and this
        # one's own pages) at its commit; `changes` notices those of every connection.
        track_writes(engine)
        announce_writes(self._writing, engine.dialect.name)
        self.changes = ChangeWatcher(engine, engine.dialect.name, on_lost=self.reachability.lost)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._classified(writing=False), self._reading() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that holds the write lock from its start and commits on success."""
        with self._classified(writing=True), self._writing() as session, session.begin():
            yield session

    @contextmanager
    def _classified(self, *, writing: bool) -> Iterator[None]:
        """The driver's errors as `driver_problem` classifies them; reachability follows every outcome."""
        try:
            yield
        except (DBAPIError, PendingRollbackError) as raised:
            # A connection lost mid-transaction can surface as the rollback's complaint about the
            # invalidated transaction: the driver's error that caused it is what is classified.
            error = raised if isinstance(raised, DBAPIError) else _driver_cause(raised)
            if error is None:
                raise
            problem = driver_problem(self.location, error, writing=writing)
            if isinstance(problem, DatabaseUnreachable):
                self.reachability.lost()
            if problem is None:
                raise
            raise problem from error
        self.reachability.reached()

    def checkpoint(self, attempts: int = 5) -> bool:
        """SQLite: copy the write-ahead log into the file and truncate it to nothing, now.

        After an anonymisation the scrubbed pages must not wait in the log (with the old ones
        behind them) until the last connection closes. A plain connection outside any transaction,
        so no unit of work is opened; a reader of another desk in the middle of a read makes the
        checkpoint busy, and it is tried again a few times. True when the log is empty; always True
        for a database server, whose log is its own.
        """
        if self.engine.dialect.name != "sqlite":
            return True
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            for attempt in range(attempts):
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                answer = cursor.fetchone()  # (busy, log frames, frames checkpointed)
                if answer is None or not answer[0]:
                    return True
                time.sleep(0.05 * (attempt + 1))
            return False
        finally:
            raw.close()

    def close(self) -> None:
        self.changes.stop()  # its own connection goes first, so the last one checkpoints
        self.engine.dispose()  # the last connection checkpoints the write-ahead log into the file
        if self.location.path is not None:
            renew_after_own_writes(self.location.path)
        if self.share is not None:
            self.share.release()
