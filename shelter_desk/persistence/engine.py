"""Engine and sessions: SQLite with foreign keys, WAL, a busy timeout and write-locking BEGIN.

A write transaction starts with `BEGIN IMMEDIATE`, taking SQLite's write lock at once. With a plain
`BEGIN` a transaction that reads and then writes fails at once with "database is locked" when
another desk wrote in between, whatever the busy timeout; with IMMEDIATE it waits its turn.
Read transactions keep a plain `BEGIN`, so in WAL mode they never wait for a writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.file_lock import FileShare
from shelter_desk.persistence.location import DatabaseLocation

BUSY_TIMEOUT_MS = 10_000
_WRITE_OPTION = "shelter_desk_write"

LOCKED_MESSAGE = (
    "De database is bezet door een andere balie en bleef dat te lang. "
    "Er is niets opgeslagen; probeer het over enkele seconden opnieuw."
)


def create_database_engine(location: DatabaseLocation, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    if location.path is None:
        return create_engine(location.url, pool_pre_ping=True)
    url = location.url
    if location.encrypted:
        if not location.key:
            raise DeskError("Deze database is versleuteld en er is geen sleutel opgegeven.")
        # SQLAlchemy's pysqlcipher dialect (driver: sqlcipher3) sets the key before anything else.
        url = f"sqlite+pysqlcipher://:{quote(location.key, safe='')}@/{location.path}"
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


def is_locked_error(error: DBAPIError) -> bool:
    return "locked" in str(error.orig).lower() or "busy" in str(error.orig).lower()


class Database:
    """The one handle on a database that services receive: read and write units of work."""

    def __init__(self, engine: Engine, location: DatabaseLocation, share: FileShare | None = None) -> None:
        self.engine = engine
        self.location = location
        self.share = share  # this process's shared lock on the file, held until `close`
        self._reading = sessionmaker(engine, expire_on_commit=False)
        self._writing = sessionmaker(
            engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._translate_locks(), self._reading() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that holds the write lock from its start and commits on success."""
        with self._translate_locks(), self._writing() as session, session.begin():
            yield session

    @contextmanager
    def _translate_locks(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as error:
            if is_locked_error(error):
                raise DeskError(LOCKED_MESSAGE) from error
            raise

    def close(self) -> None:
        self.engine.dispose()
        if self.share is not None:
            self.share.release()
