"""The bed board of one shelter night: every facility's beds with who is in them, and counters.

Read-only. Also answers the questions the desk asks around the board: which beds are open
tonight, which free beds would fit a person, and which short stays near their maximum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import (
    Date,
    Integer,
    Row,
    Select,
    String,
    and_,
    bindparam,
    exists,
    func,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from shelter_desk.domain.bed_assignment import (
    AssignmentFacts,
    KeptBed,
    RefusalKind,
    RestrictionFact,
    age_on_night,
    refusals,
)
from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.facilities import AgeRange, FacilityKind, bed_open_on_night
from shelter_desk.domain.people import display_name
from shelter_desk.domain.restrictions import applies_to
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import local_clock_text, no_show_moment, shelter_night_of
from shelter_desk.domain.stays import BedNightStatus, BedState, FeeStatus, StayFlag, StayPeriod, stay_progress
from shelter_desk.domain.text_input import check_night
from shelter_desk.persistence.models import (
    OCCUPYING,
    Bed,
    BedNight,
    Facility,
    OverflowOpening,
    Person,
    Region,
    Restriction,
    Stay,
    WinterActivation,
)
from shelter_desk.persistence.types import stored_date, stored_moment
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings, setting_value, stored_setting
from shelter_desk.services.kernel.winter_nights import no_winter_activation_on
from shelter_desk.services.safety.separation import kept_apart_on


class BedCell(NamedTuple):
    """One bed on the board (a named tuple: a board makes hundreds at every refresh)."""

    bed_id: int
    label: str
    is_overflow: bool
    state: BedState
    person_id: int | None = None
    occupant: str = ""
    bed_night_id: int | None = None
    stay_id: int | None = None
    check_in: str = ""
    check_out: str = ""
    fee: FeeStatus = FeeStatus.NONE
    fee_cents: int = 0
    stay_note: str = ""
    stay_flag: StayFlag = StayFlag.NONE
    safety: str = ""  # safety notes or a safety restriction the night staff must know
    # The same facts apart, so the board can mark each in its own way:
    safety_ban: str = ""  # a safety restriction in force tonight
    restriction: str = ""  # another restriction in force tonight (e.g. drugs), anywhere
    medical: str = ""  # the person's safety notes (medication, epilepsy, …)
    # A night a running short stay holds ahead for its resident: "verblijft, t/m 08-03-2027".
    held: str = ""
    # Placed tonight together with someone this person must be kept apart from (never who).
    keep_apart: str = ""


@dataclass(frozen=True)
class FacilityBoard:
    facility_id: int
    name: str
    kind: FacilityKind
    ages: AgeRange
    beds: tuple[BedCell, ...]
    winter_phase: int = 0  # the winter arrangement's phase this night in this region (0: none)
    region_id: int = 0

    @property
    def capacity(self) -> int:
        return sum(1 for bed in self.beds if bed.state is not BedState.CLOSED)

    @property
    def occupied(self) -> int:
        return sum(1 for bed in self.beds if bed.person_id is not None)

    @property
    def free(self) -> int:
        return sum(1 for bed in self.beds if bed.state is BedState.FREE)


def bed_board(desk: Desk, night: date, facility_ids: set[int] | None = None) -> list[FacilityBoard]:
    """Every active facility's beds for `night` (or only those in `facility_ids`)."""
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        return read_boards(session, night, facility_ids)


