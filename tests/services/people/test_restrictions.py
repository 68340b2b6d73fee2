"""Restrictions on a person: stored with their terms, shown while in force, lifted by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.domain.roles import Role
from shelter_desk.persistence.models import Facility
from shelter_desk.services.kernel.reference_data import ensure_region
from shelter_desk.services.people.records import register_person
from shelter_desk.services.people.restrictions import (
    add_restriction,
    lift_restriction,
    restrictions_in_force,
    restrictions_of,
)

NIGHT = date(2026, 11, 24)


@pytest.fixture
def facilities(db):
    with db.write() as session:
        region = ensure_region(session, "0106")
        night = Facility(region=region, name="Nachtopvang Assen", kind=FacilityKind.NIGHT_SHELTER)
        other = Facility(region=region, name="KDO Assen", kind=FacilityKind.SHORT_STAY)
        session.add_all([night, other])
        session.flush()
        return night.id, other.id


@pytest.fixture
def person(desk):
    return register_person(desk, PersonDetails(first_name="Henk", last_name="Bakker"))


def test_a_safety_restriction_with_an_alternative_location_is_stored(desk, person, facilities):
    night_shelter, short_stay = facilities
    add_restriction(
        desk,
        person,
        RestrictionTerms(
            night_shelter, NIGHT, NIGHT + timedelta(days=14), "Agressie tegen medewerker", True, short_stay
        ),
    )
    [view] = restrictions_in_force(desk, person, NIGHT)
    assert (view.facility, view.is_safety, view.alternative) == ("Nachtopvang Assen", True, "KDO Assen")


def test_a_restriction_for_one_facility_does_not_hold_at_another(desk, person, facilities):
    night_shelter, short_stay = facilities
    add_restriction(desk, person, RestrictionTerms(night_shelter, NIGHT, NIGHT, "Drugs binnen", False))
    assert restrictions_in_force(desk, person, NIGHT, night_shelter)
    assert restrictions_in_force(desk, person, NIGHT, short_stay) == []


def test_a_restriction_is_not_in_force_after_its_end(desk, person, facilities):
    add_restriction(
        desk, person, RestrictionTerms(None, NIGHT - timedelta(days=7), NIGHT - timedelta(days=1), "Diefstal", False)
    )
    assert restrictions_in_force(desk, person, NIGHT) == []
    assert len(restrictions_of(desk, person)) == 1


@pytest.mark.role(Role.COORDINATOR)
def test_a_lifted_restriction_no_longer_holds(desk, person, facilities):
    restriction = add_restriction(
        desk, person, RestrictionTerms(None, NIGHT, NIGHT + timedelta(days=3), "Diefstal", False)
    )
    lift_restriction(desk, restriction)
    assert restrictions_in_force(desk, person, NIGHT) == []


def test_a_restriction_ending_before_it_starts_is_refused_and_nothing_is_saved(desk, person, facilities):
    with pytest.raises(DeskError, match="eindigt vóór ze begint"):
        add_restriction(desk, person, RestrictionTerms(None, NIGHT, NIGHT - timedelta(days=1), "Diefstal", False))
    assert restrictions_of(desk, person) == []


def test_a_restricted_person_is_marked_in_the_search_results(desk, person, facilities):
    add_restriction(desk, person, RestrictionTerms(None, NIGHT, NIGHT + timedelta(days=3), "Diefstal", False))
    assert desk.search.search("Bakker", NIGHT)[0].restricted
