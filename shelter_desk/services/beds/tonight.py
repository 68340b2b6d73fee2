"""A person's night at a glance, for the desk: the bed they hold, the bed to offer, what is owed.

Scenario 1: a regular steps up, the desk opens him and one key gives him his bed of last night
when it is free (else a fitting free bed in the same facility, else anywhere in the region).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.bed_assignment import refusals
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.stays import FeeStatus
from shelter_desk.domain.text_input import check_night
from shelter_desk.persistence.models import OCCUPYING, Bed, BedNight, Facility, Person
from shelter_desk.services.beds.assignment import owed_cents
from shelter_desk.services.beds.board import BedSuggestion, assignment_facts, free_beds_for
from shelter_desk.services.desk import Desk


@dataclass(frozen=True)
class PersonTonight:
    night: date
    bed_night_id: int | None
    where: str  # "Nachtopvang Havenkade Assen, bed 3" or ""
    status: str  # "gereserveerd", "ingecheckt", ... or ""
    fee: FeeStatus
    fee_cents: int
    outstanding_cents: int  # all owed contributions, tonight's included
    offer: BedSuggestion | None  # what one key would give, when no bed is held yet


def person_tonight(desk: Desk, person_id: int, night: date) -> PersonTonight:
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        row = session.execute(
            select(BedNight, Bed.label, Facility.name).join(Bed, Bed.id == BedNight.bed_id)
            .join(Facility, Facility.id == Bed.facility_id)
            .where(BedNight.person_id == person_id, BedNight.night == night, OCCUPYING)
        ).first()
        owed = owed_cents(session, person_id)
        if row is not None:
            bed_night, label, facility = row
            return PersonTonight(night, bed_night.id, f"{facility}, bed {label}", bed_night.status,
                                 FeeStatus(bed_night.fee_status), bed_night.fee_cents, owed, None)
        return PersonTonight(night, None, "", "", FeeStatus.NONE, 0, owed, _proposal(session, person_id, night))


def propose_bed(desk: Desk, person_id: int, night: date) -> BedSuggestion | None:
    """Last night's bed if free and allowed; else a fitting bed in that facility; else anywhere."""
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        return _proposal(session, person_id, night)


def _proposal(session: Session, person_id: int, night: date) -> BedSuggestion | None:
    person = session.get(Person, person_id)
    if person is None:
        return None
    last = session.execute(
        select(Bed).join(BedNight, BedNight.bed_id == Bed.id)
        .where(BedNight.person_id == person_id, BedNight.night == night - timedelta(days=1), OCCUPYING)
    ).scalar_one_or_none()
    if last is not None and not refusals(assignment_facts(session, person, last, night)):
        return BedSuggestion(last.facility_id, last.facility.name, last.facility.kind, last.id, last.label, 1,
                             "zelfde bed als vorige nacht")
    home = last.facility_id if last is not None else None
    options = free_beds_for(session, person_id, night)
    options.sort(key=lambda option: (option.facility_id != home, not option.kind.allocated_per_night))
    return options[0] if options else None
