"""Tonight across the region: every facility's free, taken and closed beds, and who to call.

For the "Regio vannacht" section. `region_tonight` reads the whole region in one
read transaction and returns plain data; while it has the beds in hand it also keeps this
computer's encrypted roll-call copy up to date (`roll_call_snapshot`). `region_change_token` is
the cheap question the screen asks every two seconds: "did anything change since?". And from the
overview a desk worker reserves a free bed at another location with exactly the rules and
refusals of the own desk (`assignment._assign`); when another desk just took that bed, the
refusal says so and names the next bed that fits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Row, case, func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.bed_assignment import AssignmentRefused, RefusalKind, refusals
from shelter_desk.domain.errors import DatabaseUnreachable as DatabaseUnreachable  # the screens' import
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import AgeRange, FacilityKind
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_night, local_clock_text
from shelter_desk.domain.stays import BedNightStatus, BedState
from shelter_desk.domain.text_input import check_night
from shelter_desk.persistence.locks import BED_NIGHTS, lock_for
from shelter_desk.persistence.models import (
    OCCUPYING,
    Bed,
    BedNight,
    DatabaseInfo,
    Facility,
    OverflowOpening,
    Person,
    Region,
    WinterActivation,
    WinterActivationChange,
)
from shelter_desk.reports.referral_data import ReferralSlip
from shelter_desk.services.beds.assignment import BED_JUST_TAKEN, _assign
from shelter_desk.services.beds.board import assignment_facts, home_region_id, regulars_waiting
from shelter_desk.services.beds.occupancy import _occupancy_lists
from shelter_desk.services.beds.roll_call_snapshot import RollCallEntry, copy_row, keep_in_snapshot
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.database_setup import DEMO_KEY
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings
from shelter_desk.services.kernel.winter_nights import winter_regions_on

ALL_REGIONS = "Alle regio's"


class BedJustGone(DeskError):
    """The chosen bed went to someone else (at another desk) a moment ago; `next_bed` fits instead."""

    def __init__(self, message: str, next_bed: FreeBed | None) -> None:
        super().__init__(message)
        self.next_bed = next_bed


@dataclass(frozen=True)
class FreeBed:
    facility_id: int
    facility: str
    bed_id: int
    label: str
    is_overflow: bool = False

    @property
    def text(self) -> str:
        return f"{self.facility}, bed {self.label}" + (" (extra)" if self.is_overflow else "")


@dataclass(frozen=True)
class FacilityTonight:
    facility_id: int
    region_id: int
    region: str
    name: str
    kind: FacilityKind
    ages: AgeRange
    free: int
    taken: int
    closed: int  # overflow or winter-only places not opened tonight
    winter_places: int  # places that open with the winter arrangement (overflow and winter-only beds)
    winter_phase: int  # the arrangement's phase in this region tonight (0: not active)
    address: str
    phone: str
    free_beds: tuple[FreeBed, ...]
    # Free beds waiting for tonight's regulars until the no-show hour: not counted as free, not offered.
    kept: int = 0


@dataclass(frozen=True)
class RegionChoice:
    region_id: int
    name: str


@dataclass(frozen=True)
class RegionTonight:
    night: date
    scope: str  # "Regio Assen", or "Alle regio's"
    region_id: int | None  # None: all regions
    home_region_id: int | None  # this desk's own region
    facilities: tuple[FacilityTonight, ...]
    regions: tuple[RegionChoice, ...]  # every region with facilities (the switch for a coordinator)
    may_switch: bool  # the signed-in role may look beyond its own region
    read_at: datetime

    @property
    def free(self) -> int:
        return sum(f.free for f in self.facilities)

    @property
    def taken(self) -> int:
        return sum(f.taken for f in self.facilities)

    @property
    def closed(self) -> int:
        return sum(f.closed for f in self.facilities)


# -- reading the region, inside one transaction -------------------------------------------------


@dataclass(frozen=True)
class _BedTonight:
    bed_id: int
    label: str
    is_overflow: bool
    state: BedState
    person_id: int | None = None
    occupant: str = ""
    birth_year: str = ""
    check_in: str = ""
    check_out: str = ""


def _address(facility: Facility) -> str:
    return ", ".join(part for part in (facility.street, f"{facility.postcode} {facility.city}".strip()) if part)


def _read_beds(
    session: Session,
    night: date,
    region_ids: set[int] | None,
) -> list[tuple[Facility, str, list[_BedTonight]]]:
    """Every active facility with beds (of these regions) with its beds' state tonight: five queries."""
    no_beds = [kind.value for kind in FacilityKind if not kind.has_beds]  # a day drop-in has no beds
    chosen = (
        select(Facility, Region.name)
        .join(Region, Region.id == Facility.region_id)
        .where(Facility.active.is_(True), Facility.kind.not_in(no_beds))
    )
    if region_ids is not None:
        chosen = chosen.where(Facility.region_id.in_(region_ids))
    kinds = list(FacilityKind)
    facilities = sorted(session.execute(chosen).all(), key=lambda row: (row[1], kinds.index(row[0].kind), row[0].name))
    ids = [facility.id for facility, _region in facilities]
    beds: dict[int, list[Row[int, int, str, bool]]] = {}
    for row in session.execute(
        select(Bed.id, Bed.facility_id, Bed.label, Bed.is_overflow)
        .where(Bed.active.is_(True), Bed.facility_id.in_(ids))
        .order_by(Bed.facility_id, Bed.position, Bed.id)
    ):
        beds.setdefault(row.facility_id, []).append(row)
    opened = set(session.scalars(select(OverflowOpening.facility_id).where(OverflowOpening.night == night)))
    winter = winter_regions_on(session, night)
    taken = {
        row.bed_id: row
        for row in session.execute(
            select(
                BedNight.bed_id,
                BedNight.status,
                BedNight.check_in_at,
                BedNight.check_out_at,
                Person.id.label("person_id"),
                Person.first_name,
                Person.name_prefix,
                Person.last_name,
                Person.alias,
                Person.date_of_birth,
                Person.date_of_birth_approximate,
            )
            .join(Person, Person.id == BedNight.person_id)
            .join(Bed, Bed.id == BedNight.bed_id)
            .where(BedNight.night == night, OCCUPYING, Bed.facility_id.in_(ids))
        )
    }
    result = []
    for facility, region_name in facilities:
        cells = []
        for bed in beds.get(facility.id, []):
            held = taken.get(bed.id)
            if held is None:
                needs_opening = bed.is_overflow or facility.kind is FacilityKind.WINTER
                closed = (
                    needs_opening
                    and facility.region_id not in winter
                    and (facility.kind is FacilityKind.WINTER or facility.id not in opened)
                )
                cells.append(
                    _BedTonight(bed.id, bed.label, bed.is_overflow, BedState.CLOSED if closed else BedState.FREE)
                )
                continue
            born = held.date_of_birth
            year = "" if born is None else (f"ca. {born.year}" if held.date_of_birth_approximate else str(born.year))
            cells.append(
                _BedTonight(
                    bed.id,
                    bed.label,
                    bed.is_overflow,
                    BedState.of_night(held.status),
                    held.person_id,
                    display_name(held.first_name, held.name_prefix, held.last_name, held.alias),
                    year,
                    local_clock_text(held.check_in_at) if held.check_in_at else "",
                    local_clock_text(held.check_out_at) if held.check_out_at else "",
                )
            )
        result.append((facility, region_name, cells))
    return result


