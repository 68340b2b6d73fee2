"""Felt temperature by the JAG/TI formula, winter phases at their edges, activations over nights."""

from __future__ import annotations

from datetime import date

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.winter import (
    ActivationTerms,
    FeltTemperature,
    WindUnit,
    WinterPhase,
    felt_as_shown,
    felt_temperature,
    overlaps,
    phase_for,
    wind_in_kmh,
)

# Environment Canada, Meteorological Service of Canada, "Wind Chill Calculation Chart"
# (msc.ec.gc.ca/education/windchill/windchill_chart_e.cfm, archived 2006-02-08 by Library and
# Archives Canada). The chart uses the same JAG/TI formula as KNMI; its values are rounded.
PUBLISHED = [
    (5, 5, 4),
    (5, 20, 1),
    (5, 40, -1),
    (0, 10, -3),
    (0, 30, -6),
    (0, 60, -9),
    (-5, 15, -11),
    (-5, 25, -12),
    (-10, 5, -13),
    (-10, 20, -18),
    (-10, 50, -22),
    (-15, 35, -27),
    (-20, 10, -27),
    (-20, 80, -38),
    (-25, 20, -37),
    (-40, 45, -62),
]


@pytest.mark.parametrize(("air", "wind", "published"), PUBLISHED)
def test_the_felt_temperature_matches_the_published_wind_chill_chart(air, wind, published):
    assert round(felt_temperature(air, wind).value) == published


def test_above_ten_degrees_the_air_temperature_is_the_felt_temperature():
    felt = felt_temperature(12, 30)
    assert (felt.value, felt.formula_applied) == (12, False)


def test_in_nearly_still_air_the_formula_does_not_apply():
    assert not felt_temperature(-5, 3).formula_applied  # 3 km/h is below 1.3 m/s


def test_wind_may_be_given_in_metres_per_second_or_beaufort():
    assert wind_in_kmh(5, WindUnit.MS) == pytest.approx(18.0)
    assert wind_in_kmh(4, WindUnit.BEAUFORT) == pytest.approx(24.12)


@pytest.mark.parametrize(
    ("value", "unit"), [(-1, WindUnit.KMH), (250, WindUnit.KMH), (13, WindUnit.BEAUFORT), (70, WindUnit.MS)]
)
def test_negative_or_absurd_wind_is_refused(value, unit):
    with pytest.raises(DeskError):
        wind_in_kmh(value, unit)


def test_phase_one_starts_just_below_minus_five():
    assert phase_for(-5.0, -5, -10) is WinterPhase.NONE
    assert phase_for(-5.1, -5, -10) is WinterPhase.ONE


def test_phase_two_starts_at_minus_ten_itself():
    assert phase_for(-9.9, -5, -10) is WinterPhase.ONE
    assert phase_for(-10.0, -5, -10) is WinterPhase.TWO


def test_frost_with_wind_gives_phase_one_and_harder_frost_phase_two():
    tomorrow = felt_temperature(-3, 25).value
    after = felt_temperature(-8, 15).value
    assert (phase_for(tomorrow, -5, -10), phase_for(after, -5, -10)) == (WinterPhase.ONE, WinterPhase.TWO)


def test_an_activation_covers_nights_across_a_month_end():
    terms = ActivationTerms(date(2026, 11, 30), date(2026, 12, 2), WinterPhase.ONE).validated()
    assert terms.nights() == [date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)]


def test_an_activation_covers_nights_across_the_year_end():
    assert len(ActivationTerms(date(2026, 12, 31), date(2027, 1, 1), WinterPhase.TWO).validated().nights()) == 2


def test_an_activation_ending_before_it_starts_is_refused():
    with pytest.raises(DeskError, match="vóór de eerste nacht"):
        ActivationTerms(date(2026, 12, 2), date(2026, 12, 1), WinterPhase.ONE).validated()


def test_activating_on_a_mild_forecast_needs_a_reason():
    with pytest.raises(DeskError, match="reden"):
        ActivationTerms(date(2026, 12, 1), date(2026, 12, 1), WinterPhase.ONE, warmest_forecast=12).validated()
    ActivationTerms(date(2026, 12, 1), date(2026, 12, 1), WinterPhase.ONE, "storm en regen", 12).validated()


def test_activations_sharing_a_night_overlap():
    assert overlaps(date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 3), date(2026, 12, 5))
    assert not overlaps(date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 4), date(2026, 12, 5))


@pytest.mark.parametrize(
    ("raw", "shown", "phase"),
    [
        (-5.014, -5.0, WinterPhase.NONE),
        (-4.96, -5.0, WinterPhase.NONE),
        (-5.06, -5.1, WinterPhase.ONE),
        (-9.984, -10.0, WinterPhase.TWO),
    ],
)
def test_the_phase_is_decided_on_the_felt_temperature_as_shown_rounded_to_a_tenth(raw, shown, phase):
    assert felt_as_shown(raw) == shown
    assert FeltTemperature(felt_as_shown(raw), formula_applied=True).describe() == f"{shown:.1f} °C".replace(
        ".", ","
    ).replace("-", "−")
    assert phase_for(felt_as_shown(raw), -5, -10) is phase


def test_the_felt_temperature_is_given_rounded_by_the_rounding_rule():
    raw = 13.12 + 0.6215 * -3 - 11.37 * 25**0.16 + 0.3965 * -3 * 25**0.16
    assert raw != felt_temperature(-3, 25).value == felt_as_shown(raw) == -9.8


def test_a_felt_temperature_just_below_zero_is_shown_without_a_minus_sign():
    assert FeltTemperature(felt_as_shown(-0.04), formula_applied=True).describe() == "0,0 °C"
