"""Drop-in rules: opening hours, the configured services, lockers and their keep-until date."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from shelter_desk.domain.dropin import (
    LockerOutcome,
    OpeningHours,
    check_clearing,
    check_locker,
    check_opening_hours,
    check_service,
    describe_today,
    parse_service_list,
)
from shelter_desk.domain.errors import DeskError

TUESDAY = date(2026, 11, 24)


def test_a_day_without_hours_is_a_closed_day():
    hours = [OpeningHours(0, time(10), time(16))]
    assert describe_today(hours, TUESDAY) == "Vandaag (dinsdag) gesloten."
    assert describe_today([], TUESDAY) == "Geen openingstijden ingesteld."


def test_two_periods_on_one_day_are_refused():
    with pytest.raises(DeskError, match="dinsdag staat er dubbel in"):
        check_opening_hours([OpeningHours(1, time(9), time(12)), OpeningHours(1, time(13), time(16))])


def test_the_service_list_drops_empties_and_doubles_whatever_their_case():
    assert parse_service_list(" Maaltijd ,, douche, Douche,Was ") == ("Maaltijd", "douche", "Was")


def test_a_service_is_matched_case_blind_and_spelled_as_in_the_list():
    assert check_service("DOUCHE", 1, ("Maaltijd", "Douche")) == "Douche"


def test_a_locker_label_is_trimmed_and_upper_case():
    assert check_locker(" 12a ", "blauwe  rugzak", TUESDAY, TUESDAY) == ("12A", "blauwe rugzak")


def test_belongings_are_cleared_only_after_their_keep_until_date():
    with pytest.raises(DeskError, match="nog bewaard"):
        check_clearing(LockerOutcome.CLEARED, TUESDAY, TUESDAY)
    check_clearing(LockerOutcome.CLEARED, TUESDAY, TUESDAY + timedelta(days=1))
    check_clearing(LockerOutcome.PICKED_UP, TUESDAY, TUESDAY)  # the owner may always take them
