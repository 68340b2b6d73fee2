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
    return resolve_location(str(tmp_path / "desk.sqlite"), plain=True)


@pytest.fixture
def db(location: DatabaseLocation):
    from shelter_desk.services.admin.database_setup import open_and_prepare

    database = open_and_prepare(location)
    yield database
    database.close()


# 21:00 on Tuesday 24 November 2026, Amsterdam time: the evening of the night of the 24th.
EVENING = datetime(2026, 11, 24, 20, 0, tzinfo=timezone.utc)


@pytest.fixture
def desk(db):
    from shelter_desk.services.desk import Desk

    from shelter_desk.domain.roles import DeskUser, Role

    return Desk(db, clock=lambda: EVENING, user=DeskUser(1, "test", "test", Role.ADMINISTRATOR))


from dataclasses import dataclass  # noqa: E402
from datetime import date  # noqa: E402

from shelter_desk.domain.dutch_dates import DateOfBirth  # noqa: E402
from shelter_desk.domain.facilities import FacilityKind  # noqa: E402
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
                                max_stay_days=max_days, night_fee_cents=fee)
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