def read_boards(session: Session, night: date, facility_ids: set[int] | None = None) -> list[FacilityBoard]:
    """The step behind the bed board, inside the caller's transaction."""
    facilities_read, beds_read = _BOARD_READS[facility_ids is not None]
    chosen = {"night": night, "facility_ids": sorted(facility_ids or ())}
    connection = session.connection()  # plain rows: no ORM objects, no ORM result machinery
    # Night shelters first: that is where the evening's work is.
    kinds = list(FacilityKind)
    facilities = sorted(
        connection.execute(facilities_read, chosen).all(), key=lambda f: (f.region_id, kinds.index(f.kind), f.name)
    )
    by_facility: dict[int, list[Any]] = {}
    restrictions: dict[int, tuple[list[str], list[str]]] = {}  # person: (safety bans, other restrictions)
    last_bed = None
    for bed in connection.execute(beds_read, chosen).all():
        # By position: looking a row's value up by name costs ten times as much, on hundreds of rows.
        bed_id, reason = bed[1], bed[19]
        if bed_id != last_bed:  # the same bed again: only another restriction of its occupant
            by_facility.setdefault(bed[0], []).append(bed)
            last_bed = bed_id
        if reason is not None:
            bans, others = restrictions.setdefault(bed[11], ([], []))
            (bans if bed[20] else others).append(reason)
    boards = []
    # The share of a maximum stay from which a stay is flagged: the setting, read with each facility.
    warning = _warning_percentage(facilities[0].warning if facilities else None) / 100
    for fid, name, kind, region_id, min_age, max_age, stay_length, stay_unit, opened, phase, _warning in facilities:
        maximum = StayPeriod(stay_length, stay_unit) if stay_length and stay_unit else None
        per_night, winter_active = kind.allocated_per_night, phase is not None
        # Every free bed of a facility is the same cell but for its id and label: decided once.
        free_regular, free_overflow = (
            _free_or_closed(kind, is_overflow, bool(opened), winter_active) for is_overflow in (False, True)
        )
        # The stay's figures depend only on its first night: one per first night, not one per bed.
        progress_of: dict[Any, tuple[date, str, StayFlag]] = {}
        cells = []
        for (
            _fid,
            bed_id,
            label,
            is_overflow,
            bed_night_id,
            status,
            check_in,
            check_out,
            fee,
            fee_cents,
            stay_id,
            person_id,
            first_name,
            name_prefix,
            last_name,
            alias,
            medical,
            start_stored,
            planned_end,
            _reason,
            _is_safety,
        ) in by_facility.get(fid, ()):
            if person_id is None:
                cells.append(BedCell(bed_id, label, is_overflow, free_overflow if is_overflow else free_regular))
                continue
            known = progress_of.get(start_stored)
            if known is None:
                start_night = stored_date(start_stored)
                if maximum is None:  # no maximum: never near it, and only the nights are said
                    known = (
                        start_night,
                        "" if per_night else f"{(night - start_night).days + 1} nachten",
                        StayFlag.NONE,
                    )
                else:
                    progress = stay_progress(start_night, night, maximum, warning)
                    known = (start_night, "" if per_night else progress.describe(), progress.flag)
                progress_of[start_stored] = known
            start_night, progress_text, flag = known
            if person_id in restrictions:
                bans, others = restrictions[person_id]
                safety, ban_text, other_text = _safety_text(medical or "", bans), "; ".join(bans), "; ".join(others)
            else:  # most people in a bed
                safety, ban_text, other_text = medical or "", "", ""
            cells.append(
                BedCell(
                    bed_id,
                    label,
                    is_overflow,
                    _BED_STATES[status],
                    person_id,
                    display_name(first_name, name_prefix, last_name, alias),
                    bed_night_id,
                    stay_id,
                    local_clock_text(stored_moment(check_in)) if check_in else "",
                    local_clock_text(stored_moment(check_out)) if check_out else "",
                    _FEES[fee],
                    fee_cents,
                    progress_text,
                    flag,
                    safety,
                    ban_text,
                    other_text,
                    medical or "",
                    _held_text(planned_end and stored_date(planned_end), night)
                    if not per_night and status == _RESERVED and start_night < night
                    else "",
                )
            )
        boards.append(
            FacilityBoard(
                fid, name, kind, AgeRange(min_age, max_age), tuple(cells), 0 if phase is None else phase, region_id
            )
        )
    return _mark_kept_apart(session, night, boards)


def _free_or_closed(kind: FacilityKind, is_overflow: bool, overflow_opened: bool, winter_active: bool) -> BedState:
    """What a bed nobody is in shows tonight."""
    open_tonight = bed_open_on_night(
        True, is_overflow, kind, overflow_opened=overflow_opened, winter_active=winter_active
    )
    return BedState.FREE if open_tonight else BedState.CLOSED


KEPT_APART_MARK = (
    "ligt vannacht samen met iemand van wie deze persoon gescheiden moet blijven (overleg met de coördinator)"
)


def _mark_kept_apart(session: Session, night: date, boards: list[FacilityBoard]) -> list[FacilityBoard]:
    """Mark the beds of persons placed tonight together with someone they must be kept apart from."""
    marked = kept_apart_on(session, night)
    if not marked:
        return boards
    return [
        replace(
            board,
            beds=tuple(
                cell._replace(keep_apart=KEPT_APART_MARK) if cell.person_id in marked else cell for cell in board.beds
            ),
        )
        for board in boards
    ]


