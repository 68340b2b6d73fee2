"""The shift handover per location: write an entry, read the recent log, mark it read, see what is
about one person, and remove entries past the keep period.

Entries naming a person are personal data: writing one, reading it in the person's record and
marking it read are in the access log of every person it names; anonymising a person blanks the
entries about them (see `trust.retention`); entries older than the setting 'Dienstoverdracht
bewaren' are removed by a coordinator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.handover import RECENT_DAYS, check_entry_text
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import Facility, HandoverEntry, HandoverPerson, HandoverRead, Person
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings

# Every list shows the linked persons and the readers: load them with the entries, not one by one.
_LINKS = (selectinload(HandoverEntry.persons), selectinload(HandoverEntry.reads))


@dataclass(frozen=True)
class HandoverLocation:
    facility_id: int
    name: str
    latest: datetime | None  # the newest entry: the desk opens on the location that is being written in


@dataclass(frozen=True)
class EntryView:
    entry_id: int
    facility: str
    written_at: datetime
    written_by: str
    text: str
    must_read: bool
    persons: tuple[tuple[int, str], ...]  # person id, name
    read_by: tuple[str, ...]  # display names, in order of reading
    read_by_me: bool

    @property
    def needs_my_reading(self) -> bool:
        return self.must_read and not self.read_by_me


def handover_locations(desk: Desk) -> list[HandoverLocation]:
    """Every active location with a shift (shelters and drop-ins), by name, with its newest entry."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        latest = dict(
            session.execute(
                select(HandoverEntry.facility_id, func.max(HandoverEntry.written_at)).group_by(
                    HandoverEntry.facility_id
                )
            ).all()
        )
        return [
            HandoverLocation(f.id, f.name, _aware(latest.get(f.id)))
            for f in session.scalars(select(Facility).where(Facility.active.is_(True)).order_by(Facility.name))
        ]


def _aware(moment: datetime | None) -> datetime | None:
    """max() over a UtcDateTime column comes back as SQLite's naive text value: UTC, made aware."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def write_entry(desk: Desk, facility_id: int, text: str, person_ids: list[int], must_read: bool = False) -> int:
    """Add an entry to the location's handover; returns its id. The writer has read it by writing it."""
    desk.require(Permission.DESK_WORK)
    clean = check_entry_text(text)
    with desk.db.write() as session:
        get_or_refuse(session, Facility, facility_id, "Kies de locatie van de overdracht.")
        unique_ids = list(dict.fromkeys(person_ids))
        for person_id in unique_ids:
            live_person(session, person_id, "koppel dat record")
        now = desk.now()
        user = desk.user
        entry = HandoverEntry(
            facility_id=facility_id, written_at=now, written_by=desk.worker, text=clean, must_read=must_read
        )
        entry.persons = [HandoverPerson(person_id=person_id) for person_id in unique_ids]
        if user is not None:
            entry.reads = [HandoverRead(username=user.username, display_name=user.display_name, read_at=now)]
        session.add(entry)
        session.flush()
        for person_id in unique_ids:
            log_access(session, desk, Action.CREATE, person_id, ("dienstoverdracht",), f"overdracht {entry.id}")
        return entry.id


def handover_log(desk: Desk, facility_id: int, days: int = RECENT_DAYS) -> list[EntryView]:
    """The location's entries of the last `days` days, newest first, with who read them."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        since = desk.now() - timedelta(days=days)
        entries = session.scalars(
            select(HandoverEntry)
            .options(*_LINKS)
            .where(HandoverEntry.facility_id == facility_id, HandoverEntry.written_at >= since)
            .order_by(HandoverEntry.written_at.desc(), HandoverEntry.id.desc())
        ).all()
        return _views(session, desk, list(entries))


def unread_count(desk: Desk, facility_id: int, days: int = RECENT_DAYS) -> int:
    """How many recent must-read entries of the location this worker has not read yet."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        since = desk.now() - timedelta(days=days)
        username = desk.user.username if desk.user else ""
        read = select(HandoverRead.entry_id).where(HandoverRead.username == username)
        return (
            session.scalar(
                select(func.count())
                .select_from(HandoverEntry)
                .where(
                    HandoverEntry.facility_id == facility_id,
                    HandoverEntry.written_at >= since,
                    HandoverEntry.must_read.is_(True),
                    HandoverEntry.id.not_in(read),
                )
            )
            or 0
        )