def _overview(
    facility: Facility, region_name: str, cells: list[_BedTonight], phase: int, kept: Mapping[int, str]
) -> FacilityTonight:
    free = tuple(
        FreeBed(facility.id, facility.name, c.bed_id, c.label, c.is_overflow)
        for c in cells
        if c.state is BedState.FREE and c.bed_id not in kept
    )
    return FacilityTonight(
        facility.id,
        facility.region_id,
        region_name,
        facility.name,
        facility.kind,
        AgeRange(facility.min_age, facility.max_age),
        free=len(free),
        taken=sum(1 for c in cells if c.person_id is not None),
        closed=sum(1 for c in cells if c.state is BedState.CLOSED),
        winter_places=sum(1 for c in cells if c.is_overflow or facility.kind is FacilityKind.WINTER),
        winter_phase=phase,
        address=_address(facility),
        phone=facility.phone or "",
        free_beds=free,
        kept=sum(1 for c in cells if c.state is BedState.FREE and c.bed_id in kept),
    )


def _roll_call_entries(
    session: Session, desk: Desk, night: date, read: list[tuple[Facility, str, list[_BedTonight]]]
) -> list[RollCallEntry]:
    """What the printed appèllijst of each facility read needs, for the local copy: the very rows
    of the live roll-call (`occupancy._occupancy_lists`), presence included."""
    lists = _occupancy_lists(session, desk, night, {facility.id for facility, _region, _cells in read})
    return [
        RollCallEntry(
            facility_id,
            data.facility,
            data.facility_kind,
            data.address,
            tuple(copy_row(row) for row in data.rows),
            data.capacity,
        )
        for facility_id, data, _people in lists
    ]


# -- the use cases ------------------------------------------------------------------------------


