"""Engine and sessions: SQLite with foreign keys, WAL, a busy timeout and write-locking BEGIN.

A write transaction starts with `BEGIN IMMEDIATE`, taking SQLite's write lock at once. With a plain
`BEGIN` a transaction that reads and then writes fails at once with "database is locked" when
another desk wrote in between, whatever the busy timeout; with IMMEDIATE it waits its turn.
Read transactions keep a plain `BEGIN`, so in WAL mode they never wait for a writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.check_marker import renew_after_own_writes
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
        return _server_engine(location.url)
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


def _server_engine(url: str) -> Engine:
    """A database server by URL; an unknown scheme or a missing driver is said in Dutch."""
    try:
        return create_engine(url, pool_pre_ping=True)
    except NoSuchModuleError:
        scheme = url.split("://", 1)[0]
        raise DeskError(f"'{scheme}' is geen databasesoort die Shelter Desk kent. Geef een bestandspad, of een "
                        "URL die begint met postgresql+psycopg://.") from None
    except ArgumentError:
        raise DeskError("De database-URL is niet te lezen. Schrijf haar als "
                        "postgresql+psycopg://gebruiker:wachtwoord@server/database.") from None
    except ImportError as error:
        raise DeskError(f"Voor deze database ontbreekt het stuurprogramma ({error.name}). Installeer het "
                        "(voor PostgreSQL: pip install 'psycopg[binary]') of gebruik een bestand.") from None


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
        self.engine.dispose()  # the last connection checkpoints the write-ahead log into the file
        if self.location.path is not None:
            renew_after_own_writes(self.location.path)
        if self.share is not None:
            self.share.release()
