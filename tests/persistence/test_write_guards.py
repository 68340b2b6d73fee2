"""The named write guards: taken in one order on both engines; on PostgreSQL a second writer of
the same rule waits for the first to commit and then sees what it wrote. Reads never write."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from shelter_desk.persistence.engine import Database, create_database_engine
from shelter_desk.persistence.locks import ACCESS_LOG, BED_NIGHTS, WINTER_ACTIVATIONS, lock_for
from shelter_desk.persistence.models import OrganisationSetting


def test_guards_are_taken_in_their_fixed_order(db):
    with db.write() as session:
        lock_for(session, WINTER_ACTIVATIONS, BED_NIGHTS)
        lock_for(session, BED_NIGHTS)  # again: nothing to do
        lock_for(session, ACCESS_LOG)
    with pytest.raises(RuntimeError, match="order"):
        with db.write() as session:
            lock_for(session, ACCESS_LOG)
            lock_for(session, BED_NIGHTS)  # could wait for a desk that waits for us: refused


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_a_second_writer_of_a_rule_waits_for_the_first_and_sees_its_commit(db):
    other = Database(create_database_engine(db.location), db.location)
    holding, seen = threading.Event(), []

    def first_desk() -> None:
        with db.write() as session:
            lock_for(session, BED_NIGHTS)
            holding.set()
            time.sleep(0.3)
            session.add(OrganisationSetting(key="night.no_show_hour", value="22:00"))

    thread = threading.Thread(target=first_desk)
    thread.start()
    holding.wait(5)
    started = time.perf_counter()
    try:
        with other.write() as session:
            lock_for(session, BED_NIGHTS)
            waited = time.perf_counter() - started
            seen.append(
                session.scalar(
                    select(func.count())
                    .select_from(OrganisationSetting)
                    .where(OrganisationSetting.key == "night.no_show_hour")
                )
            )
    finally:
        thread.join()
        other.close()
    assert waited > 0.15 and seen == [1]


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_a_read_transaction_on_postgresql_cannot_write(db):
    with pytest.raises(DBAPIError, match="read-only"):
        with db.read() as session:
            session.execute(text("INSERT INTO organisation_setting (key, value, updated_at) VALUES ('x', 'y', now())"))


@pytest.mark.parametrize("db_engine", ["postgresql"], indirect=True)
def test_a_desk_that_waits_too_long_for_a_guard_gets_a_dutch_message_and_saves_nothing(db):
    from shelter_desk.domain.errors import DeskError
    from shelter_desk.persistence.engine import LOCKED_MESSAGE

    impatient = Database(create_database_engine(db.location, busy_timeout_ms=200), db.location)
    try:
        with db.write() as session:
            lock_for(session, BED_NIGHTS)
            with pytest.raises(DeskError) as refused:
                with impatient.write() as other:
                    other.add(OrganisationSetting(key="night.default_fee", value="3.00"))
                    other.flush()
                    lock_for(other, BED_NIGHTS)
        assert refused.value.message == LOCKED_MESSAGE
        with db.read() as session:
            assert (
                session.scalar(
                    select(func.count())
                    .select_from(OrganisationSetting)
                    .where(OrganisationSetting.key == "night.default_fee")
                )
                == 0
            )
    finally:
        impatient.close()
