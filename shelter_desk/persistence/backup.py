"""Copies of an SQLite database made with SQLite's online backup API (safe while others write),
and checking a copy before it is put back; copies of a PostgreSQL database made with `pg_dump`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.engine import server_url
from shelter_desk.persistence.sqlite_files import connect_file

PG_DUMP_MISSING = (
    "Voor een back-up van een PostgreSQL-database is het programma pg_dump nodig, en dat is op deze computer "
    "niet gevonden. Installeer de PostgreSQL-clientprogramma's (Debian/Ubuntu: sudo apt install postgresql-client; "
    "Windows: de PostgreSQL-installatie, onderdeel Command Line Tools) met dezelfde of een nieuwere versie dan "
    "de server, of laat de beheerder van de server de back-ups maken."
)


def backup_sqlite_file(source: Path, target: Path, key: str | None = None) -> Path:
    """Write a consistent copy of `source` to `target` (same encryption key) and return `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    origin, copy = connect_file(source, key), connect_file(target, key)
    try:
        origin.backup(copy)
    finally:
        origin.close()
        copy.close()
    return target


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
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".deel")
    result = subprocess.run([pg_dump, "--format=custom", "--file", str(partial), "--dbname", conninfo],
                            env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        lines = result.stderr.strip().splitlines() or ["onbekende fout"]
        reason = next((line for line in lines if "error:" in line), lines[-1])
        raise DeskError(f"pg_dump kon geen back-up maken van {url_.render_as_string(hide_password=True)}: {reason}")
    os.replace(partial, target)
    return target
