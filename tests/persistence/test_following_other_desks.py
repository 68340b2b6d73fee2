"""Every desk notices the changes of every other desk: on PostgreSQL through LISTEN/NOTIFY, on a
shared SQLite file through its change counter; writes to the quiet tables wake nobody."""

from __future__ import annotations

import threading

from shelter_desk.persistence.engine import Database, create_database_engine
from shelter_desk.persistence.models import AccessLogEntry, OrganisationSetting
from shelter_desk.persistence.types import utc_now

from .following import OtherDesk, add_following_facility

WAIT_S = 15  # an upper bound for a slow, shared test machine; the benchmark measures the real time


def _second_database(db: Database) -> Database:
    return Database(create_database_engine(db.location), db.location)


def _noticing(db: Database) -> tuple[threading.Event, list[bool]]:
    noticed = threading.Event()
    reachable: list[bool] = []
    db.changes.subscribe(noticed.set, reachable.append)
    assert db.changes.watching.wait(WAIT_S)
    return noticed, reachable


def test_a_change_committed_through_another_connection_is_noticed(db):
    noticed, _ = _noticing(db)
    other = _second_database(db)
    try:
        with other.write() as session:
            session.add(OrganisationSetting(key="night.no_show_hour", value="22:00"))
        assert noticed.wait(WAIT_S)
    finally:
        other.close()


def test_a_write_to_the_access_log_alone_wakes_no_desk(db):
    noticed, _ = _noticing(db)
    other = _second_database(db)
    try:
        with other.write() as session:
            session.add(OrganisationSetting(key="night.no_show_hour", value="22:00"))
        assert noticed.wait(WAIT_S)
        noticed.clear()
        seen = db.changes.changes_seen
        with other.write() as session:  # a record opened: one line in the access log
            session.add(
                AccessLogEntry(
                    at=utc_now(), username="test", workstation="test", action="inzien", previous_hash="y", hash="x"
                )
            )
        with other.write() as session:  # and then a real change, so the test knows the first came through
            session.add(OrganisationSetting(key="night.check_in_from", value="19:00"))
        assert noticed.wait(WAIT_S)
        assert db.changes.changes_seen == seen + 1
    finally:
        other.close()


def test_a_rolled_back_write_is_not_announced(db):
    noticed, _ = _noticing(db)
    other = _second_database(db)
    try:
        try:
            with other.write() as session:
                session.add(OrganisationSetting(key="night.no_show_hour", value="22:00"))
                session.flush()
                raise RuntimeError("afgebroken")
        except RuntimeError:
            pass
        with other.write() as session:
            session.add(OrganisationSetting(key="night.check_in_from", value="19:00"))
        assert noticed.wait(WAIT_S)
        assert db.changes.changes_seen == 1
    finally:
        other.close()


def test_a_reservation_at_a_desk_in_another_process_is_noticed_each_time(db, location, tmp_path):
    add_following_facility(db, beds=3)
    noticed, _ = _noticing(db)
    other = OtherDesk(location.url, tmp_path)
    try:
        for _ in range(3):
            noticed.clear()
            n = other.assign_next()
            assert noticed.wait(WAIT_S), f"reservation {n} of the other desk not noticed"
            while other.committed_at(n) is None:  # noticed, so committed: its line follows at once
                noticed.wait(0.05)
    finally:
        other.stop()


def test_an_encrypted_file_is_followed_too(tmp_path):
    from shelter_desk.persistence.location import resolve_location, with_key
    from shelter_desk.services.kernel.database_setup import open_and_prepare

    location = with_key(resolve_location(str(tmp_path / "regio.sqlite")), "een-lange-sleutel-voor-de-test")
    db = open_and_prepare(location)
    try:
        noticed, _ = _noticing(db)
        other = _second_database(db)
        try:
            with other.write() as session:
                session.add(OrganisationSetting(key="night.no_show_hour", value="22:00"))
            assert noticed.wait(WAIT_S)
        finally:
            other.close()
    finally:
        db.close()
