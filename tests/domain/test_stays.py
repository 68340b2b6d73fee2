"""Short stays: a maximum written as a period, its end by the calendar, the 80 % warning."""

from datetime import date, timedelta

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.stays import (
    BedNightStatus,
    BedState,
    StayFlag,
    StayPeriod,
    StayUnit,
    format_euros,
    parse_stay_period,
    stay_progress,
)

START = date(2026, 9, 1)
THREE_MONTHS = StayPeriod(3, StayUnit.MONTHS)


@pytest.mark.parametrize(
    ("start", "last_night"),
    [
        (date(2026, 1, 31), date(2026, 4, 30)),  # April has no 31st: its last day
        (date(2026, 11, 30), date(2027, 2, 28)),  # February has no 30th
        (date(2027, 11, 30), date(2028, 2, 29)),  # ... and in a leap year ends on the 29th
        (date(2027, 11, 29), date(2028, 2, 29)),
        (date(2026, 11, 29), date(2027, 2, 28)),
        (date(2028, 2, 29), date(2028, 5, 29)),  # from a leap day: the same day three months on
        (date(2026, 9, 1), date(2026, 12, 1)),
    ],
)
def test_three_months_end_on_the_same_date_three_months_later_or_the_month_end(start, last_night):
    assert THREE_MONTHS.last_night(start) == last_night


def test_a_stay_from_31_january_ends_on_30_april_not_on_1_may():
    assert THREE_MONTHS.last_night(date(2026, 1, 31)) == date(2026, 4, 30)
    assert StayPeriod(91, StayUnit.DAYS).last_night(date(2026, 1, 31)) == date(2026, 5, 1)


def test_a_maximum_in_days_counts_nights_as_the_desk_always_did():
    assert StayPeriod(90, StayUnit.DAYS).nights(START) == 90


def test_weeks_are_calendar_weeks():
    assert StayPeriod(6, StayUnit.WEEKS).last_night(date(2026, 11, 2)) == date(2026, 12, 14)


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("3 maanden", StayPeriod(3, StayUnit.MONTHS)),
        ("3 mnd", StayPeriod(3, StayUnit.MONTHS)),
        ("1 maand", StayPeriod(1, StayUnit.MONTHS)),
        ("6 weken", StayPeriod(6, StayUnit.WEEKS)),
        ("90 dagen", StayPeriod(90, StayUnit.DAYS)),
        ("90", StayPeriod(90, StayUnit.DAYS)),
        ("  3  Maanden ", StayPeriod(3, StayUnit.MONTHS)),
        ("", None),
    ],
)
def test_a_maximum_is_typed_as_the_policy_writes_it(text, period):
    assert parse_stay_period(text) == period


@pytest.mark.parametrize("text", ["drie maanden", "3 jaar", "0 dagen", "-3 weken"])
def test_a_maximum_that_is_no_period_is_refused_in_dutch(text):
    with pytest.raises(DeskError, match="verblijfsduur"):
        parse_stay_period(text)


def test_a_period_describes_itself_in_dutch():
    assert THREE_MONTHS.describe() == "3 maanden" and StayPeriod(1, StayUnit.WEEKS).describe() == "1 week"


def test_a_young_stay_carries_no_flag():
    assert stay_progress(START, START + timedelta(days=10), THREE_MONTHS).flag is StayFlag.NONE


def test_the_warning_comes_at_80_percent_of_the_nights_of_the_period():
    # 1 September + 3 months: last night 1 December, 92 nights; 80 % of them is 73.6 nights.
    assert stay_progress(START, START + timedelta(days=72), THREE_MONTHS).flag is StayFlag.NONE
    progress = stay_progress(START, START + timedelta(days=73), THREE_MONTHS)
    assert progress.flag is StayFlag.NEAR_MAXIMUM
    assert progress.describe() == "74 van 92 nachten (max. 3 maanden, t/m 01-12-2026) (bijna maximum)"


def test_the_last_night_of_the_period_is_still_within_it_and_the_next_is_over():
    assert stay_progress(START, date(2026, 12, 1), THREE_MONTHS).flag is StayFlag.NEAR_MAXIMUM
    assert stay_progress(START, date(2026, 12, 2), THREE_MONTHS).flag is StayFlag.OVER_MAXIMUM


def test_a_night_shelter_stay_has_no_maximum():
    assert stay_progress(START, START + timedelta(days=400), None).flag is StayFlag.NONE


def test_amounts_are_written_the_dutch_way():
    assert format_euros(400) == "€ 4,00"


def test_a_bed_shows_the_status_of_the_bed_night_that_occupies_it():
    shown = {status: BedState.of_night(status) for status in BedNightStatus}
    assert shown == {
        BedNightStatus.RESERVED: BedState.RESERVED,
        BedNightStatus.CHECKED_IN: BedState.CHECKED_IN,
        BedNightStatus.CHECKED_OUT: BedState.CHECKED_OUT,
        BedNightStatus.NO_SHOW: BedState.FREE,
    }
