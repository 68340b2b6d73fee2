"""Giving, moving, checking in and out, and releasing beds: each one write transaction.

The rules are the domain's (`domain/bed_assignment.py`), checked inside the transaction that
holds the write lock, so what they saw is what gets written. The database's unique indexes are
the last line: when another desk wins a race anyway, the desk reads "bed is net vergeven".
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Row, Select, and_, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shelter_desk.domain.bed_assignment import AssignmentRefused, Refusal, RefusalKind, check_assignment
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.safety import keep_apart_message
from shelter_desk.domain.shelter_night import dutch_night, local_clock_text, no_show_moment
from shelter_desk.domain.stays import (
    HOLD_AHEAD_NIGHTS,
    BedNightStatus,
    FeeStatus,
    Outflow,
    check_check_in,
    held_through,
)
from shelter_desk.domain.text_input import check_night, clean_text
from shelter_desk.persistence.locks import ACCESS_LOG, BED_NIGHTS, lock_for
from shelter_desk.persistence.lookups import live_person
from shelter_desk.persistence.models import OCCUPYING, Bed, BedNight, Facility, Person, Stay
from shelter_desk.services.beds.board import assignment_facts, home_region_id
from shelter_desk.services.beds.stays import (
    PER_NIGHT_KINDS,
    PRESENT,
    close_stay,
    close_stays_elsewhere,
    last_night_held,
)
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings
from shelter_desk.services.kernel.winter_nights import winter_activation_on
from shelter_desk.services.safety.separation import keep_apart_conflicts, may_see_names

BED_JUST_TAKEN = "Dit bed is net vergeven aan iemand anders. Kies een ander bed."
PERSON_JUST_PLACED = "Deze persoon heeft deze nacht net een ander bed gekregen (bij een andere balie)."


def assign_bed(desk: Desk, person_id: int, bed_id: int, night: date, overrule_reason: str = "") -> int:
    """Give `person_id` the bed for `night`; returns the bed-night id. Refusals save nothing."""
    # Overruling a refusal is a coordinator's decision.
    desk.require(Permission.DECIDE if overrule_reason.strip() else Permission.DESK_WORK)
    check_night(night, desk.today())
    overrule_reason = clean_text(overrule_reason, "De reden van het besluit")
    with desk.db.write() as session:
        # Both guards in one round trip: the bed rules' and, for the log line at the end, the log's.
        lock_for(session, BED_NIGHTS, ACCESS_LOG)
        bed_night_id = give_bed(session, desk, person_id, bed_id, night, overrule_reason)
        _check_keep_apart(session, desk, bed_night_id, overrule_reason)
        log_access(
            session,
            desk,
            Action.CREATE,
            person_id,
            _bed_fields(overrule_reason),
            f"bed {bed_id}, nacht {night:%d-%m-%Y}",
        )
        return bed_night_id


def give_bed(session: Session, desk: Desk, person_id: int, bed_id: int, night: date, overrule_reason: str = "") -> int:
    """The step behind `assign_bed`, inside the caller's transaction: the rules, the stay, the bed-night."""
    lock_for(session, BED_NIGHTS)
    default_fee, tonight = _default_fee_cents(session), desk.tonight(session)
    return _assign(session, person_id, bed_id, night, overrule_reason, default_fee, desk.now(), tonight)


