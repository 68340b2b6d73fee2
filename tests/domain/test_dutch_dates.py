"""Dates as typed at the desk, the limits of a date of birth, and counting in months."""

from datetime import date

import pytest

from shelter_desk.domain.dutch_dates import DateOfBirth, add_months, parse_date_of_birth, parse_dutch_date
from shelter_desk.domain.errors import DeskError

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("typed", ["3-4-1990", "03-04-1990", "03041990", "3/4/1990", "3.4.1990", "1990-04-03"])
def test_a_date_is_read_in_every_usual_dutch_way(typed):
    assert parse_dutch_date(typed) == date(1990, 4, 3)


def test_text_that_is_no_date_is_not_a_date():
    assert parse_dutch_date("Jansen") is None


def test_a_day_that_does_not_exist_is_refused_in_dutch():
    with pytest.raises(DeskError, match="geen bestaande datum"):
        parse_dutch_date("31-02-1990")


def test_a_year_alone_is_an_approximate_date_of_birth():
    assert parse_date_of_birth("1985", TODAY) == DateOfBirth(date(1985, 1, 1), approximate=True)
    assert parse_date_of_birth("ca. 1985", TODAY).describe() == "ca. 1985"


def test_an_empty_date_of_birth_is_unknown():
    assert parse_date_of_birth("  ", TODAY) is None


def test_a_date_of_birth_in_the_future_is_refused():
    with pytest.raises(DeskError, match="toekomst"):
        parse_date_of_birth("01-01-2030", TODAY)


def test_a_date_of_birth_before_1900_is_refused():
    with pytest.raises(DeskError, match="1900"):
        parse_date_of_birth("31-12-1899", TODAY)


def test_an_unreadable_date_of_birth_explains_how_to_type_it():
    with pytest.raises(DeskError, match="03-04-1990"):
        parse_date_of_birth("gisteren", TODAY)


def test_months_are_added_to_the_last_day_of_a_short_month():
    assert add_months(date(2026, 12, 31), 2) == date(2027, 2, 28)


def test_months_counted_back_over_a_year_end_keep_the_day():
    assert add_months(date(2027, 1, 15), -3) == date(2026, 10, 15)


def test_years_counted_back_from_29_february_land_on_the_28th():
    assert add_months(date(2028, 2, 29), -12 * 10) == date(2018, 2, 28)
