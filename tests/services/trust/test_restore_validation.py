"""A restore that cannot poison the database: the candidate's schema must be exactly the migrations' own.

Without these checks a backup with a newer schema, an extra trigger, dropped log triggers, a missing
column or an old revision would be put in place; a process holding the file without a heartbeat
would not stop it; and the log lines written since the backup would disappear.
"""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.persistence.models import AccessLogEntry, Person
from shelter_desk.services.kernel.database_setup import summarise
from shelter_desk.services.people import load_person, register_person
from shelter_desk.services.trust import backup_now, chain_warning, restore, verify_chain

pytestmark = [
    pytest.mark.role(Role.ADMINISTRATOR),
    pytest.mark.sqlite_only("restores a backup file over the database file"),
]


@pytest.fixture
def backup(desk, tmp_path):
    register_person(desk, PersonDetails(first_name="Jan", last_name="Berg"))
    return backup_now(desk, tmp_path / "b")


def _tamper(path, *statements):
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def _persons(db) -> int:
    return summarise(db).persons


def test_a_backup_from_a_newer_version_is_refused(desk, db, backup):
    _tamper(backup, "UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DeskError, match="nieuwere versie van Shelter Desk.*niets teruggezet"):
        restore(desk, backup)


def test_a_backup_with_an_extra_trigger_is_refused_and_nobody_is_deleted(desk, db, backup):
    _tamper(backup, "CREATE TRIGGER wis_iedereen AFTER INSERT ON access_log BEGIN DELETE FROM person; END")
    register_person(desk, PersonDetails(first_name="Piet", last_name="Berg"))
    with pytest.raises(DeskError, match="extra trigger 'wis_iedereen'"):
        restore(desk, backup)
    assert _persons(db) == 2


def test_a_backup_without_the_log_triggers_is_refused(desk, db, backup):
    _tamper(backup, "DROP TRIGGER access_log_no_update", "DROP TRIGGER access_log_no_delete")
    with pytest.raises(DeskError, match="trigger 'access_log_no_delete' ontbreekt"):
        restore(desk, backup)


def test_a_backup_missing_a_column_is_refused(desk, db, backup):
    _tamper(backup, "ALTER TABLE person DROP COLUMN phone")
    with pytest.raises(DeskError, match="tabel 'person' is anders opgebouwd"):
        restore(desk, backup)


def test_a_backup_with_an_extra_index_is_refused(desk, db, backup):
    _tamper(backup, "CREATE INDEX ix_spion ON person (bsn)")
    with pytest.raises(DeskError, match="extra index 'ix_spion'"):
        restore(desk, backup)


def test_a_backup_at_an_older_revision_is_migrated_on_a_copy_and_restored(desk, db, tmp_path):
    from alembic import command

    from shelter_desk.persistence.migrations import alembic_config

    old = tmp_path / "oud.sqlite"
    config = alembic_config()
    config.set_main_option("sqlalchemy.url", f"sqlite:///{old}")
    with __import__("sqlalchemy").create_engine(f"sqlite:///{old}").connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
        connection.commit()
    before = old.read_bytes()
    restore(desk, old)
    assert old.read_bytes() == before  # the backup itself was only read
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0
    assert verify_chain(desk) is None


def test_a_process_without_a_heartbeat_holding_the_file_stops_a_restore(desk, db, backup, location):
    from shelter_desk.persistence.migrations import open_database

    other = open_database(location)  # e.g. a command-line task: no desk_presence row
    try:
        with pytest.raises(DeskError, match="ander programma heeft deze database nog open"):
            restore(desk, backup)
    finally:
        other.close()
    restore(desk, backup)


def test_nobody_opens_the_file_while_a_restore_holds_it(desk, db, location):
    from shelter_desk.persistence.migrations import open_database

    assert db.share is not None and db.share.make_exclusive()
    try:
        with pytest.raises(DeskError, match="wordt er een back-up teruggezet"):
            open_database(location)
    finally:
        db.share.make_shared()


def test_log_lines_written_after_the_backup_are_carried_into_the_restored_log(desk, db, backup):
    with db.read() as session:
        person = session.scalar(select(Person.id))
    load_person(desk, person)  # a read after the backup: the NEN 7513 trail must survive a restore
    restore(desk, backup)
    with db.read() as session:
        details = session.scalars(select(AccessLogEntry.detail).order_by(AccessLogEntry.id)).all()
    carried = [d for d in details if d.startswith("[van vóór het terugzetten")]
    assert len(carried) >= 2  # the backup's own export line and the read
    assert "1 logregel" not in details[-1] and "overgenomen" in details[-1]
    assert chain_warning(desk) is None and verify_chain(desk) is None
