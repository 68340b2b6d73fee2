"""Giving, moving, checking in and out, and releasing beds: each one write transaction.

The rules are the domain's (`domain/bed_assignment.py`), checked inside the transaction that
holds the write lock, so what they saw is what gets written. The database's unique indexes are
the last line: when another desk wins a race anyway, the desk reads "bed is net vergeven".
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shelter_desk.domain.bed_assignment import check_assignment
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import AMSTERDAM, dutch_night
from shelter_desk.domain.stays import FeeStatus
from shelter_desk.domain.text_input import check_night, clean_text
from shelter_desk.persistence.models import OCCUPYING, Bed, BedNight, Facility, Person, Stay
from shelter_desk.services.beds.board import assignment_facts
from shelter_desk.services.trust.access_log import Action, log_access
from shelter_desk.services.desk import Desk
from shelter_desk.services.settings import read_settings
from shelter_desk.services.winter.nights import winter_activation_on

PER_NIGHT_KINDS = [kind.value for kind in FacilityKind if kind.allocated_per_night]
BED_JUST_TAKEN = "Dit bed is net vergeven aan iemand anders. Kies een ander bed."
PERSON_JUST_PLACED = "Deze persoon heeft deze nacht net een ander bed gekregen (bij een andere balie)."


def assign_bed(desk: Desk, person_id: int, bed_id: int, night: date, overrule_reason: str = "") -> int:
    """Give `person_id` the bed for `night`; returns the bed-night id. Refusals save nothing."""
    # Overruling a refusal is a coordinator's decision.
    desk.require(Permission.DECIDE if overrule_reason.strip() else Permission.DESK_WORK)
    check_night(night, desk.today())
    overrule_reason = clean_text(overrule_reason, "De reden van het besluit")
    default_fee = _default_fee_cents(desk)
    with desk.db.write() as session:
        bed_night_id = _assign(session, person_id, bed_id, night, overrule_reason, default_fee)
        log_access(session, desk, Action.CREATE, person_id, _bed_fields(overrule_reason),
                   f"bed {bed_id}, nacht {night:%d-%m-%Y}")
        return bed_night_id


def move_bed(desk: Desk, bed_night_id: int, new_bed_id: int, overrule_reason: str = "") -> int:
    """Move a person to another bed the same night (any facility); keeps check-in and payment."""
    desk.require(Permission.DECIDE if overrule_reason.strip() else Permission.DESK_WORK)
    overrule_reason = clean_text(overrule_reason, "De reden van het besluit")
    default_fee = _default_fee_cents(desk)
    with desk.db.write() as session:
        current = _bed_night(session, bed_night_id)
        if current.bed_id == new_bed_id:
            raise DeskError("De persoon ligt al in dit bed.")
        person_id, night = current.person_id, current.night
        per_night_before = current.stay.facility.kind.allocated_per_night
        kept = (current.status, current.check_in_at, current.fee_status, current.fee_cents)
        _remove_night(session, current)
        new_id = _assign(session, person_id, new_bed_id, night, overrule_reason, default_fee)
        moved = session.get(BedNight, new_id)
        assert moved is not None
        # Same kind of place: the night goes on as it was. From a night shelter to a short stay
        # (or back) the new place's own terms apply (no nightly fee in a short stay).
        if moved.stay.facility.kind.allocated_per_night == per_night_before:
            moved.status, moved.check_in_at, moved.fee_status, moved.fee_cents = kept
        log_access(session, desk, Action.UPDATE, person_id, _bed_fields(overrule_reason),
                   f"verplaatst naar bed {new_bed_id}, nacht {night:%d-%m-%Y}")
        return new_id


def cancel_bed(desk: Desk, bed_night_id: int) -> None:
    """Take back a reservation that was not used; a checked-in night is checked out instead."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        bed_night = _bed_night(session, bed_night_id)
        if bed_night.status != "gereserveerd":
            raise DeskError("Alleen een reservering kan worden ingetrokken; check de persoon uit.")
        _log_bed_night(session, desk, bed_night, "reservering ingetrokken")
        _remove_night(session, bed_night)


def check_in(desk: Desk, bed_night_id: int) -> None:
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        bed_night = _bed_night(session, bed_night_id)
        if bed_night.status != "gereserveerd":
            raise DeskError(f"Inchecken kan alleen bij een reservering; dit bed is {bed_night.status}.")
        bed_night.status, bed_night.check_in_at = "ingecheckt", desk.now()
        _log_bed_night(session, desk, bed_night, "ingecheckt")


