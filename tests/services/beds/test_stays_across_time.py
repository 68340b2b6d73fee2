"""A stay across nights: a running short stay holds its bed on every night of its period, booking
ahead never ends a stay, checking in is for tonight, an end never erases a night slept or paid, and
a placement booked ahead can be withdrawn. Each on both engines."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.stays import HOLD_AHEAD_NIGHTS, BedNightStatus, BedState, FeeStatus, Outflow
from shelter_desk.persistence.models import BedNight, Stay
from shelter_desk.services.beds.assignment import (
    assign_bed,
    cancel_bed,
    check_in,
    check_out,
    keep_stays_running,
    move_bed,
    set_fee_status,
)
from shelter_desk.services.beds.board import bed_board
from shelter_desk.services.beds.stays import end_stay, end_stays_of_people_who_stopped_coming, stays_left_unannounced

NIGHT = date(2026, 11, 24)  # tonight for the `desk` fixture


def _day(offset: int) -> date:
    return NIGHT + timedelta(days=offset)


def _cell(desk, night, bed_id):
    return next(cell for board in bed_board(desk, night) for cell in board.beds if cell.bed_id == bed_id)


def _stays(db, person_id):
    with db.read() as session:
        return session.scalars(select(Stay).where(Stay.person_id == person_id).order_by(Stay.start_night)).all()


def _night_of(db, person_id, night):
    with db.read() as session:
        return session.scalar(
            select(BedNight).where(
                BedNight.person_id == person_id, BedNight.night == night, BedNight.status != BedNightStatus.NO_SHOW
            )
        )


def test_tomorrows_and_next_weeks_board_show_the_resident_in_the_bed_of_a_running_stay(desk, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], _day(-3))
    for night in (_day(-1), NIGHT, _day(1), _day(7)):
        assert _cell(desk, night, region.beds["K1"]).occupant == "Henk Bakker"
    assert {board.name: board.free for board in bed_board(desk, _day(1))}["KDO Assen"] == 1


def test_giving_a_residents_bed_to_a_newcomer_on_a_later_night_is_refused_naming_the_resident(desk, db, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT)
    with pytest.raises(DeskError, match="Henk Bakker, die hier verblijft sinds 24-11-2026"):
        assign_bed(desk, region.people["jan"], region.beds["K1"], _day(1))
    assert _night_of(db, region.people["jan"], _day(1)) is None


def test_a_bed_held_past_the_written_nights_of_an_open_ended_stay_is_refused_too(desk, db, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT)
    with db.write() as session:  # a stay that runs past its maximum: held as long as it is open
        stay = session.scalars(select(Stay).where(Stay.person_id == region.people["henk"])).one()
        last = max(session.scalars(select(BedNight.night).where(BedNight.stay_id == stay.id)))
    with pytest.raises(DeskError, match="Henk Bakker"):
        assign_bed(desk, region.people["jan"], region.beds["K1"], last + timedelta(days=3))


def test_a_new_placement_is_reserved_until_the_person_is_checked_in(desk, region):
    bed_night = assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT)
    assert _cell(desk, NIGHT, region.beds["K1"]).state is BedState.RESERVED
    check_in(desk, bed_night)
    assert _cell(desk, NIGHT, region.beds["K1"]).state is BedState.CHECKED_IN


def test_a_resident_inside_last_night_is_inside_tonight_after_the_daily_step(desk, db, region):
    check_in(desk, assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT))
    desk.clock = lambda: datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
    assert _cell(desk, _day(1), region.beds["K1"]).state is BedState.RESERVED  # reading writes nothing
    keep_stays_running(desk)
    assert _cell(desk, _day(1), region.beds["K1"]).state is BedState.CHECKED_IN
    assert _cell(desk, _day(2), region.beds["K1"]).state is BedState.RESERVED


def test_the_daily_step_keeps_an_overrunning_stay_holding_its_bed_weeks_ahead(desk, db, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], _day(-100))  # maximum 91 nights: over it
    keep_stays_running(desk)
    assert _cell(desk, _day(HOLD_AHEAD_NIGHTS), region.beds["K1"]).occupant == "Henk Bakker"


# -- the five ways a stay's nights went wrong --------------------------------------------------


def test_reserving_two_nights_ahead_leaves_the_running_stay_open(desk, db, region):
    jan = region.people["jan"]
    check_in(desk, assign_bed(desk, jan, region.beds["N1"], NIGHT))
    assign_bed(desk, jan, region.beds["N1"], _day(2))
    [stay] = _stays(db, jan)
    assert (stay.end_night, stay.outflow) == (None, None)
    assert stays_left_unannounced(desk, _day(-30)) == []
    assign_bed(desk, jan, region.beds["N1"], _day(1))
    [stay] = _stays(db, jan)
    assert stay.start_night == NIGHT


def test_a_night_booked_before_a_stay_booked_ahead_moves_the_stays_start_back(desk, db, region):
    jan = region.people["jan"]
    assign_bed(desk, jan, region.beds["N1"], _day(1))
    assign_bed(desk, jan, region.beds["N1"], NIGHT)
    [stay] = _stays(db, jan)
    assert stay.start_night == NIGHT


def test_a_place_at_another_facility_booked_ahead_leaves_a_running_short_stay_alone(desk, db, region):
    henk = region.people["henk"]
    check_in(desk, assign_bed(desk, henk, region.beds["K1"], NIGHT))
    with pytest.raises(DeskError, match="al een bed"):
        assign_bed(desk, henk, region.beds["N1"], _day(3))
    [stay] = _stays(db, henk)
    assert stay.end_night is None


def test_tomorrows_reservation_cannot_be_checked_in_tonight(desk, db, region):
    bed_night = assign_bed(desk, region.people["jan"], region.beds["N1"], _day(1))
    with pytest.raises(DeskError, match="pas op de avond zelf"):
        check_in(desk, bed_night)
    assert _night_of(db, region.people["jan"], _day(1)).status == BedNightStatus.RESERVED


def test_a_room_change_booked_from_a_later_night_keeps_tonights_room_and_moves_every_night_after(desk, db, region):
    henk = region.people["henk"]
    check_in(desk, assign_bed(desk, henk, region.beds["K1"], _day(-1)))
    later = _night_of(db, henk, _day(2))
    move_bed(desk, later.id, region.beds["K2"])
    assert _cell(desk, NIGHT, region.beds["K1"]).occupant == "Henk Bakker"
    assert _cell(desk, _day(1), region.beds["K1"]).occupant == "Henk Bakker"
    for night in (_day(2), _day(3), _day(60)):
        assert _cell(desk, night, region.beds["K2"]).occupant == "Henk Bakker"
        assert _cell(desk, night, region.beds["K1"]).state is BedState.FREE


def test_a_room_change_into_a_bed_taken_on_a_later_night_is_refused_whole(desk, db, region):
    henk, jan = region.people["henk"], region.people["jan"]
    assign_bed(desk, henk, region.beds["K1"], NIGHT)
    assign_bed(desk, jan, region.beds["K2"], _day(5))
    with pytest.raises(DeskError, match="Jan Berg"):
        move_bed(desk, _night_of(db, henk, NIGHT).id, region.beds["K2"])
    assert _cell(desk, NIGHT, region.beds["K1"]).occupant == "Henk Bakker"


def test_ending_a_stay_before_nights_the_person_slept_is_refused_naming_them(desk, db, region):
    jan = region.people["jan"]
    desk.clock = lambda: datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
    first = assign_bed(desk, jan, region.beds["N1"], _day(-2))
    check_in(desk, first)
    check_out(desk, first)
    desk.clock = lambda: datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
    second = assign_bed(desk, jan, region.beds["N1"], _day(-1))
    check_in(desk, second)
    set_fee_status(desk, second, FeeStatus.PAID)
    desk.clock = lambda: datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
    check_in(desk, assign_bed(desk, jan, region.beds["N1"], NIGHT))
    [stay] = _stays(db, jan)
    with pytest.raises(DeskError, match="23-11-2026, 24-11-2026"):
        end_stay(desk, stay.id, _day(-2), Outflow.UNKNOWN)
    assert _night_of(db, jan, _day(-1)).fee_status == FeeStatus.PAID
    assert _cell(desk, NIGHT, region.beds["N1"]).state is BedState.CHECKED_IN


def test_a_short_stay_placement_booked_for_tomorrow_can_be_withdrawn(desk, db, region):
    henk = region.people["henk"]
    bed_night = assign_bed(desk, henk, region.beds["K1"], _day(1))
    cancel_bed(desk, bed_night)
    assert _stays(db, henk) == []
    assert _cell(desk, _day(2), region.beds["K1"]).state is BedState.FREE
    assign_bed(desk, henk, region.beds["K1"], NIGHT)
    [stay] = _stays(db, henk)
    assert stay.start_night == NIGHT


def test_a_short_stay_the_person_has_arrived_in_is_ended_not_withdrawn(desk, db, region):
    henk = region.people["henk"]
    check_in(desk, assign_bed(desk, henk, region.beds["K1"], NIGHT))
    with pytest.raises(DeskError, match="beëindig"):
        cancel_bed(desk, _night_of(db, henk, _day(1)).id)
    assert len(_stays(db, henk)) == 1


def test_the_stopped_coming_sweep_keeps_a_night_the_person_paid_for_but_did_not_come(desk, db, region):
    jan = region.people["jan"]
    desk.clock = lambda: datetime(2026, 11, 19, 20, 0, tzinfo=UTC)
    slept = assign_bed(desk, jan, region.beds["N1"], _day(-5))
    check_in(desk, slept)
    paid = assign_bed(desk, jan, region.beds["N1"], _day(-4))
    set_fee_status(desk, paid, FeeStatus.PAID)
    desk.clock = lambda: datetime(2026, 11, 24, 20, 0, tzinfo=UTC)
    [ended] = end_stays_of_people_who_stopped_coming(desk)
    assert ended.end_night == _day(-4)
    assert _night_of(db, jan, _day(-4)).fee_status == FeeStatus.PAID
