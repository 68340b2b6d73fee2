"""Copies of an SQLite database made with SQLite's online backup API (safe while others write),
and checking a copy before it is put back; copies of a PostgreSQL database made with `pg_dump`.

A backup is whole or absent. It is written under a hidden temporary name (`.<name>.deel`, which
no listing of backups matches), checked (SQLite: `PRAGMA integrity_check`; a dump: `pg_restore
--list` reads its table of contents), synced to the disk, and only then renamed to its final
name; any failure removes the partial file and raises a Dutch `DeskError` (`DiskFull` when the
folder's disk is full). So a file named like a backup is always a checked copy.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.disk_faults import (
    disk_full,
    dutch_reason,
    file_write_problem,
    is_disk_full,
    no_room_for,
    sqlite_out_of_room,
)
from shelter_desk.persistence.engine import server_url
from shelter_desk.persistence.sqlite_files import connect_file, database_errors

PARTIAL_SUFFIX = ".deel"
_SIDE_FILES = ("-journal", "-wal", "-shm")
PG_DUMP_MISSING = (
    "Voor een back-up van een PostgreSQL-database is het programma pg_dump nodig, en dat is op deze computer "
    "niet gevonden. Installeer de PostgreSQL-clientprogramma's (Debian/Ubuntu: sudo apt install postgresql-client; "
    "Windows: de PostgreSQL-installatie, onderdeel Command Line Tools) met dezelfde of een nieuwere versie dan "
    "de server, of laat de beheerder van de server de back-ups maken."
)


def partial_name(target: Path) -> Path:
    """Where a backup is written before it is checked: hidden, and never named like a backup."""
    return target.with_name(f".{target.name}{PARTIAL_SUFFIX}")


@contextmanager
def _whole_or_absent(target: Path, size: int = 0) -> Iterator[Path]:
    """The partial file to write and check; renamed to `target` after a sync, or removed on any failure.

    OSErrors and SQLite's errors of writing come out as Dutch refusals naming the folder; an
    SQLite error when the folder has no room for `size` bytes (about the copy's size) is a full disk.
    """
    folder, partial = target.parent, partial_name(target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        try:
            yield partial
            _sync(partial)
            os.replace(partial, target)
            _sync_folder(folder)
        except BaseException:
            for leftover in [partial] + [partial.with_name(partial.name + side) for side in _SIDE_FILES]:
                leftover.unlink(missing_ok=True)
            raise
    except OSError as error:
        raise file_write_problem(error, folder, "de back-up") or DeskError(
            f"De back-up kon niet worden geschreven in '{folder}': {dutch_reason(error)}. Er is geen back-up gemaakt."
        ) from error
    except Exception as error:
        if not _is_sqlite_error(error):
            raise
        if is_disk_full(error) or sqlite_out_of_room(error, folder) or no_room_for(folder, size):
            raise disk_full(folder, "de back-up") from error
        raise DeskError(
            f"De back-up kon niet worden gemaakt in '{folder}': {error}. Er is geen back-up gemaakt."
        ) from error


def _is_sqlite_error(error: Exception) -> bool:
    """sqlite3's errors, or sqlcipher3's (which are no subclasses of them; loaded only when used)."""
    if isinstance(error, sqlite3.Error):
        return True
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return cipher is not None and isinstance(error, cipher.Error)


def _sync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """The rename itself on the disk (POSIX; Windows cannot open a folder and journals renames itself)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def backup_sqlite_file(source: Path, target: Path, key: str | None = None) -> Path:
    """Write a checked, consistent copy of `source` to `target` (same encryption key); return `target`."""
    with _whole_or_absent(target, _file_size(source)) as partial:
        origin, copy = connect_file(source, key), connect_file(partial, key)
        try:
            origin.backup(copy)
            # A copy is one file: in WAL mode (the source's) reading it would make -wal and -shm beside it.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            origin.close()
            copy.close()
        try:
            problems = integrity_problems(partial, key)
        except database_errors(key) as error:
            problems = [str(error)]
        if problems:
            raise DeskError(
                f"De back-up in '{target.parent}' was bij de controle niet in orde ({problems[0]}); "
                "er is geen back-up gemaakt. Controleer de schijf of kies een andere map."
            )
    return target


def _file_size(path: Path) -> int:
    """About the size of a copy of `path`: the file and its write-ahead log."""
    return sum(side.stat().st_size for side in (path, path.with_name(path.name + "-wal")) if side.exists())


def integrity_problems(path: Path, key: str | None = None) -> list[str]:
    """`PRAGMA integrity_check` of a file opened read-only: [] when sound."""
    connection = connect_file(path, key, read_only=True)
    try:
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
    finally:
        connection.close()
    return [] if rows == ["ok"] else rows


def dump_server_database(url: str, target: Path) -> Path:
    """`pg_dump --format=custom` of the PostgreSQL database `url` to `target` (consistent while desks work).

    The password goes to pg_dump in its environment, never on its command line. Restoring is the
    server administrator's step (`pg_restore`, see the README): the application drops no server database.
    """
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise DeskError(PG_DUMP_MISSING)
    url_ = server_url(url)
    environment = dict(os.environ)
    if url_.password:
        environment["PGPASSWORD"] = str(url_.password)
    conninfo = url_.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    server = url_.render_as_string(hide_password=True)
    with _whole_or_absent(target) as partial:
        result = subprocess.run(
            [pg_dump, "--format=custom", "--file", str(partial), "--dbname", conninfo],
            env=environment,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            lines = result.stderr.strip().splitlines() or ["onbekende fout"]
            if any("no space left on device" in line.lower() or "quota exceeded" in line.lower() for line in lines):
                raise disk_full(target.parent, "de back-up")
            reason = next((line for line in lines if "error:" in line), lines[-1])
            raise DeskError(f"pg_dump kon geen back-up maken van {server}: {reason}")
        _check_dump(pg_dump, partial, server)
    return target


def _check_dump(pg_dump: str, dump: Path, server: str) -> None:
    """The dump's table of contents must be readable (`pg_restore --list`), as a restore will read it."""
    pg_restore = shutil.which("pg_restore", path=str(Path(pg_dump).parent)) or shutil.which("pg_restore")
    if pg_restore is None:  # pg_dump without pg_restore: at least the custom format's signature
        with dump.open("rb") as handle:
            if handle.read(5) != b"PGDMP":
                raise DeskError(
                    f"De back-up van {server} was bij de controle niet in orde (geen pg_dump-bestand); "
                    "er is geen back-up gemaakt."
                )
        return
    listing = subprocess.run([pg_restore, "--list", str(dump)], capture_output=True, text=True)
    if listing.returncode != 0 or "TABLE DATA" not in listing.stdout:
        lines = listing.stderr.strip().splitlines() or ["geen tabellen gevonden"]
        raise DeskError(
            f"De back-up van {server} was bij de controle niet in orde ({lines[-1]}); er is geen back-up gemaakt."
        )
