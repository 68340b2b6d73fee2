"""The half-year figures for the country (the national dashboard's question), for the organisation
and per centrumgemeente, and the pseudonymised person-stays a region's providers combine to count
people once.

Definitions (the README documents the columns):
- in shelter: a person with a bed-night (reserved or slept; not a released no-show) in the period;
- inflow: a person whose first stay in the area starts in the period, counted by CBS route, age
  band on the first night and where they slept before intake (their first admission decision);
- outflow: stays of the area ended in the period by destination; going on to another of the
  organisation's own places is through-flow and left out; back to the municipality of origin apart;
- length of stay: nights of the stays ended in the period;
- applications made and decided in the period; days on the waiting list of placements in the
  period (from the decision to the placement); days from the first night in shelter to the move
  into a home of the moves in the period.
Counts under the organisation's threshold are masked as the monitor masks them; an average or
median resting on fewer people than the threshold is masked the same way.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.monitor import Period
from shelter_desk.domain.national import AGE_BANDS, age_band, mean, median, normalised_name, pseudonym
from shelter_desk.domain.people import age_on
from shelter_desk.domain.person_details import HomelessnessRoute
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.stays import Outflow
from shelter_desk.domain.trajectory import ApplicationDecision, ApplicationStatus, HousingStatus, SleepingSituation
from shelter_desk.persistence.models import (
    OCCUPYING,
    AdmissionDecision,
    Bed,
    BedNight,
    Facility,
    HousingReferral,
    Municipality,
    Person,
    PlaceApplication,
    Region,
    Stay,
)
from shelter_desk.reports.monitor_data import MonitorSection
from shelter_desk.reports.national_csv import NationalFigure, render_national_csv, render_pseudonymised_csv, shown
from shelter_desk.services.kernel.access_log import Action, log_accesses
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings

ORGANISATION = "organisatie"
ALL_REGIONS = "alle regio's"  # the monitor's name for its widest scope


@dataclass(frozen=True)
class _Area:
    name: str
    code: str
    facility_ids: frozenset[int]


def national_csv(desk: Desk, period: Period) -> bytes:
    """The half-year figures as CSV (semicolon, UTF-8 with BOM), small numbers masked."""
    desk.require(Permission.EXPORT)
    with desk.db.read() as session:
        threshold = read_settings(session).reports_small_number_threshold
        figures = national_figures(session, period)
    return render_national_csv(f"{period.first.year}-{1 if period.first.month == 1 else 2}", figures, threshold)


def national_figures(session: Session, period: Period) -> list[NationalFigure]:
    """Every figure for the organisation and for each centrumgemeente with beds, in the caller's transaction."""
    areas = _areas(session)
    figures: list[NationalFigure] = []
    for area in areas:
        figures.extend(_figures(session, area, period))
    return figures


def national_section(session: Session, scope: str, period: Period, threshold: int) -> tuple[MonitorSection, ...]:
    """The national figures of the monitor's scope (all regions, or one region) as a section of its PDF and CSV."""
    regions = dict(session.execute(select(Region.name, Region.centre_municipality_code)).all())
    if scope not in regions and scope != ALL_REGIONS:
        return ()  # one facility: the national figures are per centrumgemeente
    code = regions.get(scope, "")
    rows = tuple(
        (
            f"{f.figure.replace('_', ' ')}: {f.category.replace('_', ' ')}",
            f.value if isinstance(f.value, int) else shown(f, threshold),
        )
        for f in national_figures(session, period)
        if f.code == code
    )
    return (MonitorSection("Landelijke uitvraag (zoals de CSV ‘Landelijke uitvraag’)", rows),) if rows else ()


def _areas(session: Session) -> list[_Area]:
    by_region: dict[int, set[int]] = defaultdict(set)
    for facility_id, region_id in session.execute(
        select(Facility.id, Facility.region_id).where(Facility.kind != FacilityKind.DROP_IN.value)
    ):
        by_region[region_id].add(facility_id)
    areas = [_Area(ORGANISATION, "", frozenset(fid for ids in by_region.values() for fid in ids))]
    for region_id, code, name in session.execute(
        select(Region.id, Region.centre_municipality_code, Municipality.name)
        .join(Municipality, Municipality.code == Region.centre_municipality_code)
        .order_by(Municipality.name)
    ):
        if by_region.get(region_id):
            areas.append(_Area(name, code, frozenset(by_region[region_id])))
    return areas


