"""Shared fixtures: an offscreen Qt platform, fresh databases, and per-test workstation settings."""

from __future__ import annotations

import os
import shutil

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


@pytest.fixture(autouse=True)
def _cheap_password_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 at its production cost takes ~100 ms a hash on purpose; the rules around it do not
    depend on that cost, so tests hash with the smallest parameters argon2 allows."""
    from argon2 import PasswordHasher

    from shelter_desk.services.trust import accounts

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to head with its reference data, made once per test run.

    Migrating costs about half a second; copying the finished file costs a millisecond, so each
    test gets a copy instead of running every revision again.
    """
    from shelter_desk.services.admin import open_and_prepare

    path = tmp_path_factory.mktemp("template") / "desk.sqlite"
    open_and_prepare(resolve_location(str(path), plain=True)).close()
    assert not path.with_name(path.name + "-wal").exists(), "closing must checkpoint the write-ahead log"
    return path


@pytest.fixture
def location(tmp_path: Path, migrated_template: Path) -> DatabaseLocation:
    """A fresh, migrated database file of this test's own (a copy of the session's template)."""
    target = tmp_path / "desk.sqlite"
    shutil.copyfile(migrated_template, target)
    checked = migrated_template.with_name(migrated_template.name + ".gecontroleerd")
    if checked.exists():
        shutil.copyfile(checked, target.with_name(target.name + ".gecontroleerd"))
    return resolve_location(str(target), plain=True)


@pytest.fixture
def db(location: DatabaseLocation):
    from shelter_desk.services.admin.database_setup import open_and_prepare

    database = open_and_prepare(location)
    yield database
    database.close()


# 21:00 on Tuesday 24 November 2026, Amsterdam time: the evening of the night of the 24th.
EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=timezone.utc)


def _desk_as(db, role):
    from shelter_desk.domain.roles import DeskUser
    from shelter_desk.services.desk import Desk

    return Desk(db, clock=lambda: EVENING, user=DeskUser(1, role.value, f"test-{role.value}", role))


@pytest.fixture
def desk(db, request: pytest.FixtureRequest):
    """Signed in as the least role the test's rule needs: the front desk (balie), unless the test
    (or its module) is marked `@pytest.mark.role(Role.COORDINATOR)` or `Role.ADMINISTRATOR`."""
    from shelter_desk.domain.roles import Role

    marker = request.node.get_closest_marker("role")
    role = Role(os.environ.get("SHELTER_DESK_TEST_ROLE") or (marker.args[0] if marker else Role.FRONT_DESK))
    return _desk_as(db, role)


@pytest.fixture
def coordinator_desk(db):
    from shelter_desk.domain.roles import Role

    return _desk_as(db, Role.COORDINATOR)


@pytest.fixture
def admin_desk(db):
    from shelter_desk.domain.roles import Role

    return _desk_as(db, Role.ADMINISTRATOR)


from dataclasses import dataclass  # noqa: E402
from datetime import date  # noqa: E402

from shelter_desk.domain.dutch_dates import DateOfBirth  # noqa: E402
from shelter_desk.domain.facilities import FacilityKind  # noqa: E402
from shelter_desk.domain.stays import StayUnit  # noqa: E402
from shelter_desk.domain.person_details import PersonDetails  # noqa: E402
from shelter_desk.persistence.models import Bed, Facility  # noqa: E402
from shelter_desk.services.people.records import register_person  # noqa: E402
from shelter_desk.services.admin.reference_data import ensure_region  # noqa: E402

# A small region for the bed tests: night shelter with an overflow bed, youth shelter, KDO.


@dataclass
class Region:
    night_shelter: int
    youth: int
    kdo: int
    beds: dict[str, int]  # "N1", "N2", "N3", "NU1", "J1", "J2", "K1", "K2"
    people: dict[str, int]


@pytest.fixture
def region(db, desk) -> Region:
    with db.write() as session:
        assen = ensure_region(session, "0106")
        specs = (("Nachtopvang Assen", FacilityKind.NIGHT_SHELTER, 23, None, None, "N", 3, 1, 400),
                 ("Jongerenopvang Assen", FacilityKind.YOUTH_SHELTER, 18, 22, None, "J", 2, 0, 0),
                 ("KDO Assen", FacilityKind.SHORT_STAY, 23, None, 91, "K", 2, 0, None))
        ids, beds = [], {}
        for name, kind, low, high, max_days, prefix, regular, overflow, fee in specs:
            facility = Facility(region=assen, name=name, kind=kind, min_age=low, max_age=high,
                                max_stay_length=max_days, max_stay_unit=StayUnit.DAYS if max_days else None,
                                night_fee_cents=fee)
            facility.beds = [Bed(label=f"{n}", position=n) for n in range(1, regular + 1)]
            facility.beds += [Bed(label=f"U{n}", position=10 + n, is_overflow=True) for n in range(1, overflow + 1)]
            session.add(facility)
            session.flush()
            ids.append(facility.id)
            beds.update({f"{prefix}{b.label}": b.id for b in facility.beds})
    people = {
        "jan": register_person(desk, PersonDetails(first_name="Jan", last_name="Berg",
                                                   date_of_birth=DateOfBirth(date(1968, 3, 4)))),
        "henk": register_person(desk, PersonDetails(first_name="Henk", last_name="Bakker",
                                                    date_of_birth=DateOfBirth(date(1961, 11, 25)))),
        "sem": register_person(desk, PersonDetails(first_name="Sem", last_name="Leeuwen",
                                                   date_of_birth=DateOfBirth(date(2007, 1, 19)))),
        "anon": register_person(desk, PersonDetails(alias="Vogel")),
    }
    return Region(*ids, beds, people)
