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
