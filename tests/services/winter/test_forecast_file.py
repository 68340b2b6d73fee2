"""A saved weather file read as the coming nights' forecast, under the organisation's thresholds."""

from __future__ import annotations

from datetime import date

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Role
from shelter_desk.domain.winter import ActivationTerms, WindUnit, WinterPhase
from shelter_desk.domain.winter_forecast import ForecastSource, UnreadableForecast
from shelter_desk.paths import resource
from shelter_desk.services.winter import ForecastNight, activate, assess_forecast, forecast_from_file

NOV = lambda day: date(2026, 11, day)  # noqa: E731


def _sample(name: str) -> bytes:
    return resource("winter", name).read_bytes()


def test_the_weerlive_sample_is_assessed_as_if_its_values_were_typed(desk, region):
    read = forecast_from_file(desk, _sample("voorbeeld-weerlive.json"))
    typed = assess_forecast(
        desk,
        [
            ForecastNight(NOV(23 + i), t, w, WindUnit.KMH)
            for i, (t, w) in enumerate(((2, 10), (-3, 25), (-8, 15), (-4, 11), (1, 18)))
        ],
    )
    assert read.source is ForecastSource.WEERLIVE
    assert list(read.assessed) == typed
    assert [(a.felt.value, a.phase) for a in read.assessed][1:3] == [(-9.8, WinterPhase.ONE), (-14.3, WinterPhase.TWO)]


@pytest.mark.role(Role.COORDINATOR)
def test_with_a_region_the_nights_its_arrangement_already_covers_are_named(desk, region):
    activate(desk, "0106", ActivationTerms(NOV(25), NOV(26), WinterPhase.TWO))
    read = forecast_from_file(desk, _sample("voorbeeld-verwachting.csv"), "0106")
    assert read.region == "Regio Assen"
    assert read.active == {NOV(25): WinterPhase.TWO, NOV(26): WinterPhase.TWO}


def test_a_file_with_one_bad_line_is_refused_whole(desk, region):
    data = b"datum;min;wind (km/h)\n24-11-2026;-3;20\n;-8;15\n"
    with pytest.raises(UnreadableForecast) as refused:
        forecast_from_file(desk, data)
    assert [p.describe() for p in refused.value.problems] == ["Regel 3: de datum ontbreekt."]


def test_a_csv_saved_by_excel_in_windows_encoding_is_read(desk, region):
    data = "datum;minimumtemperatuur (°C);wind (m/s)\n24-11-2026;-3,5;6\n".encode("cp1252")
    [night] = forecast_from_file(desk, data).nights
    assert (night.temperature, night.wind, night.unit) == (-3.5, 6, WindUnit.MS)


def test_a_region_without_facilities_is_refused(desk, region):
    with pytest.raises(DeskError, match="nog geen voorzieningen"):
        forecast_from_file(desk, _sample("voorbeeld-verwachting.csv"), "0114")
