"""Is a database file's schema exactly the one the migrations build? Tables, columns, indexes, triggers, views.

A restore puts a file in place of the live database; a file with an extra trigger (one that
deletes every person when the access log is written), without the log's triggers, or missing a
column, would make the desk fail or lose data silently. The reference is a database built by
running every migration on an empty file, once per process.
"""

from __future__ import annotations

import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.migrations import open_database
from shelter_desk.persistence.sqlite_files import connect_file

KINDS = {"table": "tabel", "index": "index", "trigger": "trigger", "view": "view"}


def _normal(sql: str | None) -> str:
    text = re.sub(r"[\"`\[\]]", "", (sql or "").lower())
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"\s*([(),=<>])\s*", r"\1", text).strip()


def _table_parts(sql: str) -> str:
    """A table's columns and constraints in a fixed order: SQLite keeps them in the order a batch
    migration happened to write them, which differs from run to run."""
    start, end = sql.find("("), sql.rfind(")")
    if start < 0 or end < start:
        return sql
    parts, depth, current = [], 0, ""
    for char in sql[start + 1 : end]:
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        depth += (char == "(") - (char == ")")
        current += char
    parts.append(current.strip())
    return sql[:start] + "(" + ",".join(sorted(parts)) + ")" + sql[end + 1 :]


def schema_of(connection: Any) -> dict[tuple[str, str], str]:
    """(kind, name) -> the normalised SQL that made it, for everything but SQLite's own objects."""
    found: dict[tuple[str, str], str] = {}
    for kind, name, sql in connection.execute("SELECT type, name, sql FROM sqlite_master"):
        if name.startswith("sqlite_"):
            continue
        found[(kind, name)] = _table_parts(_normal(sql)) if kind == "table" else _normal(sql)
    return found


@lru_cache(maxsize=1)
def reference_schema() -> tuple[tuple[tuple[str, str], str], ...]:

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "referentie.sqlite"
        open_database(resolve_location(str(path), plain=True)).close()
        connection = connect_file(path, read_only=True)
        try:
            return tuple(sorted(schema_of(connection).items()))
        finally:
            connection.close()


def schema_differences(connection: Any) -> list[str]:
    """What differs from the migrations' schema, in Dutch; [] when it is exactly the same."""
    expected = dict(reference_schema())
    actual = schema_of(connection)
    problems = []
    for kind, name in sorted(set(actual) - set(expected)):
        problems.append(f"extra {KINDS.get(kind, kind)} '{name}'")
    for kind, name in sorted(set(expected) - set(actual)):
        problems.append(f"{KINDS.get(kind, kind)} '{name}' ontbreekt")
    for key in sorted(set(expected) & set(actual)):
        if expected[key] != actual[key]:
            problems.append(f"{KINDS.get(key[0], key[0])} '{key[1]}' is anders opgebouwd")
    return problems
