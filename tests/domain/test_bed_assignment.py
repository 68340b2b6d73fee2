"""The rules at bed assignment: age on the night, restrictions, one bed a night, a free open bed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from shelter_desk.domain.bed_assignment import (
    AssignmentFacts,
    AssignmentRefused,
    RefusalKind,
    RestrictionFact,
    check_assignment,
)
from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.facilities import AgeRange

NIGHT = date(2026, 11, 24)
ADULT_SHELTER = AssignmentFacts(
    night=NIGHT,
    facility="Nachtopvang Havenkade",
    ages=AgeRange(23, None),
    born=DateOfBirth(date(1968, 3, 4)),
    restrictions=(),
    other_bed=None,
    bed_occupant=None,
    bed_open=True,
)


def _kinds(facts: AssignmentFacts, reason: str = "") -> list[RefusalKind]:
    with pytest.raises(AssignmentRefused) as refused:
        check_assignment(facts, reason)
    return [r.kind for r in refused.value.refused]


def test_a_person_who_fits_gets_the_bed():
    assert check_assignment(ADULT_SHELTER) == []


def test_someone_turning_23_on_the_night_itself_is_23_that_night():
    assert check_assignment(replace(ADULT_SHELTER, born=DateOfBirth(date(2003, 11, 24)))) == []


def test_someone_turning_23_the_next_day_is_still_22():
    assert _kinds(replace(ADULT_SHELTER, born=DateOfBirth(date(2003, 11, 25)))) == [RefusalKind.AGE]


def test_a_19_year_old_does_not_fit_the_adult_night_shelter_and_hears_why():
    with pytest.raises(AssignmentRefused, match=r"Leeftijd 19 past niet bij .*vanaf 23 jaar"):
        check_assignment(replace(ADULT_SHELTER, born=DateOfBirth(date(2007, 1, 1))))


def test_an_unknown_date_of_birth_does_not_block_first_shelter():
    assert check_assignment(replace(ADULT_SHELTER, born=None)) == []


def test_a_coordinator_may_overrule_an_age_refusal_with_a_reason():
    facts = replace(ADULT_SHELTER, born=DateOfBirth(date(2004, 1, 1)))
    assert [r.kind for r in check_assignment(facts, "jongerenopvang vol, GGD akkoord")] == [RefusalKind.AGE]


def test_a_safety_restriction_can_never_be_overruled():
    facts = replace(ADULT_SHELTER, restrictions=(RestrictionFact("agressie", True, "Breehof"),))
    with pytest.raises(AssignmentRefused, match="Uitwijken naar: Breehof") as refused:
        check_assignment(facts, "toch doen")
    assert not refused.value.overrulable


def test_another_restriction_can_be_overruled_with_a_reason():
    facts = replace(ADULT_SHELTER, restrictions=(RestrictionFact("drugs binnen", False),))
    assert _kinds(facts) == [RefusalKind.RESTRICTION]
    assert check_assignment(facts, "afspraak gemaakt")


def test_a_person_with_a_bed_elsewhere_that_night_gets_no_second_one():
    assert _kinds(replace(ADULT_SHELTER, other_bed="Breehof, bed 2"), "reden") == [RefusalKind.OTHER_BED]


def test_a_taken_bed_is_refused_with_bed_is_net_vergeven():
    with pytest.raises(AssignmentRefused, match="bed is net vergeven"):
        check_assignment(replace(ADULT_SHELTER, bed_occupant="Henk Bakker"))


def test_a_closed_overflow_bed_cannot_be_given():
    assert _kinds(replace(ADULT_SHELTER, bed_open=False), "reden") == [RefusalKind.BED_CLOSED]


def test_a_minor_at_a_facility_without_an_age_range_is_a_warning_a_coordinator_decides():
    facts = replace(ADULT_SHELTER, ages=AgeRange(None, None), born=DateOfBirth(date(2010, 5, 1)))
    with pytest.raises(AssignmentRefused, match="minderjarig") as refused:
        check_assignment(facts)
    assert refused.value.overrulable


def _kept(at_hour: int):
    from datetime import datetime

    from shelter_desk.domain.bed_assignment import KeptBed
    from shelter_desk.domain.shelter_night import AMSTERDAM

    until = datetime(2026, 11, 24, 23, 0, tzinfo=AMSTERDAM)
    return replace(
        ADULT_SHELTER,
        kept=KeptBed("3", "Kees de Vries", until),
        at=datetime(2026, 11, 24, at_hour, 30, tzinfo=AMSTERDAM),
    )


def test_a_bed_kept_for_a_regular_is_refused_before_the_no_show_hour_naming_him_and_the_hour():
    with pytest.raises(AssignmentRefused) as refused:
        check_assignment(_kept(21))
    assert refused.value.message.startswith(
        "Bed 3 wordt tot 23:00 vastgehouden voor Kees de Vries, die hier gisteren sliep."
    )


def test_a_kept_bed_is_free_to_give_from_the_no_show_hour():
    assert check_assignment(_kept(23)) == []


def test_a_coordinator_may_overrule_a_kept_bed_with_a_reason():
    assert [r.kind for r in check_assignment(_kept(21), "Kees belde af")] == [RefusalKind.KEPT_BED]
