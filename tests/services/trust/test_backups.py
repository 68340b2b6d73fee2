"""Backups at start and on demand; a restore checks the copy and refuses while others work."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.services.kernel.database_setup import summarise
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people.records import register_person
from shelter_desk.services.trust.backups import (
    announce_presence,
    backup_now,
    backups_in,
    daily_backup,
    restore,
)

pytestmark = pytest.mark.sqlite_only("file backups and restore of an SQLite database")


def test_a_start_makes_one_backup_a_day(db, desk, tmp_path):
    folder = tmp_path / "backups"
    assert daily_backup(db, folder, desk.now()) is not None
    assert daily_backup(db, folder, desk.now() + timedelta(hours=1)) is None
    assert daily_backup(db, folder, desk.now() + timedelta(days=1)) is not None
    assert len(backups_in(folder)) == 2


def test_backups_older_than_the_keep_period_are_removed_except_the_last_three_good_ones(db, desk, tmp_path):
    folder = tmp_path / "backups"
    for days_ago in (43, 42, 41, 40):
        daily_backup(db, folder, desk.now() - timedelta(days=days_ago))
    daily_backup(db, folder, desk.now())
    assert [(desk.today() - b.made_at.date()).days for b in backups_in(folder)] == [41, 40, 0]


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_restore_brings_back_the_state_of_the_backup(db, desk, tmp_path):
    register_person(desk, PersonDetails(first_name="Jan"))
    copy = backup_now(desk, tmp_path / "b")
    register_person(desk, PersonDetails(first_name="Piet"))
    aside = restore(desk, copy)
    assert summarise(db).persons == 1 and aside.exists()
    assert [h.name for h in desk.search.search("Piet", desk.tonight())] == []


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_desk_following_changes_is_told_of_the_restore_and_follows_the_restored_file(db, desk, tmp_path):
    import threading

    noticed = threading.Event()
    db.changes.subscribe(noticed.set)
    assert db.changes.watching.wait(15)
    register_person(desk, PersonDetails(first_name="Jan"))
    copy = backup_now(desk, tmp_path / "b")
    assert noticed.wait(15)
    noticed.clear()
    restore(desk, copy)  # the watch lets go of the old file and watches the restored one
    assert noticed.wait(15)
    noticed.clear()
    register_person(desk, PersonDetails(first_name="Piet"))
    assert noticed.wait(15)


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_file_that_is_no_database_is_refused_and_nothing_restored(db, desk, tmp_path):
    register_person(desk, PersonDetails(first_name="Jan"))
    fake = tmp_path / "nep.sqlite"
    fake.write_bytes(b"dit is geen database" * 100)
    with pytest.raises(DeskError, match="Er is niets teruggezet"):
        restore(desk, fake)
    assert summarise(db).persons == 1


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_damaged_backup_is_refused(db, desk, tmp_path):
    copy = backup_now(desk, tmp_path / "b")
    data = bytearray(copy.read_bytes())
    data[5000:9000] = b"\xff" * 4000  # overwrite part of a b-tree page
    copy.write_bytes(bytes(data))
    with pytest.raises(DeskError, match="Er is niets teruggezet|beschadigd"):
        restore(desk, copy)


@pytest.mark.role(Role.ADMINISTRATOR)
def test_another_database_is_refused(db, desk, tmp_path):
    other = tmp_path / "ander.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE boodschappen (wat TEXT)")
    connection.close()
    with pytest.raises(DeskError, match="geen Shelter Desk-database"):
        restore(desk, other)


@pytest.mark.role(Role.ADMINISTRATOR)
def test_a_restore_is_refused_while_another_desk_has_the_database_open(db, desk, tmp_path):
    copy = backup_now(desk, tmp_path / "b")
    announce_presence(Desk(db, clock=desk.clock, user=desk.user, workstation="balie-boven"))
    with pytest.raises(DeskError, match="balie-boven"):
        restore(desk, copy)
