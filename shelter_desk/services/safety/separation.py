"""Keep apart: two persons who must not be placed together, and the check the bed actions ask.

A coordinator records (and ends) a keep-apart; giving, moving or proposing a bed asks
`keep_apart_conflicts` inside its own transaction. The front desk learns that there is a
conflict, never with whom: only coordinators see the other person's name and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Date, Select, bindparam, or_, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import DeskUser, Permission
from shelter_desk.domain.safety import KeepApartConflict, KeepApartScope, KeepApartTerms, breaks_keep_apart
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import OCCUPYING, Bed, BedNight, Facility, KeepApart, Person
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk

HIDDEN = "een andere persoon (alleen de coördinator ziet wie)"


@dataclass(frozen=True)
class KeepApartView:
    keep_apart_id: int
    other: str  # the other person's name for a coordinator; HIDDEN for the front desk
    scope: KeepApartScope
    reason: str  # "" for the front desk
    starts_on: date
    ends_on: date
    ended: bool

    def holds_on(self, night: date) -> bool:
        return not self.ended and self.starts_on <= night <= self.ends_on


def may_see_names(user: DeskUser) -> bool:
    """Who the other person is and why: the coordinator's knowledge (those who may decide)."""
    return user.role.includes(Permission.DECIDE.minimum_role)


def keep_apart(desk: Desk, terms: KeepApartTerms) -> int:
    """Record that two persons must be kept apart until the end date; returns its id."""
    desk.require(Permission.DECIDE)
    clean = terms.validated()
    with desk.db.write() as session:
        for person_id in (clean.person_id, clean.other_person_id):
            live_person(session, person_id, "leg het vast op dat record")
        row = KeepApart(
            person_id=clean.person_id,
            other_person_id=clean.other_person_id,
            scope=clean.scope,
            reason=clean.reason,
            starts_on=clean.starts_on,
            ends_on=clean.ends_on,
            recorded_by=desk.worker,
        )
        session.add(row)
        session.flush()
        for person_id in (clean.person_id, clean.other_person_id):
            log_access(session, desk, Action.UPDATE, person_id, ("uit elkaar houden",), f"afspraak {row.id}")
        return row.id


def end_keep_apart(desk: Desk, keep_apart_id: int) -> None:
    desk.require(Permission.DECIDE)
    with desk.db.write() as session:
        row = get_or_refuse(session, KeepApart, keep_apart_id, "Deze afspraak bestaat niet (meer).")
        if row.ended_at is not None:
            raise DeskError("Deze afspraak is al beëindigd.")
        row.ended_at = desk.now()
        for person_id in (row.person_id, row.other_person_id):
            log_access(session, desk, Action.UPDATE, person_id, ("uit elkaar houden",), f"afspraak {row.id} beëindigd")


def keep_aparts_of(desk: Desk, person_id: int) -> list[KeepApartView]:
    """The keep-aparts of a person, newest first; the other person and reason only for coordinators."""
    user = desk.require(Permission.DESK_WORK)
    shown = may_see_names(user)
    with desk.db.read() as session:
        rows = session.scalars(
            select(KeepApart)
            .where(or_(KeepApart.person_id == person_id, KeepApart.other_person_id == person_id))
            .order_by(KeepApart.starts_on.desc(), KeepApart.id.desc())
        ).all()
        views = []
        for row in rows:
            other = row.other_person_id if row.person_id == person_id else row.person_id
            views.append(
                KeepApartView(
                    row.id,
                    _name(session, other) if shown else HIDDEN,
                    row.scope,
                    row.reason if shown else "",
                    row.starts_on,
                    row.ends_on,
                    row.ended_at is not None,
                )
            )
        return views


# -- steps inside the caller's transaction ------------------------------------------------------


def keep_apart_conflicts(session: Session, person_id: int, facility_id: int, night: date) -> list[KeepApartConflict]:
    """The keep-aparts a bed for `person_id` at `facility_id` on `night` would break."""
    rows = session.execute(
        select(KeepApart, Person, Facility.id, Facility.name)
        .select_from(KeepApart)
        .join(
            BedNight,
            (BedNight.night == night)
            & OCCUPYING
            & (
                ((KeepApart.person_id == person_id) & (BedNight.person_id == KeepApart.other_person_id))
                | ((KeepApart.other_person_id == person_id) & (BedNight.person_id == KeepApart.person_id))
            ),
        )
        .join(Person, Person.id == BedNight.person_id)
        .join(Bed, Bed.id == BedNight.bed_id)
        .join(Facility, Facility.id == Bed.facility_id)
        .where(
            or_(KeepApart.person_id == person_id, KeepApart.other_person_id == person_id),
            KeepApart.ended_at.is_(None),
            KeepApart.starts_on <= night,
            KeepApart.ends_on >= night,
        )
        .order_by(KeepApart.id)
    ).all()
    return [
        KeepApartConflict(
            display_name(other.first_name, other.name_prefix, other.last_name, other.alias),
            other_facility,
            row.scope,
            row.reason,
        )
        for row, other, other_facility_id, other_facility in rows
        if breaks_keep_apart(row.scope, facility_id, other_facility_id)
    ]


def kept_apart_on(session: Session, night: date) -> set[int]:
    """The persons placed on `night` together with someone they must be kept apart from (the board's mark).

    One read (the board asks at every refresh): each keep-apart in force with the facility of
    either person's bed that night, as plain rows in the caller's transaction, as the board reads.
    """
    marked: set[int] = set()
    for person_id, other_person_id, scope, here, there in session.connection().execute(
        _KEPT_APART_READ, {"night": night}
    ):
        if here is not None and there is not None and breaks_keep_apart(scope, here, there):
            marked |= {person_id, other_person_id}
    return marked


def _kept_apart_read() -> Select[*tuple[Any, ...]]:
    night = bindparam("night", type_=Date)

    def placed(person_id: Any) -> Any:  # the facility of the person's bed that night (one at most)
        return (
            select(Bed.facility_id)
            .join(BedNight, BedNight.bed_id == Bed.id)
            .where(BedNight.person_id == person_id, BedNight.night == night, OCCUPYING)
            .scalar_subquery()
        )

    return select(
        KeepApart.person_id,
        KeepApart.other_person_id,
        KeepApart.scope,
        placed(KeepApart.person_id),
        placed(KeepApart.other_person_id),
    ).where(KeepApart.ended_at.is_(None), KeepApart.starts_on <= night, KeepApart.ends_on >= night)


_KEPT_APART_READ = _kept_apart_read()  # built once


def _name(session: Session, person_id: int) -> str:
    person = session.get(Person, person_id)
    if person is None:
        return ""
    return display_name(person.first_name, person.name_prefix, person.last_name, person.alias)
