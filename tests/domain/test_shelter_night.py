"""A shelter night is keyed by the date of its evening; the day boundary splits the nights."""

from datetime import UTC, date, datetime, time

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.shelter_night import (
    AMSTERDAM,
    dutch_night,
    parse_day_boundary,
    shelter_night_of,
)


def test_an_evening_belongs_to_the_night_of_that_date():
    assert shelter_night_of(datetime(2026, 11, 24, 21, 0, tzinfo=AMSTERDAM)) == date(2026, 11, 24)


def test_the_early_morning_still_belongs_to_the_previous_evening():
    assert shelter_night_of(datetime(2026, 11, 25, 8, 0, tzinfo=AMSTERDAM)) == date(2026, 11, 24)


def test_the_day_boundary_itself_starts_the_new_night():
    assert shelter_night_of(datetime(2026, 11, 25, 12, 0, tzinfo=AMSTERDAM)) == date(2026, 11, 25)


def test_the_day_boundary_is_a_setting():
    moment = datetime(2026, 11, 25, 10, 30, tzinfo=AMSTERDAM)
    assert shelter_night_of(moment, time(10, 0)) == date(2026, 11, 25)


def test_moments_are_read_in_amsterdam_time_whatever_zone_they_carry():
    # 10:30 UTC in winter is 11:30 in Amsterdam: before the 12:00 boundary.
    assert shelter_night_of(datetime(2026, 1, 10, 10, 30, tzinfo=UTC)) == date(2026, 1, 9)
    # 10:30 UTC in summer is 12:30 in Amsterdam (CEST): after it.
    assert shelter_night_of(datetime(2026, 7, 10, 10, 30, tzinfo=UTC)) == date(2026, 7, 10)


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError):
        shelter_night_of(datetime(2026, 11, 25, 21, 0))


def test_a_night_is_written_as_the_desk_says_it():
    assert dutch_night(date(2026, 11, 24)) == "nacht van dinsdag 24 op woensdag 25 november 2026"
    assert dutch_night(date(2026, 12, 31)) == ("nacht van donderdag 31 december 2026 op vrijdag 1 januari 2027")


def test_a_malformed_day_boundary_gets_a_dutch_message():
    with pytest.raises(DeskError, match="geen geldige tijd"):
        parse_day_boundary("twaalf uur")
