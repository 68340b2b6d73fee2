"""Copies of an SQLite database made with SQLite's online backup API (safe while others write)."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def backup_sqlite_file(source: Path, target: Path) -> Path:
    """Write a consistent copy of `source` to `target` and return `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    # A `with` on sqlite3 connections commits but does not close them.
    origin.close()
    copy.close()
    return target
