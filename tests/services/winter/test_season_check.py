"""The season checked: each night's decision and forecast against the KNMI sample, counted by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Role
from shelter_desk.domain.season_check import Verdict
from shelter_desk.domain.winter import ActivationTerms, WindUnit, WinterPhase
from shelter_desk.paths import resource
from shelter_desk.services.winter import ForecastNight, activate, assess_forecast, season_report, season_report_pdf

pytestmark = pytest.mark.role(Role.COORDINATOR)

ASSEN = "0106"
FIRST, LAST = date(2026, 11, 1), date(2026, 11, 30)
KNMI = resource("winter", "voorbeeld-knmi-etmgeg.txt").read_bytes()


def d(day: int) -> date:
    return date(2026, 11, day)


@pytest.fixture
def decided(desk, region):
    """Decided on the evening of 20 November: phase 1 for 21–24, phase 2 for 29–30 (a forecast kept
    for 21 and 24 only); read on 2 December, when every night of the sample has been."""
    desk.clock = lambda: datetime(2026, 11, 20, 19, 0, tzinfo=UTC)
    forecast = assess_forecast(
        desk, [ForecastNight(d(21), -3, 25, WindUnit.KMH), ForecastNight(d(24), -2, 15, WindUnit.KMH)]
    )
    activate(desk, ASSEN, ActivationTerms(d(21), d(24), WinterPhase.ONE, "vorst verwacht"), forecast)
    activate(desk, ASSEN, ActivationTerms(d(29), d(30), WinterPhase.TWO, "strenge vorst verwacht"))
    desk.clock = lambda: datetime(2026, 12, 2, 19, 0, tzinfo=UTC)


# The sample, by hand (night = the evening before KNMI's day; felt temperature with the JAG/TI
# formula from TN and FG, rounded to 0.1 °C; phase 1 below −5, phase 2 at −10 or colder):
#   21: 1.2 °C, 4.1 m/s → −2,9 none      activated 1 → milder
#   22: −1.4, 5.2       → −6,8 phase 1   activated 1 → right
#   23: −3.1, 3.5       → −7,7 phase 1   activated 1 → right
#   24: −4.2, 6.8       → −11,2 phase 2  activated 1 → colder
#   25: −8.5, 4.4       → −15,1 phase 2  not activated → cold
#   26: −5.3, 2.7       → −9,6 phase 1   not activated → cold
#   27: −0.6, 6.1       → −6,3 phase 1   not activated → cold
#   28: −4.8, 3.3       → −9,6 phase 1   not activated → cold
#   29: −6.1, 1.2 (below 1.3 m/s: air temperature) → −6,1 phase 1   activated 2 → milder
#   30: 1.8, 7.0        → −3,6 none      activated 2 → milder
HAND_COUNT = {
    Verdict.MILDER: 3,
    Verdict.COLD_NOT_ACTIVATED: 4,
    Verdict.COLDER: 1,
    Verdict.RIGHT: 2,
    Verdict.MILD: 0,
}


def test_the_check_of_the_knmi_sample_matches_the_count_by_hand(desk, decided):
    check = season_report(desk, ASSEN, FIRST, LAST, KNMI, "voorbeeld-knmi-etmgeg.txt").check
    assert check is not None
    assert {verdict: check.count(verdict) for verdict in Verdict} == HAND_COUNT
    assert [(n.night.day, n.observed_felt, n.observed_phase) for n in check.nights] == [
        (21, -2.9, WinterPhase.NONE),
        (22, -6.8, WinterPhase.ONE),
        (23, -7.7, WinterPhase.ONE),
        (24, -11.2, WinterPhase.TWO),
        (25, -15.1, WinterPhase.TWO),
        (26, -9.6, WinterPhase.ONE),
        (27, -6.3, WinterPhase.ONE),
        (28, -9.6, WinterPhase.ONE),
        (29, -6.1, WinterPhase.ONE),
        (30, -3.6, WinterPhase.NONE),
    ]
    assert check.activated_without_observation == ()


def test_the_forecast_the_decision_rested_on_stands_beside_the_observation(desk, decided):
    check = season_report(desk, ASSEN, FIRST, LAST, KNMI).check
    assert check is not None
    by_night = {n.night.day: (n.forecast_felt, n.forecast_phase) for n in check.nights}
    assert by_night[21] == (-9.8, WinterPhase.ONE)
    assert by_night[22] == (None, None)  # no forecast kept for that night


def test_activated_nights_the_file_does_not_cover_are_named_apart(desk, decided):
    check = season_report(desk, ASSEN, FIRST, LAST, KNMI).check
    assert check is not None
    desk.clock = lambda: datetime(2026, 11, 20, 19, 0, tzinfo=UTC)
    activate(desk, ASSEN, ActivationTerms(d(20), d(20), WinterPhase.ONE, "vorst"))
    desk.clock = lambda: datetime(2026, 12, 2, 19, 0, tzinfo=UTC)
    check = season_report(desk, ASSEN, FIRST, LAST, KNMI).check
    assert check is not None and check.activated_without_observation == (d(20),)


def test_a_forecast_file_is_refused_as_observation(desk, decided):
    weerlive = resource("winter", "voorbeeld-weerlive.json").read_bytes()
    with pytest.raises(DeskError, match="geen waarneming"):
        season_report(desk, ASSEN, FIRST, LAST, weerlive)


def test_a_knmi_file_of_another_period_is_refused(desk, decided):
    with pytest.raises(DeskError, match="Geen van de nachten"):
        season_report(desk, ASSEN, date(2026, 10, 1), date(2026, 10, 31), KNMI)


def test_the_season_report_pdf_shows_the_check(desk, decided, tmp_path):
    pdf = season_report_pdf(desk, ASSEN, FIRST, LAST, KNMI, "voorbeeld-knmi-etmgeg.txt")
    (tmp_path / "seizoen.pdf").write_bytes(pdf)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())
    assert "Verwachting en waarneming" in text
    assert "Geactiveerd en milder uitgevallen 3" in text
    assert "Niet geactiveerd en toch onder de drempel (fase 1 of 2 waargenomen) 4" in text
