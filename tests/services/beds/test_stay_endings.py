"""Every ended stay has a destination, whichever path ends it, and people who
stop coming to the night shelter have their stay ended after the configured nights."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.monitor import Period, PeriodKind
from shelter_desk.domain.roles import Role
from shelter_desk.domain.stays import Outflow
from shelter_desk.persistence.models import BedNight, Stay
from shelter_desk.services.admin.organisation_settings import change_setting
from shelter_desk.services.beds.assignment import assign_bed, check_in, check_out, move_bed
from shelter_desk.services.beds.stays import (
    correct_outflow,
    end_stay,
    end_stays_of_people_who_stopped_coming,
    stays_left_unannounced,
)
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.monitor import monitor

NIGHT = date(2026, 11, 24)  # tonight for the `desk` fixture


def _stays(db, person_id):
    with db.read() as session:
        return session.scalars(select(Stay).where(Stay.person_id == person_id).order_by(Stay.start_night)).all()


def _slept(desk, person_id, bed_id, night):
    """A night the person came: reserved, checked in, checked out in the morning."""
    bed_night = assign_bed(desk, person_id, bed_id, night)
    check_in(desk, bed_night)
    check_out(desk, bed_night)
    return bed_night


def test_ending_a_stay_by_hand_records_the_destination_chosen(desk, db, region):
    _slept(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=1))
    [stay] = _stays(db, region.people["jan"])
    end_stay(desk, stay.id, NIGHT - timedelta(days=1), Outflow.FAMILY_FRIENDS)
    [ended] = _stays(db, region.people["jan"])
    assert (ended.end_night, ended.outflow) == (NIGHT - timedelta(days=1), Outflow.FAMILY_FRIENDS)


def test_a_move_to_another_facility_ends_the_old_stay_as_through_flow(desk, db, region):
    jan = region.people["jan"]
    assign_bed(desk, jan, region.beds["K1"], NIGHT - timedelta(days=2))
    with db.read() as session:
        bed_night = session.scalar(select(BedNight.id).where(BedNight.person_id == jan, BedNight.night == NIGHT))
    move_bed(desk, bed_night, region.beds["N1"])
    kdo, night_shelter = _stays(db, jan)
    assert (kdo.end_night, kdo.outflow) == (NIGHT - timedelta(days=1), Outflow.OWN_FACILITY)
    assert night_shelter.end_night is None


def test_a_place_elsewhere_the_next_night_ends_the_night_shelter_stay_as_through_flow(desk, db, region):
    jan = region.people["jan"]
    _slept(desk, jan, region.beds["N1"], NIGHT - timedelta(days=1))
    assign_bed(desk, jan, region.beds["K1"], NIGHT)
    night_shelter, kdo = _stays(db, jan)
    assert (night_shelter.end_night, night_shelter.outflow) == (NIGHT - timedelta(days=1), Outflow.OWN_FACILITY)
    assert kdo.end_night is None


def test_a_return_after_a_gap_ends_the_earlier_stay_on_its_last_night_destination_unknown(desk, db, region):
    jan = region.people["jan"]
    _slept(desk, jan, region.beds["N1"], NIGHT - timedelta(days=3))
    assign_bed(desk, jan, region.beds["N2"], NIGHT)
    earlier, current = _stays(db, jan)
    assert (earlier.end_night, earlier.outflow) == (NIGHT - timedelta(days=3), Outflow.LEFT_UNANNOUNCED)
    assert current.start_night == NIGHT and current.end_night is None


def test_a_return_after_a_gap_keeps_every_night_of_the_earlier_stay(desk, db, region):
    jan = region.people["jan"]
    assign_bed(desk, jan, region.beds["N1"], NIGHT - timedelta(days=3))  # reserved, never claimed
    assign_bed(desk, jan, region.beds["N1"], NIGHT)
    earlier, _current = _stays(db, jan)
    with db.read() as session:
        kept = session.scalars(select(BedNight.night).where(BedNight.stay_id == earlier.id)).all()
    assert kept == [NIGHT - timedelta(days=3)] and earlier.end_night == NIGHT - timedelta(days=3)


def test_a_person_who_stopped_coming_for_three_nights_has_the_stay_ended_dated_the_last_night_present(desk, db, region):
    jan = region.people["jan"]
    _slept(desk, jan, region.beds["N1"], NIGHT - timedelta(days=5))
    _slept(desk, jan, region.beds["N1"], NIGHT - timedelta(days=4))  # then absent 21, 22, 23 November
    [ended] = end_stays_of_people_who_stopped_coming(desk)
    assert (ended.person, ended.end_night, ended.outflow) == (
        "Jan Berg",
        NIGHT - timedelta(days=4),
        Outflow.LEFT_UNANNOUNCED,
    )
    [stay] = _stays(db, jan)
    assert (stay.end_night, stay.outflow) == (NIGHT - timedelta(days=4), Outflow.LEFT_UNANNOUNCED)


def test_a_person_absent_for_two_nights_keeps_the_stay(desk, db, region):
    _slept(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=3))  # absent 22, 23 November
    assert end_stays_of_people_who_stopped_coming(desk) == []
    [stay] = _stays(db, region.people["jan"])
    assert stay.end_night is None


def test_reserved_nights_without_check_in_count_as_absent(desk, db, region):
    jan = region.people["jan"]
    _slept(desk, jan, region.beds["N1"], NIGHT - timedelta(days=4))
    for days in (3, 2, 1):
        assign_bed(desk, jan, region.beds["N1"], NIGHT - timedelta(days=days))  # never came to claim them
    [ended] = end_stays_of_people_who_stopped_coming(desk)
    assert ended.end_night == NIGHT - timedelta(days=4)


def test_someone_holding_a_bed_tonight_is_expected_and_keeps_the_stay(desk, db, region):
    jan = region.people["jan"]
    _slept(desk, jan, region.beds["N1"], NIGHT - timedelta(days=5))
    for days in (4, 3, 2, 1, 0):
        assign_bed(desk, jan, region.beds["N1"], NIGHT - timedelta(days=days))
    assert end_stays_of_people_who_stopped_coming(desk) == []


@pytest.mark.role(Role.ADMINISTRATOR)
def test_the_number_of_nights_is_an_organisation_setting(desk, db, region):
    change_setting(desk, "stay.absent_nights", "5")
    _slept(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=5))  # absent 4 nights
    assert end_stays_of_people_who_stopped_coming(desk) == []
    _slept(desk, region.people["henk"], region.beds["N2"], NIGHT - timedelta(days=6))  # absent 5 nights
    assert [e.person for e in end_stays_of_people_who_stopped_coming(desk)] == ["Henk Bakker"]


def test_short_stays_are_not_ended_for_absence(desk, db, region):
    assign_bed(desk, region.people["jan"], region.beds["K1"], NIGHT - timedelta(days=10))
    assert end_stays_of_people_who_stopped_coming(desk) == []


@pytest.mark.role(Role.COORDINATOR)
def test_the_coordinator_sees_who_stopped_coming_and_corrects_the_destination(desk, db, region):
    _slept(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=4))
    end_stays_of_people_who_stopped_coming(desk)
    [listed] = stays_left_unannounced(desk, NIGHT - timedelta(days=30))
    correct_outflow(desk, listed.stay_id, Outflow.INSTITUTION)
    assert stays_left_unannounced(desk, NIGHT - timedelta(days=30)) == []
    [stay] = _stays(db, region.people["jan"])
    assert stay.outflow is Outflow.INSTITUTION


def test_the_front_desk_cannot_correct_a_destination(desk, db, region):
    _slept(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=4))
    [ended] = end_stays_of_people_who_stopped_coming(desk)
    with pytest.raises(DeskError):
        correct_outflow(desk, ended.stay_id, Outflow.OWN_HOME)


@pytest.mark.role(Role.COORDINATOR)
def test_a_correction_must_name_a_destination_a_worker_can_choose(desk, db, region):
    _slept(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=4))
    [ended] = end_stays_of_people_who_stopped_coming(desk)
    with pytest.raises(DeskError, match="Kies een bestemming"):
        correct_outflow(desk, ended.stay_id, Outflow.OWN_FACILITY)


@pytest.mark.role(Role.COORDINATOR)
def test_the_monitor_counts_people_who_stopped_coming_in_the_outflow(desk, db, region):
    _slept(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=4))
    end_stays_of_people_who_stopped_coming(desk)
    outflow = dict(monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11)).outflow)
    assert outflow[Outflow.LEFT_UNANNOUNCED.label] == 1


@pytest.mark.role(Role.COORDINATOR)
def test_anonymising_ends_a_stay_left_open_with_the_destination_the_desk_knows(db, region, desk):
    from shelter_desk.domain.dutch_dates import DateOfBirth
    from shelter_desk.domain.person_details import PersonDetails
    from shelter_desk.services.people.records import register_person
    from shelter_desk.services.trust.retention import anonymise

    past = Desk(db, clock=lambda: datetime(2014, 3, 1, 20, 0, tzinfo=UTC), user=desk.user)
    old = register_person(
        past, PersonDetails(first_name="Oud", last_name="Contact", date_of_birth=DateOfBirth(date(1950, 6, 1)))
    )
    bed_night = assign_bed(past, old, region.beds["N1"], date(2014, 3, 1))
    check_in(past, bed_night)
    anonymise(desk, [old])
    [stay] = _stays(db, old)
    assert (stay.end_night, stay.outflow) == (date(2014, 3, 1), Outflow.LEFT_UNANNOUNCED)
