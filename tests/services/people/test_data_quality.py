"""The coordinator's data-quality work list across people, and its counts in the monitor's appendix."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.data_quality import QualityCheck
from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.monitor import Period, PeriodKind
from shelter_desk.domain.person_details import Consent, PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.domain.stays import Outflow
from shelter_desk.persistence.models import Bed, Facility, Stay
from shelter_desk.services.beds import assign_bed
from shelter_desk.services.beds.stays import end_stay
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.reference_data import ensure_region
from shelter_desk.services.monitor import monitor
from shelter_desk.services.monitor.figures import monitor_sections
from shelter_desk.services.people import data_quality, register_person, update_person
from shelter_desk.services.people.quality_checks import quality_counts

pytestmark = pytest.mark.role(Role.COORDINATOR)
TODAY = date(2026, 11, 24)
SEVEN_WEEKS_AGO = TODAY - timedelta(weeks=7)


@pytest.fixture
def jan_seven_weeks_ago(desk, db, region):
    """Jan slept here once seven weeks ago, left without a word; nobody filled in origin or consent."""
    past = Desk(db, clock=lambda: datetime(2026, 10, 6, 20, 0, tzinfo=UTC), user=desk.user)
    assign_bed(past, region.people["jan"], region.beds["N1"], SEVEN_WEEKS_AGO)
    with db.read() as session:
        stay = session.scalar(select(Stay.id).where(Stay.person_id == region.people["jan"]))
    end_stay(desk, stay, SEVEN_WEEKS_AGO, Outflow.UNKNOWN)
    return region.people["jan"]


def test_the_list_names_each_open_point_with_the_field_to_fix(desk, jan_seven_weeks_ago):
    lines = [(line.check, line.person, line.field) for line in data_quality(desk)]
    assert (QualityCheck.ORIGIN_UNKNOWN, "Jan Berg", "origin") in lines
    assert (QualityCheck.CONSENT_NOT_ASKED, "Jan Berg", "consent") in lines
    assert (QualityCheck.DESTINATION_UNKNOWN, "Jan Berg", "outflow") in lines


def test_fixing_the_record_takes_the_points_off_the_list(desk, jan_seven_weeks_ago):
    update_person(
        desk,
        jan_seven_weeks_ago,
        PersonDetails(
            first_name="Jan",
            last_name="Berg",
            origin_municipality_code="0106",
            consent=Consent.GIVEN,
            consent_date=TODAY,
        ),
    )
    checks = {line.check for line in data_quality(desk) if line.person_id == jan_seven_weeks_ago}
    assert checks == {QualityCheck.DESTINATION_UNKNOWN}


def test_people_who_never_slept_here_have_no_origin_or_consent_point(desk, region):
    assert [line for line in data_quality(desk) if line.person_id == region.people["henk"]] == []


def test_the_monitor_appendix_counts_open_points_per_check(desk, jan_seven_weeks_ago):
    report = monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11))
    counts = dict(report.data_quality)
    assert counts[QualityCheck.ORIGIN_UNKNOWN.label] == 1
    assert counts[QualityCheck.POSTAL_REVIEW_OVERDUE.label] == 0
    assert list(counts) == [check.label for check in QualityCheck]


def test_the_monitor_appendix_counts_exactly_the_points_the_work_list_shows(desk, jan_seven_weeks_ago):
    report = monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11))
    assert report.data_quality == quality_counts(data_quality(desk))
    assert sum(count for _label, count in report.data_quality) >= 3  # Jan's three points at least


def _slept_once_and_left(db, desk, person, bed, night):
    """`person` slept in `bed` on `night` only and left without a word."""
    past = Desk(db, clock=lambda: datetime.combine(night, datetime.min.time(), UTC).replace(hour=20), user=desk.user)
    assign_bed(past, person, bed, night)
    with db.read() as session:
        stay = session.scalar(select(Stay.id).where(Stay.person_id == person).order_by(Stay.id.desc()))
    end_stay(desk, stay, night, Outflow.UNKNOWN)


@pytest.fixture
def emmen(db, desk, region, jan_seven_weeks_ago):
    """Kees slept in Emmen's night shelter (another region) seven weeks ago, like Jan in Assen: the
    same open points, each in his own region. Returns (Assen's region id, Emmen's region id, Kees)."""
    with db.write() as session:
        facility = Facility(
            region=ensure_region(session, "0114"), name="Nachtopvang Emmen", kind=FacilityKind.NIGHT_SHELTER, min_age=23
        )
        facility.beds = [Bed(label="1", position=1)]
        session.add(facility)
        session.flush()
        bed, emmen_region = facility.beds[0].id, facility.region_id
        assen_region = session.get(Facility, region.night_shelter).region_id
    kees = register_person(
        desk, PersonDetails(first_name="Kees", last_name="Vos", date_of_birth=DateOfBirth(date(1975, 6, 1)))
    )
    _slept_once_and_left(db, desk, kees, bed, SEVEN_WEEKS_AGO)
    return assen_region, emmen_region, kees


HALF_YEAR = Period.of(PeriodKind.HALF_YEAR, 2026, 2)


def test_the_regions_appendix_counts_only_the_regions_people(desk, emmen, jan_seven_weeks_ago):
    assen, _emmen, kees = emmen
    people = {line.person_id for line in data_quality(desk, assen)}
    assert people == {jan_seven_weeks_ago}
    counts = dict(monitor(desk, HALF_YEAR, region_id=assen).data_quality)
    assert counts[QualityCheck.ORIGIN_UNKNOWN.label] == 1  # Jan's, not Kees's
    assert counts[QualityCheck.DESTINATION_UNKNOWN.label] == 1
    assert kees not in people


def test_the_organisations_appendix_counts_every_regions_people(desk, emmen, jan_seven_weeks_ago):
    _assen, _emmen, kees = emmen
    assert {jan_seven_weeks_ago, kees} <= {line.person_id for line in data_quality(desk)}
    counts = dict(monitor(desk, HALF_YEAR).data_quality)
    assert counts[QualityCheck.ORIGIN_UNKNOWN.label] == 2
    assert counts[QualityCheck.DESTINATION_UNKNOWN.label] == 2


def test_the_regions_appendix_counts_exactly_the_points_of_the_regions_work_list(desk, emmen):
    for region_id in emmen[:2]:
        report = monitor(desk, HALF_YEAR, region_id=region_id)
        assert report.data_quality == quality_counts(data_quality(desk, region_id))
        assert sum(count for _label, count in report.data_quality) >= 3  # the region's man's three points


def test_a_facilitys_report_counts_the_open_points_of_its_region(desk, region, emmen):
    assen = emmen[0]
    report = monitor(desk, HALF_YEAR, facility_id=region.night_shelter)
    assert report.data_quality == monitor(desk, HALF_YEAR, region_id=assen).data_quality


def test_the_appendix_title_says_whose_open_points_it_counts(desk, emmen):
    assen = emmen[0]
    titles = [section.title for section in monitor_sections(monitor(desk, HALF_YEAR, region_id=assen))]
    assert "Bijlage: datakwaliteit, open punten (stand van vandaag, regio Assen)" in titles
    titles = [section.title for section in monitor_sections(monitor(desk, HALF_YEAR))]
    assert "Bijlage: datakwaliteit, open punten (stand van vandaag, hele organisatie)" in titles


def test_someone_whose_last_stay_ended_over_a_year_ago_is_on_the_organisations_list_only(db, desk, region):
    long_ago = TODAY - timedelta(days=400)
    _slept_once_and_left(db, desk, region.people["henk"], region.beds["N2"], long_ago)
    with db.read() as session:
        assen = session.get(Facility, region.night_shelter).region_id
    henk = region.people["henk"]
    assert henk in {line.person_id for line in data_quality(desk) if line.check is QualityCheck.ORIGIN_UNKNOWN}
    assert henk not in {line.person_id for line in data_quality(desk, assen)}


@pytest.mark.role(Role.FRONT_DESK)
def test_the_front_desk_has_no_work_list(desk):
    from shelter_desk.domain.errors import DeskError

    with pytest.raises(DeskError, match="is de rol"):
        data_quality(desk)
