"""The winter arrangement from forecast to leftovers."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.domain.roles import Role
from shelter_desk.domain.stays import BedState, FeeStatus, TurnawayReason
from shelter_desk.domain.winter import ActivationTerms, WindUnit, WinterPhase
from shelter_desk.services.beds.assignment import assign_bed, outstanding_cents
from shelter_desk.services.beds.board import bed_board
from shelter_desk.services.beds.occupancy import winter_night_list_pdf
from shelter_desk.services.beds.turnaways import record_turnaway
from shelter_desk.services.people.restrictions import add_restriction
from shelter_desk.services.winter.arrangement import (
    ForecastNight,
    activate,
    activations,
    add_winter_location,
    assess_forecast,
    end_early,
    extend,
    leftovers,
    recommendation,
    set_staffing,
    winter_tonight,
)

NIGHT = date(2026, 11, 24)
TOMORROW = NIGHT + timedelta(days=1)


def _cell(desk, night, bed_id):
    return next(c for b in bed_board(desk, night) for c in b.beds if c.bed_id == bed_id)


@pytest.fixture
def cold(desk, region):
    """Activated for tonight and tomorrow, phase 2, after a forecast of hard frost."""
    return activate(desk, "0106", ActivationTerms(NIGHT, TOMORROW, WinterPhase.TWO, "vorst"))


def test_the_forecast_is_assessed_and_activation_recommended(desk, region):
    assessed = assess_forecast(
        desk, [ForecastNight(NIGHT, -3, 25, WindUnit.KMH), ForecastNight(TOMORROW, -8, 15, WindUnit.KMH)]
    )
    assert [(a.felt.value, a.phase) for a in assessed] == [(-9.8, WinterPhase.ONE), (-14.3, WinterPhase.TWO)]
    phase, text = recommendation(assessed)
    assert phase is WinterPhase.TWO and "aanbevolen" in text


@pytest.mark.role(Role.COORDINATOR)
def test_an_active_night_opens_the_overflow_beds(desk, region, cold):
    assert _cell(desk, NIGHT, region.beds["NU1"]).state is BedState.FREE
    assert _cell(desk, NIGHT + timedelta(days=2), region.beds["NU1"]).state is BedState.CLOSED


@pytest.mark.role(Role.COORDINATOR)
def test_a_person_with_a_non_safety_ban_is_admitted_on_a_winter_night(desk, region, cold):
    add_restriction(
        desk, region.people["henk"], RestrictionTerms(None, NIGHT, NIGHT + timedelta(days=30), "Drugs binnen", False)
    )
    assign_bed(desk, region.people["henk"], region.beds["NU1"], NIGHT)
    assert _cell(desk, NIGHT, region.beds["NU1"]).occupant == "Henk Bakker"


@pytest.mark.role(Role.COORDINATOR)
def test_a_safety_ban_still_holds_on_a_winter_night(desk, region, cold):
    add_restriction(
        desk, region.people["henk"], RestrictionTerms(None, NIGHT, NIGHT + timedelta(days=30), "Agressie", True)
    )
    with pytest.raises(DeskError, match="Veiligheidsbeperking"):
        assign_bed(desk, region.people["henk"], region.beds["N1"], NIGHT)


@pytest.mark.role(Role.COORDINATOR)
def test_no_contribution_is_asked_on_a_winter_night(desk, region, cold):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    assert _cell(desk, NIGHT, region.beds["N1"]).fee is FeeStatus.WAIVED
    assert outstanding_cents(desk, region.people["jan"]) == 0


@pytest.mark.role(Role.COORDINATOR)
def test_contributions_already_owed_for_the_nights_are_waived_on_activation(desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    activate(desk, "0106", ActivationTerms(NIGHT, NIGHT, WinterPhase.ONE))
    assert outstanding_cents(desk, region.people["jan"]) == 0


@pytest.mark.role(Role.COORDINATOR)
def test_a_turnaway_on_a_winter_night_needs_an_explanation(desk, region, cold):
    with pytest.raises(DeskError, match="winterregeling is actief"):
        record_turnaway(desk, NIGHT, TurnawayReason.FULL, description="man", facility_id=region.night_shelter)
    record_turnaway(
        desk,
        NIGHT,
        TurnawayReason.FULL,
        description="man",
        facility_id=region.night_shelter,
        remark="weigerde de winterlocatie",
    )


@pytest.mark.role(Role.COORDINATOR)
def test_a_second_activation_overlapping_the_first_is_refused(desk, region, cold):
    with pytest.raises(DeskError, match="verleng die"):
        activate(desk, "0106", ActivationTerms(TOMORROW, TOMORROW + timedelta(days=2), WinterPhase.ONE))


@pytest.mark.role(Role.COORDINATOR)
def test_an_activation_is_extended_and_ended_early_with_its_history(desk, region, cold):
    extend(desk, cold, TOMORROW + timedelta(days=3), "nog kouder")
    end_early(desk, cold, TOMORROW, "dooi")
    [view] = activations(desk)
    assert view.last_night == TOMORROW
    assert [line.split(":")[0] for line in view.history] == ["geactiveerd", "verlengd", "vroegtijdig beëindigd"]


@pytest.mark.role(Role.COORDINATOR)
def test_ending_an_activation_that_has_not_started_is_refused(desk, region):
    later = activate(
        desk, "0106", ActivationTerms(NIGHT + timedelta(days=5), NIGHT + timedelta(days=7), WinterPhase.ONE)
    )
    with pytest.raises(DeskError, match="nog niet begonnen"):
        end_early(desk, later, NIGHT + timedelta(days=5))


@pytest.mark.role(Role.COORDINATOR)
def test_the_banner_knows_the_region_and_phase_tonight(desk, region, cold):
    assert winter_tonight(desk, NIGHT) == [("Regio Assen", WinterPhase.TWO)]
    assert winter_tonight(desk, NIGHT + timedelta(days=2)) == []


@pytest.mark.role(Role.COORDINATOR)
def test_a_winter_location_opens_only_on_winter_nights(desk, region, cold):
    location = add_winter_location(desk, "0106", "Sporthal De Kolk", 3)
    board = {b.facility_id: b for b in bed_board(desk, NIGHT)}[location]
    assert board.free == 3
    later = {b.facility_id: b for b in bed_board(desk, NIGHT + timedelta(days=2))}[location]
    assert later.capacity == 0


@pytest.mark.role(Role.COORDINATOR)
def test_a_coordinator_adds_a_winter_location_with_its_beds_in_one_go(desk, region):
    location = add_winter_location(desk, "0106", "Sporthal De Kolk", 4)
    [board] = bed_board(desk, NIGHT, {location})
    assert [cell.label for cell in board.beds] == ["1", "2", "3", "4"]


@pytest.mark.role(Role.COORDINATOR)
def test_a_winter_location_that_fails_halfway_leaves_nothing_behind(desk, region):
    before = {b.facility_id for b in bed_board(desk, NIGHT)}
    with pytest.raises(DeskError, match="1 tot 200 bedden"):
        add_winter_location(desk, "0106", "Sporthal De Kolk", 500)  # the facility is stored first, then beds
    assert {b.facility_id for b in bed_board(desk, NIGHT)} == before
    assert add_winter_location(desk, "0106", "Sporthal De Kolk", 5)  # the name is still free


def test_the_front_desk_may_not_add_a_winter_location(desk, region):
    with pytest.raises(DeskError, match="coördinator"):
        add_winter_location(desk, "0106", "Sporthal", 3)


@pytest.mark.role(Role.COORDINATOR)
def test_a_winter_location_needs_at_least_one_place(desk, region):
    with pytest.raises(DeskError, match="minstens 1 plek"):
        add_winter_location(desk, "0106", "Sporthal", 0)


@pytest.mark.role(Role.COORDINATOR)
def test_after_the_last_winter_night_the_people_in_winter_places_are_listed(desk, region, cold):
    assign_bed(desk, region.people["henk"], region.beds["NU1"], TOMORROW)
    assign_bed(desk, region.people["jan"], region.beds["N1"], TOMORROW)
    assert [(left.person, left.bed) for left in leftovers(desk, TOMORROW)] == [("Henk Bakker", "U1")]
    assert leftovers(desk, NIGHT) == []  # tomorrow is still a winter night


@pytest.mark.role(Role.COORDINATOR)
def test_the_winter_night_list_names_the_watch_and_the_phase(desk, region, cold):
    location = add_winter_location(desk, "0106", "Sporthal De Kolk", 2)
    set_staffing(desk, location, NIGHT, "Securitas: P. de Boer", "Anja Meijer")
    assign_bed(desk, region.people["henk"], region.beds["N1"], NIGHT)
    pdf = winter_night_list_pdf(desk, location, NIGHT)
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "Winternachtlijst" in text and "fase 2" in text and "P. de Boer" in text and "Anja Meijer" in text


@pytest.mark.role(Role.COORDINATOR)
def test_the_season_report_counts_nights_people_places_and_turnaways(desk, db, region, cold):
    from shelter_desk.reports.season_report import render_season_report
    from shelter_desk.services.winter.arrangement import season_report

    assign_bed(desk, region.people["henk"], region.beds["NU1"], NIGHT)
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=3))
    assign_bed(desk, region.people["jan"], region.beds["N1"], TOMORROW)
    record_turnaway(
        desk,
        NIGHT,
        TurnawayReason.FULL,
        description="man",
        facility_id=region.night_shelter,
        remark="weigerde de winterlocatie",
    )
    report = season_report(
        _evening_of(desk, db, NIGHT + timedelta(days=2)), "0106", NIGHT - timedelta(days=30), NIGHT + timedelta(days=30)
    )
    assert (
        report.nights_phase_two,
        report.persons_in_winter_places,
        report.bed_nights_in_winter_places,
        report.persons_on_winter_nights,
        report.new_persons,
        report.turnaways_on_winter_nights,
    ) == (2, 1, 1, 2, 1, 1)
    assert report.nights_planned == 0
    text = PdfReader(BytesIO(render_season_report(report))).pages[0].extract_text()
    assert "Seizoensrapport winterregeling" in text and "weigerde de winterlocatie" in text


def _evening_of(desk, db, night):
    """The same worker at 21:00 Amsterdam time on `night`: the nights before it have been."""
    from datetime import datetime

    from shelter_desk.services.kernel.desk import Desk

    return Desk(db, clock=lambda: datetime(night.year, night.month, night.day, 20, 0, tzinfo=UTC), user=desk.user)


@pytest.mark.role(Role.COORDINATOR)
def test_the_season_report_counts_a_winter_night_once_it_has_come_and_shows_the_rest_as_planned(desk, region, cold):
    """Tonight is the first of the two activated nights: one night has come, one is planned, and
    jan's bed booked for tomorrow is not yet a person on a winter night."""
    from shelter_desk.reports.season_report import render_season_report
    from shelter_desk.services.winter.arrangement import season_report

    assign_bed(desk, region.people["jan"], region.beds["N1"], TOMORROW)
    report = season_report(desk, "0106", NIGHT - timedelta(days=30), NIGHT + timedelta(days=30))
    assert (report.nights_phase_two, report.nights_planned, report.persons_on_winter_nights) == (1, 1, 0)
    text = PdfReader(BytesIO(render_season_report(report))).pages[0].extract_text()
    assert "Nachten gepland (nog niet geweest; niet meegeteld)" in text


