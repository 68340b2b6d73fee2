"""Giving a bed costs a fixed, small number of round trips to the database.

On a database server every statement waits for the network and the server's process: the bed
rules read what they need in one statement (the details only for a rule that has something to
say), so a desk action does not grow slower with each rule added.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

from shelter_desk.domain.errors import DeskError
from shelter_desk.services.beds.assignment import assign_bed

NIGHT = date(2026, 11, 24)
# Statements, commit and the pool's liveness ping of one assignment of a first night (a new
# stay): 12, plus the keep-apart check after the bed is written (the bed's facility, the person's
# agreements in force, and the flush before them). SQLite's `BEGIN IMMEDIATE` is a statement of
# its own; PostgreSQL's BEGIN goes with the first.
MOST_ROUND_TRIPS = {"postgresql": 15, "sqlite": 16}


class _Counted:
    def __init__(self, engine) -> None:
        self.count = 0
        self.engine = engine

    def one(self, *_args, **_kwargs) -> None:
        self.count += 1

    def __enter__(self) -> _Counted:
        for name in ("before_cursor_execute", "commit", "rollback"):
            event.listen(self.engine, name, self.one)
        event.listen(self.engine.pool, "checkout", self.one)
        return self

    def __exit__(self, *_exc) -> None:
        for name in ("before_cursor_execute", "commit", "rollback"):
            event.remove(self.engine, name, self.one)
        event.remove(self.engine.pool, "checkout", self.one)


def test_giving_a_bed_takes_a_dozen_round_trips_at_most(desk, db, region):
    with _Counted(db.engine) as counted:
        assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    assert counted.count <= MOST_ROUND_TRIPS[db.engine.dialect.name], counted.count


def test_refusing_a_taken_bed_takes_no_more_round_trips_than_giving_one(desk, db, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    with _Counted(db.engine) as counted, pytest.raises(DeskError, match="net vergeven"):
        assign_bed(desk, region.people["henk"], region.beds["N1"], NIGHT)
    assert counted.count <= MOST_ROUND_TRIPS[db.engine.dialect.name], counted.count