def move_bed(desk: Desk, bed_night_id: int, new_bed_id: int, overrule_reason: str = "") -> int:
    """Move a person to another bed from this night on (any facility); keeps check-in and payment.

    A night-shelter night moves alone. In a short stay it is a room change: this night and every
    later night of the stay go to the new bed. To another facility, a short stay ends the night
    before (through-flow to an own facility) or, moved on its first night, goes along whole.
    """
    desk.require(Permission.DECIDE if overrule_reason.strip() else Permission.DESK_WORK)
    overrule_reason = clean_text(overrule_reason, "De reden van het besluit")
    with desk.db.write() as session:
        lock_for(session, BED_NIGHTS)
        default_fee, tonight = _default_fee_cents(session), desk.tonight(session)
        current = _bed_night(session, bed_night_id)
        if current.bed_id == new_bed_id:
            raise DeskError("De persoon ligt al in dit bed.")
        new_bed = session.get(Bed, new_bed_id)
        if new_bed is None:
            raise DeskError("Dit bed bestaat niet.")
        person_id, night, stay = current.person_id, current.night, current.stay
        if not stay.facility.kind.allocated_per_night and new_bed.facility_id == stay.facility_id:
            new_id = _change_room(session, current, new_bed, overrule_reason)
        else:
            per_night_before = stay.facility.kind.allocated_per_night
            kept = (current.status, current.check_in_at, current.fee_status, current.fee_cents)
            reserved_at = current.reserved_at or desk.now()
            if per_night_before:
                _remove_night(session, current)
            else:
                _leave_short_stay_from(session, stay, night, tonight)
            new_id = _assign(
                session,
                person_id,
                new_bed_id,
                night,
                overrule_reason,
                default_fee,
                reserved_at,
                tonight,
                decided_at=desk.now(),
            )
            moved = session.get(BedNight, new_id)
            assert moved is not None
            # The person is where they were (inside or not); from a night shelter to a short stay
            # (or back) the new place's own terms apply to the fee (none in a short stay).
            moved.status, moved.check_in_at = kept[0], kept[1]
            if moved.stay.facility.kind.allocated_per_night == per_night_before:
                moved.fee_status, moved.fee_cents = kept[2], kept[3]
            if new_bed.facility_id != stay.facility_id:
                _check_keep_apart(session, desk, new_id, overrule_reason)
        log_access(
            session,
            desk,
            Action.UPDATE,
            person_id,
            _bed_fields(overrule_reason),
            f"verplaatst naar bed {new_bed_id}, vanaf nacht {night:%d-%m-%Y}",
        )
        return new_id


def cancel_bed(desk: Desk, bed_night_id: int) -> None:
    """Take back a reservation that was not used; a checked-in night is checked out instead.

    A short-stay placement is withdrawn whole while the person has not arrived yet (booked for
    tomorrow, say); once they have been there, the stay is ended instead, with its destination.
    """
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        lock_for(session, BED_NIGHTS, ACCESS_LOG)  # in one round trip: every withdrawal is logged
        # The bed-night, its stay and facility in one round trip (kept, so the session finds them again).
        loaded = session.execute(
            select(BedNight, Stay, Facility)
            .join(Stay, Stay.id == BedNight.stay_id)
            .join(Facility, Facility.id == Stay.facility_id)
            .where(BedNight.id == bed_night_id)
        ).first()
        bed_night = loaded[0] if loaded is not None else _bed_night(session, bed_night_id)
        if bed_night.status != BedNightStatus.RESERVED:
            raise DeskError("Alleen een reservering kan worden ingetrokken; check de persoon uit.")
        stay = bed_night.stay
        if stay.facility.kind.allocated_per_night:
            _log_bed_night(session, desk, bed_night, "reservering ingetrokken")
            _remove_night(session, bed_night)
            return
        if session.scalar(select(BedNight.id).where(BedNight.stay_id == stay.id, PRESENT).limit(1)) is not None:
            raise DeskError(
                "Deze persoon verblijft hier al: een lopend verblijf trek je niet in maar beëindig je, "
                "met de laatste nacht en waar de persoon naartoe gaat."
            )
        log_access(
            session,
            desk,
            Action.DELETE,
            stay.person_id,
            ("bed", "verblijf"),
            f"plaatsing ingetrokken vóór de eerste nacht ({stay.start_night:%d-%m-%Y})",
        )
        session.execute(delete(BedNight).where(BedNight.stay_id == stay.id))
        session.delete(stay)