def _held_text(planned_end: date | None, night: date) -> str:
    if planned_end is None:
        return "verblijft"
    # Past its planned end the stay still holds the bed until it is ended: say it is over.
    return f"verblijft, {'t/m' if planned_end >= night else 'over max.'} {planned_end:%d-%m-%Y}"


# The beds' statuses and fees come as the stored text (see `_board_reads`).
_BED_STATES = {
    status.value: BedState.of_night(status) for status in BedNightStatus if status is not BedNightStatus.NO_SHOW
}
_RESERVED = BedNightStatus.RESERVED.value
_WARNING = "stay.warning_percentage"
_FEES = {fee.value: fee for fee in FeeStatus}


# The reads of a refresh are built once, with the night (and facilities) as parameters: building a
# statement costs more than running it on a board of a few hundred beds.
_TONIGHT = bindparam("night", type_=Date)


def _board_reads(by_id: bool) -> tuple[Select[*tuple[Any, ...]], ...]:
    """The facilities, each with whether its overflow is opened tonight and its region's winter
    phase (None: no winter arrangement tonight); and every bed with tonight's occupant (as the raw
    query reads it) and the occupant's restrictions in force."""
    chosen = [Facility.active.is_(True), Facility.kind != FacilityKind.DROP_IN.value]
    if by_id:
        chosen.append(Facility.id.in_(bindparam("facility_ids", expanding=True)))
    facilities = select(
        Facility.id,
        Facility.name,
        Facility.kind,
        Facility.region_id,
        Facility.min_age,
        Facility.max_age,
        Facility.max_stay_length,
        Facility.max_stay_unit,
        exists().where(OverflowOpening.facility_id == Facility.id, OverflowOpening.night == _TONIGHT),
        # As `winter_regions_on` reads it: the arrangement of the facility's region covering tonight.
        select(WinterActivation.phase)
        .where(
            WinterActivation.region_id == Facility.region_id,
            WinterActivation.first_night <= _TONIGHT,
            WinterActivation.last_night >= _TONIGHT,
        )
        .limit(1)
        .scalar_subquery(),
        stored_setting(_WARNING).label("warning"),
    ).where(*chosen)
    # A board has hundreds of beds: the bed-night's status, fee and moments and the stay's nights
    # come as stored (no per-value conversion by SQLAlchemy); `read_boards` converts what it shows.
    beds = (
        select(
            Bed.facility_id,
            Bed.id.label("bed_id"),
            Bed.label,
            Bed.is_overflow,
            BedNight.id.label("bed_night_id"),
            type_coerce(BedNight.status, String),
            type_coerce(BedNight.check_in_at, String),
            type_coerce(BedNight.check_out_at, String),
            type_coerce(BedNight.fee_status, String),
            BedNight.fee_cents,
            BedNight.stay_id,
            BedNight.person_id,
            Person.first_name,
            Person.name_prefix,
            Person.last_name,
            Person.alias,
            Person.safety_notes,
            type_coerce(Stay.start_night, String),
            type_coerce(Stay.planned_end_night, String),
            Restriction.reason,
            Restriction.is_safety,
        )
        .join(Facility, Facility.id == Bed.facility_id)
        .outerjoin(BedNight, and_(BedNight.bed_id == Bed.id, BedNight.night == _TONIGHT, OCCUPYING))
        .outerjoin(Person, Person.id == BedNight.person_id)
        .outerjoin(Stay, Stay.id == BedNight.stay_id)
        # A bed's row once per restriction of its occupant in force tonight (most have none).
        .outerjoin(
            Restriction,
            and_(
                Restriction.person_id == BedNight.person_id,
                Restriction.lifted_at.is_(None),
                Restriction.starts_on <= _TONIGHT,
                Restriction.ends_on >= _TONIGHT,
            ),
        )
        .where(Bed.active.is_(True), *chosen)
        .order_by(Bed.facility_id, Bed.position, Bed.id, Restriction.id)
    )
    return facilities, beds


_BOARD_READS = {by_id: _board_reads(by_id) for by_id in (False, True)}


def _warning_percentage(stored: str | None) -> int:
    percentage = setting_value(_WARNING, stored)
    assert isinstance(percentage, int)
    return percentage