def region_tonight(
    desk: Desk, night: date, region_id: int | None = None, *, all_regions: bool = False
) -> RegionTonight:
    """Tonight's beds per facility of this desk's region (or `region_id`, or all regions).

    The desk starts on its own region and may look further (a full house calls the next region).
    Every successful read refreshes this computer's encrypted roll-call copy of the facilities read.
    """
    desk.require(Permission.ALL_REGIONS if all_regions or region_id is not None else Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        home = home_region_id(session, desk)
        scope = None if all_regions else (region_id if region_id is not None else home)
        read = _read_beds(session, night, None if scope is None else {scope})
        winter = winter_regions_on(session, night)
        regions = tuple(
            RegionChoice(rid, name)
            for rid, name in session.execute(
                select(Region.id, Region.name).where(Region.id.in_(select(Facility.region_id))).order_by(Region.name)
            )
        )
        kept = regulars_waiting(session, night, desk.now(), None)
        entries = _roll_call_entries(session, desk, night, read)
        demo = session.get(DatabaseInfo, DEMO_KEY) is not None
    read_at = desk.now()
    keep_in_snapshot(desk.snapshots, night, entries, read_at, is_demo=demo)
    names = {choice.region_id: choice.name for choice in regions}
    assert desk.user is not None
    return RegionTonight(
        night,
        ALL_REGIONS if scope is None else names.get(scope, "Geen regio"),
        scope,
        home,
        tuple(_overview(f, r, cells, winter.get(f.region_id, 0), kept) for f, r, cells in read),
        regions,
        may_switch=desk.user.role.rank >= Permission.ALL_REGIONS.minimum_role.rank,
        read_at=read_at,
    )


def region_change_token(desk: Desk, night: date) -> tuple[object, ...]:
    """A few aggregates that change whenever tonight's beds or the facilities change (cheap to poll).

    Tonight's occupying bed-nights (count, highest id, sums of ids and beds: a cancel plus a new
    reservation, a move, a released no-show all change it), the facilities and beds as set up
    (count, active, a sum over the fields the overview shows), tonight's overflow openings, and
    the winter activations with their changes.
    """
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        nights = session.execute(
            select(
                func.count(BedNight.id), func.max(BedNight.id), func.sum(BedNight.id), func.sum(BedNight.bed_id)
            ).where(BedNight.night == night, OCCUPYING)
        ).one()
        setup = session.execute(
            select(
                func.count(Facility.id),
                func.sum(case((Facility.active.is_(True), Facility.id), else_=0)),
                func.sum(
                    func.length(Facility.name)
                    + func.length(func.coalesce(Facility.phone, ""))
                    + func.length(Facility.street)
                    + func.length(Facility.city)
                    + func.coalesce(Facility.min_age, -1) * 3
                    + func.coalesce(Facility.max_age, -1) * 7
                ),
            )
        ).one()
        beds = session.execute(
            select(func.count(Bed.id), func.sum(case((Bed.active.is_(True), Bed.id), else_=0)))
        ).one()
        openings = session.scalar(select(func.count(OverflowOpening.id)).where(OverflowOpening.night == night))
        winter = session.execute(
            select(
                func.count(WinterActivation.id),
                func.max(WinterActivation.id),
                select(func.count(WinterActivationChange.id)).scalar_subquery(),
            ).where(WinterActivation.first_night <= night, WinterActivation.last_night >= night)
        ).one()
    return (*nights, *setup, *beds, openings, *winter)


def reserve_elsewhere(desk: Desk, person_id: int, bed_id: int, night: date, overrule_reason: str = "") -> int:
    """Reserve a bed at any location for the person at this desk; returns the bed-night id.

    The same rules and refusals as at the own desk (the same `_assign`, in one write transaction).
    When the bed was given away a moment ago (checked here, or refused by the unique index when
    two desks commit at once), BedJustGone says so in Dutch and carries the next bed that fits:
    another free bed of the same facility, else of the same region.
    """
    desk.require(Permission.DECIDE if overrule_reason.strip() else Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.write() as session:
        tonight = desk.tonight(session)
        lock_for(session, BED_NIGHTS)
        default_fee = _default_fee_cents(session)
        try:
            with session.begin_nested():  # a refused write leaves the transaction usable
                bed_night_id = _assign(
                    session, person_id, bed_id, night, overrule_reason, default_fee, desk.now(), tonight
                )
            log_access(
                session,
                desk,
                Action.CREATE,
                person_id,
                ("bed", "overrule") if overrule_reason.strip() else ("bed",),
                f"bed {bed_id}, nacht {night:%d-%m-%Y}, via Regio vannacht",
            )
            return bed_night_id
        except AssignmentRefused as refused:
            if not any(r.kind in (RefusalKind.BED_TAKEN, RefusalKind.BED_CLOSED) for r in refused.refused):
                raise
        except DeskError as error:
            if error.message != BED_JUST_TAKEN:
                raise
        gone = session.get(Bed, bed_id)
        assert gone is not None
        gone_text = f"{gone.facility.name}, bed {gone.label}"
        region_id = gone.facility.region_id
        next_bed = _next_fitting_bed(
            session, person_id, night, gone.facility_id, region_id, exclude=bed_id, at=desk.now()
        )
    if next_bed is None:
        raise BedJustGone(
            f"{gone_text} is net vergeven aan iemand anders. Er is vannacht geen ander passend "
            "vrij bed in deze regio; registreer een afwijzing met verwijzing.",
            None,
        )
    raise BedJustGone(
        f"{gone_text} is net vergeven aan iemand anders. Het volgende passende bed: "
        f"{next_bed.text}. Kies 'Dit bed reserveren' om dat te nemen.",
        next_bed,
    )


def referral_slip_pdf(desk: Desk, bed_night_id: int) -> bytes:
    """The verwijsbrief for a reservation; printing a name is logged like every printout."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        bed_night = session.get(BedNight, bed_night_id)
        if bed_night is None:
            raise DeskError("Deze reservering bestaat niet meer; kijk op het beddenbord.")
        bed = session.get(Bed, bed_night.bed_id)
        person = session.get(Person, bed_night.person_id)
        assert bed is not None and person is not None
        facility = bed.facility
        home = home_region_id(session, desk)
        home_region = session.get(Region, home) if home is not None else None
        no_show = ""
        if facility.kind.allocated_per_night and bed_night.status == BedNightStatus.RESERVED:
            no_show = read_settings(session).night_no_show_hour.strftime("%H:%M")
        slip = ReferralSlip(
            person=display_name(person.first_name, person.name_prefix, person.last_name, person.alias),
            night_text=dutch_night(bed_night.night),
            facility=facility.name,
            facility_kind=facility.kind.label,
            address=_address(facility),
            phone=facility.phone or "",
            bed=bed.label + (" (extra)" if bed.is_overflow else ""),
            status=bed_night.status,
            referred_by=desk.worker or "balie",
            referred_from=home_region.name if home_region else desk.workstation,
            printed_at=desk.now(),
            no_show_hour=no_show,
            is_demo=session.get(DatabaseInfo, DEMO_KEY) is not None,
        )
        log_access(session, desk, Action.PRINT, person.id, detail=f"verwijsbrief {bed_night.night.isoformat()}")
    from shelter_desk.reports.referral_slip import render_referral_slip  # reportlab loads when printing

    return render_referral_slip(slip)


# -- steps inside a transaction -----------------------------------------------------------------


def _default_fee_cents(session: Session) -> int:
    return int(read_settings(session).night_default_fee * 100)


def _next_fitting_bed(
    session: Session, person_id: int, night: date, facility_id: int, region_id: int, exclude: int, at: datetime
) -> FreeBed | None:
    """The first free open bed the rules give this person: the same facility first, then its region."""
    found = free_beds_fitting(session, person_id, night, {region_id}, exclude_bed=exclude, at=at)
    found.sort(key=lambda item: item[0].facility_id != facility_id)
    return found[0][0] if found else None


def free_beds_fitting(
    session: Session,
    person_id: int | None,
    night: date,
    region_ids: Iterable[int] | None,
    exclude_bed: int | None = None,
    *,
    at: datetime,
) -> list[tuple[FreeBed, int]]:
    """Per facility of these regions (all when None), the first free bed the person may have at
    moment `at`, with the facility's number of free beds (any person when None).

    One free bed per facility is checked: the rules (age, restrictions, winter) are the facility's;
    a bed kept for a regular until the no-show hour is never proposed. The same source as the
    region overview, for the turnaway suggestions too.
    """
    person = session.get(Person, person_id) if person_id is not None else None
    if person_id is not None and person is None:
        return []
    held = regulars_waiting(session, night, at, person_id)
    found = []
    for facility, _region, cells in _read_beds(session, night, None if region_ids is None else set(region_ids)):
        free = [c for c in cells if c.state is BedState.FREE and c.bed_id != exclude_bed and c.bed_id not in held]
        if not free:
            continue
        if person is not None:
            bed = session.get(Bed, free[0].bed_id)
            assert bed is not None
            if refusals(assignment_facts(session, person, bed, night, at=at)):
                continue
        found.append(
            (FreeBed(facility.id, facility.name, free[0].bed_id, free[0].label, free[0].is_overflow), len(free))
        )
    return found