def check_in(desk: Desk, bed_night_id: int) -> None:
    """The person is inside: only ever tonight (or a night gone by, recorded afterwards), never ahead."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        bed_night = _bed_night(session, bed_night_id)
        if bed_night.status != BedNightStatus.RESERVED:
            raise DeskError(f"Inchecken kan alleen bij een reservering; dit bed is {bed_night.status}.")
        check_check_in(bed_night.night, desk.tonight(session))
        bed_night.status, bed_night.check_in_at = BedNightStatus.CHECKED_IN, desk.now()
        _log_bed_night(session, desk, bed_night, "ingecheckt")


def check_out(desk: Desk, bed_night_id: int) -> None:
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        bed_night = _bed_night(session, bed_night_id)
        if bed_night.status != BedNightStatus.CHECKED_IN:
            raise DeskError("Uitchecken kan alleen na inchecken.")
        bed_night.status, bed_night.check_out_at = BedNightStatus.CHECKED_OUT, desk.now()
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
    return (
        session.scalar(
            select(func.coalesce(func.sum(BedNight.fee_cents), 0)).where(
                BedNight.person_id == person_id, BedNight.fee_status == FeeStatus.OWED.value
            )
        )
        or 0
    )


@dataclass(frozen=True)
class NoShow:
    bed_night_id: int
    person: str
    facility: str
    bed: str
    reserved_at: str  # "22:10" or "" when not known


@dataclass(frozen=True)
class NoShowRelease:
    """What "No-shows vrijgeven" would do now: the names it releases and the ones it keeps."""

    night: date
    hour: time
    hour_passed: bool
    due: tuple[NoShow, ...]  # reserved before the no-show hour and still not checked in
    kept: tuple[NoShow, ...]  # reserved after the no-show hour: this person was only just sent here
    facilities: tuple[str, ...] = ()  # the places it acts on, named in the confirmation


def no_shows_due(desk: Desk, night: date, facility_ids: Collection[int] | None = None) -> NoShowRelease:
    """The reservations the no-show release would free now, by name, for the desk to confirm once.

    Of the desk's own facilities (its region's night shelters), or of `facility_ids` when the
    worker chose others.
    """
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        hour = read_settings(session).night_no_show_hour
        moment = no_show_moment(night, hour)
        scope = _bulk_scope(session, desk, facility_ids)
        due, kept = _reservations(session, night, moment, scope)
        return NoShowRelease(
            night,
            hour,
            desk.now() >= moment,
            tuple(_no_show(row) for row in due),
            tuple(_no_show(row) for row in kept),
            tuple(scope.values()),
        )


def release_no_shows(
    desk: Desk, night: date, bed_night_ids: Collection[int] | None = None, facility_ids: Collection[int] | None = None
) -> int:
    """Free the night-shelter beds still only reserved after the no-show hour; returns how many.

    Only reservations made before the no-show hour go (one made later was just given to someone
    on the way); with `bed_night_ids`, only those of them the desk was shown and confirmed. Only
    the desk's own facilities, or `facility_ids` when the worker chose others: an Assen desk
    never releases Emmen's reservations by itself.
    Released nights stay on record as 'no_show' (the unique indexes ignore them), so the bed can
    be given to someone on tonight's turnaway list, and the release can be undone for the night.
    """
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.write() as session:
        hour = read_settings(session).night_no_show_hour
        moment = no_show_moment(night, hour)
        if desk.now() < moment:
            raise DeskError(
                f"Het is nog geen {hour:%H:%M}: de bedden van de {dutch_night(night)} blijven gereserveerd."
            )
        lock_for(session, BED_NIGHTS)
        due, _kept = _reservations(session, night, moment, _bulk_scope(session, desk, facility_ids))
        released = 0
        for row in due:
            bed_night: BedNight = row[0]
            if bed_night_ids is not None and bed_night.id not in bed_night_ids:
                continue
            bed_night.status = BedNightStatus.NO_SHOW
            _log_bed_night(session, desk, bed_night, "niet gekomen; bed vrijgegeven")
            if bed_night.fee_status == FeeStatus.OWED:
                bed_night.fee_status = FeeStatus.NONE  # the amount stays, so an undo can owe it again
            released += 1
        return released


def undo_no_show_release(desk: Desk, night: date, facility_ids: Collection[int] | None = None) -> tuple[int, list[str]]:
    """Give the released reservations of tonight back, where bed and person are still free.

    Returns how many came back and the names that could not (their bed went to someone else, or
    they have another bed now). Only for tonight: a past night's record stays as it was. Only the
    desk's own facilities, or `facility_ids` when the worker chose others.
    """
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.write() as session:
        if night != desk.tonight(session):
            raise DeskError("Vrijgeven ongedaan maken kan alleen voor de nacht van vandaag.")
        lock_for(session, BED_NIGHTS)
        rows = session.execute(
            _with_names(select(BedNight))
            .where(
                BedNight.night == night,
                BedNight.status == BedNightStatus.NO_SHOW,
                Facility.kind.in_(PER_NIGHT_KINDS),
                Facility.id.in_(list(_bulk_scope(session, desk, facility_ids))),
            )
            .order_by(Facility.name, Bed.position)
        ).all()
        back, not_back = 0, []
        for bed_night, first, prefix, last, alias, _facility, _bed, _at in rows:
            taken = session.scalar(
                select(BedNight.id).where(
                    BedNight.night == night,
                    OCCUPYING,
                    (BedNight.bed_id == bed_night.bed_id) | (BedNight.person_id == bed_night.person_id),
                )
            )
            if taken is not None:
                not_back.append(display_name(first, prefix, last, alias))
                continue
            bed_night.status = BedNightStatus.RESERVED
            _log_bed_night(session, desk, bed_night, "vrijgeven ongedaan gemaakt")
            if bed_night.fee_status == FeeStatus.NONE and bed_night.fee_cents:
                bed_night.fee_status = FeeStatus.OWED
            back += 1
        return back, not_back


def _with_names(query: Select[Any]) -> Select[Any]:
    return (
        query.add_columns(
            Person.first_name,
            Person.name_prefix,
            Person.last_name,
            Person.alias,
            Facility.name,
            Bed.label,
            BedNight.reserved_at,
        )
        .join(Person, Person.id == BedNight.person_id)
        .join(Bed, Bed.id == BedNight.bed_id)
        .join(Facility, Facility.id == Bed.facility_id)
    )


def _bulk_scope(session: Session, desk: Desk, facility_ids: Collection[int] | None) -> dict[int, str]:
    """The facilities a bulk action of this desk acts on (id → name): the chosen ones, else the
    active night-shelter places (per-night kinds) of the desk's own region."""
    chosen = select(Facility.id, Facility.name).where(Facility.kind.in_(PER_NIGHT_KINDS))
    if facility_ids is not None:
        chosen = chosen.where(Facility.id.in_(list(facility_ids)))
    else:
        chosen = chosen.where(Facility.active.is_(True), Facility.region_id == home_region_id(session, desk))
    return {row.id: row.name for row in session.execute(chosen.order_by(Facility.name))}