def safety_notes(session: Session, person_ids: list[int], night: date) -> dict[int, str]:
    """Per person: what the night staff must know (safety notes and safety bans), as the lists print it."""
    if not person_ids:
        return {}
    medical = dict(
        session.execute(
            select(Person.id, Person.safety_notes).where(Person.id.in_(person_ids), Person.safety_notes != "")
        ).all()
    )
    bans: dict[int, list[str]] = {}
    for person_id, reason in session.execute(
        select(Restriction.person_id, Restriction.reason).where(
            Restriction.person_id.in_(person_ids),
            Restriction.is_safety.is_(True),
            Restriction.lifted_at.is_(None),
            Restriction.starts_on <= night,
            Restriction.ends_on >= night,
        )
    ):
        bans.setdefault(person_id, []).append(reason)
    return {pid: _safety_text(medical.get(pid, ""), bans.get(pid, [])) for pid in set(medical) | set(bans)}


def _safety_text(medical: str, bans: list[str]) -> str:
    """One line for the night staff: the safety notes, then every safety restriction in force."""
    if not medical and not bans:
        return ""  # most people in a bed
    return "; ".join(([medical] if medical else []) + [f"Veiligheidsbeperking: {reason}" for reason in bans])


def restriction_facts(session: Session, person_id: int, facility_id: int, night: date) -> tuple[RestrictionFact, ...]:
    rows = session.execute(
        select(Restriction, Facility.name)
        .outerjoin(Facility, Facility.id == Restriction.alternative_facility_id)
        .where(
            Restriction.person_id == person_id,
            Restriction.lifted_at.is_(None),
            Restriction.starts_on <= night,
            Restriction.ends_on >= night,
        )
    ).all()
    return tuple(
        RestrictionFact(r.reason, r.is_safety, alternative or "")
        for r, alternative in rows
        if applies_to(r.facility_id, facility_id, r.alternative_facility_id)
    )


def assignment_facts(
    session: Session,
    person: Person,
    bed: Bed,
    night: date,
    ignore_bed_night_id: int | None = None,
    *,
    at: datetime | None,
) -> AssignmentFacts:
    """What the domain rules need about this person, this bed and this night, decided at moment `at`.

    `at` is when the desk gives the bed: until the night's no-show hour a bed waiting for a regular
    is kept for him (None: a check without a moment, which leaves kept beds out).
    """
    facility = bed.facility
    per_night = facility.kind.allocated_per_night
    # Whether each rule has anything to say, in one round trip; the details (who, which bed, which
    # restriction) are read only for a rule that has (most assignments meet none).
    found = (
        session.connection()
        .execute(
            _FACTS_READ,
            {
                "bed_id": bed.id,
                "person_id": person.id,
                "night": night,
                "yesterday": night - timedelta(days=1),
                "facility_id": facility.id,
                "region_id": facility.region_id,
            },
        )
        .one()
    )
    occupant_row: Row[int, Person, Stay] | None = None
    if found.occupant is None:
        # Only a short stay holds a bed past the nights written for it.
        occupant_row = None if per_night else running_stay_holding(session, bed.id, night)
    elif found.occupant != ignore_bed_night_id:
        occupant_row = session.execute(
            select(BedNight.id, Person, Stay)
            .join(Person, Person.id == BedNight.person_id)
            .join(Stay, Stay.id == BedNight.stay_id)
            .where(BedNight.bed_id == bed.id, BedNight.night == night, OCCUPYING)
        ).first()
    occupant, occupant_stay = None, ""
    if occupant_row is not None and occupant_row[0] != ignore_bed_night_id:
        other, stay = occupant_row[1], occupant_row[2]
        occupant = display_name(other.first_name, other.name_prefix, other.last_name, other.alias)
        if not per_night:
            occupant_stay = describe_running_stay(stay)
    other_bed = None
    if found.other is not None and found.other != ignore_bed_night_id:
        other_row = session.execute(
            select(Facility.name, Bed.label)
            .join(Bed, Bed.facility_id == Facility.id)
            .join(BedNight, BedNight.bed_id == Bed.id)
            .where(BedNight.id == found.other)
        ).first()
        if other_row is not None:
            other_bed = f"{other_row[0]}, bed {other_row[1]}"
    born = DateOfBirth(person.date_of_birth, person.date_of_birth_approximate) if person.date_of_birth else None
    restrictions = restriction_facts(session, person.id, facility.id, night) if found.restricted else ()
    winter = found.winter is not None
    if winter:
        # Winter: admission is unconditional (no regiobinding or stay limit); only safety restrictions stay.
        restrictions = tuple(r for r in restrictions if r.is_safety)
    else:
        no_winter_activation_on(session, facility.region_id, night)
    return AssignmentFacts(
        night=night,
        facility=facility.name,
        ages=AgeRange(facility.min_age, facility.max_age),
        born=born,
        restrictions=restrictions,
        other_bed=other_bed,
        bed_occupant=occupant,
        bed_open=bed_open_on_night(
            bed.active and facility.active,
            bed.is_overflow,
            facility.kind,
            overflow_opened=bool(found.overflow),
            winter_active=winter,
        ),
        # A bed is kept only for a regular who slept in it last night (counted in the facts' read).
        kept=None if at is None or not found.held else kept_bed(session, bed, night, person.id, at),
        at=at,
        occupant_stay=occupant_stay,
    )