def check_out(desk: Desk, bed_night_id: int) -> None:
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        bed_night = _bed_night(session, bed_night_id)
        if bed_night.status != "ingecheckt":
            raise DeskError("Uitchecken kan alleen na inchecken.")
        bed_night.status, bed_night.check_out_at = "uitgecheckt", desk.now()
        _log_bed_night(session, desk, bed_night, "uitgecheckt")


def set_fee_status(desk: Desk, bed_night_id: int, status: FeeStatus) -> None:
    """Paid, owed or waived; an owed contribution never stops anyone from getting a bed."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        bed_night = _bed_night(session, bed_night_id)
        if bed_night.fee_cents == 0 and status is not FeeStatus.NONE:
            raise DeskError("Voor deze nacht geldt geen eigen bijdrage.")
        bed_night.fee_status = status
        _log_bed_night(session, desk, bed_night, f"eigen bijdrage: {status.value}", ("eigen bijdrage",))


def outstanding_cents(desk: Desk, person_id: int) -> int:
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return owed_cents(session, person_id)


def owed_cents(session: Session, person_id: int) -> int:
    """All contributions this person still owes, inside the caller's transaction."""
    return session.scalar(
        select(func.coalesce(func.sum(BedNight.fee_cents), 0))
        .where(BedNight.person_id == person_id, BedNight.fee_status == FeeStatus.OWED.value)
    ) or 0


def release_no_shows(desk: Desk, night: date, *, before_the_hour: bool = False) -> int:
    """Free the night-shelter beds still only reserved after the no-show hour; returns how many.

    Released nights stay on record as 'no_show' (the unique indexes ignore them), so the bed can
    be given to someone on tonight's turnaway list.
    """
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    hour = read_settings(desk.db).night_no_show_hour
    moment = datetime.combine(night if hour >= time(12) else night + timedelta(days=1), hour, AMSTERDAM)
    if desk.now() < moment and not before_the_hour:
        raise DeskError(f"Het is nog geen {hour:%H:%M}: de bedden van de {dutch_night(night)} blijven gereserveerd.")
    with desk.db.write() as session:
        rows = session.scalars(
            select(BedNight).join(Bed, Bed.id == BedNight.bed_id).join(Facility, Facility.id == Bed.facility_id)
            .where(BedNight.night == night, BedNight.status == "gereserveerd",
                   Facility.kind.in_(PER_NIGHT_KINDS))
        ).all()
        for bed_night in rows:
            bed_night.status = "no_show"
            _log_bed_night(session, desk, bed_night, "niet gekomen; bed vrijgegeven")
            if bed_night.fee_status == FeeStatus.OWED.value:
                bed_night.fee_status = FeeStatus.NONE
                bed_night.fee_cents = 0
        return len(rows)


def carry_placements_forward(desk: Desk, night: date) -> int:
    """Give every running short stay its bed for each night up to `night` (the bed it last had).

    Short stays run night after night without the desk assigning each one; nights nobody opened
    the board for are filled in too. Driven by the open stays, so ten years of history cost
    nothing; a stay that already has `night` is skipped. Returns how many bed-nights were added.
    """
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.write() as session:
        open_stays = (select(Stay.id).join(Facility, Facility.id == Stay.facility_id)
                      .where(Stay.end_night.is_(None), Facility.kind.not_in(PER_NIGHT_KINDS)))
        behind = session.execute(
            select(BedNight.stay_id, BedNight.person_id, func.max(BedNight.night))
            .where(BedNight.stay_id.in_(open_stays), OCCUPYING)
            .group_by(BedNight.stay_id, BedNight.person_id)
            .having(func.max(BedNight.night) < night)
        ).all()
        added = 0
        for stay_id, person_id, last in behind:
            bed_id = session.scalar(select(BedNight.bed_id).where(
                BedNight.stay_id == stay_id, BedNight.night == last, OCCUPYING))
            day = last + timedelta(days=1)
            while day <= night:
                taken = session.scalar(select(BedNight.id).where(
                    BedNight.night == day, OCCUPYING,
                    (BedNight.person_id == person_id) | (BedNight.bed_id == bed_id)))
                if taken is not None:
                    break  # the desk moved or placed someone: leave it to them
                session.add(BedNight(stay_id=stay_id, person_id=person_id, bed_id=bed_id, night=day,
                                     status="ingecheckt"))
                added += 1
                day += timedelta(days=1)
            if day > last + timedelta(days=1):
                log_access(session, desk, Action.CREATE, person_id, ("bed",),
                           f"plaatsing doorgezet t/m {day - timedelta(days=1):%d-%m-%Y}")
        return added


