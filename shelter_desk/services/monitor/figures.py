"""The monitor: in-, through- and outflow of a region or facility over a period (the national
dashboard asks for them twice a year).

One service computes every figure; the Rapportages screen, the PDF and the CSV all show these same
numbers. A person who used several facilities counts once in every "unique persons" figure.
Occupancy is bed-nights over (regular beds × nights): nights in opened overflow beds can push a
facility over 100 %, which is what happened.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple, TypedDict

from sqlalchemy import ColumnElement, String, exists, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.monitor import AGE_GROUPS, Derived, Period, age_group, occupancy_rate
from shelter_desk.domain.people import age_on
from shelter_desk.domain.person_details import Gender
from shelter_desk.domain.postal import PostalStatus
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.safety import IncidentKind
from shelter_desk.domain.shelter_night import AMSTERDAM, shelter_night_of
from shelter_desk.domain.stays import Outflow, StayPeriod, TurnawayReason
from shelter_desk.domain.street_contacts import StreetCounts, count_contacts
from shelter_desk.persistence.models import (
    OCCUPYING,
    Bed,
    BedNight,
    Facility,
    Incident,
    Investigation,
    Municipality,
    Person,
    PostalAddress,
    Region,
    Stay,
    StreetContact,
    Transfer,
    Turnaway,
    WinterActivation,
)
from shelter_desk.persistence.types import stored_date
from shelter_desk.reports.monitor_data import MonitorDocument, MonitorSection
from shelter_desk.services.dropin.figures import DropInFigures, dropin_figures
from shelter_desk.services.kernel.database_setup import demo_marked
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings
from shelter_desk.services.monitor.national import national_section
from shelter_desk.services.people.quality_checks import quality_totals
from shelter_desk.services.plans.figures import PlanFigures, plan_figures

TO_ORIGIN = "terug naar gemeente van herkomst"
AGE_ORDER = [label for _low, _high, label in AGE_GROUPS] + ["onbekend"]


class _ShortStays(TypedDict):
    short_stay_count: int
    short_stay_average_days: float
    short_stay_longest_days: int
    stays_over_maximum: int


class _Winter(TypedDict):
    winter_nights: int
    winter_bed_nights: int
    winter_persons: int
    winter_nights_planned: int
    street: StreetCounts


class _Profiles(TypedDict):
    by_origin: tuple[tuple[str, int], ...]
    by_province: tuple[tuple[str, int], ...]
    by_age_group: tuple[tuple[str, int], ...]
    by_gender: tuple[tuple[str, int], ...]
    own_region_persons: int


@dataclass(frozen=True)
class FacilityFigures:
    facility: str
    kind: str
    bed_nights: int
    capacity_nights: int
    persons: int

    @property
    def occupancy(self) -> float:
        return occupancy_rate(self.bed_nights, self.capacity_nights)


@dataclass(frozen=True)
class MonitorReport:
    scope: str
    period: Period
    unique_persons: int
    new_persons: int
    facilities: tuple[FacilityFigures, ...]
    short_stay_count: int
    short_stay_average_days: float
    short_stay_longest_days: int
    stays_over_maximum: int
    turnaways: tuple[tuple[str, int], ...]
    winter_nights: int  # activated nights of the period that have come (up to tonight)
    winter_bed_nights: int
    winter_persons: int
    winter_nights_planned: int  # activated nights of the period still ahead, shown apart
    street: StreetCounts  # street contacts on those winter nights (seen / offered / placed / refused)
    active_postal_addresses: int
    transfers: tuple[tuple[str, int, int], ...]  # receiving centrumgemeente, requested, moved (in the period)
    outflow: tuple[tuple[str, int], ...]
    by_origin: tuple[tuple[str, int], ...]
    by_province: tuple[tuple[str, int], ...]
    by_age_group: tuple[tuple[str, int], ...]
    by_gender: tuple[tuple[str, int], ...]
    own_region_persons: int
    nightly: tuple[tuple[date, int], ...]
    dropin: DropInFigures
    plans: PlanFigures
    # Incidents in the period per facility and kind: ("Nachtopvang Assen: agressie/geweld", 2).
    incidents: tuple[tuple[str, int], ...] = ()
    # Appendix: open points of the data-quality work list per check, today: of the report's region
    # (a facility's report: its region), or of the whole organisation for all regions.
    data_quality: tuple[tuple[str, int], ...] = ()
    data_quality_scope: str = "hele organisatie"  # "regio Assen": whose open points the appendix counts
    data_quality_region_id: int | None = None  # that region (the work list behind the appendix)

    @property
    def own_region_share(self) -> float:
        return 0.0 if not self.unique_persons else self.own_region_persons / self.unique_persons

    @property
    def bed_nights(self) -> int:
        return sum(f.bed_nights for f in self.facilities)

    @property
    def threshold(self) -> int:
        """The small-number threshold the report was made with (the organisation's setting)."""
        return self.plans.threshold

    @property
    def turnaway_total(self) -> int:
        return sum(count for _label, count in self.turnaways)


def monitor(
    desk: Desk,
    period: Period,
    *,
    region_id: int | None = None,
    facility_id: int | None = None,
    centre_code: str | None = None,
) -> MonitorReport:
    """The figures for all regions, one region (by id or by its centrumgemeente) or one facility."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        if centre_code is not None:
            region_id = session.scalar(select(Region.id).where(Region.centre_municipality_code == centre_code))
        scope = [
            facility
            for facility in _facilities(session)
            if (region_id is None or facility.region_id == region_id)
            and (facility_id is None or facility.id == facility_id)
        ]
        facility_ids = {facility.id for facility in scope}
        regions = {facility.region_id for facility in scope}
        # A running short stay holds its bed on the nights ahead too: those count once they have come.
        tonight = shelter_night_of(desk.now(), read_settings(session).night_day_boundary)
        counted = or_(
            BedNight.night <= tonight, Bed.facility_id.in_([f.id for f in scope if f.kind.allocated_per_night])
        )
        sleepers = _sleepers(session, scope, period, counted)
        # The appendix counts the open points of the report's region (a facility's: its region's).
        quality_region = region_id if region_id is not None or facility_id is None else _region_of(scope)
        persons = sleepers.persons
        return MonitorReport(
            scope=_scope_name(session, region_id, facility_id),
            period=period,
            unique_persons=len(persons),
            new_persons=sleepers.new_persons,
            facilities=_facility_figures(session, scope, sleepers, period),
            **_short_stays(session, facility_ids, period),
            turnaways=_turnaways(
                session, facility_ids, period, whole_organisation=region_id is None and facility_id is None
            ),
            **_winter(session, scope, regions, period, tonight),
            active_postal_addresses=_postal(session, facility_ids, period),
            transfers=_transfers(session, regions, period),
            outflow=_outflow(session, facility_ids, period),
            **sleepers.profiles,
            nightly=_nightly(session, facility_ids, period, counted),
            dropin=dropin_figures(session, facility_ids, period, persons),
            plans=plan_figures(session, persons, facility_ids, period, desk.today()),
            incidents=_incidents(session, scope, period),
            data_quality=quality_totals(session, desk.today(), quality_region),
            data_quality_scope=_quality_scope_name(session, quality_region),
            data_quality_region_id=quality_region,
        )


class _Facility(NamedTuple):
    id: int
    name: str
    kind: FacilityKind
    region_id: int
    centre_code: str  # the centrumgemeente of its region


def _facilities(session: Session) -> list[_Facility]:
    """Every facility, by name (a few dozen at most): the scope is chosen from these."""
    return [
        _Facility(*row)
        for row in session.execute(
            select(Facility.id, Facility.name, Facility.kind, Facility.region_id, Region.centre_municipality_code)
            .join(Region, Region.id == Facility.region_id)
            .order_by(Facility.name)
        )
    ]


@dataclass(frozen=True)
class _Sleepers:
    """Who slept in the scope in the period, and what the report says about them."""

    persons: set[int]
    new_persons: int  # with no earlier night anywhere
    facility_nights: dict[int, int]
    facility_persons: dict[int, int]
    profiles: _Profiles


def _sleepers(session: Session, scope: Sequence[_Facility], period: Period, counted: ColumnElement[bool]) -> _Sleepers:
    """One grouped read of the period's bed-nights, by person and facility, serves unique and new
    persons, the per-facility counts, the profiles and the own-region share. Whether a person is
    new is one index range on (person, night) per row, stopping at the first earlier night (all
    earlier nights would be the whole history); municipalities are few and read apart. Rows come
    by person id, so ties in the profiles keep the order of the person first having that value."""
    centre_of = {facility.id: facility.centre_code for facility in scope}
    pairs = (
        select(BedNight.person_id, Bed.facility_id, func.count().label("nights"))
        .join(Bed, Bed.id == BedNight.bed_id)
        .where(BedNight.night.between(period.first, period.last), OCCUPYING, Bed.facility_id.in_(centre_of), counted)
        .group_by(BedNight.person_id, Bed.facility_id)
    ).subquery()
    earlier = exists().where(BedNight.person_id == pairs.c.person_id, BedNight.night < period.first, OCCUPYING)
    rows = session.execute(
        select(
            pairs.c.person_id,
            pairs.c.facility_id,
            pairs.c.nights,
            earlier,
            type_coerce(Person.date_of_birth, String),
            Person.date_of_birth_approximate,
            Person.gender,
            Person.origin_municipality_code,
        )
        .select_from(pairs)
        .join(Person, Person.id == pairs.c.person_id)
        .order_by(pairs.c.person_id, pairs.c.facility_id)
    )
    municipalities = {
        code: (name, province, centre)
        for code, name, province, centre in session.execute(
            select(
                Municipality.code, Municipality.name, Municipality.province_name, Municipality.centre_municipality_code
            )
        )
    }
    facility_nights = dict.fromkeys(centre_of, 0)
    facility_persons = dict.fromkeys(centre_of, 0)
    # Once per person, counted by stored value and named afterwards: a few hundred values, thousands of persons.
    origins: dict[str | None, int] = {}
    genders: dict[str | None, int] = {}
    ages: dict[int | None, int] = {}
    persons: list[int] = []
    new = own = 0
    last_pid: int | None = None
    centre_of_origin = {code: centre for code, (_name, _province, centre) in municipalities.items()}
    origin_centre: str | None = None
    end = period.last
    for pid, fid, nights, had_earlier, born, approximate, gender, origin in rows:
        facility_nights[fid] += nights
        facility_persons[fid] += 1  # one row per person and facility
        if pid != last_pid:  # the first row of a person (rows come by person)
            last_pid = pid
            persons.append(pid)
            if not had_earlier:
                new += 1
            origins[origin] = origins.get(origin, 0) + 1
            genders[gender] = genders.get(gender, 0) + 1
            if born is None:
                age = None
            else:
                birth = stored_date(born)
                age = end.year - birth.year if approximate else age_on(birth, end)
            ages[age] = ages.get(age, 0) + 1
            origin_centre = centre_of_origin.get(origin or "")
        if origin_centre is not None and origin_centre == centre_of[fid]:
            own += 1  # from a municipality of a region where they slept
            origin_centre = None  # counted once
    return _Sleepers(
        set(persons), new, facility_nights, facility_persons, _profiles(municipalities, origins, genders, ages, own)
    )


def _profiles(
    municipalities: Mapping[str, tuple[str, str, str | None]],
    origins: dict[str | None, int],
    genders: dict[str | None, int],
    ages: dict[int | None, int],
    own: int,
) -> _Profiles:
    """The persons by origin, province, age group and gender from their counts by stored value. Ties
    keep the order in which values were first met (the first person having it), as before."""
    origin: Counter[str] = Counter()
    province: Counter[str] = Counter()
    for code, count in origins.items():
        name, province_name, _centre = municipalities.get(code or "", ("", "", None))
        origin[name or "onbekend"] += count
        province[province_name or "onbekend"] += count
    by_age: Counter[str] = Counter()
    for age, count in ages.items():
        by_age[age_group(age)] += count
    gender: Counter[str] = Counter()
    for stored, count in genders.items():
        gender[Gender.of(stored).label] += count
    return {
        "by_origin": tuple(origin.most_common()),
        "by_province": tuple(province.most_common()),
        "by_age_group": tuple((label, by_age[label]) for label in AGE_ORDER if by_age[label]),
        "by_gender": tuple(gender.most_common()),
        "own_region_persons": own,
    }


def _scope_name(session: Session, region_id: int | None, facility_id: int | None) -> str:
    if facility_id is not None:
        facility = session.get(Facility, facility_id)
        return facility.name if facility else "onbekende voorziening"
    if region_id is not None:
        region = session.get(Region, region_id)
        return region.name if region else "onbekende regio"
    return "alle regio's"


def _region_of(scope: Sequence[_Facility]) -> int | None:
    return scope[0].region_id if scope else None


def _quality_scope_name(session: Session, region_id: int | None) -> str:
    """Whose open points the appendix counts, as its title says: "regio Assen", "hele organisatie"."""
    if region_id is None:
        return "hele organisatie"
    name = session.scalar(select(Region.name).where(Region.id == region_id)) or "onbekend"
    return f"regio {name.removeprefix('Regio ').removeprefix('regio ')}"


def _facility_figures(
    session: Session, scope: Sequence[_Facility], sleepers: _Sleepers, period: Period
) -> tuple[FacilityFigures, ...]:
    beds = dict(
        session.execute(
            select(Bed.facility_id, func.count())
            .where(
                Bed.facility_id.in_([facility.id for facility in scope]),
                Bed.active.is_(True),
                Bed.is_overflow.is_(False),
            )
            .group_by(Bed.facility_id)
        ).all()
    )
    figures = []
    for facility in scope:  # by name
        count = sleepers.facility_nights.get(facility.id, 0)
        if (facility.kind is FacilityKind.WINTER and not count) or not facility.kind.has_beds:
            continue
        figures.append(
            FacilityFigures(
                facility.name,
                facility.kind.label,
                count,
                beds.get(facility.id, 0) * period.nights,
                sleepers.facility_persons.get(facility.id, 0),
            )
        )
    return tuple(figures)


def _nightly(
    session: Session, facility_ids: set[int], period: Period, counted: ColumnElement[bool]
) -> tuple[tuple[date, int], ...]:
    """Bed-nights per night for the chart: a second grouped read (by night; the first is by person)."""
    night = type_coerce(BedNight.night, String)
    return tuple(
        (stored_date(day), count)
        for day, count in session.execute(
            select(night, func.count())
            .join(Bed, Bed.id == BedNight.bed_id)
            .where(
                BedNight.night.between(period.first, period.last), OCCUPYING, Bed.facility_id.in_(facility_ids), counted
            )
            .group_by(BedNight.night)
            .order_by(BedNight.night)
        )
    )


def _short_stays(session: Session, facility_ids: set[int], period: Period) -> _ShortStays:
    rows = session.execute(
        select(
            type_coerce(Stay.start_night, String),
            type_coerce(Stay.end_night, String),
            Facility.max_stay_length,
            Facility.max_stay_unit,
        )
        .join(Facility, Facility.id == Stay.facility_id)
        .where(
            Stay.facility_id.in_(facility_ids),
            Facility.max_stay_length.is_not(None),
            Stay.start_night <= period.last,
            or_(Stay.end_night.is_(None), Stay.end_night >= period.first),
        )
    ).all()
    # Each stay against the nights its own maximum period allows from its own start (months vary).
    lengths: list[tuple[int, int | None]] = []
    for started, ended, length, unit in rows:
        start = stored_date(started)
        end = period.last if ended is None else min(stored_date(ended), period.last)
        lengths.append(((end - start).days + 1, StayPeriod(length, unit).nights(start) if length and unit else None))
    return {
        "short_stay_count": len(lengths),
        "short_stay_average_days": round(sum(n for n, _m in lengths) / len(lengths), 1) if lengths else 0.0,
        "short_stay_longest_days": max((n for n, _m in lengths), default=0),
        "stays_over_maximum": sum(1 for n, maximum in lengths if maximum is not None and n > maximum),
    }


def _turnaways(
    session: Session, facility_ids: set[int], period: Period, *, whole_organisation: bool
) -> tuple[tuple[str, int], ...]:
    where: ColumnElement[bool] = Turnaway.facility_id.in_(facility_ids)
    if whole_organisation:
        where = or_(where, Turnaway.facility_id.is_(None))
    counts = dict(
        session.execute(
            select(Turnaway.reason, func.count())
            .where(Turnaway.night.between(period.first, period.last), where)
            .group_by(Turnaway.reason)
        ).all()
    )
    return tuple((reason.label, counts.get(reason, 0)) for reason in TurnawayReason)


def _incidents(session: Session, scope: Sequence[_Facility], period: Period) -> tuple[tuple[str, int], ...]:
    """Incidents of the period (by the local day they happened) per facility and kind, facilities by name."""
    start = datetime.combine(period.first, time(), AMSTERDAM)
    end = datetime.combine(period.last + timedelta(days=1), time(), AMSTERDAM)
    names = {facility.id: facility.name for facility in scope}
    counts = session.execute(
        select(Incident.facility_id, Incident.kind, func.count())
        .where(Incident.occurred_at >= start, Incident.occurred_at < end, Incident.facility_id.in_(names))
        .group_by(Incident.facility_id, Incident.kind)
    ).all()
    kinds = list(IncidentKind)
    ordered = sorted(counts, key=lambda row: (names[row[0]], kinds.index(row[1])))
    return tuple((f"{names[fid]}: {kind.label}", count) for fid, kind, count in ordered)


def _winter(session: Session, scope: Sequence[_Facility], regions: set[int], period: Period, tonight: date) -> _Winter:
    """Nights with the winter arrangement active in a region of the scope, and the bed-nights and
    persons in winter places (overflow beds, winter facilities) of that region on those nights.
    A night counts once it has come (up to tonight, the night the monitor's other figures stop
    at); activated nights after tonight are planned, and counted apart. Bed-nights are read only
    when an activation overlaps the period, and only for winter places' beds over the
    activations' nights (the index on bed and night)."""
    covered: set[tuple[int, date]] = set()
    planned: set[date] = set()
    for region_id, first, last in session.execute(
        select(WinterActivation.region_id, WinterActivation.first_night, WinterActivation.last_night).where(
            WinterActivation.region_id.in_(regions),
            WinterActivation.first_night <= period.last,
            WinterActivation.last_night >= period.first,
        )
    ):
        day = max(first, period.first)
        while day <= min(last, period.last):
            if day <= tonight:
                covered.add((region_id, day))
            else:
                planned.add(day)
            day = date.fromordinal(day.toordinal() + 1)
    if not covered:
        return {
            "winter_nights": 0,
            "winter_bed_nights": 0,
            "winter_persons": 0,
            "winter_nights_planned": len(planned),
            "street": StreetCounts(),
        }
    winter_nights = {day for _region, day in covered}
    winter_beds = (
        select(Bed.id)
        .join(Facility, Facility.id == Bed.facility_id)
        .where(
            Bed.facility_id.in_([facility.id for facility in scope]),
            or_(Bed.is_overflow.is_(True), Facility.kind == FacilityKind.WINTER.value),
        )
    )
    rows = session.execute(
        select(BedNight.person_id, type_coerce(BedNight.night, String), Facility.region_id)
        .join(Bed, Bed.id == BedNight.bed_id)
        .join(Facility, Facility.id == Bed.facility_id)
        .where(
            BedNight.bed_id.in_(winter_beds), BedNight.night.between(min(winter_nights), max(winter_nights)), OCCUPYING
        )
    ).all()
    in_winter = [(pid, night) for pid, night, region in rows if (region, stored_date(night)) in covered]
    return {
        "winter_nights": len(winter_nights),
        "winter_bed_nights": len(in_winter),
        "winter_persons": len({pid for pid, _n in in_winter}),
        "winter_nights_planned": len(planned),
        "street": _street(session, covered),
    }


def _street(session: Session, covered: set[tuple[int, date]]) -> StreetCounts:
    """Street contacts on the winter nights that have come, in the regions of the scope."""
    regions = {region for region, _night in covered}
    nights = {night for _region, night in covered}
    rows = session.execute(
        select(StreetContact.region_id, StreetContact.night, StreetContact.bed_offered, StreetContact.outcome).where(
            StreetContact.region_id.in_(regions), StreetContact.night.between(min(nights), max(nights))
        )
    ).all()
    return count_contacts((offered, outcome) for region, night, offered, outcome in rows if (region, night) in covered)


def _postal(session: Session, facility_ids: set[int], period: Period) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(PostalAddress)
            .where(
                PostalAddress.facility_id.in_(facility_ids),
                PostalAddress.status != PostalStatus.REQUESTED.value,
                PostalAddress.start_date <= period.last,
                or_(PostalAddress.end_date.is_(None), PostalAddress.end_date >= period.last),
            )
        )
        or 0
    )


