"""The read-only check of a database file before it is opened, and that check on a thread of its own.

Nothing is written to a file before this check has passed: a damaged file, a file that is not ours,
one from a newer Shelter Desk or an encrypted one opened with the wrong key is refused with a Dutch
message and left exactly as it was. The first start of the day reads the whole file
(`PRAGMA quick_check`); the start runs that beside its imports (`check_in_background`), and the
opening then takes that check's outcome instead of checking again. Loads no SQLAlchemy and no
alembic (the sign-in window starts the check).
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from shelter_desk.domain.errors import DeskError
from shelter_desk.paths import migrations_folder
from shelter_desk.persistence.check_marker import checked_today, mark_checked
from shelter_desk.persistence.sqlite_files import SQLITE_HEADER as _SQLITE_HEADER
from shelter_desk.persistence.sqlite_files import connect_file, database_errors

if TYPE_CHECKING:  # alembic loads only when the revision headers do not read plainly
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


def known_revisions() -> set[str]:
    graph = _revision_graph()
    if graph:
        return set(graph)
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _check_file(path: Path, key: str | None) -> str | None:
    """The check itself (see check_sqlite_file)."""
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


def newer_schema_message(revision: str) -> str:
    return (
        f"Deze database is gemaakt met een nieuwere versie van Shelter Desk (schemaversie {revision}). "
        "Werk Shelter Desk bij op deze computer. De database is niet gewijzigd."
    )


@dataclass
class _Checking:
    """One check running on its own thread: its file, key and (once done) outcome."""

    path: Path
    key: str | None
    done: threading.Event = field(default_factory=threading.Event)
    revision: str | None = None
    error: BaseException | None = None

    def run(self) -> None:
        try:
            self.revision = _check_file(self.path, self.key)
        except BaseException as error:  # noqa: BLE001 - handed to whoever opens the file
            self.error = error
        finally:
            self.done.set()


_lock = threading.Lock()
_running: _Checking | None = None


def check_in_background(path: Path, key: str | None) -> None:
    """Start the check of `path` on a thread of its own (read-only); the opening takes its outcome.

    The whole-file check spends its time in SQLite, which lets other threads run: the start's
    imports go on meanwhile. Only one check is kept; a later call replaces it.
    """
    global _running
    checking = _Checking(path, key)
    with _lock:
        _running = checking
    threading.Thread(target=checking.run, name="file-check", daemon=True).start()


def forget_background_check() -> None:
    """The start is over: a check nobody took must not stand in for a later opening's."""
    global _running
    with _lock:
        _running = None


def check_sqlite_file(path: Path, key: str | None = None) -> str | None:
    """Inspect an existing file read-only; return its schema revision (None when new or empty).

    The outcome of the background check of the same file and key when there is one (waiting for
    it), else checked now. Raises DeskError for a file that is damaged, not an SQLite database,
    not a Shelter Desk database, made by a newer version of Shelter Desk, or (encrypted) opened
    with the wrong key.
    """
    global _running
    with _lock:
        checking = _running if _running is not None and (_running.path, _running.key) == (path, key) else None
        if checking is not None:
            _running = None  # taken once: a later opening checks again
    if checking is None:
        return _check_file(path, key)
    checking.done.wait()
    if checking.error is not None:
        raise checking.error
    return checking.revision