def kept_bed(session: Session, bed: Bed, night: date, person_id: int | None, at: datetime) -> KeptBed | None:
    """The regular this bed waits for at moment `at` (None after the night's no-show hour)."""
    until = _keeping_until(session, night, at)
    if until is None or not bed.facility.kind.allocated_per_night:
        return None
    held = beds_held_for_regulars(session, night, person_id, bed_id=bed.id)
    return KeptBed(bed.label, held[bed.id], until) if bed.id in held else None


def regulars_waiting(
    session: Session, night: date, at: datetime, for_person_id: int | None, facility_ids: set[int] | None = None
) -> dict[int, str]:
    """The beds kept for regulars at moment `at` (bed id → regular): only on the night that is
    running then (tonight), and only until its no-show hour. A bed is not planned away from a
    regular for a night ahead: who slept in it is known only once that night comes. With
    `facility_ids`, only the beds of those facilities."""
    if _keeping_until(session, night, at) is None:
        return {}
    return beds_held_for_regulars(session, night, for_person_id, facility_ids=facility_ids)


def _keeping_until(session: Session, night: date, at: datetime) -> datetime | None:
    """Until when beds wait for regulars on `night`, seen at `at` (None: they do not, or no longer)."""
    settings = read_settings(session)
    until = no_show_moment(night, settings.night_no_show_hour)
    if shelter_night_of(at, settings.night_day_boundary) != night or at >= until:
        return None
    return until


def describe_running_stay(stay: Stay) -> str:
    """How a resident's stay is named where it holds a bed: "verblijft sinds 01-12-2026, t/m 08-03-2027"."""
    until = f", t/m {stay.planned_end_night:%d-%m-%Y}" if stay.planned_end_night else ""
    return f"verblijft sinds {stay.start_night:%d-%m-%Y}{until}"


def running_stay_holding(session: Session, bed_id: int, night: date) -> Row[int, Person, Stay] | None:
    """A running short stay whose bed this is on `night` although its bed-nights are not written
    that far yet (an open-ended stay is written four weeks ahead): its last night is on this bed.

    Returned like an occupant (bed-night id, person, stay), so the bed is refused as taken.
    """
    last = (
        select(Stay.id.label("stay_id"), func.max(BedNight.night).label("last"))
        .join(BedNight, BedNight.stay_id == Stay.id)
        .join(Facility, Facility.id == Stay.facility_id)
        .where(Stay.end_night.is_(None), Facility.kind.not_in(_PER_NIGHT), OCCUPYING)
        .group_by(Stay.id)
        .subquery()
    )
    return session.execute(
        select(BedNight.id, Person, Stay)
        .join(Stay, Stay.id == BedNight.stay_id)
        .join(last, and_(last.c.stay_id == Stay.id, last.c.last == BedNight.night))
        .join(Person, Person.id == BedNight.person_id)
        .where(BedNight.bed_id == bed_id, BedNight.night < night, OCCUPYING)
    ).first()


_PER_NIGHT = [kind.value for kind in FacilityKind if kind.allocated_per_night]


