"""Write transactions take SQLite's write lock at their start, so a busy desk waits, not fails."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.engine import LOCKED_MESSAGE, Database, create_database_engine
from shelter_desk.persistence.models import OrganisationSetting

pytestmark = pytest.mark.sqlite_only("SQLite's write lock (BEGIN IMMEDIATE) and busy timeout")


def _second_desk(db: Database, busy_timeout_ms: int) -> Database:
    return Database(create_database_engine(db.location, busy_timeout_ms), db.location)


def test_a_read_then_write_transaction_waits_for_another_desk_instead_of_failing(db):
    other = _second_desk(db, busy_timeout_ms=5000)
    released = threading.Event()
    errors: list[BaseException] = []

    def hold_the_lock() -> None:
        with db.write() as session:
            session.add(OrganisationSetting(key="night.no_show_hour", value="22:00"))
            session.flush()
            released.wait(2)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    time.sleep(0.2)
    try:
        threading.Timer(0.3, released.set).start()
        with other.write() as session:
            # Reads first, then writes: with a plain BEGIN this fails at once as "locked".
            count = session.scalar(select(func.count()).select_from(OrganisationSetting))
            session.add(OrganisationSetting(key="night.default_fee", value="3.00"))
    except BaseException as error:  # pragma: no cover - reported below
        errors.append(error)
    finally:
        holder.join()
        other.close()
    assert errors == []
    assert count == 1  # it saw the first desk's committed write: it ran after it
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(OrganisationSetting)) == 2


def test_a_desk_that_waits_too_long_gets_a_dutch_message_and_saves_nothing(db):
    other = _second_desk(db, busy_timeout_ms=200)
    try:
        with db.write() as session:
            session.add(OrganisationSetting(key="night.no_show_hour", value="22:00"))
            session.flush()
            with pytest.raises(DeskError) as refused:
                with other.write() as other_session:
                    other_session.add(OrganisationSetting(key="night.default_fee", value="3.00"))
        assert refused.value.message == LOCKED_MESSAGE
    finally:
        other.close()
    with db.read() as session:
        keys = session.scalars(select(OrganisationSetting.key)).all()
    assert keys == ["night.no_show_hour"]