def test_after_midnight_the_last_winter_night_is_still_active(db, region):
    from datetime import datetime

    from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk

    evening = Desk(db, clock=lambda: datetime(2026, 11, 30, 20, 0, tzinfo=UTC), user=COMMAND_LINE)
    activate(evening, "0106", ActivationTerms(date(2026, 11, 30), date(2026, 11, 30), WinterPhase.ONE))
    small_hours = Desk(db, clock=lambda: datetime(2026, 12, 1, 0, 30, tzinfo=UTC), user=COMMAND_LINE)  # 01:30 in Assen
    assert winter_tonight(small_hours, small_hours.tonight()) == [("Regio Assen", WinterPhase.ONE)]


@pytest.mark.role(Role.COORDINATOR)
def test_the_season_report_prints_as_a_pdf_and_a_reversed_period_is_refused(desk, region, cold):
    from shelter_desk.services.winter import season_report_pdf

    text = (
        PdfReader(BytesIO(season_report_pdf(desk, "0106", NIGHT - timedelta(days=30), NIGHT))).pages[0].extract_text()
    )
    assert "Seizoensrapport winterregeling" in text
    with pytest.raises(DeskError, match="eindigt vóór ze begint"):
        season_report_pdf(desk, "0106", NIGHT, NIGHT - timedelta(days=1))


