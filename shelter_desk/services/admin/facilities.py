"""Beheer of facilities and their beds: create, change, add regular or overflow beds, retire a bed."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import AgeRange, FacilityTerms
from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.lookups import get_or_refuse
from shelter_desk.persistence.models import OCCUPYING, Bed, BedNight, Facility, Municipality, Region
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.reference_data import ensure_region


@dataclass(frozen=True)
class BedRow:
    bed_id: int
    label: str
    is_overflow: bool
    active: bool


@dataclass(frozen=True)
class FacilityDetails:
    facility_id: int
    terms: FacilityTerms
    region: str
    active: bool
    beds: tuple[BedRow, ...]
    allocates_by_decision: bool = False  # places given after an application and a decision


def facility_details(desk: Desk) -> list[FacilityDetails]:
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        rows = session.execute(
            select(Facility, Region).join(Region, Region.id == Facility.region_id).order_by(Region.name, Facility.name)
        ).all()
        return [
            FacilityDetails(
                f.id,
                FacilityTerms(
                    f.name,
                    f.kind,
                    r.centre_municipality_code,
                    AgeRange(f.min_age, f.max_age),
                    f.max_stay,
                    f.provider,
                    f.street,
                    f.postcode,
                    f.city,
                    f.night_fee_cents,
                    f.phone or "",
                ),
                r.name,
                f.active,
                tuple(BedRow(b.id, b.label, b.is_overflow, b.active) for b in f.beds),
                f.allocates_by_decision,
            )
            for f, r in rows
        ]


def save_facility(desk: Desk, terms: FacilityTerms, facility_id: int | None = None) -> int:
    """Create (facility_id None) or change a facility; the name must be unique."""
    desk.require(Permission.ADMINISTER)
    with desk.db.write() as session:
        saved_id = store_facility(session, terms, facility_id).id
    desk.search.forget_facilities()
    return saved_id


def add_beds(desk: Desk, facility_id: int, count: int, *, overflow: bool = False) -> list[str]:
    """Add `count` beds numbered on from the last (overflow beds as U1, U2, ...); returns the labels."""
    desk.require(Permission.ADMINISTER)
    with desk.db.write() as session:
        return append_beds(
            session, get_or_refuse(session, Facility, facility_id, FACILITY_GONE), count, overflow=overflow
        )


FACILITY_GONE = "Deze voorziening bestaat niet meer."


def store_facility(session: Session, terms: FacilityTerms, facility_id: int | None = None) -> Facility:
    """Validate and store a facility's terms inside the caller's transaction (a step, no permission check)."""
    clean = terms.validated()
    if session.get(Municipality, clean.centre_municipality_code) is None:
        raise DeskError("Kies de centrumgemeente uit de gemeentelijst.")
    same_name = session.scalar(select(Facility.id).where(func.lower(Facility.name) == clean.name.lower()))
    if same_name is not None and same_name != facility_id:
        raise DeskError(f"Er is al een voorziening '{clean.name}'.")
    facility = Facility() if facility_id is None else get_or_refuse(session, Facility, facility_id, FACILITY_GONE)
    facility.region = ensure_region(session, clean.centre_municipality_code)
    facility.name, facility.kind = clean.name, clean.kind
    facility.min_age, facility.max_age = clean.ages.minimum, clean.ages.maximum
    facility.max_stay, facility.provider = clean.max_stay, clean.provider
    facility.street, facility.postcode, facility.city = clean.street, clean.postcode, clean.city
    facility.night_fee_cents = clean.night_fee_cents
    facility.phone = clean.phone or None
    if facility_id is None:
        session.add(facility)
    session.flush()
    return facility


def append_beds(session: Session, facility: Facility, count: int, *, overflow: bool = False) -> list[str]:
    """Add beds to a facility inside the caller's transaction (a step, no permission check)."""
    if not facility.kind.has_beds:
        raise DeskError(f"{facility.name} is een inloop (dagopvang) en heeft geen bedden.")
    if not 1 <= count <= 200:
        raise DeskError("Voeg 1 tot 200 bedden tegelijk toe.")
    existing = {bed.label for bed in facility.beds}
    position = max((bed.position for bed in facility.beds), default=0)
    labels: list[str] = []
    number = 1
    while len(labels) < count:
        label = f"U{number}" if overflow else str(number)
        if label not in existing:
            labels.append(label)
            position += 1
            facility.beds.append(Bed(label=label, position=position, is_overflow=overflow))
        number += 1
    session.flush()
    return labels


def retire_bed(desk: Desk, bed_id: int) -> None:
    """Take a bed out of use; refused while anyone holds it tonight or later."""
    desk.require(Permission.ADMINISTER)
    with desk.db.write() as session:
        tonight = desk.tonight(session)
        bed = get_or_refuse(session, Bed, bed_id, "Dit bed bestaat niet.")
        booked = session.scalar(
            select(BedNight.id).where(BedNight.bed_id == bed_id, BedNight.night >= tonight, OCCUPYING)
        )
        if booked is not None:
            raise DeskError(f"Bed {bed.label} is vannacht of later nog vergeven; verplaats die persoon eerst.")
        bed.active = False


def set_facility_active(desk: Desk, facility_id: int, active: bool) -> None:
    desk.require(Permission.ADMINISTER)
    with desk.db.write() as session:
        get_or_refuse(session, Facility, facility_id, FACILITY_GONE).active = active
