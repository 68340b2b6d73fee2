"""Ending stays with their outflow destination, and opening a facility's overflow beds for a night."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.domain.stays import Outflow
from shelter_desk.domain.text_input import check_night, clean_text
from shelter_desk.persistence.lookups import get_or_refuse
from shelter_desk.persistence.models import OCCUPYING, Bed, BedNight, Facility, OverflowOpening, Stay
from shelter_desk.services.trust.access_log import Action, log_access
from shelter_desk.services.desk import Desk


def end_stay(desk: Desk, stay_id: int, last_night: date, outflow: Outflow, *, to_origin: bool = False) -> None:
    """End a stay after `last_night`: later reservations go, the destination is recorded (rule 7)."""
    desk.require(Permission.DESK_WORK)
    check_night(last_night, desk.today(), "De laatste nacht")
    tonight = desk.tonight()
    with desk.db.write() as session:
        stay = get_or_refuse(session, Stay, stay_id, "Dit verblijf bestaat niet meer.")
        close_stay(session, stay, last_night, outflow, tonight, to_origin=to_origin)
        log_access(session, desk, Action.UPDATE, stay.person_id, ("verblijf", "uitstroom"),
                   f"verblijf {stay_id} beëindigd na {last_night:%d-%m-%Y}")


def close_stay(session: Session, stay: Stay, last_night: date, outflow: Outflow, tonight: date, *,
               to_origin: bool = False) -> None:
    """End one stay after `last_night` with its destination, inside the caller's transaction."""
    if stay.end_night is not None and stay.outflow is not None:
        raise DeskError(f"Dit verblijf is al beëindigd op {dutch_date(stay.end_night)}.")
    if last_night < stay.start_night:
        raise DeskError(f"De laatste nacht kan niet vóór het begin ({dutch_date(stay.start_night)}) liggen.")
    if last_night > tonight:
        raise DeskError("Een verblijf kan niet in de toekomst worden beëindigd.")
    session.execute(delete(BedNight).where(BedNight.stay_id == stay.id, BedNight.night > last_night))
    stay.end_night = last_night
    stay.outflow = outflow
    stay.outflow_to_origin = to_origin


def open_overflow(desk: Desk, facility_id: int, night: date, reason: str) -> None:
    desk.require(Permission.DECIDE)
    check_night(night, desk.today())
    reason = clean_text(reason, "De reden voor de noodbedden")
    if not reason.strip():
        raise DeskError("Geef een reden om de extra bedden te openen.")
    with desk.db.write() as session:
        if session.get(Facility, facility_id) is None:
            raise DeskError("Deze voorziening bestaat niet.")
        exists = session.scalar(select(OverflowOpening.id).where(
            OverflowOpening.facility_id == facility_id, OverflowOpening.night == night))
        if exists is None:
            session.add(OverflowOpening(facility_id=facility_id, night=night, reason=reason.strip(),
                                        opened_by=desk.worker))


def close_overflow(desk: Desk, facility_id: int, night: date) -> None:
    """Close the overflow beds again; refused while someone has one of them that night."""
    desk.require(Permission.DECIDE)
    check_night(night, desk.today(), "De nacht")
    with desk.db.write() as session:
        occupied = session.scalar(
            select(BedNight.id).join(Bed, Bed.id == BedNight.bed_id).where(
                Bed.facility_id == facility_id, Bed.is_overflow.is_(True), BedNight.night == night,
                OCCUPYING))
        if occupied is not None:
            raise DeskError("Er slaapt iemand in een extra bed; verplaats die persoon eerst.")
        session.execute(delete(OverflowOpening).where(
            OverflowOpening.facility_id == facility_id, OverflowOpening.night == night))