def _reservations(
    session: Session, night: date, moment: datetime, facility_ids: Collection[int]
) -> tuple[list[Row[Any]], list[Row[Any]]]:
    rows = session.execute(
        _with_names(select(BedNight))
        .where(
            BedNight.night == night,
            BedNight.status == BedNightStatus.RESERVED,
            Facility.kind.in_(PER_NIGHT_KINDS),
            Facility.id.in_(list(facility_ids)),
        )
        .order_by(Facility.name, Bed.position)
    ).all()
    due = [row for row in rows if row.reserved_at is None or row.reserved_at < moment]
    return due, [row for row in rows if not (row.reserved_at is None or row.reserved_at < moment)]


def _no_show(row: Row[Any]) -> NoShow:
    values: tuple[Any, ...] = tuple(row)
    bed_night, first, prefix, last, alias, facility, bed, reserved_at = values
    return NoShow(
        bed_night.id,
        display_name(first, prefix, last, alias),
        facility,
        bed,
        local_clock_text(reserved_at) if reserved_at else "",
    )


def keep_stays_running(desk: Desk) -> int:
    """The desk's daily step for short stays: every running stay holds its bed ahead, residents stay in.

    Writes each running short stay's bed-nights up to its planned end and at least four weeks past
    tonight, and marks a resident who was inside last night as inside tonight (in a short stay the
    person checks in once, on arrival, and lives there until checked out or the stay ends). Run when
    a desk starts and when the shelter night turns, never by reading. Returns the nights written.
    """
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        lock_for(session, BED_NIGHTS)
        return hold_running_stays(session, desk.tonight(session), desk)


# -- inside the transaction ---------------------------------------------------------------------