@dataclass(frozen=True)
class BedSuggestion:
    facility_id: int
    facility: str
    kind: FacilityKind
    bed_id: int
    bed: str
    free_beds: int
    why: str = ""
    # A question the desk must ask before this bed is given (the person's age is unknown and the
    # place has an age range): such a bed is shown with the question, never proposed by one key.
    question: str = ""
    region_id: int = 0
    ages: AgeRange = AgeRange()


def fitting_free_beds(
    desk: Desk, person_id: int | None, night: date, exclude_facility_id: int | None = None
) -> list[BedSuggestion]:
    """Per walk-in facility, the first free open bed that the person may have tonight (any person when None).

    Until the no-show hour, the beds of tonight's expected regulars are kept for them. The desk's
    own region comes first; a place in another region says so ("andere regio: Regio Emmen").
    """
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        held = regulars_waiting(session, night, desk.now(), person_id)
        found = free_beds_for(session, person_id, night, exclude_facility_id, held=held, at=desk.now())
        home = home_region_id(session, desk)
        names = {row.id: row.name for row in session.execute(select(Region.id, Region.name))}
    elsewhere = [
        replace(s, why="; ".join(filter(None, (s.why, f"andere regio: {names.get(s.region_id, '')}"))))
        for s in found
        if s.region_id != home
    ]
    return [s for s in found if s.region_id == home] + elsewhere


def beds_kept_for_regulars(desk: Desk, night: date) -> dict[int, str]:
    """For the board: free beds kept for tonight's expected regulars (empty after the no-show hour)."""
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        return regulars_waiting(session, night, desk.now(), None)


def beds_held_for_regulars(
    session: Session,
    night: date,
    for_person_id: int | None,
    bed_id: int | None = None,
    facility_ids: set[int] | None = None,
) -> dict[int, str]:
    """Bed id → the regular it is kept for: who slept in it the night before and has no bed yet tonight.

    A regular comes back to "his" bed; giving it to a newcomer at 21:00 means the
    regular finds the shelter full at 22:00. `for_person_id`'s own bed is not held against him.
    With `bed_id`, only that bed is looked at (the check of one assignment); with `facility_ids`,
    only those facilities' beds (a list of one facility). The caller decides whether the no-show
    hour has passed.
    """
    scope = "bed" if bed_id is not None else "facilities" if facility_ids is not None else "all"
    chosen = {
        "night": night,
        "yesterday": night - timedelta(days=1),
        "bed_id": bed_id,
        "facility_ids": sorted(facility_ids or ()),
    }
    yesterday = session.connection().execute(_HELD_READS[scope], chosen).all()
    return {
        bed: display_name(first_name, name_prefix, last_name, alias)
        for bed, person_id, first_name, name_prefix, last_name, alias in yesterday
        if person_id is not None and person_id != for_person_id
    }


def _held_read(scope: str) -> Select[*tuple[Any, ...]]:
    """Last night's sleepers in per-night places who have no bed yet tonight: of one bed ("bed"),
    of some facilities' beds ("facilities") or of all ("all")."""
    per_night = [kind.value for kind in FacilityKind if kind.allocated_per_night]
    # The table's own alias, not the mapped class's: `aliased()` would configure every mapper
    # when this module is imported, work that belongs to the first query.
    tonight = BedNight.__table__.alias("tonight")
    # Written as OCCUPYING is, so SQLite uses the partial unique index on person and night.
    no_bed_tonight = ~exists().where(
        tonight.c.person_id == BedNight.person_id,
        tonight.c.night == _TONIGHT,
        tonight.c.status != literal_column("'no_show'"),
    )
    yesterday = bindparam("yesterday", type_=Date)
    names = (Person.first_name, Person.name_prefix, Person.last_name, Person.alias)
    if scope == "facilities":
        # Driven from the facilities' beds, each bed's last night found by the index on bed and
        # night: SQLite keeps a LEFT JOIN's order, where an inner join let it walk all of last
        # night's bed-nights instead. A bed nobody slept in comes with no person (left out later).
        return (
            select(Bed.id.label("bed_id"), BedNight.person_id, *names)
            .join(Facility, Facility.id == Bed.facility_id)
            .outerjoin(BedNight, and_(BedNight.bed_id == Bed.id, BedNight.night == yesterday, OCCUPYING))
            .outerjoin(Person, Person.id == BedNight.person_id)
            .where(
                Bed.facility_id.in_(bindparam("facility_ids", expanding=True)),
                Facility.kind.in_(per_night),
                no_bed_tonight,
            )
        )
    read = (
        select(BedNight.bed_id, BedNight.person_id, *names)
        .join(Person, Person.id == BedNight.person_id)
        .join(Bed, Bed.id == BedNight.bed_id)
        .join(Facility, Facility.id == Bed.facility_id)
        .where(BedNight.night == yesterday, OCCUPYING, Facility.kind.in_(per_night), no_bed_tonight)
    )
    return read.where(BedNight.bed_id == bindparam("bed_id")) if scope == "bed" else read


