"""Opening a database: a new file is created and migrated; a bad file is refused untouched."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.engine import Database, create_database_engine
from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.migrations import head_revision, open_database
from shelter_desk.persistence.models import Base

REPO = Path(__file__).resolve().parents[2]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _schema(path: Path) -> list[tuple[str, str, list[str]]]:
    """Every table and index with the clauses of its CREATE statement.

    Clauses are compared as a sorted list: a batch migration that rebuilds a table may list its
    constraints in another order, which is the same schema.
    """
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).fetchall()
    return [
        (kind, name, sorted(line.strip().rstrip(",").strip() for line in (sql or "").splitlines()))
        for kind, name, sql in rows
    ]


def test_a_new_file_is_created_at_the_newest_schema_with_wal_and_foreign_keys(tmp_path):
    db = open_database(resolve_location(str(tmp_path / "nieuw" / "desk.sqlite"), plain=True))
    try:
        with db.read() as session:
            assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    finally:
        db.close()


def test_the_migrations_match_the_models(db):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


@pytest.mark.sqlite_only("an SQLite file: its checks, its schema listing, its side files")
def test_alembic_upgrade_head_gives_the_same_schema_as_the_apps_first_start(tmp_path, db):
    by_alembic = tmp_path / "by-alembic.sqlite"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "alembic",
            "-c",
            str(REPO / "db" / "alembic.ini"),
            "-x",
            f"database={by_alembic}",
            "upgrade",
            "head",
        ],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    assert _schema(by_alembic) == _schema(db.location.path)


@pytest.mark.sqlite_only("an SQLite file: its checks, its schema listing, its side files")
def test_a_corrupt_file_is_refused_in_dutch_and_left_byte_for_byte_unchanged(tmp_path, db):
    path = db.location.path
    db.close()
    data = bytearray(path.read_bytes())
    data[100:4196] = b"\xff" * 4096  # wreck the first page's b-tree behind a valid header
    path.write_bytes(bytes(data))
    for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        side.unlink(missing_ok=True)
    before = _snapshot(path.parent)
    with pytest.raises(DeskError, match="beschadigd") as refused:
        open_database(resolve_location(str(path), plain=True))
    assert "niet gewijzigd" in refused.value.message
    assert _snapshot(path.parent) == before


def test_a_file_that_is_no_database_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "notities.sqlite"
    path.write_bytes(b"Dit is een tekstbestand, geen database.\n" * 50)
    before = _snapshot(tmp_path)
    with pytest.raises(DeskError, match="geen Shelter Desk-database"):
        open_database(resolve_location(str(path), plain=True))
    assert _snapshot(tmp_path) == before


def test_another_programs_database_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "ander.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE boeken (titel TEXT)")
    connection.close()
    before = _snapshot(tmp_path)
    with pytest.raises(DeskError, match="niet van Shelter Desk"):
        open_database(resolve_location(str(path), plain=True))
    assert _snapshot(tmp_path) == before


def test_a_database_from_a_newer_version_is_refused_and_left_unchanged(db):
    path = db.location.path
    with db.write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999_uit_de_toekomst'"))
    db.close()
    before = _snapshot(path.parent) if path is not None else None
    with pytest.raises(DeskError, match="nieuwere versie van Shelter Desk"):
        open_database(db.location)
    if path is not None:
        assert _snapshot(path.parent) == before
    else:
        again = Database(create_database_engine(db.location), db.location)
        with again.read() as session:
            assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_uit_de_toekomst"
        again.close()


@pytest.mark.sqlite_only("an SQLite file: its checks, its schema listing, its side files")
def test_an_existing_database_opens_again_without_changes_to_its_schema(db):
    path = db.location.path
    schema = _schema(path)
    db.close()
    open_database(resolve_location(str(path), plain=True)).close()
    assert _schema(path) == schema


def test_a_database_of_the_first_version_with_people_in_beds_is_migrated_keeping_every_row(tmp_path):
    path = tmp_path / "oud.sqlite"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "alembic",
            "-c",
            str(REPO / "db" / "alembic.ini"),
            "-x",
            f"database={path}",
            "upgrade",
            "0001",
        ],
        check=True,
        cwd=REPO,
        capture_output=True,
    )
    with sqlite3.connect(path) as connection:
        connection.executescript("""
            INSERT INTO municipality VALUES ('0106', 'Assen', '22', 'Drenthe', NULL);
            INSERT INTO region VALUES (1, 'Regio Assen', '0106');
            INSERT INTO facility VALUES (1, 1, 'Nachtopvang', 'nachtopvang', 23, NULL, NULL, '', '', '', '', 1);
            INSERT INTO bed VALUES (1, 1, 'B1', 1, 0, 1);
            INSERT INTO person (id, first_name, date_of_birth_approximate, safety_notes, created_at, updated_at)
                VALUES (1, 'Jan', 0, '', '2026-01-01 10:00:00', '2026-01-01 10:00:00');
            INSERT INTO stay VALUES (1, 1, 1, '2026-01-01', NULL, '2026-01-01', NULL, '2026-01-01 10:00:00');
            INSERT INTO bed_night (id, stay_id, person_id, bed_id, night, status)
                VALUES (1, 1, 1, 1, '2026-01-01', 'uitgecheckt');
        """)
    db = open_database(resolve_location(str(path), plain=True))
    try:
        with db.read() as session:
            assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
            assert session.execute(text("SELECT first_name, consent FROM person")).one() == ("Jan", "niet_gevraagd")
            assert session.execute(text("SELECT count(*) FROM bed_night")).scalar() == 1
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        db.close()
    assert list(tmp_path.glob("oud.voor-migratie-0001-*.sqlite"))


@pytest.mark.sqlite_only("an SQLite file: its checks, its schema listing, its side files")
def test_the_whole_file_check_is_remembered_for_the_day_beside_the_file(db):
    from datetime import date

    path = db.location.path
    db.close()
    open_database(resolve_location(str(path), plain=True)).close()
    marker = path.with_name(path.name + ".gecontroleerd")
    day, size, changed = marker.read_text(encoding="utf-8").split()
    assert day == date.today().isoformat()
    assert (int(size), int(changed)) == (path.stat().st_size, path.stat().st_mtime_ns)