def _bed_fields(overrule_reason: str) -> tuple[str, ...]:
    # The reason itself is not logged (the log is append-only and outlives anonymisation).
    return ("bed", "besluit ondanks weigering") if overrule_reason.strip() else ("bed",)


def _check_keep_apart(session: Session, desk: Desk, bed_night_id: int, overrule_reason: str) -> None:
    """Refuse a bed that puts the person with someone they must be kept apart from, unless overruled.

    The other person is named only to coordinators (the same words the rules use elsewhere).
    """
    bed_night = session.get(BedNight, bed_night_id)
    assert bed_night is not None
    facility_id = session.scalar(select(Bed.facility_id).where(Bed.id == bed_night.bed_id))
    assert facility_id is not None
    conflicts = keep_apart_conflicts(session, bed_night.person_id, facility_id, bed_night.night)
    if not conflicts:
        return
    if overrule_reason.strip():
        bed_night.override_reason = overrule_reason.strip()
        return
    assert desk.user is not None
    message = keep_apart_message(conflicts, may_see_names(desk.user))
    raise AssignmentRefused(
        [Refusal(RefusalKind.KEEP_APART, message)], message + "\nEen coördinator kan dit met een reden toch toestaan."
    )


def _log_bed_night(
    session: Session, desk: Desk, bed_night: BedNight, what: str, fields: tuple[str, ...] = ("bed",)
) -> None:
    log_access(
        session,
        desk,
        Action.UPDATE,
        bed_night.person_id,
        fields,
        f"{what}: bed {bed_night.bed_id}, nacht {bed_night.night:%d-%m-%Y}",
    )


def hold_running_stays(session: Session, tonight: date, desk: Desk | None = None) -> int:
    """The step behind `keep_stays_running`, inside the caller's transaction (which holds the guard)."""
    written = 0
    for stay, bed_id, last in _running_short_stays(session):
        through = held_through(stay.start_night, stay.planned_end_night, tonight)
        if last < through:
            added = _hold_nights(session, stay, bed_id, last + timedelta(days=1), through, refuse=False)
            written += added
            if added and desk is not None:
                log_access(
                    session,
                    desk,
                    Action.CREATE,
                    stay.person_id,
                    ("bed",),
                    f"verblijf houdt bed {bed_id} vast t/m {last + timedelta(days=added):%d-%m-%Y}",
                )
        _stay_inside(session, stay.id, tonight)
    return written


def _running_short_stays(session: Session) -> list[tuple[Stay, int, date]]:
    """Every running short stay with the bed of its last written night and that night."""
    last = (
        select(BedNight.stay_id, func.max(BedNight.night).label("last"))
        .where(OCCUPYING)
        .group_by(BedNight.stay_id)
        .subquery()
    )
    rows = session.execute(
        select(Stay, BedNight.bed_id, last.c.last)
        .join(last, last.c.stay_id == Stay.id)
        .join(BedNight, and_(BedNight.stay_id == Stay.id, BedNight.night == last.c.last, OCCUPYING))
        .join(Facility, Facility.id == Stay.facility_id)
        .where(Stay.end_night.is_(None), Facility.kind.not_in(PER_NIGHT_KINDS))
    ).all()
    return [(stay, bed_id, night) for stay, bed_id, night in rows]


def _stay_inside(session: Session, stay_id: int, tonight: date) -> None:
    """A resident inside last night is inside on the nights after, up to tonight, until checked out."""
    nights = session.scalars(
        select(BedNight)
        .where(
            BedNight.stay_id == stay_id,
            BedNight.night <= tonight,
            OCCUPYING,
            BedNight.night >= tonight - timedelta(days=HOLD_AHEAD_NIGHTS),
        )
        .order_by(BedNight.night)
    ).all()
    previous: BedNight | None = None
    for bed_night in nights:
        if (
            previous is not None
            and previous.status == BedNightStatus.CHECKED_IN
            and previous.night == bed_night.night - timedelta(days=1)
            and bed_night.status == BedNightStatus.RESERVED
        ):
            bed_night.status, bed_night.check_in_at = BedNightStatus.CHECKED_IN, previous.check_in_at
        previous = bed_night


