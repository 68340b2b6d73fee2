"""Copies of an SQLite database made with SQLite's online backup API (safe while others write),
and checking a copy before it is put back."""

from __future__ import annotations

from pathlib import Path

from shelter_desk.persistence.sqlite_files import connect_file


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
