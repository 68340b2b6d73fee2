"""Restrictions run from a start to an end date, for one facility or all."""

from datetime import date

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.restrictions import RestrictionTerms, applies_to, is_in_force


def test_a_restriction_ending_before_it_starts_is_refused():
    with pytest.raises(DeskError, match="eindigt vóór ze begint"):
        RestrictionTerms(None, date(2026, 12, 1), date(2026, 11, 30), "agressie", True).validated()


def test_a_restriction_needs_a_reason():
    with pytest.raises(DeskError, match="reden"):
        RestrictionTerms(None, date(2026, 12, 1), date(2026, 12, 31), "  ", False).validated()


def test_a_restriction_holds_on_its_first_and_last_night():
    assert is_in_force(date(2026, 12, 1), date(2026, 12, 31), date(2026, 12, 1))
    assert is_in_force(date(2026, 12, 1), date(2026, 12, 31), date(2026, 12, 31))
    assert not is_in_force(date(2026, 12, 1), date(2026, 12, 31), date(2027, 1, 1))


def test_a_restriction_without_facility_holds_everywhere():
    assert applies_to(None, 7)
    assert applies_to(7, 7) and not applies_to(7, 8)