# Built once, like the board's reads: a proposal asks this once per facility it looks at.
_HELD_READS = {scope: _held_read(scope) for scope in ("all", "bed", "facilities")}


def _facts_read() -> Select[*tuple[Any, ...]]:
    """One row: tonight's occupant of the bed, the person's other bed tonight, whether a
    restriction is in force, the region's winter activation, whether the overflow is open, and
    how many regulars other than the person last slept in this bed and have no bed yet."""
    person_id, bed_id = bindparam("person_id", type_=Integer), bindparam("bed_id", type_=Integer)
    held = _HELD_READS["bed"].subquery()
    return select(
        select(BedNight.id)
        .where(BedNight.bed_id == bed_id, BedNight.night == _TONIGHT, OCCUPYING)
        .limit(1)
        .scalar_subquery()
        .label("occupant"),
        select(BedNight.id)
        .where(BedNight.person_id == person_id, BedNight.night == _TONIGHT, OCCUPYING)
        .limit(1)
        .scalar_subquery()
        .label("other"),
        exists()
        .where(
            Restriction.person_id == person_id,
            Restriction.lifted_at.is_(None),
            Restriction.starts_on <= _TONIGHT,
            Restriction.ends_on >= _TONIGHT,
        )
        .label("restricted"),
        select(WinterActivation.id)
        .where(
            WinterActivation.region_id == bindparam("region_id", type_=Integer),
            WinterActivation.first_night <= _TONIGHT,
            WinterActivation.last_night >= _TONIGHT,
        )
        .limit(1)
        .scalar_subquery()
        .label("winter"),
        exists()
        .where(
            OverflowOpening.facility_id == bindparam("facility_id", type_=Integer),
            OverflowOpening.night == _TONIGHT,
        )
        .label("overflow"),
        select(func.count()).select_from(held).where(held.c.person_id != person_id).scalar_subquery().label("held"),
    )


_FACTS_READ = _facts_read()


def free_beds_for(
    session: Session,
    person_id: int | None,
    night: date,
    exclude_facility_id: int | None = None,
    *,
    held: Mapping[int, str] | None = None,
    at: datetime | None,
) -> list[BedSuggestion]:
    """The step behind `fitting_free_beds`, inside the caller's transaction, decided at moment `at`.

    Only walk-in kinds (night shelters, crisis and winter places): short stays and trajectory
    rooms are given through an intake decision. Beds in `held` are kept for their regulars. For
    a person of unknown age, a place with an age range comes with the question to ask first.
    """
    person = session.get(Person, person_id) if person_id is not None else None
    held = regulars_waiting(session, night, at, person_id) if held is None and at is not None else (held or {})
    suggestions = []
    for board in read_boards(session, night):
        if board.facility_id == exclude_facility_id or not board.kind.walk_in:
            continue
        free = [cell for cell in board.beds if cell.state is BedState.FREE and cell.bed_id not in held]
        if not free:
            continue
        question = why = ""
        if person is not None:
            bed = session.get(Bed, free[0].bed_id)
            assert bed is not None
            # Beds kept for regulars are left out above: the facility's own rules are what is asked here.
            if refusals(assignment_facts(session, person, bed, night, at=None)):
                continue
            if person.date_of_birth is None and (board.ages.minimum is not None or board.ages.maximum is not None):
                question = (
                    f"Leeftijd onbekend: vraag de leeftijd of het geboortejaar (een schatting mag); "
                    f"{board.name} is voor {board.ages.describe()}."
                )
            elif person.date_of_birth is not None and (
                board.kind is FacilityKind.YOUTH_SHELTER or board.ages.maximum is not None
            ):
                age = age_on_night(DateOfBirth(person.date_of_birth, person.date_of_birth_approximate), night)
                why = f"jongerenbed: {age} jaar"
        suggestions.append(
            BedSuggestion(
                board.facility_id,
                board.name,
                board.kind,
                free[0].bed_id,
                free[0].label,
                len(free),
                why,
                question,
                board.region_id,
                board.ages,
            )
        )
    return suggestions


