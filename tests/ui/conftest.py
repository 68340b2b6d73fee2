"""The window's tests: the person record is loaded, so every page can open it (as the app does);
a demo database made once per test run and copied for each window test that starts on the demo."""

import shutil
from pathlib import Path

import pytest
from argon2 import PasswordHasher

import shelter_desk.ui.record.person_view  # noqa: F401  (registers the record window with ui.shared.records)
from shelter_desk.persistence.location import DEMO_FILE, DatabaseLocation, data_folder, resolve_location
from shelter_desk.persistence.log_chain_keys import mark_path
from shelter_desk.services.demo import load_demo
from shelter_desk.services.kernel import open_and_prepare
from shelter_desk.services.kernel.nights import current_shelter_night
from shelter_desk.services.trust import accounts

# The lock a process holds while the file is open (`persistence/file_lock.py`) belongs to that
# process; every other file beside the database (its log key, log head, checked mark) goes along.
_NOT_COPIED = (".in-gebruik",)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as the first start makes it (migrated, filled, demo accounts), made once per run.

    Migrating and filling the demo costs a few seconds; a copy costs milliseconds. The tests of the
    first start itself (`test_starting.py`) still let the window make it.
    """
    folder = tmp_path_factory.mktemp("demo-template")
    home = tmp_path_factory.mktemp("demo-template-home")
    # What `_isolated_user_folders` and `_cheap_password_hashes` do for each test, here for the session.
    with pytest.MonkeyPatch.context() as patch:
        for kind in ("DATA", "STATE", "CONFIG"):
            patch.setenv(f"XDG_{kind}_HOME", str(home / kind.lower()))
        patch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        location = resolve_location(str(folder / DEMO_FILE), demo=True)
        db = open_and_prepare(location)
        try:
            load_demo(db, current_shelter_night(db))
        finally:
            db.close()
        # This computer's mark of the log's newest line (kept outside the database's folder).
        shutil.copyfile(mark_path(location), folder / "logmerk.json")
    return folder


@pytest.fixture
def demo_location(demo_template: Path, _isolated_user_folders: None) -> DatabaseLocation:
    """The demo database in this test's own user data folder, where `--demo` opens it: a copy of
    the run's demo, so the window reopens it as on every start after the first."""
    target = data_folder()
    target.mkdir(parents=True, exist_ok=True)
    for made in demo_template.iterdir():
        if made.name.startswith(DEMO_FILE) and not made.name.endswith(_NOT_COPIED):
            shutil.copyfile(made, target / made.name)
    location = resolve_location(None, demo=True)
    mark_path(location).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(demo_template / "logmerk.json", mark_path(location))
    return location
