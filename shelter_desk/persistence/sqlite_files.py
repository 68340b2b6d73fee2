"""Opening SQLite files directly (outside SQLAlchemy): plain, or encrypted with SQLCipher.

Used for the read-only check before opening, for backups and restores. With a key the file is
opened through sqlcipher3 (SQLCipher 4, bundled in the wheel with its own OpenSSL).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any


def quoted_key(key: str) -> str:
    return "'" + key.replace("'", "''") + "'"


def connect_file(path: Path, key: str | None = None, *, read_only: bool = False, immutable: bool = False) -> Any:
    """A DB-API connection to `path`; read-only opens never create side files when `immutable`."""
    target: str = str(path)
    uri = False
    if read_only:
        target = f"{path.as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
        uri = True
    if key is None:
        return sqlite3.connect(target, uri=uri)
    from sqlcipher3 import dbapi2 as sqlcipher  # only databases with a key load SQLCipher

    connection = sqlcipher.connect(target, uri=uri)
    connection.execute(f"PRAGMA key = {quoted_key(key)}")
    return connection


def database_errors(key: str | None) -> tuple[type[Exception], ...]:
    """The exception classes the driver for this key raises for a bad file or a wrong key."""
    if key is None:
        return (sqlite3.DatabaseError,)
    from sqlcipher3 import dbapi2 as sqlcipher

    return (sqlcipher.DatabaseError, sqlite3.DatabaseError)


SQLITE_HEADER = b"SQLite format 3\x00"


def is_plain_sqlite(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def is_plain_demo(path: Path) -> bool:
    """A plain file marked as demo database (fictitious people only), read without changing it."""
    if not is_plain_sqlite(path):
        return False
    wal = path.with_name(path.name + "-wal").exists()
    try:
        connection = connect_file(path, read_only=True, immutable=not wal)
        try:
            return connection.execute("SELECT 1 FROM database_info WHERE key = 'demo'").fetchone() is not None
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False
