"""Possible duplicates: a similar name and the same or a close date of birth."""

from datetime import date

from shelter_desk.domain.duplicates import IdentityFacts, births_are_close, possible_duplicate
from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.name_folding import name_tokens


def _facts(name: str, born: date | None, approximate: bool = False) -> IdentityFacts:
    return IdentityFacts(tuple(name_tokens(name)), DateOfBirth(born, approximate) if born else None)


def test_the_same_name_spelled_slightly_otherwise_with_the_same_birth_date_is_a_candidate():
    assert possible_duplicate(_facts("Jan van der Berg", date(1968, 3, 4)), _facts("Jan Bergh", date(1968, 3, 4)))


def test_day_and_month_swapped_counts_as_close():
    assert births_are_close(DateOfBirth(date(1968, 3, 4)), DateOfBirth(date(1968, 4, 3)))


def test_an_approximate_year_is_close_within_one_year():
    assert births_are_close(DateOfBirth(date(1975, 1, 1), True), DateOfBirth(date(1976, 6, 2)))
    assert not births_are_close(DateOfBirth(date(1975, 1, 1), True), DateOfBirth(date(1978, 6, 2)))


def test_the_same_name_with_a_distant_birth_date_is_not_a_candidate():
    assert possible_duplicate(_facts("Jan Berg", date(1968, 3, 4)), _facts("Jan Berg", date(1990, 7, 1))) is None


def test_without_a_birth_date_only_a_nearly_identical_name_is_a_candidate():
    assert possible_duplicate(_facts("Sjors", None), _facts("Sjors", date(1975, 1, 1)))
    assert possible_duplicate(_facts("Sjors", None), _facts("Joris", date(1975, 1, 1))) is None
