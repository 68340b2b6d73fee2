"""Backups of a PostgreSQL database: pg_dump's custom format, and restorable with pg_restore."""

from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import create_engine, func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.persistence.models import Person
from shelter_desk.services.people.records import register_person
from shelter_desk.services.trust import backup_now, default_backup_folder

pytestmark = pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)


def test_a_backup_of_a_server_database_is_a_pg_dump_that_pg_restore_brings_back(
    desk, coordinator_desk, tmp_path, postgres_cluster, postgres_admin
):
    register_person(desk, PersonDetails(first_name="Jan", last_name="Berg"))
    dump = backup_now(coordinator_desk, tmp_path / "backups")
    assert dump.suffix == ".dump" and dump.read_bytes()[:5] == b"PGDMP"
    # The README's restore: into a new, empty database (the application never drops one).
    postgres_admin.execute("CREATE DATABASE teruggezet")
    subprocess.run(
        [
            str(postgres_cluster.binaries / "pg_restore"),
            "--no-owner",
            "-h",
            postgres_cluster.socket_folder,
            "-U",
            "postgres",
            "-d",
            "teruggezet",
            str(dump),
        ],
        check=True,
        capture_output=True,
    )
    engine = create_engine(postgres_cluster.url("teruggezet"))
    try:
        with engine.connect() as connection:
            assert connection.scalar(select(func.count()).select_from(Person).where(Person.first_name == "Jan")) == 1
    finally:
        engine.dispose()
        postgres_admin.execute("DROP DATABASE teruggezet WITH (FORCE)")


def test_without_pg_dump_the_desk_says_what_to_install(coordinator_desk, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump here
    with pytest.raises(DeskError, match="pg_dump.*postgresql-client"):
        backup_now(coordinator_desk, tmp_path / "backups")
    assert not (tmp_path / "backups").exists() or not any((tmp_path / "backups").iterdir())


def test_the_default_backup_folder_of_a_server_database_is_in_the_user_data_folder(db):
    assert default_backup_folder(db).name == "backups"


def test_a_dump_into_a_full_folder_is_refused_in_dutch_and_leaves_no_file(coordinator_desk, small_disk):
    from shelter_desk.domain.errors import DiskFull
    from tests.small_disk import fill_up

    folder = small_disk(3)
    fill_up(folder, leave=4 * 1024)
    with pytest.raises(DiskFull) as refused:
        backup_now(coordinator_desk, folder)
    assert "De schijf is vol" in refused.value.message and str(folder) in refused.value.message
    assert sorted(path.name for path in folder.iterdir()) == ["ballast.bin"]
