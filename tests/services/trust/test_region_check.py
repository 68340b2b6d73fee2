"""`shelter-desk region check`: each item OK or what to fix, exit code 0 only when all are OK."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url

from shelter_desk.cli import main
from shelter_desk.domain.roles import Role
from shelter_desk.services.trust import backup_now

pytestmark = [
    pytest.mark.role(Role.ADMINISTRATOR),
    pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True),
]

DESK_ROLE = "balie_regio"


def _backup_made_now(desk, folder):
    """A backup made by a desk just now (the test desk's own clock stands at a November evening)."""
    from dataclasses import replace

    from shelter_desk.services.kernel.desk import Desk

    backup_now(replace(desk, clock=Desk(desk.db).clock), folder)


@pytest.fixture
def desk_role_url(location, postgres_cluster, postgres_admin):
    """The database reached as the desks' role, with the rights the README gives it."""
    import psycopg

    name = make_url(location.url).database
    postgres_admin.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{DESK_ROLE}') THEN "
        f"CREATE ROLE {DESK_ROLE} LOGIN; END IF; END $$"
    )
    with psycopg.connect(host=postgres_cluster.socket_folder, user="postgres", dbname=name, autocommit=True) as owner:
        for statement in (
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {DESK_ROLE}",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM {DESK_ROLE}",
            f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {DESK_ROLE}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {DESK_ROLE}",
        ):
            owner.execute(statement)
    return postgres_cluster.url(name, user=DESK_ROLE)


def test_a_region_set_up_as_the_readme_says_passes_every_item(desk, db, desk_role_url, tmp_path, capsys):
    _backup_made_now(desk, tmp_path / "back-ups")
    assert main(["--database", desk_role_url, "region", "check"]) == 0
    printed = capsys.readouterr().out
    assert "FOUT" not in printed and "Alles in orde." in printed
    for item in ("Serverversie", "Rechten op het toegangslogboek", "Logsleutel", "Toegangslogboek", "Klok", "Schema"):
        assert f"OK    {item}" in printed


def test_a_desk_role_that_may_update_the_access_log_is_named_with_the_fix_and_exit_code_1(
    desk, db, desk_role_url, location, postgres_cluster, tmp_path, capsys
):
    import psycopg

    _backup_made_now(desk, tmp_path / "back-ups")
    name = make_url(location.url).database
    with psycopg.connect(host=postgres_cluster.socket_folder, user="postgres", dbname=name, autocommit=True) as owner:
        owner.execute(f"GRANT UPDATE ON access_log TO {DESK_ROLE}")
    assert main(["--database", desk_role_url, "region", "check"]) == 1
    printed = capsys.readouterr().out
    assert f"FOUT  Rechten op het toegangslogboek: '{DESK_ROLE}' mag UPDATE op access_log" in printed
    assert f"REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM {DESK_ROLE};" in printed
    assert "1 punt(en) niet in orde." in printed


def test_a_superuser_desk_and_a_missing_backup_are_each_reported(db, location, capsys):
    assert main(["--database", location.url, "region", "check"]) == 1
    printed = capsys.readouterr().out
    assert "FOUT  Rol van de balie: 'postgres' is superuser" in printed
    assert "FOUT  Laatste back-up: geen back-up door een balie bekend" in printed