def _transfers(session: Session, regions: set[int], period: Period) -> tuple[tuple[str, int, int], ...]:
    rows = session.execute(
        select(Municipality.name, Transfer.requested_on, Transfer.moved_on)
        .join(Investigation, Investigation.id == Transfer.investigation_id)
        .join(Municipality, Municipality.code == Transfer.to_centre_code)
        .where(Investigation.region_id.in_(regions))
    ).all()
    requested: Counter[str] = Counter()
    moved: Counter[str] = Counter()
    for name, requested_on, moved_on in rows:
        if period.first <= requested_on <= period.last:
            requested[name] += 1
        if moved_on is not None and period.first <= moved_on <= period.last:
            moved[name] += 1
    return tuple((name, requested[name], moved[name]) for name in sorted(set(requested) | set(moved)))


def _outflow(session: Session, facility_ids: set[int], period: Period) -> tuple[tuple[str, int], ...]:
    """Ended stays by destination, counted by the database (thousands of stays in a half year)."""
    counts: Counter[Outflow | None] = Counter()
    to_origin = 0
    for outflow, origin, count in session.execute(
        select(Stay.outflow, Stay.outflow_to_origin, func.count())
        .where(
            Stay.facility_id.in_(facility_ids),
            Stay.end_night.between(period.first, period.last),
            Stay.outflow.is_not(None),
        )
        .group_by(Stay.outflow, Stay.outflow_to_origin)
    ):
        counts[outflow] += count
        to_origin += count if origin else 0
    lines = [(destination.label, counts.get(destination, 0)) for destination in Outflow]
    lines.append((TO_ORIGIN, to_origin))
    return tuple(lines)


