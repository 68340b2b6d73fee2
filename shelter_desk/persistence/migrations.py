"""Opening a database safely: check the file, back it up, bring its schema to the newest revision.

Nothing is written to a file before it has been checked read-only (persistence.file_check): a
corrupt file, a file that is not ours or a file from a newer Shelter Desk is refused with a Dutch
message and left exactly as it was (no WAL switch, no side files).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import OperationalError

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.backup import backup_sqlite_file
from shelter_desk.persistence.deadlines import NO_DEADLINE
from shelter_desk.persistence.engine import Database, create_database_engine, driver_problem
from shelter_desk.persistence.file_check import (
    _plain_head,
    alembic_config,
    check_sqlite_file,
    known_revisions,
    newer_schema_message,
)
from shelter_desk.persistence.file_lock import FileShare
from shelter_desk.persistence.location import DatabaseLocation


def _check_writable(path: Path) -> None:
    """The folder must exist (or be made) and both it and the file must be writable by this user."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DeskError(
            f"De map '{path.parent}' kan niet worden aangemaakt ({error.strerror}). "
            "Kies een andere plaats voor de database."
        ) from None
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DeskError(
            f"In de map '{path.parent}' mag dit account niet schrijven; de database heeft daar "
            "ook haar logbestanden nodig. Kies een andere map of vraag de beheerder om rechten."
        )
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise DeskError(
            f"Het databasebestand '{path}' is alleen-lezen voor dit account. "
            "Vraag de beheerder om schrijfrechten; het bestand is niet gewijzigd."
        )


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def open_database(location: DatabaseLocation) -> Database:
    """Open (and if needed create or upgrade) the database; refuse bad files untouched."""
    revision: str | None = None
    share = FileShare(location.path) if location.path is not None else None
    if location.path is not None and share is not None:
        revision = check_sqlite_file(location.path, location.key if location.encrypted else None)
        _check_writable(location.path)
        share.acquire()  # held while the file is open: a restore waits for every holder to close
    engine = create_database_engine(location)
    if revision is not None and revision == _plain_head():
        return Database(engine, location, share)  # the schema is current: the usual start, without alembic
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        if current is not None and current not in known_revisions():
            raise DeskError(newer_schema_message(current))
        head = head_revision()
        if current != head:
            if location.path is not None and revision is not None:
                _backup_before_migration(location.path, revision, location.key)
            # A migration may rewrite a large table: no statement timeout, no client deadline.
            with engine.connect().execution_options(**{NO_DEADLINE: True}) as connection:
                if location.path is None:
                    connection.exec_driver_sql("SET statement_timeout = 0")
                    connection.commit()
                config = alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                connection.commit()
                if location.path is None:
                    connection.exec_driver_sql("RESET statement_timeout")  # back to the desk's limit
                    connection.commit()
    except BaseException as error:
        engine.dispose()
        if share is not None:
            share.release()
        if isinstance(error, OperationalError):
            problem = driver_problem(location, error) if location.path is None else None
            if problem is not None:
                raise problem from None
            where = f"'{location.path}'" if location.path is not None else "op de databaseserver"
            raise DeskError(
                f"De database {where} kan niet worden geopend of bijgewerkt ({error.orig}). "
                "Controleer de plaats, de rechten en (bij een server) of die bereikbaar is."
            ) from None
        raise
    return Database(engine, location, share)


def _backup_before_migration(path: Path, revision: str, key: str | None) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return backup_sqlite_file(path, path.with_name(f"{path.stem}.voor-migratie-{revision}-{stamp}{path.suffix}"), key)
