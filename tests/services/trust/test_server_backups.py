"""Backups of a PostgreSQL database: pg_dump's custom format, and restorable with pg_restore."""

from __future__ import annotations

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.services.people.records import register_person
from shelter_desk.services.trust import backup_now, default_backup_folder

pytestmark = pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)


def test_a_backup_of_a_server_database_is_encrypted_and_readable_by_its_owner_only(desk, coordinator_desk, tmp_path):
    register_person(desk, PersonDetails(first_name="Jan", last_name="Berg"))
    dump = backup_now(coordinator_desk, tmp_path / "backups")
    assert dump.name.endswith(".dump.versleuteld") and dump.stat().st_mode & 0o777 == 0o600
    content = dump.read_bytes()
    assert not content.startswith(b"PGDMP") and b"Berg" not in content and b"access_log" not in content


def test_an_encrypted_backup_cannot_be_read_without_the_region_key(coordinator_desk, tmp_path, monkeypatch):
    from shelter_desk.persistence import log_chain_keys
    from shelter_desk.persistence.backup import keys_by_fingerprint, write_decrypted

    dump = backup_now(coordinator_desk, tmp_path / "backups")
    plain = tmp_path / "plain.dump"
    write_decrypted(dump, plain, keys_by_fingerprint(log_chain_keys.chain_keys(coordinator_desk.db.location)))
    assert plain.read_bytes()[:5] == b"PGDMP" and plain.stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv(log_chain_keys.LOG_KEY_ENV, "een-andere-sleutel-van-een-andere-regio")
    log_chain_keys.forget_cached_keys()
    try:
        with pytest.raises(DeskError, match="vingerafdruk.*heeft deze computer niet"):
            write_decrypted(
                dump,
                tmp_path / "nog-een.dump",
                keys_by_fingerprint(log_chain_keys.chain_keys(coordinator_desk.db.location)),
            )
    finally:
        log_chain_keys.forget_cached_keys()
    assert not (tmp_path / "nog-een.dump").exists()


def test_a_changed_backup_is_refused_whole(coordinator_desk, tmp_path):
    from shelter_desk.persistence import log_chain_keys
    from shelter_desk.persistence.backup import keys_by_fingerprint, write_decrypted

    dump = backup_now(coordinator_desk, tmp_path / "backups")
    content = bytearray(dump.read_bytes())
    content[len(content) // 2] ^= 0x01
    dump.write_bytes(bytes(content))
    with pytest.raises(DeskError, match="beschadigd of gewijzigd"):
        write_decrypted(
            dump, tmp_path / "plain.dump", keys_by_fingerprint(log_chain_keys.chain_keys(coordinator_desk.db.location))
        )
    assert not (tmp_path / "plain.dump").exists()


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
