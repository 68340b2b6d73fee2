"""Short stays are flagged at 80 % of their maximum and listed when over it."""

from datetime import date, timedelta

from shelter_desk.domain.stays import StayFlag, format_euros, stay_progress

START = date(2026, 9, 1)


def test_a_young_stay_carries_no_flag():
    assert stay_progress(START, START + timedelta(days=10), 91).flag is StayFlag.NONE


def test_a_stay_at_80_percent_of_its_maximum_is_flagged():
    progress = stay_progress(START, START + timedelta(days=72), 91)
    assert progress.flag is StayFlag.NEAR_MAXIMUM and progress.describe() == "73 van 91 dagen (bijna maximum)"


def test_a_stay_beyond_its_maximum_is_over():
    assert stay_progress(START, START + timedelta(days=91), 91).flag is StayFlag.OVER_MAXIMUM


def test_a_night_shelter_stay_has_no_maximum():
    assert stay_progress(START, START + timedelta(days=400), None).flag is StayFlag.NONE


def test_amounts_are_written_the_dutch_way():
    assert format_euros(400) == "€ 4,00"
