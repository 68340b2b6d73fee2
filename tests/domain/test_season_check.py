"""Each night's decision set against the phase the weather really reached."""

from __future__ import annotations

from datetime import date

from shelter_desk.domain.season_check import Verdict, check_season
from shelter_desk.domain.winter import WinterPhase

ONE, TWO, NONE = WinterPhase.ONE, WinterPhase.TWO, WinterPhase.NONE


def _verdict(activated, observed):
    night = date(2026, 12, 1)
    check = check_season("knmi", {night: activated} if activated else {}, {}, {night: (-1.0, observed)})
    return check.nights[0].verdict


def test_an_activated_night_that_stayed_above_the_threshold_turned_out_milder():
    assert _verdict(ONE, NONE) is Verdict.MILDER
    assert _verdict(TWO, ONE) is Verdict.MILDER


def test_a_night_not_activated_that_reached_a_phase_was_cold_without_the_arrangement():
    assert _verdict(None, ONE) is Verdict.COLD_NOT_ACTIVATED


def test_a_night_activated_in_the_phase_observed_was_right():
    assert _verdict(TWO, TWO) is Verdict.RIGHT
    assert _verdict(ONE, TWO) is Verdict.COLDER
    assert _verdict(None, NONE) is Verdict.MILD


def test_activated_nights_without_an_observation_are_named_apart():
    check = check_season("knmi", {date(2026, 12, 2): ONE}, {}, {date(2026, 12, 1): (-6.0, ONE)})
    assert check.activated_without_observation == (date(2026, 12, 2),)