def mark_read(desk: Desk, entry_ids: list[int]) -> int:
    """This worker read these entries (once each); returns how many were newly marked."""
    desk.require(Permission.DESK_WORK)
    user = desk.user
    assert user is not None  # require() refused otherwise
    with desk.db.write() as session:
        entries = session.scalars(select(HandoverEntry).options(*_LINKS).where(HandoverEntry.id.in_(entry_ids))).all()
        if len(entries) != len(set(entry_ids)):
            raise DeskError("Een van de overdrachtsnotities bestaat niet meer (verlopen en opgeschoond).")
        marked = 0
        for entry in entries:
            if any(r.username == user.username for r in entry.reads):
                continue
            entry.reads.append(HandoverRead(username=user.username, display_name=user.display_name, read_at=desk.now()))
            marked += 1
            for link in entry.persons:
                log_access(
                    session, desk, Action.READ, link.person_id, ("dienstoverdracht",), f"overdracht {entry.id} gelezen"
                )
        return marked


def handover_about(desk: Desk, person_id: int) -> list[EntryView]:
    """Every kept entry that names the person, newest first (shown in the record; the reading is logged)."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        entries = list(
            session.scalars(
                select(HandoverEntry)
                .options(*_LINKS)
                .where(
                    HandoverEntry.id.in_(select(HandoverPerson.entry_id).where(HandoverPerson.person_id == person_id))
                )
                .order_by(HandoverEntry.written_at.desc(), HandoverEntry.id.desc())
            ).all()
        )
        if entries:
            log_access(session, desk, Action.READ, person_id, ("dienstoverdracht",), f"{len(entries)} notities")
        return _views(session, desk, entries)


def expired_entries(session: Session, keep_days: int, now: datetime) -> list[int]:
    """The ids of entries written before the keep period (a step)."""
    return list(
        session.scalars(select(HandoverEntry.id).where(HandoverEntry.written_at < now - timedelta(days=keep_days)))
    )


def purge_expired_handover(desk: Desk) -> int:
    """Remove entries older than the setting 'Dienstoverdracht bewaren (dagen)'; returns how many."""
    desk.require(Permission.DECIDE)
    with desk.db.write() as session:
        ids = expired_entries(session, read_settings(session).handover_keep_days, desk.now())
        if ids:
            for table in (HandoverRead, HandoverPerson):
                session.execute(delete(table).where(table.entry_id.in_(ids)))
            session.execute(delete(HandoverEntry).where(HandoverEntry.id.in_(ids)))
        return len(ids)


def _views(session: Session, desk: Desk, entries: list[HandoverEntry]) -> list[EntryView]:
    person_ids = {link.person_id for entry in entries for link in entry.persons}
    names = (
        {
            pid: display_name(first, prefix, last, alias)
            for pid, first, prefix, last, alias in session.execute(
                select(Person.id, Person.first_name, Person.name_prefix, Person.last_name, Person.alias).where(
                    Person.id.in_(person_ids)
                )
            )
        }
        if person_ids
        else {}
    )
    facilities = (
        dict(
            session.execute(
                select(Facility.id, Facility.name).where(Facility.id.in_({entry.facility_id for entry in entries}))
            ).all()
        )
        if entries
        else {}
    )
    username = desk.user.username if desk.user else ""
    return [
        EntryView(
            entry.id,
            facilities.get(entry.facility_id, ""),
            entry.written_at,
            entry.written_by,
            entry.text,
            entry.must_read,
            tuple((link.person_id, names.get(link.person_id, "?")) for link in entry.persons),
            tuple(r.display_name or r.username for r in entry.reads),
            any(r.username == username for r in entry.reads),
        )
        for entry in entries
    ]