def monitor_sections(report: MonitorReport) -> tuple[MonitorSection, ...]:
    """The report's figures as titled rows, shared by the screen, the PDF and the CSV.

    Counts are ints; a share, average or longest length is a `Derived` with the counts it comes
    from, so that the exports hide it wherever one of them is hidden; a section whose counts are
    the parts of a total shown elsewhere is marked `parts`. No label carries a number of people.
    """

    def percent(share: float, *basis: int) -> Derived:
        return Derived(f"{share * 100:.0f} %", basis)

    incidents_total = sum(count for _label, count in report.incidents)
    return (
        MonitorSection(
            "Instroom en doorstroom",
            (
                ("Unieke personen", report.unique_persons),
                ("Nieuwe personen (eerste nacht ooit)", report.new_persons),
                ("Bednachten", report.bed_nights),
                ("Afwijzingen (totaal)", report.turnaway_total),
                ("Uit de eigen regio", report.own_region_persons),
                (
                    "Aandeel uit de eigen regio",
                    percent(report.own_region_share, report.own_region_persons, report.unique_persons),
                ),
            ),
        ),
        MonitorSection(
            "Bezetting per voorziening",
            tuple(
                row
                for f in report.facilities
                for row in (
                    (f"{f.facility} ({f.kind}): bednachten", f.bed_nights),
                    (f"{f.facility} ({f.kind}): bezetting", percent(f.occupancy, f.bed_nights)),
                )
            ),
            parts=True,  # the bed-nights add up to the period's bed-nights
        ),
        MonitorSection(
            "Kortdurende opvang",
            (
                ("Verblijven", report.short_stay_count),
                (
                    "Gemiddelde duur (dagen)",
                    Derived(f"{report.short_stay_average_days:.1f}", (report.short_stay_count,)),
                ),
                ("Langste duur (dagen)", Derived(str(report.short_stay_longest_days), (report.short_stay_count,))),
                ("Verblijven over de maximale duur", report.stays_over_maximum),
            ),
        ),
        MonitorSection("Afwijzingen naar reden", report.turnaways, parts=True),
        MonitorSection(
            "Winterregeling",
            (
                ("Winternachten", report.winter_nights),
                ("Bednachten in winterplekken", report.winter_bed_nights),
                ("Personen in winterplekken", report.winter_persons),
                ("Winternachten gepland (nog niet geweest)", report.winter_nights_planned),
                ("Straatcontacten: gezien", report.street.seen),
                ("Straatcontacten: bed aangeboden", report.street.offered),
                ("Straatcontacten: geplaatst", report.street.placed),
                ("Straatcontacten: geweigerd", report.street.refused),
            ),
        ),
        MonitorSection("Postadressen", (("Actief aan het eind van de periode", report.active_postal_addresses),)),
        MonitorSection(
            "Warme overdrachten (aangevraagd / verhuisd) per ontvangende centrumgemeente",
            tuple(
                row
                for name, requested, moved in report.transfers
                for row in ((f"{name}: aangevraagd", requested), (f"{name}: verhuisd", moved))
            ),
        ),
        MonitorSection("Uitstroom naar bestemming", report.outflow),
        MonitorSection(
            "Inloop (dagopvang)",
            (
                ("Bezoeken", report.dropin.visits),
                ("waarvan anoniem", report.dropin.anonymous_visits),
                ("Unieke bezoekers (met naam)", report.dropin.unique_visitors),
                ("Bezoekers die in de periode ook in de opvang sliepen", report.dropin.also_slept_in_period),
                ("Bezoekers die nog nooit in de opvang sliepen", report.dropin.never_slept),
            ),
        ),
        MonitorSection(
            "Inloop: bezoeken / unieke bezoekers per maand",
            tuple(
                row
                for month, visits, visitors in report.dropin.by_month
                for row in ((f"{month}: bezoeken", visits), (f"{month}: unieke bezoekers", visitors))
            ),
        ),
        MonitorSection("Inloop: gegeven diensten", report.dropin.services),
        MonitorSection(
            "Persoonlijk plan",
            (
                ("Personen met een actueel plan", report.plans.with_current_plan),
                (
                    "Aandeel met een actueel plan",
                    percent(report.plans.share, report.plans.with_current_plan, report.plans.persons),
                ),
            ),
        ),
        MonitorSection(
            "Persoonlijk plan: gemiddelde verandering per leefgebied (eerste → laatste meting)",
            # Withheld under the threshold everywhere, on screen too (PlanFigures.change_text).
            tuple((change.domain, report.plans.change_text(change)) for change in report.plans.changes),
        ),
        MonitorSection("Incidenten", (("Incidenten (totaal)", incidents_total),)),
        MonitorSection("Incidenten per voorziening en soort", report.incidents, parts=True),
        MonitorSection("Gemeente van herkomst", report.by_origin, parts=True),
        MonitorSection("Provincie van herkomst", report.by_province, parts=True),
        MonitorSection("Leeftijdsgroep (aan het eind van de periode)", report.by_age_group, parts=True),
        MonitorSection("Geslacht", report.by_gender, parts=True),
        MonitorSection(
            f"Bijlage: datakwaliteit, open punten (stand van vandaag, {report.data_quality_scope})",
            report.data_quality,
        ),
    )


