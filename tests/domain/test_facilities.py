"""Each facility has an age range; youth shelter and adult KDO are separate (DOMAIN rule 1)."""

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import AgeRange, FacilityKind


def test_an_age_range_includes_both_bounds():
    youth = AgeRange(18, 22)
    assert youth.admits(18) and youth.admits(22)
    assert not youth.admits(17) and not youth.admits(23)


def test_an_open_range_admits_everyone_past_its_minimum():
    assert AgeRange(23, None).admits(80)


def test_a_range_that_ends_before_it_starts_is_refused_in_dutch():
    with pytest.raises(DeskError, match="maximumleeftijd"):
        AgeRange(23, 18)


def test_night_shelters_allocate_per_night_and_short_stay_does_not():
    assert FacilityKind.NIGHT_SHELTER.allocated_per_night
    assert FacilityKind.YOUTH_SHELTER.allocated_per_night
    assert not FacilityKind.SHORT_STAY.allocated_per_night


def test_every_kind_has_a_dutch_label():
    assert FacilityKind.SHORT_STAY.label == "Kortdurende opvang (KDO)"
