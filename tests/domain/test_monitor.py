"""Report periods, age groups, occupancy rate and small-number masking."""

from datetime import date

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.monitor import Period, PeriodKind, age_group, masked, occupancy_rate


def test_the_first_half_year_runs_from_january_to_june():
    period = Period.of(PeriodKind.HALF_YEAR, 2026, 1)
    assert (period.first, period.last, period.nights) == (date(2026, 1, 1), date(2026, 6, 30), 181)


def test_a_february_month_ends_on_its_last_day():
    assert Period.of(PeriodKind.MONTH, 2028, 2).last == date(2028, 2, 29)


def test_the_fourth_quarter_ends_on_new_years_eve():
    assert Period.of(PeriodKind.QUARTER, 2026, 4).last == date(2026, 12, 31)


def test_a_fifth_quarter_is_refused():
    with pytest.raises(DeskError, match="1 tot en met 4"):
        Period.of(PeriodKind.QUARTER, 2026, 5)


def test_periods_are_named_in_dutch():
    assert Period.of(PeriodKind.HALF_YEAR, 2026, 2).describe() == "2e halfjaar 2026"


def test_age_groups_separate_youth_from_adults_at_23():
    assert (age_group(22), age_group(23), age_group(None)) == ("18–22", "23–29", "onbekend")


def test_small_numbers_are_masked_and_zero_is_not():
    assert (masked(4, 5), masked(5, 5), masked(0, 5)) == ("<5", "5", "0")


def test_occupancy_rate_is_bed_nights_over_capacity():
    assert occupancy_rate(90, 100) == 0.9 and occupancy_rate(3, 0) == 0.0