def _hold_nights(session: Session, stay: Stay, bed_id: int, first: date, last: date, *, refuse: bool = True) -> int:
    """Write the stay's bed-nights on `bed_id` from `first` through `last` (reserved: held for the resident).

    A night the bed or the person is already given refuses the whole placement by name; the daily
    step (`refuse=False`) stops before such a night instead and leaves it to the desk.
    """
    if last < first:
        return 0
    taken = session.execute(
        select(BedNight.night, BedNight.bed_id, Person.first_name, Person.name_prefix, Person.last_name, Person.alias)
        .join(Person, Person.id == BedNight.person_id)
        .where(
            BedNight.night >= first,
            BedNight.night <= last,
            OCCUPYING,
            (BedNight.bed_id == bed_id) | (BedNight.person_id == stay.person_id),
        )
        .order_by(BedNight.night)
    ).first()
    if taken is not None:
        if refuse:
            whom = display_name(taken.first_name, taken.name_prefix, taken.last_name, taken.alias)
            what = f"is dit bed al vergeven aan {whom}" if taken.bed_id == bed_id else f"heeft {whom} al een ander bed"
            raise DeskError(
                f"Dit verblijf houdt het bed vast t/m {last:%d-%m-%Y}, maar op de nacht van "
                f"{taken.night:%d-%m-%Y} {what}. Los dat eerst op of kies een ander bed."
            )
        last = taken.night - timedelta(days=1)
    day, count = first, 0
    while day <= last:
        session.add(
            BedNight(
                stay_id=stay.id, person_id=stay.person_id, bed_id=bed_id, night=day, status=BedNightStatus.RESERVED
            )
        )
        day += timedelta(days=1)
        count += 1
    session.flush()
    return count


def _change_room(session: Session, current: BedNight, new_bed: Bed, overrule_reason: str) -> int:
    """A short stay's room change from `current`'s night: that night and every later one move along."""
    person = session.get(Person, current.person_id)
    assert person is not None
    # Within a short stay's own facility: its rooms are never kept for night-shelter regulars.
    overruled = check_assignment(
        assignment_facts(session, person, new_bed, current.night, current.id, at=None), overrule_reason
    )
    moving = session.scalars(
        select(BedNight).where(BedNight.stay_id == current.stay_id, BedNight.night >= current.night, OCCUPYING)
    ).all()
    last = max(bed_night.night for bed_night in moving)
    taken = session.execute(
        select(BedNight.night, Person.first_name, Person.name_prefix, Person.last_name, Person.alias)
        .join(Person, Person.id == BedNight.person_id)
        .where(BedNight.bed_id == new_bed.id, BedNight.night >= current.night, BedNight.night <= last, OCCUPYING)
        .order_by(BedNight.night)
    ).first()
    if taken is not None:
        raise DeskError(
            f"Dit bed is op de nacht van {taken.night:%d-%m-%Y} van "
            f"{display_name(taken.first_name, taken.name_prefix, taken.last_name, taken.alias)}; "
            "een kamerwissel neemt alle volgende nachten van het verblijf mee. Kies een ander bed."
        )
    for bed_night in moving:
        bed_night.bed_id = new_bed.id
        if overruled:
            bed_night.override_reason = overrule_reason.strip()
    session.flush()
    return current.id


def _leave_short_stay_from(session: Session, stay: Stay, night: date, tonight: date) -> None:
    """The person leaves this short stay from `night` on for another facility: a move, not an end by hand."""
    session.execute(delete(BedNight).where(BedNight.stay_id == stay.id, BedNight.night >= night))
    session.flush()
    if night <= stay.start_night:
        # Moved on the first night: the placement goes along whole, nothing of it stays behind.
        if session.scalar(select(BedNight.id).where(BedNight.stay_id == stay.id).limit(1)) is None:
            session.delete(stay)
            session.flush()
        return
    if night - timedelta(days=1) > tonight:
        raise DeskError(
            "Een verhuizing naar een andere voorziening kan pas vanaf de nacht van vandaag; "
            "plan een kamerwissel binnen deze voorziening of verplaats de persoon op de avond zelf."
        )
    close_stay(session, stay, night - timedelta(days=1), Outflow.OWN_FACILITY, tonight)


