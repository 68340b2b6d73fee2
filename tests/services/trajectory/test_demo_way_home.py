"""On the demo: the KDO at Assen has an application on its waiting list (with intake and decision)
and one awaiting its intake; a free KDO bed is offered to the first on the list, and accepting
starts the stay; Krzysztof moved into a home via Weer Thuis."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.trajectory import ApplicationStatus
from shelter_desk.persistence.models import Facility, Person, Stay
from shelter_desk.services.demo.loader import load_demo
from shelter_desk.services.trajectory import accept_offer, bed_offer, housing_of, waiting_list

TONIGHT = date(2026, 11, 24)  # the fixtures' evening


@pytest.fixture
def demo(db, desk):
    load_demo(db, TONIGHT)
    with db.read() as session:
        kdo = session.scalar(select(Facility.id).where(Facility.name == "Kortdurende Opvang Assen"))
        people = {p.first_name or p.alias: p.id for p in session.scalars(select(Person))}
    return kdo, people


def test_the_kdo_waiting_list_shows_the_admitted_application_first_with_its_days_waiting(desk, demo):
    kdo, people = demo
    listed = waiting_list(desk, kdo)
    assert [(v.person_id, v.status, v.place, v.days_waiting) for v in listed] == [
        (people["Jan"], ApplicationStatus.WAITING, 1, 14),
        (people["Łukasz"], ApplicationStatus.APPLIED, None, 3),
    ]
    assert listed[0].intake_on == TONIGHT - timedelta(days=10)


def test_a_free_kdo_bed_is_offered_to_jan_and_accepting_starts_his_stay(db, desk, demo):
    kdo, people = demo
    offer = bed_offer(desk, kdo, TONIGHT)
    assert offer is not None and offer.person_id == people["Jan"]
    assert offer.night == TONIGHT + timedelta(days=1)  # he sleeps in the night shelter tonight
    accept_offer(desk, offer.application_id, offer.bed_id, offer.night)
    with db.read() as session:
        stay = session.scalars(select(Stay).where(Stay.person_id == people["Jan"], Stay.facility_id == kdo)).one()
    assert stay.start_night == TONIGHT + timedelta(days=1)
    assert waiting_list(desk, kdo)[0].person_id == people["Łukasz"]


def test_krzysztof_moved_into_a_home_via_weer_thuis(desk, demo):
    _kdo, people = demo
    summary = housing_of(desk, people["Krzysztof"])
    assert summary.referrals[0].programme == "Weer Thuis"
    assert summary.days_to_home == 130 - 11
