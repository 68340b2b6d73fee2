"""Opening a database safely: check the file, back it up, bring its schema to the newest revision.

Nothing is written to a file before it has been checked read-only: a corrupt file, a file that is
not ours or a file from a newer Shelter Desk is refused with a Dutch message and left exactly as
it was (no WAL switch, no side files).
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from shelter_desk.domain.errors import DeskError
from shelter_desk.paths import migrations_folder
from shelter_desk.persistence.backup import backup_sqlite_file
from shelter_desk.persistence.check_marker import checked_today, mark_checked
from shelter_desk.persistence.deadlines import NO_DEADLINE
from shelter_desk.persistence.engine import Database, create_database_engine, driver_problem
from shelter_desk.persistence.file_lock import FileShare
from shelter_desk.persistence.location import DatabaseLocation
from shelter_desk.persistence.sqlite_files import SQLITE_HEADER as _SQLITE_HEADER
from shelter_desk.persistence.sqlite_files import connect_file, database_errors

if TYPE_CHECKING:  # alembic loads only when a schema is created or upgraded (not at every start)
    from alembic.config import Config

WRONG_KEY = "de sleutel of het wachtwoord klopt niet"
_HEADER = re.compile(r"""^(revision|down_revision)\s*(?::[^=]+)?=\s*(?:['"]([^'"]+)['"]|(None))\s*$""", re.M)


@cache
def _revision_graph() -> dict[str, str | None] | None:
    """revision → down_revision, read from the revision files' headers without importing alembic.

    None when a file does not read plainly (a merge revision, say): then alembic answers.
    """
    graph: dict[str, str | None] = {}
    for path in (migrations_folder() / "versions").glob("*.py"):
        found = {name: text for name, text, _none in _HEADER.findall(path.read_text(encoding="utf-8"))}
        if "revision" not in found or "down_revision" not in found:
            return None
        graph[found["revision"]] = found["down_revision"] or None
    return graph


def _plain_head() -> str | None:
    """The one revision no other revision builds on; None when the files do not say it plainly."""
    graph = _revision_graph()
    if not graph:
        return None
    heads = set(graph) - set(graph.values())
    return next(iter(heads)) if len(heads) == 1 else None


def alembic_config() -> Config:
    from alembic.config import Config

    folder = migrations_folder()
    config = Config(str(folder / "alembic.ini"))
    config.set_main_option("script_location", str(folder))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    graph = _revision_graph()
    if graph:
        return set(graph)
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def check_sqlite_file(path: Path, key: str | None = None) -> str | None:
    """Inspect an existing file read-only; return its schema revision (None when new or empty).

    Raises DeskError for a file that is damaged, not an SQLite database, not a Shelter Desk
    database, made by a newer version of Shelter Desk, or (encrypted) opened with the wrong key.
    """
    if path.is_dir():
        raise DeskError(f"'{path}' is een map, geen databasebestand.")
    if path.exists() and not path.is_file():
        raise DeskError(
            f"'{path}' is geen gewoon bestand (maar bijvoorbeeld een apparaat) en kan geen "
            "database zijn. Kies een bestandsnaam in een map."
        )
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if key is None and header != _SQLITE_HEADER:
        raise DeskError(
            f"Het bestand '{path}' is geen Shelter Desk-database of is beschadigd (of versleuteld: dan is "
            "de sleutel nodig). Het bestand is niet gewijzigd. Kies een ander bestand of zet een reservekopie terug."
        )
    if key is not None and header == _SQLITE_HEADER:
        raise DeskError(
            f"Het bestand '{path}' is een onversleutelde database. Open het met --onversleuteld, of zet de "
            "gegevens over naar een versleutelde database. Het bestand is niet gewijzigd."
        )
    wal = path.with_name(path.name + "-wal").exists()
    full_check = wal or not checked_today(path)
    try:
        connection = connect_file(path, key, read_only=True, immutable=not wal)
        try:
            # The whole-file check costs ~0.4 s per 200 MB: once a day, and after every unclean stop
            # (a write-ahead log left behind); otherwise reading the schema below still has to succeed.
            query = "PRAGMA quick_check" if full_check else "SELECT 'ok' FROM sqlite_master LIMIT 1"
            problems = [row[0] for row in connection.execute(query).fetchall()] or ["ok"]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            connection.close()
    except database_errors(key) as error:
        if key is not None:
            raise DeskError(
                f"De database '{path}' kan niet worden geopend: {WRONG_KEY}, of het "
                "bestand is beschadigd. Het bestand is niet gewijzigd."
            ) from None
        raise DeskError(
            f"Het databasebestand '{path}' is beschadigd en kan niet worden geopend ({error}). "
            "Het bestand is niet gewijzigd. Zet een reservekopie terug of neem contact op met de beheerder."
        ) from None
    if problems != ["ok"]:
        raise DeskError(
            f"Het databasebestand '{path}' is beschadigd: de controle vond {len(problems)} fout(en). "
            "Het bestand is niet gewijzigd. Zet een reservekopie terug of neem contact op met de beheerder."
        )
    if tables and revision is None:
        raise DeskError(
            f"Het bestand '{path}' is een database, maar niet van Shelter Desk. Het bestand is niet gewijzigd."
        )
    if revision is not None and revision not in known_revisions():
        raise DeskError(newer_schema_message(revision))
    if full_check:
        mark_checked(path)
    return revision


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


def newer_schema_message(revision: str) -> str:
    return (
        f"Deze database is gemaakt met een nieuwere versie van Shelter Desk (schemaversie {revision}). "
        "Werk Shelter Desk bij op deze computer. De database is niet gewijzigd."
    )


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
