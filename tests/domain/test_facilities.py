"""Each facility has an age range; youth shelter and adult KDO are separate."""

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import AgeRange, FacilityKind, bed_open_on_night


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


@pytest.mark.parametrize(
    ("in_use", "overflow", "kind", "opened", "winter", "open_"),
    [
        (True, False, FacilityKind.NIGHT_SHELTER, False, False, True),
        (False, False, FacilityKind.NIGHT_SHELTER, False, False, False),
        (True, True, FacilityKind.NIGHT_SHELTER, False, False, False),
        (True, True, FacilityKind.NIGHT_SHELTER, True, False, True),
        (True, True, FacilityKind.NIGHT_SHELTER, False, True, True),
        (True, False, FacilityKind.WINTER, True, False, False),
        (True, False, FacilityKind.WINTER, False, True, True),
        (False, True, FacilityKind.NIGHT_SHELTER, True, True, False),
    ],
)
def test_a_bed_is_open_when_in_use_and_regular_or_opened_by_overflow_or_winter(
    in_use, overflow, kind, opened, winter, open_
):
    assert bed_open_on_night(in_use, overflow, kind, overflow_opened=opened, winter_active=winter) is open_
