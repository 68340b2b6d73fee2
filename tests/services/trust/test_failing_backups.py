"""A backup is whole or absent: a failed one leaves no file named like a backup, never counts as the
day's copy, and the rotation keeps the last three good copies; the coordinator hears of it.

The full backup folder is a real small file system (tests/small_disk.py).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from shelter_desk.domain.errors import DeskError, DiskFull
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.services.admin.organisation_settings import change_setting
from shelter_desk.services.people.records import register_person
from shelter_desk.services.trust.backups import (
    backup_now,
    backup_state,
    backup_warning,
    backups_in,
    daily_backup,
)
from tests.small_disk import fill_up

pytestmark = pytest.mark.sqlite_only("file backups of an SQLite database")


def _left_in(folder):
    return sorted(path.name for path in folder.iterdir() if path.name != "ballast.bin")


def _filled(small_disk):
    folder = small_disk(3)
    fill_up(folder, leave=16 * 1024)  # far less than the database
    return folder


@pytest.mark.role(Role.COORDINATOR)
def test_a_backup_into_a_full_folder_is_refused_in_dutch_and_leaves_no_file(db, desk, small_disk):
    register_person(desk, PersonDetails(first_name="Jan"))
    folder = _filled(small_disk)
    with pytest.raises(DiskFull) as refused:
        backup_now(desk, folder)
    assert "De schijf is vol" in refused.value.message and str(folder) in refused.value.message
    assert _left_in(folder) == []


def test_a_failed_daily_backup_does_not_count_as_todays(db, desk, small_disk, tmp_path):
    folder = _filled(small_disk)
    with pytest.raises(DiskFull):
        daily_backup(db, folder, desk.now())
    (folder / "ballast.bin").unlink()  # room again, the same day
    assert daily_backup(db, folder, desk.now() + timedelta(hours=1)) is not None
    assert len(backups_in(folder)) == 1


def test_seven_days_of_failed_daily_backups_keep_the_last_three_good_copies_and_warn(db, desk, admin_desk, small_disk):
    change_setting(admin_desk, "backup.keep_days", "1")
    folder = small_disk(3)
    good = [daily_backup(db, folder, desk.now() - timedelta(days=days_ago)) for days_ago in (10, 9, 8)]
    fill_up(folder, leave=16 * 1024)
    for days_ago in range(7, 0, -1):
        with pytest.raises(DiskFull):
            daily_backup(db, folder, desk.now() - timedelta(days=days_ago))
    assert [backup.path for backup in backups_in(folder)] == good
    assert _left_in(folder) == sorted(path.name for path in good if path is not None)
    warning = backup_warning(admin_desk, folder)
    assert warning is not None and "8 dagen oud" in warning and "De schijf is vol" in warning


def test_a_coordinator_is_warned_when_the_last_good_backup_is_older_than_two_days(
    db, desk, coordinator_desk, small_disk
):
    folder = small_disk(3)
    daily_backup(db, folder, desk.now() - timedelta(days=3))
    fill_up(folder, leave=16 * 1024)
    with pytest.raises(DiskFull):
        daily_backup(db, folder, desk.now())
    warning = backup_warning(coordinator_desk, folder)
    assert warning is not None and "3 dagen oud" in warning and str(folder) in warning
    assert "De schijf is vol" in warning
    with pytest.raises(DeskError, match="coördinator"):
        backup_warning(desk, folder)  # the front desk is not the one to act on it


def test_no_warning_while_the_last_good_backup_is_recent(db, desk, coordinator_desk, tmp_path):
    daily_backup(db, tmp_path / "backups", desk.now() - timedelta(days=1))
    assert backup_warning(coordinator_desk, tmp_path / "backups") is None


def test_a_database_without_any_good_backup_warns_the_coordinator(db, coordinator_desk, tmp_path):
    warning = backup_warning(coordinator_desk, tmp_path / "backups")
    assert warning is not None and "nog geen goede back-up" in warning


def test_the_state_shows_the_last_good_backup_and_the_last_failure(db, desk, coordinator_desk, small_disk):
    folder = small_disk(3)
    made = daily_backup(db, folder, desk.now() - timedelta(days=1))
    fill_up(folder, leave=16 * 1024)
    with pytest.raises(DiskFull):
        daily_backup(db, folder, desk.now())
    state = backup_state(coordinator_desk, folder)
    assert state.age(desk.now()) == timedelta(days=1) and made is not None
    assert state.failing() and state.last_failure is not None and "schijf is vol" in state.last_failure
