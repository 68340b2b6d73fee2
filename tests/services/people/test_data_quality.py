"""The coordinator's data-quality work list across people, and its counts in the monitor's appendix."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.data_quality import QualityCheck
from shelter_desk.domain.monitor import Period, PeriodKind
from shelter_desk.domain.person_details import Consent, PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.domain.stays import Outflow
from shelter_desk.persistence.models import Stay
from shelter_desk.services.beds import assign_bed
from shelter_desk.services.beds.stays import end_stay
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.monitor import monitor
from shelter_desk.services.people import data_quality, update_person
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


@pytest.mark.role(Role.FRONT_DESK)
def test_the_front_desk_has_no_work_list(desk):
    from shelter_desk.domain.errors import DeskError

    with pytest.raises(DeskError, match="is de rol"):
        data_quality(desk)
