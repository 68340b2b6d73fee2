"""The no-show release: names first, only reservations made before the no-show hour, one
confirmation, and an undo for the night."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.stays import BedState
from shelter_desk.services.beds.assignment import (
    assign_bed,
    check_in,
    no_shows_due,
    outstanding_cents,
    release_no_shows,
    undo_no_show_release,
)
from shelter_desk.services.beds.board import bed_board
from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk

NIGHT = date(2026, 11, 24)
AT_2000 = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)  # 20:00 in Assen
AT_2305 = datetime(2026, 11, 24, 22, 5, tzinfo=UTC)
AT_2310 = datetime(2026, 11, 24, 22, 10, tzinfo=UTC)
AT_2330 = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)


@pytest.fixture
def evening(db):
    return Desk(db, clock=lambda: AT_2000, user=COMMAND_LINE)


def _state(desk, bed_id):
    return next(c.state for b in bed_board(desk, NIGHT) for c in b.beds if c.bed_id == bed_id)


def test_before_the_no_show_hour_nothing_is_due_and_nothing_is_released(evening, region):
    assign_bed(evening, region.people["jan"], region.beds["N1"], NIGHT)
    preview = no_shows_due(evening, NIGHT)
    assert not preview.hour_passed
    with pytest.raises(DeskError, match="nog geen 23:00"):
        release_no_shows(evening, NIGHT)


def test_the_release_names_the_unclaimed_reservations_and_keeps_one_made_after_the_hour(evening, region):
    assign_bed(evening, region.people["jan"], region.beds["N1"], NIGHT)
    check_in(evening, assign_bed(evening, region.people["henk"], region.beds["N2"], NIGHT))
    evening.clock = lambda: AT_2310
    assign_bed(evening, region.people["anon"], region.beds["N3"], NIGHT)  # sent here at 23:10
    evening.clock = lambda: AT_2330
    preview = no_shows_due(evening, NIGHT)
    assert preview.hour_passed
    assert [(n.person, n.bed) for n in preview.due] == [("Jan Berg", "1")]
    assert [(n.person, n.reserved_at) for n in preview.kept] == [("Vogel", "23:10")]
    assert release_no_shows(evening, NIGHT, [n.bed_night_id for n in preview.due]) == 1
    assert _state(evening, region.beds["N1"]) is BedState.FREE
    assert _state(evening, region.beds["N3"]) is BedState.RESERVED


def test_only_the_reservations_shown_are_released(evening, region):
    assign_bed(evening, region.people["jan"], region.beds["N1"], NIGHT)
    shown_too_early = no_shows_due(evening, NIGHT)
    assign_bed(evening, region.people["henk"], region.beds["N2"], NIGHT)  # reserved after the desk looked
    shown = [n.bed_night_id for n in shown_too_early.due]
    evening.clock = lambda: AT_2330
    assert release_no_shows(evening, NIGHT, shown) == 1
    assert _state(evening, region.beds["N2"]) is BedState.RESERVED


def test_the_release_can_be_undone_for_the_night_with_the_contribution_owed_again(db, region):
    desk = Desk(db, clock=lambda: AT_2000, user=COMMAND_LINE)
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    desk.clock = lambda: AT_2305
    release_no_shows(desk, NIGHT)
    assert outstanding_cents(desk, region.people["jan"]) == 0
    assert undo_no_show_release(desk, NIGHT) == (1, [])
    assert _state(desk, region.beds["N1"]) is BedState.RESERVED
    assert outstanding_cents(desk, region.people["jan"]) == 400


def test_an_undo_leaves_a_bed_that_went_to_someone_else_with_them(db, region):
    desk = Desk(db, clock=lambda: AT_2000, user=COMMAND_LINE)
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    desk.clock = lambda: AT_2305
    release_no_shows(desk, NIGHT)
    assign_bed(desk, region.people["henk"], region.beds["N1"], NIGHT)
    assert undo_no_show_release(desk, NIGHT) == (0, ["Jan Berg"])
    occupant = next(c.occupant for b in bed_board(desk, NIGHT) for c in b.beds if c.bed_id == region.beds["N1"])
    assert occupant == "Henk Bakker"


def test_a_past_nights_release_cannot_be_undone(db, region):
    desk = Desk(db, clock=lambda: datetime(2026, 11, 25, 19, 0, tzinfo=UTC), user=COMMAND_LINE)
    with pytest.raises(DeskError, match="alleen voor de nacht van vandaag"):
        undo_no_show_release(desk, NIGHT)