def _figures(session: Session, area: _Area, period: Period) -> list[NationalFigure]:
    ids = list(area.facility_ids)

    def row(figure: str, category: str, value: int | float | None, base: int | None = None) -> NationalFigure:
        return NationalFigure(
            area.name, area.code, figure, category, value, base if base is not None else int(value or 0)
        )

    rows: list[NationalFigure] = []
    in_shelter = session.scalar(
        select(func.count(func.distinct(BedNight.person_id)))
        .join(Bed, Bed.id == BedNight.bed_id)
        .where(Bed.facility_id.in_(ids), BedNight.night.between(period.first, period.last), OCCUPYING)
    )
    rows.append(row("personen_in_opvang", "totaal", in_shelter or 0))

    # Inflow: the first stay in the area starts in the period.
    first_nights = dict(
        session.execute(
            select(Stay.person_id, func.min(Stay.start_night)).where(Stay.facility_id.in_(ids)).group_by(Stay.person_id)
        ).all()
    )
    newcomers = {pid: night for pid, night in first_nights.items() if period.first <= night <= period.last}
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(list(newcomers))))}
    slept = _slept_before(session, list(newcomers))
    routes: Counter[str] = Counter()
    bands: Counter[str] = Counter()
    sleeping: Counter[str] = Counter()
    for person_id, night in newcomers.items():
        person = people[person_id]
        routes[HomelessnessRoute(person.homelessness_route).value] += 1
        bands[age_band(age_on(person.date_of_birth, night) if person.date_of_birth else None)] += 1
        sleeping[slept.get(person_id, SleepingSituation.UNKNOWN).value] += 1
    rows.append(row("instroom", "totaal", len(newcomers)))
    rows.extend(row("instroom_route", route.value, routes[route.value]) for route in HomelessnessRoute)
    rows.extend(row("instroom_leeftijd", band, bands[band]) for band in AGE_BANDS)
    rows.extend(row("instroom_slaapplek", s.value, sleeping[s.value]) for s in SleepingSituation)

    # Outflow: the stays of the area that ended in the period.
    ended = session.execute(
        select(Stay.id, Stay.start_night, Stay.end_night, Stay.outflow, Stay.outflow_to_origin).where(
            Stay.facility_id.in_(ids), Stay.end_night.between(period.first, period.last), Stay.outflow.is_not(None)
        )
    ).all()
    destinations: Counter[Outflow] = Counter(outflow for _i, _s, _e, outflow, _o in ended if outflow is not None)
    rows.extend(
        row("uitstroom", destination.value, destinations[destination])
        for destination in Outflow
        if destination is not Outflow.OWN_FACILITY
    )
    rows.append(row("uitstroom_terug_naar_herkomst", "totaal", sum(1 for *_x, origin in ended if origin)))
    moved = session.execute(
        select(HousingReferral.programme, HousingReferral.person_id, HousingReferral.moved_on, Stay.facility_id)
        .outerjoin(Stay, Stay.id == HousingReferral.stay_id)
        .where(
            HousingReferral.status == HousingStatus.MOVED.value,
            HousingReferral.moved_on.between(period.first, period.last),
        )
    ).all()
    latest = _latest_facility(session, [pid for _p, pid, _on, fid in moved if fid is None])
    moves_here = [
        (programme, pid, on) for programme, pid, on, fid in moved if (fid or latest.get(pid)) in area.facility_ids
    ]
    programmes: Counter[str] = Counter(programme for programme, _pid, _on in moves_here)
    rows.extend(row("uitstroom_woonprogramma", programme, count) for programme, count in sorted(programmes.items()))
    lengths = [(end - start).days + 1 for _i, start, end, _o, _t in ended if end is not None]
    rows.append(row("verblijfsduur_nachten", "gemiddeld", mean(lengths), len(lengths)))
    rows.append(row("verblijfsduur_nachten", "mediaan", median(lengths), len(lengths)))

    # Applications and waiting lists of the places given by decision.
    applied = session.scalar(
        select(func.count())
        .select_from(PlaceApplication)
        .where(PlaceApplication.facility_id.in_(ids), PlaceApplication.applied_on.between(period.first, period.last))
    )
    rows.append(row("aanmeldingen", "totaal", applied or 0))
    decided: Counter[ApplicationDecision | None] = Counter(
        session.scalars(
            select(PlaceApplication.decision).where(
                PlaceApplication.facility_id.in_(ids),
                PlaceApplication.decided_on.between(period.first, period.last),
                PlaceApplication.decision.is_not(None),
            )
        ).all()
    )
    rows.extend(row("besluiten", decision.value, decided[decision]) for decision in ApplicationDecision)
    waited = [
        (closed - decided_on).days
        for closed, decided_on in session.execute(
            select(PlaceApplication.closed_on, PlaceApplication.decided_on).where(
                PlaceApplication.facility_id.in_(ids),
                PlaceApplication.status == ApplicationStatus.PLACED.value,
                PlaceApplication.closed_on.between(period.first, period.last),
                PlaceApplication.decided_on.is_not(None),
            )
        )
        if closed is not None and decided_on is not None
    ]
    rows.append(row("wachtlijst_dagen", "mediaan", median(waited), len(waited)))
    first_ever = _first_nights(session, [pid for _p, pid, _on in moves_here])
    to_home = [(on - first_ever[pid]).days for _p, pid, on in moves_here if on is not None and pid in first_ever]
    rows.append(row("dagen_tot_woning", "mediaan", median(to_home), len(to_home)))
    return rows