@dataclass(frozen=True)
class MoveTarget:
    """A free bed the person on a bed-night may be moved to; `needs_reason` when only a coordinator
    may, with a reason (the bed waits for a regular, or an age or restriction refusal)."""

    bed_id: int
    facility: str
    bed: str
    needs_reason: str = ""

    @property
    def text(self) -> str:
        return f"{self.facility}, bed {self.bed}" + (
            f" — alleen met reden: {self.needs_reason}" if self.needs_reason else ""
        )


def move_targets(desk: Desk, bed_night_id: int) -> list[MoveTarget]:
    """The free open beds of the same night the person may be moved to: never a bed kept for a
    regular (until the no-show hour) nor one of a place the rules refuse (age, restriction), except
    for a coordinator, who sees those marked, to move there with a reason."""
    user = desk.require(Permission.DESK_WORK)
    may_decide = user.role.rank >= Permission.DECIDE.minimum_role.rank
    at = desk.now()
    with desk.db.read() as session:
        row = session.execute(select(BedNight.person_id, BedNight.night).where(BedNight.id == bed_night_id)).first()
        person = session.get(Person, row.person_id) if row is not None else None
        if row is None or person is None:
            return []
        night = row.night
        until = no_show_moment(night, read_settings(session).night_no_show_hour)
        held = regulars_waiting(session, night, at, person.id)
        targets: list[MoveTarget] = []
        for board in read_boards(session, night):
            free = [cell for cell in board.beds if cell.state is BedState.FREE]
            fitting = [cell for cell in free if cell.bed_id not in held]
            # The place's rules are the same for each of its beds: one check per facility.
            facility_refusals: list[str] = []
            probe = (fitting or free)[:1]
            if probe:
                bed = session.get(Bed, probe[0].bed_id)
                assert bed is not None
                found = [
                    r
                    for r in refusals(assignment_facts(session, person, bed, night, bed_night_id, at=None))
                    if r.kind is not RefusalKind.BED_TAKEN
                ]
                if any(not r.overrulable for r in found):
                    continue  # a safety restriction or a closed place: never
                facility_refusals = [r.message for r in found]
            for cell in free:
                reasons = facility_refusals + (
                    [f"wacht tot {local_clock_text(until)} op {held[cell.bed_id]}"] if cell.bed_id in held else []
                )
                if reasons and not may_decide:
                    continue
                targets.append(MoveTarget(cell.bed_id, board.name, cell.label, " ".join(reasons)))
        return targets


def home_region_id(session: Session, desk: Desk) -> int | None:
    """The desk's own region: its workstation setting, else the region of the first active facility."""
    if desk.region_id is not None and session.get(Region, desk.region_id) is not None:
        return desk.region_id
    return session.scalar(select(Facility.region_id).where(Facility.active.is_(True)).order_by(Facility.id).limit(1))


@dataclass(frozen=True)
class StayReview:
    stay_id: int
    person_id: int
    person: str
    facility: str
    start_night: date
    planned_end_night: date | None
    description: str
    flag: StayFlag


def stays_to_review(desk: Desk, night: date) -> list[StayReview]:
    """Open short stays at or over the warning share of their facility's maximum, longest first."""
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        warning = read_settings(session).stay_warning_percentage / 100
        rows = session.execute(
            select(Stay, Person, Facility)
            .join(Person, Person.id == Stay.person_id)
            .join(Facility, Facility.id == Stay.facility_id)
            .where(Stay.end_night.is_(None), Facility.max_stay_length.is_not(None), Stay.start_night <= night)
        ).all()
    reviews = []
    for stay, person, facility in rows:
        progress = stay_progress(stay.start_night, night, facility.max_stay, warning)
        if progress.flag is not StayFlag.NONE:
            reviews.append(
                StayReview(
                    stay.id,
                    person.id,
                    display_name(person.first_name, person.name_prefix, person.last_name, person.alias),
                    facility.name,
                    stay.start_night,
                    stay.planned_end_night,
                    progress.describe(),
                    progress.flag,
                )
            )
    return sorted(reviews, key=lambda r: r.start_night)
