"""A region restore brings everything back: every row, the later log lines, the region's rights.

Into a new database beside the live one (the application never drops a server database), with
the database's own REVOKE … FROM PUBLIC and the desks' rights applied again, the access-log
lines written after the backup carried over and marked, and `region check` OK on the result.
"""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from shelter_desk.cli import main
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.models import AccessLogEntry, Person
from shelter_desk.services.kernel import open_and_prepare
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people import load_person, register_person
from shelter_desk.services.trust import backup_now, chain_warning, restore_into_new_database, verify_chain

pytestmark = [
    pytest.mark.role(Role.ADMINISTRATOR),
    pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True),
]
DESK_ROLE = "balie_terug"


@pytest.fixture
def region(location, postgres_cluster, postgres_admin):
    """The live database with a desks' role set up as the README says."""
    name = make_url(location.url).database
    postgres_admin.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{DESK_ROLE}') THEN "
        f"CREATE ROLE {DESK_ROLE} LOGIN; END IF; END $$"
    )
    postgres_admin.execute(f"REVOKE ALL ON DATABASE {name} FROM PUBLIC")
    postgres_admin.execute(f"GRANT CONNECT, TEMPORARY ON DATABASE {name} TO {DESK_ROLE}")
    with psycopg.connect(host=postgres_cluster.socket_folder, user="postgres", dbname=name, autocommit=True) as owner:
        for statement in (
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {DESK_ROLE}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM {DESK_ROLE}",
            f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {DESK_ROLE}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {DESK_ROLE}",
        ):
            owner.execute(statement)
    return name


@pytest.fixture
def restored(desk, db, region, tmp_path, postgres_cluster, postgres_admin):
    from dataclasses import replace

    people = [register_person(desk, PersonDetails(first_name=n, last_name="Berg")) for n in ("Jan", "Piet")]
    now_desk = replace(desk, clock=Desk(db).clock)  # the backup's age is checked against the real clock
    dump = backup_now(now_desk, tmp_path / "back-ups")
    for person in people:
        load_person(desk, person)  # written after the backup
    done = restore_into_new_database(desk, dump, "opvang_terug")
    yield done
    postgres_admin.execute("DROP DATABASE IF EXISTS opvang_terug WITH (FORCE)")


def _open(url):
    db = open_and_prepare(resolve_location(url))
    return db, Desk(db, user=DeskUser(1, "c", "C", Role.ADMINISTRATOR))


def test_every_row_and_the_later_log_lines_come_back_marked(restored, db, postgres_cluster):
    assert restored.carried_lines == 3  # two readings and the backup's own export line
    new_db, new_desk = _open(postgres_cluster.url("opvang_terug"))
    try:
        with new_db.read() as session, db.read() as live:
            assert session.scalar(select(func.count()).select_from(Person)) == live.scalar(
                select(func.count()).select_from(Person)
            )
            details = session.scalars(select(AccessLogEntry.detail).order_by(AccessLogEntry.id)).all()
        assert sum("[van vóór het terugzetten" in detail for detail in details) == 3
        assert "teruggezet in opvang_terug" in details[-1]
        assert chain_warning(new_desk) is None and verify_chain(new_desk) is None
    finally:
        new_db.close()


def test_the_region_rights_hold_in_the_restored_database(restored, postgres_cluster, postgres_admin):
    acl = postgres_admin.execute("SELECT datacl::text FROM pg_database WHERE datname = 'opvang_terug'").fetchone()[0]
    entries = acl.strip("{}").split(",")
    assert not any(entry.startswith("=") for entry in entries)  # nothing for PUBLIC
    assert any(entry.startswith(f"{DESK_ROLE}=Tc/") for entry in entries)  # CONNECT, TEMPORARY for the desks
    with psycopg.connect(host=postgres_cluster.socket_folder, user=DESK_ROLE, dbname="opvang_terug") as desk_role:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            desk_role.execute("UPDATE access_log SET detail = 'weg' WHERE id = 1")


def test_region_check_is_ok_on_the_restored_database(restored, postgres_cluster, capsys):
    assert main(["--database", postgres_cluster.url("opvang_terug", user=DESK_ROLE), "region", "check"]) == 0
    assert "Alles in orde." in capsys.readouterr().out


def test_the_switch_over_steps_name_the_rename_and_the_check(restored):
    steps = " ".join(restored.steps)
    assert 'RENAME TO "opvang_terug"' not in steps and 'ALTER DATABASE "opvang_terug" RENAME TO' in steps
    assert "region check" in steps


def test_a_restore_never_overwrites_an_existing_database(desk, db, region, tmp_path, location):
    dump = backup_now(desk, tmp_path / "back-ups")
    with pytest.raises(DeskError, match="bestaat al"):
        restore_into_new_database(desk, dump, make_url(location.url).database)
