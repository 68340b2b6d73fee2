"""Saved weather files read into nights: good lines are read, each bad line is named, nothing is half-read."""

from __future__ import annotations

from datetime import date

import pytest

from shelter_desk.domain.winter import WindUnit, felt_temperature, phase_for, wind_in_kmh
from shelter_desk.domain.winter_forecast import (
    ForecastSource,
    UnreadableForecast,
    read_forecast_csv,
    read_forecast_file,
    read_knmi_daily,
    read_weerlive,
    wind_unit_in_header,
)
from shelter_desk.paths import resource

NOV = lambda day: date(2026, 11, day)  # noqa: E731


def _sample(name: str) -> str:
    return resource("winter", name).read_text(encoding="utf-8")


def _refusal(read, text: str) -> list[str]:
    with pytest.raises(UnreadableForecast) as refused:
        read(text)
    assert refused.value.message.startswith("Het bestand is niet ingelezen; er is niets overgenomen.")
    return [problem.describe() for problem in refused.value.problems]


# -- the shipped samples ------------------------------------------------------------------------


def test_each_shipped_sample_is_recognised_by_its_content():
    assert [
        read_forecast_file(_sample(name)).source
        for name in ("voorbeeld-weerlive.json", "voorbeeld-verwachting.csv", "voorbeeld-knmi-etmgeg.txt")
    ] == [ForecastSource.WEERLIVE, ForecastSource.CSV, ForecastSource.KNMI]


def test_each_shipped_sample_says_it_is_made_up():
    for name in ("voorbeeld-weerlive.json", "voorbeeld-verwachting.csv", "voorbeeld-knmi-etmgeg.txt"):
        assert "VOORBEELD" in _sample(name).splitlines()[0] + _sample(name).splitlines()[1]


def test_weerlive_gives_each_days_minimum_to_the_night_before_it_with_wind_in_kmh():
    """Day 25-11's minimum (dawn of the 25th) is the cold of the night that began on the 24th."""
    forecast = read_weerlive(_sample("voorbeeld-weerlive.json"))
    assert forecast.unit is WindUnit.KMH
    assert [(n.night, n.temperature, n.wind) for n in forecast.nights] == [
        (NOV(23), 2, 10),
        (NOV(24), -3, 25),
        (NOV(25), -8, 15),
        (NOV(26), -4, 11),
        (NOV(27), 1, 18),
    ]


def test_the_weerlive_sample_gives_the_same_felt_temperatures_and_phases_as_typing_its_values():
    forecast = read_weerlive(_sample("voorbeeld-weerlive.json"))
    read = [felt_temperature(n.temperature, wind_in_kmh(n.wind, forecast.unit)).value for n in forecast.nights]
    typed = [felt_temperature(t, w).value for t, w in ((2, 10), (-3, 25), (-8, 15), (-4, 11), (1, 18))]
    assert read == typed == [-0.9, -9.8, -14.3, -8.4, -3.7]
    assert [phase_for(value, -5, -10) for value in read] == [0, 1, 2, 1, 0]


def test_a_csv_with_wind_in_beaufort_is_read_with_decimal_commas():
    forecast = read_forecast_csv(_sample("voorbeeld-verwachting.csv"))
    assert forecast.unit is WindUnit.BEAUFORT
    assert [(n.night, n.temperature, n.wind, n.line) for n in forecast.nights][:3] == [
        (NOV(24), -3, 4, 5),
        (NOV(25), -8, 3, 6),
        (NOV(26), -4.5, 2, 7),
    ]


def test_knmi_daily_data_reads_tenths_of_degrees_and_of_metres_per_second():
    forecast = read_knmi_daily(_sample("voorbeeld-knmi-etmgeg.txt"))
    assert forecast.unit is WindUnit.MS
    first = forecast.nights[0]
    assert (first.night, first.temperature, first.wind) == (NOV(21), 1.2, 4.1)  # 22-11: TN 12, FG 41
    assert len(forecast.nights) == 10


# -- the CSV, line by line ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Wind (km/h)", WindUnit.KMH),
        ("wind_kmh", WindUnit.KMH),
        ("wind m/s", WindUnit.MS),
        ("wind_ms", WindUnit.MS),
        ("Windkracht (Beaufort)", WindUnit.BEAUFORT),
        ("wind bft", WindUnit.BEAUFORT),
    ],
)
def test_the_wind_unit_is_read_from_the_header(header, unit):
    assert wind_unit_in_header(header) is unit


def test_a_csv_whose_header_names_no_wind_unit_is_refused():
    assert _refusal(read_forecast_csv, "datum;min;wind\n24-11-2026;-3;4\n") == [
        "Regel 1: de kopregel moet drie kolommen noemen: datum; minimumtemperatuur (°C); wind met de eenheid "
        "(km/h, m/s of Bft)."
    ]


