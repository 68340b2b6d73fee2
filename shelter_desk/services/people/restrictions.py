"""Restrictions (bans) on a person: adding, lifting, and which ones hold on a given night."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.restrictions import RestrictionTerms, applies_to, is_in_force
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.text_input import check_night
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import Facility, Restriction
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk


@dataclass(frozen=True)
class RestrictionView:
    restriction_id: int
    facility_id: int | None
    facility: str  # "alle voorzieningen" when it holds everywhere
    starts_on: date
    ends_on: date
    reason: str
    is_safety: bool
    alternative: str
    lifted: bool

    def in_force_on(self, night: date) -> bool:
        return not self.lifted and is_in_force(self.starts_on, self.ends_on, night)

    def holds_for(self, facility_id: int, night: date) -> bool:
        return self.in_force_on(night) and applies_to(self.facility_id, facility_id)


def add_restriction(desk: Desk, person_id: int, terms: RestrictionTerms) -> int:
    desk.require(Permission.DESK_WORK)
    clean = terms.validated()
    with desk.db.write() as session:
        row_id = store_restriction(session, person_id, clean)
        log_access(session, desk, Action.UPDATE, person_id, ("beperking",))
        return row_id


def store_restriction(session: Session, person_id: int, clean: RestrictionTerms) -> int:
    """The step behind adding a restriction (validated terms), inside the caller's transaction."""
    live_person(session, person_id, "leg de beperking vast op dat record")
    for facility_id in (clean.facility_id, clean.alternative_facility_id):
        if facility_id is not None and session.get(Facility, facility_id) is None:
            raise DeskError("De gekozen voorziening bestaat niet.")
    row = Restriction(
        person_id=person_id,
        facility_id=clean.facility_id,
        starts_on=clean.starts_on,
        ends_on=clean.ends_on,
        reason=clean.reason,
        is_safety=clean.is_safety,
        alternative_facility_id=clean.alternative_facility_id,
    )
    session.add(row)
    session.flush()
    return row.id


def lift_restriction(desk: Desk, restriction_id: int) -> None:
    desk.require(Permission.DECIDE)
    with desk.db.write() as session:
        row = get_or_refuse(session, Restriction, restriction_id, "Deze beperking bestaat niet.")
        if row.lifted_at is not None:
            raise DeskError("Deze beperking is al opgeheven.")
        row.lifted_at = desk.now()
        log_access(session, desk, Action.UPDATE, row.person_id, ("beperking opgeheven",))


def restrictions_of(desk: Desk, person_id: int) -> list[RestrictionView]:
    """All restrictions of a person, newest first (lifted and ended ones too, for the history)."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return _restrictions(session, person_id)


def _restrictions(session: Session, person_id: int) -> list[RestrictionView]:
    target, alternative = aliased(Facility), aliased(Facility)
    rows = session.execute(
        select(Restriction, target.name, alternative.name)
        .outerjoin(target, target.id == Restriction.facility_id)
        .outerjoin(alternative, alternative.id == Restriction.alternative_facility_id)
        .where(Restriction.person_id == person_id)
        .order_by(Restriction.starts_on.desc(), Restriction.id.desc())
    ).all()
    return [
        RestrictionView(
            r.id,
            r.facility_id,
            facility or "alle voorzieningen",
            r.starts_on,
            r.ends_on,
            r.reason,
            r.is_safety,
            alt or "",
            r.lifted_at is not None,
        )
        for r, facility, alt in rows
    ]


def restrictions_in_force(
    desk: Desk, person_id: int, night: date, facility_id: int | None = None
) -> list[RestrictionView]:
    """What holds tonight (for one facility when given): shown in red on the person and at the bed."""
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        return [
            r
            for r in _restrictions(session, person_id)
            if r.in_force_on(night) and (facility_id is None or applies_to(r.facility_id, facility_id))
        ]