def _slept_before(session: Session, person_ids: list[int]) -> dict[int, SleepingSituation]:
    """Where each person slept before intake, from their first admission decision."""
    found: dict[int, SleepingSituation] = {}
    if not person_ids:
        return found
    for person_id, situation in session.execute(
        select(AdmissionDecision.person_id, AdmissionDecision.sleeping_situation)
        .where(AdmissionDecision.person_id.in_(person_ids))
        .order_by(AdmissionDecision.requested_on.desc(), AdmissionDecision.id.desc())
    ):
        found[person_id] = situation  # the earliest comes last and stays
    return found


def _latest_facility(session: Session, person_ids: list[int]) -> dict[int, int]:
    """The facility of each person's latest stay (a move recorded without ending a stay here)."""
    found: dict[int, int] = {}
    if person_ids:
        for person_id, facility_id in session.execute(
            select(Stay.person_id, Stay.facility_id).where(Stay.person_id.in_(person_ids)).order_by(Stay.start_night)
        ):
            found[person_id] = facility_id
    return found


def _first_nights(session: Session, person_ids: list[int]) -> dict[int, date]:
    if not person_ids:
        return {}
    return dict(
        session.execute(
            select(Stay.person_id, func.min(Stay.start_night))
            .where(Stay.person_id.in_(person_ids))
            .group_by(Stay.person_id)
        ).all()
    )


def pseudonymised_csv(desk: Desk, period: Period, key: bytes) -> bytes:
    """One row per person-stay in the period with the keyed pseudonym instead of identity (never the key)."""
    desk.require(Permission.EXPORT)
    with desk.db.write() as session:
        rows = session.execute(
            select(Stay, Person, Facility.kind, Region.centre_municipality_code)
            .join(Person, Person.id == Stay.person_id)
            .join(Facility, Facility.id == Stay.facility_id)
            .join(Region, Region.id == Facility.region_id)
            .where(
                Stay.start_night <= period.last,
                (Stay.end_night.is_(None)) | (Stay.end_night >= period.first),
                Facility.kind != FacilityKind.DROP_IN.value,
            )
            .order_by(Stay.start_night, Stay.id)
        ).all()
        lines: list[tuple[str, ...]] = []
        for stay, person, kind, centre in rows:
            name = normalised_name(person.first_name, person.name_prefix, person.last_name)
            born = None if person.date_of_birth_approximate else person.date_of_birth
            keyed = pseudonym(key, person.bsn, name, born)
            lines.append(
                (
                    keyed or "",
                    "bsn" if person.bsn else ("naam_geboortedatum" if keyed else "geen"),
                    centre,
                    FacilityKind(kind).value,
                    stay.start_night.isoformat(),
                    stay.end_night.isoformat() if stay.end_night else "",
                    stay.outflow.value if stay.outflow else "",
                    age_band(age_on(person.date_of_birth, stay.start_night) if person.date_of_birth else None),
                )
            )
        log_accesses(
            session,
            desk,
            Action.EXPORT,
            sorted({person.id for _s, person, _k, _c in rows}),
            f"gepseudonimiseerde telling {period.describe()}",
        )
    return render_pseudonymised_csv(lines)