def test_a_csv_line_without_a_date_is_refused_with_its_line_number_and_nothing_is_read():
    text = "datum;min;wind (km/h)\n24-11-2026;-3;20\n;-8;15\n26-11-2026;-4;11\n"
    assert _refusal(read_forecast_csv, text) == ["Regel 3: de datum ontbreekt."]


def test_every_bad_csv_line_is_named_with_its_reason():
    text = (
        "datum,min,wind (Bft)\n"
        "2026-11-24,-3,4\n"
        "31-02-2026,-3,4\n"
        "25-11-2026,koud,4\n"
        "26-11-2026,-3,4.5\n"
        "27-11-2026,-3\n"
        "2026-11-24,-1,2\n"
        "28-11-2026,-3,\n"
    )
    assert _refusal(read_forecast_csv, text) == [
        "Regel 3: '31-02-2026' is geen bestaande datum.",
        "Regel 4: de minimumtemperatuur 'koud' is geen getal.",
        "Regel 5: windkracht in Beaufort is een heel getal van 0 tot en met 12.",
        "Regel 6: 2 velden in plaats van 3 (datum; minimumtemperatuur (°C); wind met de eenheid (km/h, m/s of Bft)).",
        "Regel 7: de nacht van 24-11-2026 staat al op regel 2.",
        "Regel 8: de wind ontbreekt.",
    ]


def test_absurd_values_in_a_file_are_refused_as_when_typed():
    problems = _refusal(read_forecast_csv, "datum;min;wind (m/s)\n24-11-2026;-3;70\n25-11-2026;-95;3\n")
    assert problems[0].startswith("Regel 2: een wind van 252 km/h is niet aannemelijk")
    assert problems[1].startswith("Regel 3: een temperatuur van −95 °C is niet aannemelijk")


def test_a_file_of_only_remarks_has_no_nights():
    assert _refusal(read_forecast_file, "# niets\n") == [
        "Regel 1: de kopregel ontbreekt: datum; minimumtemperatuur (°C); wind met de eenheid (km/h, m/s of Bft)."
    ]


def test_an_empty_file_is_refused():
    assert _refusal(read_forecast_file, "\n  \n") == ["Regel 1: het bestand is leeg."]


# -- KNMI and Weerlive, line by line -----------------------------------------------------------


def test_a_knmi_line_without_a_minimum_temperature_is_refused_and_fhx_stands_in_for_a_blank_fg():
    text = (
        "BRON: voorbeeld\n# STN,YYYYMMDD,   FG,  FHX,   TN\n"
        "  280,20261125,     ,   60,  -42\n"
        "  280,20261126,   44,   70,     \n"
        "  280,2026112,   44,   70,   -1\n"
    )
    assert _refusal(read_knmi_daily, text) == [
        "Regel 4: geen minimumtemperatuur (TN) voor 26-11-2026.",
        "Regel 5: '2026112' is geen datum (JJJJMMDD).",
    ]
    forecast = read_knmi_daily(text.rsplit("\n", 3)[0] + "\n")
    assert [(n.night, n.wind) for n in forecast.nights] == [(NOV(24), 6.0)]


def test_two_stations_in_one_knmi_file_are_refused_as_the_same_night_twice():
    text = "# STN,YYYYMMDD,FG,TN\n280,20261125,40,-10\n279,20261125,30,-20\n"
    assert _refusal(read_knmi_daily, text) == ["Regel 3: de nacht van 24-11-2026 staat al op regel 2."]


def test_a_weerlive_day_without_a_minimum_is_refused_with_the_line_where_that_day_begins():
    text = (
        '{"wk_verw": [\n  {"dag": "25-11-2026", "min_temp": -3, "windkmh": 25},\n'
        '  {"dag": "26-11-2026",\n   "windkmh": 15}\n]}\n'
    )
    assert _refusal(read_weerlive, text) == ["Regel 3: de minimumtemperatuur ('min_temp') ontbreekt."]


def test_broken_json_is_refused_with_its_line():
    assert _refusal(read_forecast_file, '{"wk_verw": [\n  {"dag": "25-11-2026",,}\n]}') == [
        "Regel 2: geen geldige JSON (Expecting property name enclosed in double quotes, kolom 24)."
    ]


def test_a_weerlive_error_answer_is_shown():
    text = '{"liveweer": [{"fout": "Dagelijkse limiet overschreden"}]}'
    assert _refusal(read_weerlive, text) == ["Regel 1: Weerlive meldt een fout: Dagelijkse limiet overschreden"]


def test_json_without_the_five_day_forecast_is_refused():
    assert _refusal(read_weerlive, '{"liveweer": [{"plaats": "Assen"}]}')[0].startswith(
        "Regel 1: geen vijfdaagse verwachting ('wk_verw')"
    )