# -- inside the transaction ---------------------------------------------------------------------

def _bed_fields(overrule_reason: str) -> tuple[str, ...]:
    # The reason itself is not logged (the log is append-only and outlives anonymisation).
    return ("bed", "besluit ondanks weigering") if overrule_reason.strip() else ("bed",)


def _log_bed_night(session: Session, desk: Desk, bed_night: BedNight, what: str,
                   fields: tuple[str, ...] = ("bed",)) -> None:
    log_access(session, desk, Action.UPDATE, bed_night.person_id, fields,
               f"{what}: bed {bed_night.bed_id}, nacht {bed_night.night:%d-%m-%Y}")


def _assign(session: Session, person_id: int, bed_id: int, night: date, overrule_reason: str,
            default_fee_cents: int) -> int:
    person = session.get(Person, person_id)
    if person is None or person.merged_into_id is not None:
        raise DeskError("Deze persoon bestaat niet (meer) of is samengevoegd.")
    bed = session.get(Bed, bed_id)
    if bed is None:
        raise DeskError("Dit bed bestaat niet.")
    overruled = check_assignment(assignment_facts(session, person, bed, night), overrule_reason)
    facility = bed.facility
    stay = _stay_for(session, person_id, facility, night)
    per_night = facility.kind.allocated_per_night
    fee = (facility.night_fee_cents if facility.night_fee_cents is not None else default_fee_cents) if per_night else 0
    fee_status = FeeStatus.OWED if fee else FeeStatus.NONE
    if fee and winter_activation_on(session, facility.region_id, night) is not None:
        fee_status = FeeStatus.WAIVED  # no contribution on winter nights
    bed_night = BedNight(
        stay_id=stay.id, person_id=person_id, bed_id=bed_id, night=night,
        status="gereserveerd" if per_night else "ingecheckt",
        fee_cents=fee, fee_status=fee_status.value,
        override_reason=overrule_reason.strip() if overruled else "",
    )
    session.add(bed_night)
    try:
        session.flush()
    except IntegrityError as error:
        # Another desk committed between our check and our write: the index refused it.
        raise DeskError(BED_JUST_TAKEN if "bed_id" in str(error.orig) or "bed_night_bed" in str(error.orig)
                        else PERSON_JUST_PLACED) from error
    return bed_night.id


def _stay_for(session: Session, person_id: int, facility: Facility, night: date) -> Stay:
    """The running stay to add this night to, or a new one.

    Night shelter: the stay continues when the person slept here the night before; otherwise an
    earlier open stay here is closed at its last night and a new one starts. Short stay: the open
    stay at this facility continues (a move), else a new one with its planned end.
    """
    open_stays = session.scalars(
        select(Stay).where(Stay.person_id == person_id, Stay.facility_id == facility.id, Stay.end_night.is_(None))
    ).all()
    for stay in open_stays:
        last = session.scalar(select(func.max(BedNight.night)).where(
            BedNight.stay_id == stay.id, OCCUPYING))
        if not facility.kind.allocated_per_night or last is None or last >= night - timedelta(days=1):
            return stay
        stay.end_night = last
    planned = None
    if facility.max_stay_days and not facility.kind.allocated_per_night:
        planned = night + timedelta(days=facility.max_stay_days - 1)
    stay = Stay(person_id=person_id, facility_id=facility.id, start_night=night, planned_end_night=planned)
    session.add(stay)
    session.flush()
    return stay


def _remove_night(session: Session, bed_night: BedNight) -> None:
    stay = bed_night.stay
    session.delete(bed_night)
    session.flush()
    remaining = session.scalar(select(func.count()).select_from(BedNight).where(BedNight.stay_id == stay.id))
    if not remaining:
        session.delete(stay)
        session.flush()


def _bed_night(session: Session, bed_night_id: int) -> BedNight:
    bed_night = session.get(BedNight, bed_night_id)
    if bed_night is None:
        raise DeskError("Deze bedtoewijzing bestaat niet meer; ververs het beddenbord.")
    return bed_night


def _default_fee_cents(desk: Desk) -> int:
    fee = read_settings(desk.db).night_default_fee
    return int(fee * 100)