def monitor_document(desk: Desk, report: MonitorReport) -> MonitorDocument:
    desk.require(Permission.EXPORT)
    return _document(desk, report)


def monitor_pdf(desk: Desk, report: MonitorReport) -> bytes:
    desk.require(Permission.EXPORT)
    from shelter_desk.reports.monitor_report import render_monitor_pdf  # reportlab loads when printing

    return render_monitor_pdf(_document(desk, report))


def monitor_csv(desk: Desk, report: MonitorReport) -> bytes:
    desk.require(Permission.EXPORT)
    from shelter_desk.reports.monitor_report import render_monitor_csv  # reportlab loads when printing

    return render_monitor_csv(_document(desk, report))


def _document(desk: Desk, report: MonitorReport) -> MonitorDocument:
    with desk.db.read() as session:  # the threshold and the demo mark, in the use case's one transaction
        threshold = read_settings(session).reports_small_number_threshold
        demo = demo_marked(session)
        national = national_section(session, report.scope, report.period, threshold)
    return MonitorDocument(
        f"Monitor maatschappelijke opvang — {report.scope}",
        report.period.describe(),
        monitor_sections(report) + national,
        report.nightly,
        tuple((label, count) for label, count in report.outflow),
        desk.now(),
        threshold,
        demo,
    )
