"""The database itself forbids two people in one bed a night and one person in two beds a night."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.persistence.models import Bed, BedNight, Facility, Person, Stay
from shelter_desk.services.kernel.reference_data import ensure_region

NIGHT = date(2026, 11, 25)


@pytest.fixture
def shelter(db):
    with db.write() as session:
        facility = Facility(
            region=ensure_region(session, "0106"), name="Nachtopvang Test", kind=FacilityKind.NIGHT_SHELTER, min_age=18
        )
        facility.beds = [Bed(label="1", position=0), Bed(label="2", position=1)]
        people = [Person(first_name="Anna"), Person(first_name="Bert")]
        session.add_all([facility, *people])
        session.flush()
        stays = [Stay(person_id=p.id, facility_id=facility.id, start_night=NIGHT) for p in people]
        session.add_all(stays)
        session.flush()
        return [b.id for b in facility.beds], [p.id for p in people], [s.id for s in stays]


def _book(db, stay_id: int, person_id: int, bed_id: int) -> None:
    with db.write() as session:
        session.add(BedNight(stay_id=stay_id, person_id=person_id, bed_id=bed_id, night=NIGHT))


def test_two_people_cannot_share_one_bed_on_one_night(db, shelter):
    beds, people, stays = shelter
    _book(db, stays[0], people[0], beds[0])
    with pytest.raises(IntegrityError):
        _book(db, stays[1], people[1], beds[0])
    with db.read() as session:
        assert len(session.scalars(select(BedNight)).all()) == 1


def test_one_person_cannot_hold_two_beds_on_one_night(db, shelter):
    beds, people, stays = shelter
    _book(db, stays[0], people[0], beds[0])
    with pytest.raises(IntegrityError):
        _book(db, stays[0], people[0], beds[1])


def test_a_person_without_name_or_alias_cannot_be_stored(db):
    with pytest.raises(IntegrityError):
        with db.write() as session:
            session.add(Person(first_name="", alias=None))


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError):
        with db.write() as session:
            session.add(Stay(person_id=999, facility_id=999, start_night=NIGHT))