@pytest.mark.role(Role.COORDINATOR)
def test_the_forecast_an_activation_rested_on_is_kept_night_by_night_and_printed_on_the_night_list(desk, region):
    from sqlalchemy import select

    from shelter_desk.persistence.models import WinterForecastNight

    assessed = assess_forecast(
        desk, [ForecastNight(NIGHT, -3, 25, WindUnit.KMH), ForecastNight(TOMORROW, -8, 15, WindUnit.KMH)]
    )
    activate(desk, "0106", ActivationTerms(NIGHT, TOMORROW, WinterPhase.TWO, "vorst"), assessed)
    with desk.db.read() as session:
        kept = session.execute(
            select(
                WinterForecastNight.night,
                WinterForecastNight.temperature,
                WinterForecastNight.wind_kmh,
                WinterForecastNight.felt,
                WinterForecastNight.phase,
            ).order_by(WinterForecastNight.night)
        ).all()
    assert [tuple(row) for row in kept] == [
        (NIGHT, -3.0, 25.0, -9.8, WinterPhase.ONE),
        (TOMORROW, -8.0, 15.0, -14.3, WinterPhase.TWO),
    ]
    text = PdfReader(BytesIO(winter_night_list_pdf(desk, region.night_shelter, TOMORROW))).pages[0].extract_text()
    assert "verwachting: −8 °C, wind 15 km/h, gevoel −14,3 °C (fase 2)" in " ".join(text.split())
