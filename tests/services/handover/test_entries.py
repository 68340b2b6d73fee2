"""The shift handover: write with linked persons, the next shift reads and marks, the record shows it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.persistence.models import AccessLogEntry, HandoverEntry
from shelter_desk.services.handover import (
    handover_about,
    handover_log,
    mark_read,
    purge_expired_handover,
    unread_count,
    write_entry,
)
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people import register_person
from shelter_desk.services.trust.retention import anonymise

DAY = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)  # 16:30 in Assen


def _shift(db, name: str, at: datetime, role: Role = Role.FRONT_DESK) -> Desk:
    return Desk(db, clock=lambda: at, user=DeskUser(hash(name) % 1000 + 10, name, name.capitalize(), role))


@pytest.fixture
def day_shift(db, region):
    return _shift(db, "dagdienst", DAY)


@pytest.fixture
def night_shift(db, region):
    return _shift(db, "nachtdienst", DAY + timedelta(hours=4, minutes=30))


def test_the_next_shift_sees_a_must_read_entry_until_it_marks_it_read(day_shift, night_shift, region):
    entry = write_entry(
        day_shift,
        region.night_shelter,
        "Jan heeft morgen om 9 uur een afspraak in het ziekenhuis.",
        [region.people["jan"]],
        must_read=True,
    )
    assert unread_count(night_shift, region.night_shelter) == 1
    [view] = handover_log(night_shift, region.night_shelter)
    assert view.needs_my_reading and view.persons == ((region.people["jan"], "Jan Berg"),)
    assert view.read_by == ("Dagdienst",)  # the writer read it by writing it
    assert mark_read(night_shift, [entry]) == 1
    assert unread_count(night_shift, region.night_shelter) == 0
    assert handover_log(night_shift, region.night_shelter)[0].read_by == ("Dagdienst", "Nachtdienst")


def test_marking_read_twice_counts_once(day_shift, night_shift, region):
    entry = write_entry(day_shift, region.night_shelter, "Rustige dienst.", [])
    mark_read(night_shift, [entry])
    assert mark_read(night_shift, [entry]) == 0


def test_an_empty_entry_is_refused_and_saves_nothing(day_shift, db, region):
    with pytest.raises(DeskError, match="lege overdracht"):
        write_entry(day_shift, region.night_shelter, "   ", [region.people["jan"]])
    with pytest.raises(DeskError, match="te lang"):
        write_entry(day_shift, region.night_shelter, "x" * 2001, [])
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(HandoverEntry)) == 0


def test_the_log_shows_the_last_three_days_of_one_location(day_shift, db, region):
    old = _shift(db, "dagdienst", DAY - timedelta(days=4))
    write_entry(old, region.night_shelter, "Oud nieuws.", [])
    write_entry(day_shift, region.kdo, "Andere locatie.", [])
    write_entry(day_shift, region.night_shelter, "Vandaag.", [])
    assert [v.text for v in handover_log(day_shift, region.night_shelter)] == ["Vandaag."]


def test_the_record_shows_the_entries_about_the_person_and_logs_the_reading(day_shift, night_shift, db, region):
    write_entry(day_shift, region.night_shelter, "Afspraak ziekenhuis morgen 9 uur.", [region.people["jan"]])
    write_entry(day_shift, region.night_shelter, "Over iemand anders.", [region.people["henk"]])
    assert [v.text for v in handover_about(night_shift, region.people["jan"])] == ["Afspraak ziekenhuis morgen 9 uur."]
    with db.read() as session:
        logged = session.execute(
            select(AccessLogEntry.action, AccessLogEntry.username).where(
                AccessLogEntry.person_id == region.people["jan"], AccessLogEntry.fields == "dienstoverdracht"
            )
        ).all()
    assert logged == [("aanmaken", "dagdienst"), ("inzien", "nachtdienst")]


@pytest.mark.role(Role.COORDINATOR)
def test_anonymising_a_person_blanks_the_entries_about_them(desk, db, region):
    past = Desk(db, clock=lambda: datetime(2014, 3, 1, 20, 0, tzinfo=UTC), user=desk.user)
    old = register_person(
        past, PersonDetails(first_name="Oud", last_name="Contact", date_of_birth=DateOfBirth(date(1950, 6, 1)))
    )
    write_entry(past, region.night_shelter, "Oud Contact was onrustig.", [old])
    anonymise(desk, [old])
    with db.read() as session:
        assert session.scalars(select(HandoverEntry.text)).all() == ["[geanonimiseerd]"]


@pytest.mark.role(Role.COORDINATOR)
def test_entries_past_the_keep_period_are_purged(desk, db, region):
    old = Desk(db, clock=lambda: desk.now() - timedelta(days=91), user=desk.user)
    entry = write_entry(old, region.night_shelter, "Lang geleden.", [region.people["jan"]])
    mark_read(replace(desk, user=DeskUser(99, "ander", "Ander", Role.FRONT_DESK)), [entry])
    write_entry(desk, region.night_shelter, "Recent.", [])
    assert purge_expired_handover(desk) == 1
    with db.read() as session:
        assert session.scalars(select(HandoverEntry.text)).all() == ["Recent."]


def test_the_front_desk_may_not_purge(desk):
    with pytest.raises(DeskError):
        purge_expired_handover(desk)
