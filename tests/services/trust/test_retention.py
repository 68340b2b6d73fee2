"""Retention: after the period without contact a coordinator lists and anonymises; counts stay."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.persistence.models import BedNight
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.desk import Desk
from shelter_desk.services.people.records import load_person, register_person
from shelter_desk.services.trust.retention import anonymise, retention_candidates
from shelter_desk.domain.roles import Role


@pytest.fixture
def old_and_recent(db, region, desk):
    """Someone last seen in 2014, someone seen this week (region fixture people are recent)."""
    past = Desk(db, clock=lambda: datetime(2014, 3, 1, 20, 0, tzinfo=timezone.utc), user=desk.user)
    old = register_person(past, PersonDetails(first_name="Oud", last_name="Contact", bsn="111222333",
                                              date_of_birth=DateOfBirth(date(1950, 6, 1)), phone="0612345678"))
    assign_bed(past, old, region.beds["N1"], date(2014, 3, 1))
    assign_bed(desk, region.people["jan"], region.beds["N1"], date(2026, 11, 20))
    return old


@pytest.mark.role(Role.COORDINATOR)
def test_only_people_without_contact_for_ten_years_are_listed(desk, old_and_recent):
    assert [c.person_id for c in retention_candidates(desk)] == [old_and_recent]


@pytest.mark.role(Role.COORDINATOR)
def test_anonymising_removes_identity_and_keeps_the_counts(desk, db, old_and_recent):
    anonymise(desk, [old_and_recent])
    details = load_person(desk, old_and_recent).details
    assert (details.first_name, details.last_name, details.alias, details.bsn, details.phone) == (
        "", "", "geanonimiseerd", "", "")
    assert details.date_of_birth == DateOfBirth(date(1950, 1, 1), approximate=True)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(BedNight).where(BedNight.person_id == old_and_recent)) == 1


@pytest.mark.role(Role.COORDINATOR)
def test_someone_with_recent_contact_is_not_anonymised(desk, region, old_and_recent):
    with pytest.raises(DeskError, match="niets geanonimiseerd"):
        anonymise(desk, [old_and_recent, region.people["jan"]])
    assert load_person(desk, old_and_recent).details.first_name == "Oud"


@pytest.mark.role(Role.COORDINATOR)
def test_anonymising_withdraws_the_persons_client_card(desk, db, region, old_and_recent):
    from shelter_desk.domain.cards import CardName
    from shelter_desk.services.cards import issue_card, person_for_card

    past = Desk(db, clock=lambda: datetime(2014, 3, 1, 20, 0, tzinfo=timezone.utc), user=desk.user)
    card = issue_card(past, old_and_recent, CardName.FIRST_NAME, region.night_shelter)
    anonymise(desk, [old_and_recent])
    with pytest.raises(DeskError, match="niet meer geldig: ingetrokken"):
        person_for_card(desk, card.number)
