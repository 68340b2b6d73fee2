"""A full disk under the database is one Dutch "schijf vol" refusal, and nothing reported saved is lost.

On a real small file system (tests/small_disk.py): the SQLite file on a 3 MB tmpfs, and on
PostgreSQL the person table moved into a tablespace on a small tmpfs (the server's SQLSTATE 53100).
Persons are registered until the disk is full; the refusal says so in Dutch with the folder and
what to do, the next attempt is refused the same way, the desk can still read, every person
reported saved is there and the file passes its integrity check.
"""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest
from sqlalchemy import select, text

from shelter_desk.domain.errors import DatabaseUnreachable, DiskFull
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.models import Person
from shelter_desk.services.kernel.database_setup import open_and_prepare
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people.records import register_person
from tests.conftest import _desk_as
from tests.small_disk import fill_up

LIMIT = 5_000  # a disk that never fills within this many persons fails the test instead of hanging


def _register_until_refused_twice(desk: Desk) -> tuple[list[str], list[DiskFull]]:
    saved: list[str] = []
    refusals: list[DiskFull] = []
    for number in range(LIMIT):
        name = f"Persoon{number:05d}"
        try:
            register_person(
                desk,
                PersonDetails(first_name=name, last_name="Vol" * 20, safety_notes="aantekening " * 20),
                accept_similar=True,
            )
        except DiskFull as refusal:
            refusals.append(refusal)
            if len(refusals) == 2:
                break
            continue
        saved.append(name)
    return saved, refusals


def _names(desk: Desk) -> set[str]:
    with desk.db.read() as session:
        return set(session.scalars(select(Person.first_name).where(Person.first_name.like("Persoon%"))))


@pytest.mark.sqlite_only("the database file on a small file system")
def test_registering_until_the_sqlite_disk_is_full_is_refused_in_dutch_and_every_saved_person_is_there(
    migrated_template, small_disk
):
    disk = small_disk(3)
    path = disk / "desk.sqlite"
    shutil.copyfile(migrated_template, path)
    db = open_and_prepare(resolve_location(str(path), plain=True))
    try:
        from shelter_desk.domain.roles import Role

        desk = _desk_as(db, Role.FRONT_DESK)
        fill_up(disk, leave=192 * 1024)
        saved, refusals = _register_until_refused_twice(desk)
        assert len(refusals) == 2 and saved, "the disk never filled up"
        first, second = refusals
        assert "De schijf is vol" in first.message and str(disk) in first.message
        assert first.message.startswith("Niet opgeslagen") and "ruimte vrij" in first.message
        assert second.message == first.message
        assert not isinstance(first, DatabaseUnreachable) and db.reachability.lost_since is None
        assert _names(desk) == set(saved)  # the desk still reads, and every reported save is there
    finally:
        db.close()
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {
            row[0] for row in connection.execute("SELECT first_name FROM person WHERE first_name LIKE 'Persoon%'")
        }
    finally:
        connection.close()
    assert stored == set(saved)


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_registering_until_the_servers_disk_is_full_is_refused_in_dutch_and_every_saved_person_is_there(
    db, desk, small_disk, postgres_admin
):
    as_root = os.geteuid() == 0  # then the test server runs as the user 'postgres' (tests/pg_server.py)
    disk = small_disk(1, owner="postgres" if as_root else None)
    space = disk / "tabelruimte"
    space.mkdir()
    if as_root:
        shutil.chown(space, "postgres", "postgres")
    tablespace = f"klein_{db.engine.url.database}"
    postgres_admin.execute(f"CREATE TABLESPACE {tablespace} LOCATION '{space}'")
    try:
        with db.write() as session:
            session.execute(text(f"ALTER TABLE person SET TABLESPACE {tablespace}"))
        fill_up(disk, leave=48 * 1024)
        saved, refusals = _register_until_refused_twice(desk)
        assert len(refusals) == 2 and saved, "the disk never filled up"
        first, second = refusals
        assert "De schijf van de databaseserver" in first.message and "vol" in first.message
        assert first.message.startswith("Niet opgeslagen") and second.message == first.message
        assert db.reachability.lost_since is None
        assert _names(desk) == set(saved)
    finally:
        (disk / "ballast.bin").unlink(missing_ok=True)
        with db.write() as session:
            session.execute(text("ALTER TABLE person SET TABLESPACE pg_default"))
        postgres_admin.execute(f"DROP TABLESPACE {tablespace}")


@pytest.mark.sqlite_only("the database file on a small file system")
def test_opening_the_database_on_a_full_disk_is_the_same_refusal_not_an_outage(migrated_template, small_disk):
    disk = small_disk(3)
    path = disk / "desk.sqlite"
    shutil.copyfile(migrated_template, path)
    fill_up(disk, leave=0)  # not even room for WAL mode's shared-memory file (SQLITE_IOERR_SHMSIZE)
    with pytest.raises(DiskFull) as refused:
        open_and_prepare(resolve_location(str(path), plain=True)).close()
    assert "kan de database niet openen" in refused.value.message and "is vol" in refused.value.message
    assert str(disk) in refused.value.message and "ruimte vrij" in refused.value.message
    assert not isinstance(refused.value, DatabaseUnreachable)
