"""The monitor's figures on a hand-built November 2026, each worked out by hand below.

jan   night shelter bed 1, 31 Oct + 1–2 Nov, then ended → other municipality, back to origin (Assen)
henk  KDO bed 1 from 20 Nov, still there (5 nights to the 24th), origin Emmen
sem   youth shelter bed 1 on 5 Nov, ended → family/friends, 19 years old
vogel overflow bed U1 on 24 Nov, a winter night (activation of that one night), no birth date
turnaways: 10 Nov full, 10 Nov full, 12 Nov age; jan has a postal address from 1 Nov
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.monitor import Period, PeriodKind
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.domain.stays import Outflow, TurnawayReason
from shelter_desk.domain.winter import ActivationTerms, WinterPhase
from shelter_desk.persistence.models import Bed, Facility, Stay
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.beds.stays import end_stay, open_overflow
from shelter_desk.services.beds.turnaways import record_turnaway
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.monitor.figures import TO_ORIGIN, monitor
from shelter_desk.services.people.records import update_person
from shelter_desk.services.postal.addresses import register_postal_address
from shelter_desk.services.winter.arrangement import activate, add_winter_location

NOVEMBER = Period.of(PeriodKind.MONTH, 2026, 11)
NOV = lambda day: date(2026, 11, day)  # noqa: E731


def _stay_of(db, person_id):
    with db.read() as session:
        return session.scalars(select(Stay.id).where(Stay.person_id == person_id)).one()


@pytest.fixture
def report(desk, db, region):
    people, beds = region.people, region.beds
    update_person(
        desk,
        people["jan"],
        PersonDetails(
            first_name="Jan",
            last_name="Berg",
            date_of_birth=DateOfBirth(date(1968, 3, 4)),
            origin_municipality_code="0106",
        ),
    )
    update_person(
        desk,
        people["henk"],
        PersonDetails(
            first_name="Henk",
            last_name="Bakker",
            date_of_birth=DateOfBirth(date(1961, 11, 25)),
            origin_municipality_code="0114",
        ),
    )
    for night in (date(2026, 10, 31), NOV(1), NOV(2)):
        assign_bed(desk, people["jan"], beds["N1"], night)
    end_stay(desk, _stay_of(db, people["jan"]), NOV(2), Outflow.OTHER_MUNICIPALITY_SHELTER, to_origin=True)
    assign_bed(desk, people["henk"], beds["K1"], NOV(20))
    assign_bed(desk, people["sem"], beds["J1"], NOV(5))
    end_stay(desk, _stay_of(db, people["sem"]), NOV(5), Outflow.FAMILY_FRIENDS)
    activate(desk, "0106", ActivationTerms(NOV(24), NOV(24), WinterPhase.ONE))
    assign_bed(desk, people["anon"], beds["NU1"], NOV(24))
    for day, reason in ((10, TurnawayReason.FULL), (10, TurnawayReason.FULL), (12, TurnawayReason.AGE)):
        record_turnaway(desk, NOV(day), reason, description="onbekend", facility_id=region.night_shelter)
    with db.write() as session:
        facility = session.get(Facility, region.night_shelter)
        facility.street, facility.postcode, facility.city = "Havenkade 1", "9401 AB", "Assen"
    register_postal_address(
        desk, people["jan"], region.night_shelter, NOV(1), "J. de Vries", NOV(1), review=NOV(1) + timedelta(days=60)
    )
    return monitor(desk, NOVEMBER)


@pytest.mark.role(Role.COORDINATOR)
def test_every_person_counts_once_and_new_means_first_night_ever(report):
    assert (report.unique_persons, report.new_persons) == (4, 3)


@pytest.mark.role(Role.COORDINATOR)
def test_bed_nights_and_occupancy_per_facility(report):
    figures = {f.facility: (f.bed_nights, f.capacity_nights, f.persons) for f in report.facilities}
    assert figures == {"Nachtopvang Assen": (3, 90, 2), "Jongerenopvang Assen": (1, 60, 1), "KDO Assen": (5, 60, 1)}
    assert report.bed_nights == 9


@pytest.mark.role(Role.COORDINATOR)
def test_short_stays_by_length_and_maximum(report):
    assert (
        report.short_stay_count,
        report.short_stay_average_days,
        report.short_stay_longest_days,
        report.stays_over_maximum,
    ) == (1, 11.0, 11, 0)


@pytest.mark.role(Role.COORDINATOR)
def test_turnaways_by_reason(report):
    assert dict(report.turnaways) == {"Vol": 2, "Leeftijd past niet": 1, "Beperking": 0, "Anders": 0}


@pytest.mark.role(Role.COORDINATOR)
def test_winter_nights_and_their_use(report):
    assert (report.winter_nights, report.winter_bed_nights, report.winter_persons) == (1, 1, 1)


@pytest.mark.role(Role.COORDINATOR)
def test_active_postal_addresses_at_the_end_of_the_period(report):
    assert report.active_postal_addresses == 1


@pytest.mark.role(Role.COORDINATOR)
def test_outflow_by_destination_with_back_to_origin_as_its_own_line(report):
    outflow = dict(report.outflow)
    assert (outflow["Opvang in een andere gemeente"], outflow["Familie of vrienden"], outflow[TO_ORIGIN]) == (1, 1, 1)
    assert sum(count for label, count in report.outflow if label != TO_ORIGIN) == 2


@pytest.mark.role(Role.COORDINATOR)
def test_persons_by_origin_province_age_and_gender(report):
    assert dict(report.by_origin) == {"Assen": 1, "Emmen": 1, "onbekend": 2}
    assert dict(report.by_province) == {"Drenthe": 2, "onbekend": 2}
    assert dict(report.by_age_group) == {"18–22": 1, "50–64": 1, "65 en ouder": 1, "onbekend": 1}
    assert dict(report.by_gender) == {"Onbekend": 4}


@pytest.mark.role(Role.COORDINATOR)
def test_the_share_from_the_facilitys_own_region(report):
    assert (report.own_region_persons, round(report.own_region_share, 2)) == (1, 0.25)


@pytest.mark.role(Role.COORDINATOR)
def test_occupancy_per_night_for_the_chart(report):
    nightly = dict(report.nightly)
    assert (nightly[NOV(1)], nightly[NOV(5)], nightly[NOV(24)], len(nightly)) == (1, 1, 2, 8)


@pytest.mark.role(Role.COORDINATOR)
def test_one_facility_alone(desk, region, report):
    only = monitor(desk, NOVEMBER, facility_id=region.kdo)
    assert (only.unique_persons, only.bed_nights, dict(only.turnaways)["Vol"]) == (1, 5, 0)


@pytest.mark.role(Role.COORDINATOR)
def test_the_csv_for_the_municipality_hides_small_numbers(desk, report):
    from shelter_desk.services.monitor.figures import monitor_csv

    rows = [line.split(";") for line in monitor_csv(desk, report).decode("utf-8-sig").splitlines()]
    assert ["Instroom en doorstroom", "Unieke personen", "<5"] in rows
    assert ["Afwijzingen naar reden", "Beperking", "0"] in rows


@pytest.mark.role(Role.COORDINATOR)
def test_the_pdf_carries_the_figures_and_the_charts(desk, report):
    from io import BytesIO

    from pypdf import PdfReader

    from shelter_desk.services.monitor.figures import monitor_pdf

    text = PdfReader(BytesIO(monitor_pdf(desk, report))).pages[0].extract_text()
    assert "Monitor maatschappelijke opvang" in text and "november 2026" in text
    assert "Bezetting per nacht" in text and "Uitstroom naar bestemming" in text


def _winter_beds(db, facility_id):
    with db.read() as session:
        return list(session.scalars(select(Bed.id).where(Bed.facility_id == facility_id).order_by(Bed.position)))


@pytest.mark.role(Role.COORDINATOR)
def test_winter_use_counts_only_winter_places_on_activated_nights_of_the_period(desk, db, region):
    """Activations on 24 Nov and 29 Nov–2 Dec: three winter nights in November. Counted: jan in
    the overflow bed on the 24th, henk in the winter location on the 29th and 30th. Not counted:
    sem in a regular bed on a winter night, anon in the overflow bed opened on an ordinary night,
    henk in the winter location on 1 December (after the period)."""
    people, beds = region.people, region.beds
    activate(desk, "0106", ActivationTerms(NOV(24), NOV(24), WinterPhase.ONE))
    activate(desk, "0106", ActivationTerms(NOV(29), date(2026, 12, 2), WinterPhase.TWO))
    location = add_winter_location(desk, "0106", "Winteropvang Assen", 2)
    place = _winter_beds(db, location)[0]
    assign_bed(desk, people["jan"], beds["NU1"], NOV(24))
    assign_bed(desk, people["sem"], beds["J1"], NOV(24))
    open_overflow(desk, region.night_shelter, NOV(25), "brand in de andere opvang")
    assign_bed(desk, people["anon"], beds["NU1"], NOV(25))
    for night in (NOV(29), NOV(30), date(2026, 12, 1)):
        assign_bed(desk, people["henk"], place, night)
    report = monitor(_on_the_evening_of(desk, db, date(2026, 12, 3)), NOVEMBER)
    assert (report.winter_nights, report.winter_bed_nights, report.winter_persons) == (3, 3, 2)
    assert report.winter_nights_planned == 0
    assert {f.facility: f.bed_nights for f in report.facilities}["Winteropvang Assen"] == 2


def _on_the_evening_of(desk, db, night):
    """The same worker at 21:00 Amsterdam time on `night`: the nights before it have been."""
    return Desk(db, clock=lambda: datetime(night.year, night.month, night.day, 20, 0, tzinfo=UTC), user=desk.user)


@pytest.mark.role(Role.COORDINATOR)
def test_activated_nights_that_have_not_come_are_planned_not_counted(desk, db, region):
    """Tonight is the 24th. Activated: the 24th (tonight) and 29 Nov–2 Dec. November has one winter
    night that has come (tonight) and two planned (29th, 30th); henk's booking in the winter
    location on the 29th is not yet winter use."""
    activate(desk, "0106", ActivationTerms(NOV(24), NOV(24), WinterPhase.ONE))
    activate(desk, "0106", ActivationTerms(NOV(29), date(2026, 12, 2), WinterPhase.TWO))
    location = add_winter_location(desk, "0106", "Winteropvang Assen", 2)
    assign_bed(desk, region.people["jan"], region.beds["NU1"], NOV(24))
    assign_bed(desk, region.people["henk"], _winter_beds(db, location)[0], NOV(29))
    report = monitor(desk, NOVEMBER)
    assert (report.winter_nights, report.winter_bed_nights, report.winter_persons) == (1, 1, 1)
    assert report.winter_nights_planned == 2


@pytest.mark.role(Role.COORDINATOR)
def test_a_period_wholly_ahead_has_only_planned_winter_nights(desk, region):
    activate(desk, "0106", ActivationTerms(date(2026, 12, 1), date(2026, 12, 3), WinterPhase.ONE))
    report = monitor(desk, Period.of(PeriodKind.MONTH, 2026, 12))
    assert (report.winter_nights, report.winter_nights_planned) == (0, 3)


@pytest.mark.role(Role.COORDINATOR)
def test_no_activation_in_the_period_means_no_winter_use(desk, region):
    activate(desk, "0106", ActivationTerms(date(2026, 12, 1), date(2026, 12, 3), WinterPhase.ONE))
    open_overflow(desk, region.night_shelter, NOV(25), "drukte")
    assign_bed(desk, region.people["anon"], region.beds["NU1"], NOV(25))
    report = monitor(desk, NOVEMBER)
    assert (report.winter_nights, report.winter_bed_nights, report.winter_persons) == (0, 0, 0)
    assert report.bed_nights == 1


@pytest.mark.role(Role.COORDINATOR)
def test_a_person_in_two_facilities_counts_once_overall_and_once_in_each(desk, db, region):
    people, beds = region.people, region.beds
    update_person(
        desk,
        people["jan"],
        PersonDetails(
            first_name="Jan",
            last_name="Berg",
            date_of_birth=DateOfBirth(date(1968, 3, 4)),
            origin_municipality_code="0106",
        ),
    )
    assign_bed(desk, people["jan"], beds["N1"], NOV(20))
    end_stay(desk, _stay_of(db, people["jan"]), NOV(20), Outflow.OWN_FACILITY)
    assign_bed(desk, people["jan"], beds["K1"], NOV(22))
    assign_bed(desk, people["henk"], beds["N2"], NOV(24))
    report = monitor(desk, NOVEMBER)
    figures = {f.facility: (f.bed_nights, f.persons) for f in report.facilities}
    assert (figures["Nachtopvang Assen"], figures["KDO Assen"]) == ((2, 2), (3, 1))
    assert (report.unique_persons, report.new_persons, report.own_region_persons) == (2, 2, 1)
    assert dict(report.by_origin) == {"Assen": 1, "onbekend": 1}


@pytest.mark.role(Role.COORDINATOR)
def test_a_person_with_a_night_before_the_period_is_not_new(desk, db, region):
    earlier = Desk(db, clock=lambda: datetime(2026, 10, 3, 20, 0, tzinfo=UTC), user=desk.user)
    assign_bed(earlier, region.people["henk"], region.beds["N1"], date(2026, 10, 3))
    assign_bed(desk, region.people["henk"], region.beds["N1"], NOV(24))
    assign_bed(desk, region.people["jan"], region.beds["N2"], NOV(24))
    report = monitor(desk, NOVEMBER)
    assert (report.unique_persons, report.new_persons) == (2, 1)
    assert monitor(desk, Period.of(PeriodKind.MONTH, 2026, 10)).new_persons == 1
