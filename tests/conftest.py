"""Shared fixtures: an offscreen Qt platform, fresh databases, and per-test workstation settings."""

from __future__ import annotations

import os

# pytest-qt aborts the whole run without a display platform; set it before Qt is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime, timezone  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from shelter_desk.persistence.location import DatabaseLocation, resolve_location  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real user data folder or pick up a developer's database."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("SHELTER_DESK_DATABASE", raising=False)


@pytest.fixture
def location(tmp_path: Path) -> DatabaseLocation:
    return resolve_location(str(tmp_path / "desk.sqlite"))


@pytest.fixture
def db(location: DatabaseLocation):
    from shelter_desk.services.database_setup import open_and_prepare

    database = open_and_prepare(location)
    yield database
    database.close()


# 21:00 on Tuesday 24 November 2026, Amsterdam time: the evening of the night of the 24th.
EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=timezone.utc)


@pytest.fixture
def desk(db):
    from shelter_desk.services.desk import Desk

    return Desk(db, clock=lambda: EVENING, worker="test")
