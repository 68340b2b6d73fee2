"""A small region for the bed tests: night shelter with an overflow bed, youth shelter, KDO."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.persistence.models import Bed, Facility
from shelter_desk.services.person_records import register_person
from shelter_desk.services.reference_data import ensure_region


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