def _assign(
    session: Session,
    person_id: int,
    bed_id: int,
    night: date,
    overrule_reason: str,
    default_fee_cents: int,
    at: datetime,
    tonight: date,
    *,
    decided_at: datetime | None = None,
) -> int:
    # The person, the bed and its facility in one round trip. The row is kept: the session finds
    # loaded objects again (`session.get`, `bed.facility`) only while something holds them.
    loaded = session.execute(
        select(Person, Bed, Facility)
        .select_from(Bed)
        .join(Facility, Facility.id == Bed.facility_id)
        .join(Person, Person.id == person_id)
        .where(Bed.id == bed_id)
    ).first()
    person = live_person(session, person_id, "geef het bed op dat record")
    bed = loaded[1] if loaded is not None else session.get(Bed, bed_id)
    if bed is None:
        raise DeskError("Dit bed bestaat niet.")
    # The rules are judged now (a move keeps the original reservation time `at`, not its rules).
    overruled = check_assignment(assignment_facts(session, person, bed, night, at=decided_at or at), overrule_reason)
    facility = bed.facility
    # Asked before the stay is written: the rules' answer is still kept for this unit of work then.
    winter = winter_activation_on(session, facility.region_id, night) is not None
    stay = _stay_for(session, person_id, facility, night, tonight)
    per_night = facility.kind.allocated_per_night
    fee = (facility.night_fee_cents if facility.night_fee_cents is not None else default_fee_cents) if per_night else 0
    fee_status = FeeStatus.OWED if fee else FeeStatus.NONE
    if fee and winter:
        fee_status = FeeStatus.WAIVED  # no contribution on winter nights
    bed_night = BedNight(
        stay_id=stay.id,
        person_id=person_id,
        bed_id=bed_id,
        night=night,
        status=BedNightStatus.RESERVED,
        reserved_at=at,
        fee_cents=fee,
        fee_status=fee_status.value,
        override_reason=overrule_reason.strip() if overruled else "",
    )
    session.add(bed_night)
    try:
        session.flush()
    except IntegrityError as error:
        # Another desk committed between our check and our write: the index refused it.
        raise DeskError(
            BED_JUST_TAKEN if "bed_id" in str(error.orig) or "bed_night_bed" in str(error.orig) else PERSON_JUST_PLACED
        ) from error
    if not per_night:
        # A short stay holds its bed on every night of its period from the moment it is given.
        _hold_nights(
            session,
            stay,
            bed_id,
            night + timedelta(days=1),
            held_through(stay.start_night, stay.planned_end_night, tonight),
        )
    return bed_night.id


def _stay_for(session: Session, person_id: int, facility: Facility, night: date, tonight: date) -> Stay:
    """The running stay this night belongs to, or a new one.

    Night shelter: the open stay here takes the night (a night before its start moves the start
    back). Only a return after nights that have passed without the person ends the earlier stay, on
    its last night, destination unknown: booking a night ahead never ends anything. Short stay: a
    new stay with its planned end (a second placement here while one runs is refused by the bed rules).
    """
    # Every open stay of the person in one read: those here and those elsewhere that may end.
    open_stays = session.scalars(select(Stay).where(Stay.person_id == person_id, Stay.end_night.is_(None))).all()
    elsewhere = [stay for stay in open_stays if stay.facility_id != facility.id]
    for stay in (stay for stay in open_stays if stay.facility_id == facility.id):
        last = last_night_held(session, stay.id)
        if (
            not facility.kind.allocated_per_night
            or last is None
            or last >= night - timedelta(days=1)
            or night > tonight
        ):
            if night < stay.start_night:
                stay.start_night = night
            return stay
        # Back after nights gone by without them: the earlier stay ended on its last night, and
        # nobody heard where the person went in between. Ended at that night, so no night is lost.
        close_stay(session, stay, last, Outflow.LEFT_UNANNOUNCED, tonight)
    close_stays_elsewhere(session, person_id, facility.id, night, tonight, elsewhere)
    planned = None
    if facility.max_stay is not None and not facility.kind.allocated_per_night:
        planned = facility.max_stay.last_night(night)
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


def _default_fee_cents(session: Session) -> int:
    fee = read_settings(session).night_default_fee
    return int(fee * 100)
