"""Belongings kept in a drop-in locker: store, hand back or clear, and the overdue list.

One item per locker label at a time (the database refuses a label in use, also between two
desks); belongings are cleared only after their keep-until date, and only by a named worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shelter_desk.domain.dropin import LockerOutcome, check_clearing, check_locker
from shelter_desk.domain.dutch_dates import format_dutch_date
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import LockerItem, Person
from shelter_desk.services.dropin.visits import drop_in
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk


@dataclass(frozen=True)
class LockerView:
    item_id: int
    label: str
    person_id: int
    person: str
    description: str
    stored_on: date
    keep_until: date
    overdue: bool


def store_belongings(
    desk: Desk, facility_id: int, person_id: int, label: str, description: str, keep_until: date
) -> int:
    """Keep someone's belongings in a locker until `keep_until`; returns the item id."""
    desk.require(Permission.DESK_WORK)
    today = desk.today()
    clean_label, clean_description = check_locker(label, description, today, keep_until)
    with desk.db.write() as session:
        facility = drop_in(session, facility_id)
        live_person(session, person_id, "zet de spullen op dat record")
        in_use = session.scalar(
            select(LockerItem).where(
                LockerItem.facility_id == facility_id, LockerItem.label == clean_label, LockerItem.cleared_on.is_(None)
            )
        )
        if in_use is not None:
            raise DeskError(
                f"Kluisje {clean_label} is in gebruik (sinds {format_dutch_date(in_use.stored_on)}, "
                f"bewaren tot {format_dutch_date(in_use.keep_until)}). Kies een ander kluisje."
            )
        item = LockerItem(
            facility_id=facility_id,
            person_id=person_id,
            label=clean_label,
            description=clean_description,
            stored_on=today,
            keep_until=keep_until,
            stored_by=desk.worker,
        )
        session.add(item)
        try:
            session.flush()
        except IntegrityError as error:
            raise DeskError(f"Kluisje {clean_label} werd net bij een andere balie in gebruik genomen.") from error
        log_access(session, desk, Action.CREATE, person_id, ("kluisje",), f"{facility.name}, kluisje {clean_label}")
        return item.id


def clear_locker(desk: Desk, item_id: int, outcome: LockerOutcome) -> None:
    """The owner picked the belongings up, or they are cleared after the keep-until date."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        item = get_or_refuse(session, LockerItem, item_id, "Dit kluisje bestaat niet.")
        if item.cleared_on is not None:
            raise DeskError(f"Kluisje {item.label} is al leeggemaakt op {format_dutch_date(item.cleared_on)}.")
        today = desk.today()
        check_clearing(outcome, item.keep_until, today)
        item.cleared_on, item.outcome, item.cleared_by = today, outcome, desk.worker
        log_access(session, desk, Action.UPDATE, item.person_id, ("kluisje",), f"kluisje {item.label} {outcome.value}")


def lockers_in_use(desk: Desk, facility_id: int, *, overdue_only: bool = False) -> list[LockerView]:
    """The lockers in use at the drop-in by label; with `overdue_only`, those past their keep-until date."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return read_lockers(session, facility_id, desk.today(), overdue_only=overdue_only)


def read_lockers(session: Session, facility_id: int, today: date, *, overdue_only: bool = False) -> list[LockerView]:
    query = (
        select(LockerItem, Person.first_name, Person.name_prefix, Person.last_name, Person.alias)
        .join(Person, Person.id == LockerItem.person_id)
        .where(LockerItem.facility_id == facility_id, LockerItem.cleared_on.is_(None))
    )
    if overdue_only:
        query = query.where(LockerItem.keep_until < today)
    rows = session.execute(query).all()
    views = [
        LockerView(
            item.id,
            item.label,
            item.person_id,
            display_name(first, prefix, last, alias),
            item.description,
            item.stored_on,
            item.keep_until,
            item.keep_until < today,
        )
        for item, first, prefix, last, alias in rows
    ]
    # Natural order: locker 2 before locker 12.
    return sorted(views, key=lambda v: v.label.zfill(8) if v.label.isdigit() else v.label)
