"""Giving beds for a night: the rules, stays that run on, check-in/out, no-shows, fees, turnaways."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.domain.roles import Role
from shelter_desk.domain.stays import BedState, FeeStatus, Outflow, StayFlag, TurnawayReason
from shelter_desk.persistence.models import BedNight, Stay
from shelter_desk.services.beds.assignment import (
    assign_bed,
    cancel_bed,
    check_in,
    check_out,
    move_bed,
    outstanding_cents,
    release_no_shows,
    set_fee_status,
)
from shelter_desk.services.beds.board import bed_board, fitting_free_beds, stays_to_review
from shelter_desk.services.beds.stays import end_stay, open_overflow
from shelter_desk.services.beds.turnaways import record_turnaway, turnaways_of_night
from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk
from shelter_desk.services.people.restrictions import add_restriction

NIGHT = date(2026, 11, 24)


def _cell(desk, night, bed_id):
    for board in bed_board(desk, night):
        for cell in board.beds:
            if cell.bed_id == bed_id:
                return cell
    raise AssertionError(bed_id)


def _stays(db, person_id):
    with db.read() as session:
        return session.scalars(select(Stay).where(Stay.person_id == person_id).order_by(Stay.start_night)).all()


def test_a_bed_given_for_tonight_is_reserved_with_the_contribution_owed(desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    cell = _cell(desk, NIGHT, region.beds["N1"])
    assert (cell.state, cell.occupant, cell.fee, cell.fee_cents) == (BedState.RESERVED, "Jan Berg", FeeStatus.OWED, 400)
    assert outstanding_cents(desk, region.people["jan"]) == 400


def test_a_regular_sleeping_again_the_next_night_continues_one_stay(desk, db, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=1))
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    assert len(_stays(db, region.people["jan"])) == 1


def test_after_a_night_away_a_new_stay_starts_and_the_old_one_ends_at_its_last_night(desk, db, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=3))
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    old, new = _stays(db, region.people["jan"])
    assert (old.end_night, new.start_night) == (NIGHT - timedelta(days=3), NIGHT)


def test_a_taken_bed_is_refused_and_nothing_is_saved(desk, db, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    with pytest.raises(DeskError, match="bed is net vergeven aan Jan Berg"):
        assign_bed(desk, region.people["henk"], region.beds["N1"], NIGHT)
    assert _stays(db, region.people["henk"]) == []


def test_nobody_gets_two_beds_on_one_night(desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    with pytest.raises(DeskError, match="al een bed: Nachtopvang Assen, bed 1"):
        assign_bed(desk, region.people["jan"], region.beds["N2"], NIGHT)


def test_a_19_year_old_is_refused_at_the_adult_shelter_and_offered_the_youth_shelter(desk, region):
    with pytest.raises(DeskError, match="Leeftijd 19"):
        assign_bed(desk, region.people["sem"], region.beds["N1"], NIGHT)
    [suggestion] = fitting_free_beds(desk, region.people["sem"], NIGHT, exclude_facility_id=region.night_shelter)
    assert (suggestion.facility, suggestion.bed, suggestion.free_beds) == ("Jongerenopvang Assen", "1", 2)


@pytest.mark.role(Role.COORDINATOR)
def test_an_overruled_refusal_is_saved_with_its_reason(desk, db, region):
    bed_night = assign_bed(desk, region.people["sem"], region.beds["N1"], NIGHT, "jongerenopvang vol")
    with db.read() as session:
        assert session.get(BedNight, bed_night).override_reason == "jongerenopvang vol"


@pytest.mark.role(Role.COORDINATOR)
def test_a_safety_restriction_stops_the_bed_whatever_the_reason(desk, region):
    add_restriction(
        desk,
        region.people["henk"],
        RestrictionTerms(region.night_shelter, NIGHT, NIGHT + timedelta(days=7), "Agressie", True),
    )
    with pytest.raises(DeskError, match="Veiligheidsbeperking"):
        assign_bed(desk, region.people["henk"], region.beds["N1"], NIGHT, "toch")


@pytest.mark.role(Role.COORDINATOR)
def test_a_closed_overflow_bed_opens_when_a_coordinator_opens_the_overflow(desk, region):
    assert _cell(desk, NIGHT, region.beds["NU1"]).state is BedState.CLOSED
    with pytest.raises(DeskError, match="gesloten"):
        assign_bed(desk, region.people["jan"], region.beds["NU1"], NIGHT)
    open_overflow(desk, region.night_shelter, NIGHT, "vorst")
    assign_bed(desk, region.people["jan"], region.beds["NU1"], NIGHT)
    assert _cell(desk, NIGHT, region.beds["NU1"]).state is BedState.RESERVED


def test_check_in_and_out_record_their_times(db, region):
    evening = datetime(2026, 11, 24, 20, 14, tzinfo=UTC)
    desk = Desk(db, clock=lambda: evening, user=COMMAND_LINE)
    bed_night = assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    check_in(desk, bed_night)
    desk.clock = lambda: evening + timedelta(hours=11)
    check_out(desk, bed_night)
    cell = _cell(desk, NIGHT, region.beds["N1"])
    assert (cell.state, cell.check_in, cell.check_out) == (BedState.CHECKED_OUT, "21:14", "08:14")


def test_checking_out_someone_not_checked_in_is_refused(desk, region):
    bed_night = assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    with pytest.raises(DeskError, match="na inchecken"):
        check_out(desk, bed_night)


def test_a_move_keeps_the_check_in(desk, region):
    bed_night = assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    check_in(desk, bed_night)
    move_bed(desk, bed_night, region.beds["N3"])
    assert _cell(desk, NIGHT, region.beds["N1"]).state is BedState.FREE
    assert _cell(desk, NIGHT, region.beds["N3"]).state is BedState.CHECKED_IN


def test_unclaimed_beds_are_released_only_after_the_no_show_hour(db, region):
    desk = Desk(db, clock=lambda: datetime(2026, 11, 24, 20, 0, tzinfo=UTC), user=COMMAND_LINE)
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    with pytest.raises(DeskError, match="nog geen 23:00"):
        release_no_shows(desk, NIGHT)
    desk.clock = lambda: datetime(2026, 11, 24, 22, 5, tzinfo=UTC)  # 23:05 in Assen
    assert release_no_shows(desk, NIGHT) == 1
    assert _cell(desk, NIGHT, region.beds["N1"]).state is BedState.FREE
    assign_bed(desk, region.people["henk"], region.beds["N1"], NIGHT)
    assert outstanding_cents(desk, region.people["jan"]) == 0


def test_a_cancelled_reservation_leaves_no_stay_behind(desk, db, region):
    cancel_bed(desk, assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT))
    assert _stays(db, region.people["jan"]) == []


def test_a_short_stay_gets_its_planned_end_and_holds_its_bed_on_every_night_up_to_it(desk, db, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT)
    [stay] = _stays(db, region.people["henk"])
    assert stay.planned_end_night == NIGHT + timedelta(days=90)
    for ahead in (1, 7, 90):
        assert _cell(desk, NIGHT + timedelta(days=ahead), region.beds["K1"]).occupant == "Henk Bakker"


def test_short_stays_near_and_over_their_maximum_are_listed_for_review(desk, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT - timedelta(days=80))
    assign_bed(desk, region.people["jan"], region.beds["K2"], NIGHT - timedelta(days=100))
    reviews = stays_to_review(desk, NIGHT)
    assert [(r.person, r.flag) for r in reviews] == [
        ("Jan Berg", StayFlag.OVER_MAXIMUM),
        ("Henk Bakker", StayFlag.NEAR_MAXIMUM),
    ]


def test_ending_a_stay_records_where_the_person_went_and_frees_later_nights(desk, db, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT - timedelta(days=1))
    [stay] = _stays(db, region.people["henk"])
    end_stay(desk, stay.id, NIGHT - timedelta(days=1), Outflow.OTHER_MUNICIPALITY_SHELTER, to_origin=True)
    [stay] = _stays(db, region.people["henk"])
    assert (stay.outflow, stay.outflow_to_origin) == ("opvang_andere_gemeente", True)
    assert _cell(desk, NIGHT, region.beds["K1"]).state is BedState.FREE


def test_a_stay_cannot_end_before_it_began(desk, db, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT)
    [stay] = _stays(db, region.people["henk"])
    with pytest.raises(DeskError, match="vóór het begin"):
        end_stay(desk, stay.id, NIGHT - timedelta(days=2), Outflow.UNKNOWN)


def test_a_paid_contribution_is_no_longer_outstanding(desk, region):
    bed_night = assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    set_fee_status(desk, bed_night, FeeStatus.PAID)
    assert outstanding_cents(desk, region.people["jan"]) == 0


def test_a_turnaway_records_who_why_and_where_referred(desk, region):
    record_turnaway(
        desk,
        NIGHT,
        TurnawayReason.FULL,
        person_id=region.people["jan"],
        facility_id=region.night_shelter,
        referred_to="Breehof Emmen",
    )
    record_turnaway(desk, NIGHT, TurnawayReason.FULL, description="man, ca. 40, geen naam")
    assert [(t.who, t.referred_to) for t in turnaways_of_night(desk, NIGHT)] == [
        ("Jan Berg", "Breehof Emmen"),
        ("man, ca. 40, geen naam", ""),
    ]


def test_an_anonymous_turnaway_needs_a_short_description(desk, region):
    with pytest.raises(DeskError, match="beschrijf kort"):
        record_turnaway(desk, NIGHT, TurnawayReason.FULL)


def test_the_board_counts_free_occupied_and_capacity(desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    board = {b.name: b for b in bed_board(desk, NIGHT)}["Nachtopvang Assen"]
    assert (board.free, board.occupied, board.capacity) == (2, 1, 3)


def test_a_short_stay_placed_in_the_past_holds_every_night_since(desk, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT - timedelta(days=10))
    for ago in (5, 0):
        assert _cell(desk, NIGHT - timedelta(days=ago), region.beds["K1"]).occupant == "Henk Bakker"


def test_a_move_from_the_night_shelter_to_a_short_stay_takes_the_short_stays_terms(desk, region):
    bed_night = assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    check_in(desk, bed_night)
    move_bed(desk, bed_night, region.beds["K1"])
    cell = _cell(desk, NIGHT, region.beds["K1"])
    assert (cell.state, cell.fee, cell.fee_cents) == (BedState.CHECKED_IN, FeeStatus.NONE, 0)
    assert outstanding_cents(desk, region.people["jan"]) == 0


@pytest.mark.role(Role.COORDINATOR)
def test_the_board_shows_every_restriction_in_force_on_the_persons_one_bed(desk, region):
    before = {board.facility_id: len(board.beds) for board in bed_board(desk, NIGHT)}
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    add_restriction(
        desk,
        region.people["jan"],
        RestrictionTerms(region.night_shelter, NIGHT, NIGHT + timedelta(days=7), "Agressie", True),
    )
    add_restriction(
        desk, region.people["jan"], RestrictionTerms(None, NIGHT, NIGHT + timedelta(days=7), "Drugs", False)
    )
    boards = bed_board(desk, NIGHT)
    assert {board.facility_id: len(board.beds) for board in boards} == before  # one row per bed, however many
    cells = [cell for board in boards for cell in board.beds if cell.person_id == region.people["jan"]]
    assert len(cells) == 1
    assert (cells[0].safety_ban, cells[0].restriction) == ("Agressie", "Drugs")
    assert cells[0].safety == "Veiligheidsbeperking: Agressie"
