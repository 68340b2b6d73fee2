"""The winter arrangement: assess a forecast, activate, extend or end early, and what is left after.

Activation is a recorded decision (who, when, which nights, region, phase, remark, the forecast
it rested on); every change adds a row to its history. What an active night changes for beds,
restrictions, fees and turnaways lives in the bed services, which ask `winter_nights`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import AgeRange, FacilityKind, FacilityTerms
from shelter_desk.domain.organisation_settings import OrganisationSettings
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.season_check import SeasonCheck, check_season
from shelter_desk.domain.shelter_night import dutch_date, shelter_night_of
from shelter_desk.domain.stays import FeeStatus
from shelter_desk.domain.text_input import check_night, clean_line
from shelter_desk.domain.winter import (
    ActivationChange,
    ActivationTerms,
    FeltTemperature,
    WindUnit,
    WinterPhase,
    felt_temperature,
    overlaps,
    phase_for,
    wind_in_kmh,
)
from shelter_desk.domain.winter_forecast import ForecastSource, read_forecast_bytes
from shelter_desk.persistence.locks import BED_NIGHTS, WINTER_ACTIVATIONS, lock_for
from shelter_desk.persistence.models import (
    OCCUPYING,
    Bed,
    BedNight,
    Facility,
    Person,
    Region,
    Turnaway,
    WinterActivation,
    WinterActivationChange,
    WinterForecastNight,
    WinterStaffing,
)
from shelter_desk.reports.season_data import SeasonReport
from shelter_desk.services.admin.facilities import append_beds, store_facility
from shelter_desk.services.kernel.database_setup import demo_marked
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings
from shelter_desk.services.kernel.winter_nights import (
    region_id_of,
    staffing_of,
    street_counts,
    winter_night_notes,
    winter_regions_on,
)


@dataclass(frozen=True)
class ForecastNight:
    night: date
    temperature: float
    wind: float
    unit: WindUnit


@dataclass(frozen=True)
class NightAssessment:
    night: date
    temperature: float
    wind_kmh: float
    felt: FeltTemperature
    phase: WinterPhase


@dataclass(frozen=True)
class ActivationView:
    activation_id: int
    region: str
    first_night: date
    last_night: date
    phase: WinterPhase
    remark: str
    decided_by: str
    history: tuple[str, ...]


def assess_forecast(desk: Desk, forecast: list[ForecastNight]) -> list[NightAssessment]:
    """Each night's felt temperature and the phase it reaches under the organisation's thresholds."""
    desk.require(Permission.DESK_WORK)
    return assessed_nights(read_settings(desk.db), forecast)


def assessed_nights(settings: OrganisationSettings, forecast: Iterable[ForecastNight]) -> list[NightAssessment]:
    """The step behind assessing: each night's felt temperature (as shown) and the phase it decides."""
    phase1, phase2 = settings.winter_phase1_below, settings.winter_phase2_at_or_below
    assessed = []
    for item in forecast:
        kmh = wind_in_kmh(item.wind, item.unit)
        felt = felt_temperature(item.temperature, kmh)
        assessed.append(NightAssessment(item.night, item.temperature, kmh, felt, phase_for(felt.value, phase1, phase2)))
    return assessed


def recommendation(assessed: list[NightAssessment]) -> tuple[WinterPhase, str]:
    cold = [a for a in assessed if a.phase is not WinterPhase.NONE]
    if not cold:
        return WinterPhase.NONE, "Geen activering nodig volgens deze verwachting."
    phase = max(a.phase for a in cold)
    nights = ", ".join(dutch_date(a.night) for a in cold)
    return phase, f"Activering aanbevolen ({phase.label}) voor: {nights}."


def _check_no_overlap(session: Session, region_id: int, first: date, last: date, ignore_id: int | None = None) -> None:
    for other in session.scalars(select(WinterActivation).where(WinterActivation.region_id == region_id)):
        if other.id != ignore_id and overlaps(other.first_night, other.last_night, first, last):
            raise DeskError(
                f"Er is al een activering voor deze regio van {dutch_date(other.first_night)} tot en met "
                f"{dutch_date(other.last_night)}: verleng die in plaats van een tweede te maken."
            )


def _waive_fees(session: Session, region_id: int, first: date, last: date) -> None:
    beds = select(Bed.id).join(Facility, Facility.id == Bed.facility_id).where(Facility.region_id == region_id)
    session.execute(
        update(BedNight)
        .where(
            BedNight.bed_id.in_(beds),
            BedNight.night >= first,
            BedNight.night <= last,
            BedNight.fee_status == FeeStatus.OWED.value,
        )
        .values(fee_status=FeeStatus.WAIVED.value)
    )


def activate(desk: Desk, centre_code: str, terms: ActivationTerms, forecast: Sequence[NightAssessment] = ()) -> int:
    """Activate the arrangement for one region (a region can still be handled on its own)."""
    desk.require(Permission.DECIDE)
    with desk.db.write() as session:
        clean = _checked_terms(session, desk, terms)
        lock_for(session, WINTER_ACTIVATIONS, BED_NIGHTS)  # overlap; fees of the nights it covers
        return _activate_in(session, desk, region_id_of(session, centre_code), clean, forecast)


def activate_regions(
    desk: Desk, centre_codes: Sequence[str], terms: ActivationTerms, forecast: Sequence[NightAssessment] = ()
) -> list[int]:
    """Activate the arrangement for several regions (or the whole province) in one act, with one
    reason: the same nights and phase in each, or, when any region already has an activation on
    those nights, in none (the refusal names every such region)."""
    desk.require(Permission.DECIDE)
    if not centre_codes:
        raise DeskError("Kies minstens één regio.")
    with desk.db.write() as session:
        clean = _checked_terms(session, desk, terms)
        lock_for(session, WINTER_ACTIVATIONS, BED_NIGHTS)  # overlap; fees of the nights it covers
        region_ids = list(dict.fromkeys(region_id_of(session, code) for code in centre_codes))
        _refuse_overlaps(session, region_ids, clean.first_night, clean.last_night)
        together = _together(session, region_ids)
        return [_activate_in(session, desk, region_id, clean, forecast, together) for region_id in region_ids]


def _checked_terms(session: Session, desk: Desk, terms: ActivationTerms) -> ActivationTerms:
    """The terms validated, in the act's own transaction (the night read through its session)."""
    clean = terms.validated()
    check_night(clean.first_night, desk.today(), "De eerste nacht")
    check_night(clean.last_night, desk.today(), "De laatste nacht")
    if clean.last_night < desk.tonight(session):
        raise DeskError("Deze nachten liggen al achter ons; activeren kan alleen voor vannacht of later.")
    return clean


def _together(session: Session, region_ids: Sequence[int]) -> str:
    """' (samen met Regio Assen, Regio Emmen)' for the history of an act over several regions."""
    if len(region_ids) < 2:
        return ""
    names = session.scalars(select(Region.name).where(Region.id.in_(region_ids)).order_by(Region.name))
    return f" (in één besluit voor {', '.join(names)})"


def _refuse_overlaps(
    session: Session, region_ids: Sequence[int], first: date, last: date, ignore_ids: Sequence[int] = ()
) -> None:
    """Refuse the act when any of the regions has another activation on these nights, naming each."""
    clashes = session.execute(
        select(Region.name, WinterActivation.first_night, WinterActivation.last_night)
        .join(Region, Region.id == WinterActivation.region_id)
        .where(
            WinterActivation.region_id.in_(region_ids),
            WinterActivation.first_night <= last,
            WinterActivation.last_night >= first,
            WinterActivation.id.not_in(list(ignore_ids)),
        )
        .order_by(Region.name)
    ).all()
    if clashes:
        raise DeskError(
            "Er is niets geactiveerd of gewijzigd: deze regio's hebben al een activering op die nachten "
            "(verleng die in plaats van een tweede te maken):\n"
            + "\n".join(
                f"{name}: {dutch_date(first_night)} tot en met {dutch_date(last_night)}"
                for name, first_night, last_night in clashes
            )
        )


def _activate_in(
    session: Session,
    desk: Desk,
    region_id: int,
    clean: ActivationTerms,
    forecast: Sequence[NightAssessment],
    together: str = "",
) -> int:
    """The step behind activating: one region's activation, its history and waived fees."""
    _check_no_overlap(session, region_id, clean.first_night, clean.last_night)
    activation = WinterActivation(
        region_id=region_id,
        first_night=clean.first_night,
        last_night=clean.last_night,
        phase=int(clean.phase),
        remark=clean.remark.strip(),
        decided_by=desk.worker,
        decided_at=desk.now(),
    )
    # The forecast the decision rested on, night by night (the last value of a night counts).
    by_night = {assessed.night: assessed for assessed in forecast}
    activation.forecast = [
        WinterForecastNight(
            night=a.night, temperature=a.temperature, wind_kmh=a.wind_kmh, felt=a.felt.value, phase=a.phase
        )
        for a in sorted(by_night.values(), key=lambda a: a.night)
    ]
    session.add(activation)
    session.flush()
    _record(
        session,
        desk,
        activation.id,
        ActivationChange.ACTIVATED,
        f"{dutch_date(clean.first_night)} t/m {dutch_date(clean.last_night)}, {clean.phase.label}"
        + (f": {clean.remark.strip()}" if clean.remark.strip() else "")
        + together,
    )
    _waive_fees(session, region_id, clean.first_night, clean.last_night)
    return activation.id


def extend(desk: Desk, activation_id: int, last_night: date, remark: str = "") -> None:
    desk.require(Permission.DECIDE)
    check_night(last_night, desk.today(), "De laatste nacht")
    with desk.db.write() as session:
        lock_for(session, WINTER_ACTIVATIONS, BED_NIGHTS)  # overlap; fees of the nights it covers
        _extend_in(session, desk, _activation(session, activation_id), last_night, remark)


def extend_several(desk: Desk, activation_ids: Sequence[int], last_night: date, remark: str = "") -> None:
    """Extend the activations of several regions to the same last night in one act, or none of them."""
    desk.require(Permission.DECIDE)
    check_night(last_night, desk.today(), "De laatste nacht")
    with desk.db.write() as session:
        lock_for(session, WINTER_ACTIVATIONS, BED_NIGHTS)  # overlap; fees of the nights it covers
        chosen = _chosen(session, activation_ids)
        together = _together(session, [activation.region_id for activation in chosen])
        for activation in chosen:
            _extend_in(session, desk, activation, last_night, remark, together)


def _extend_in(
    session: Session, desk: Desk, activation: WinterActivation, last_night: date, remark: str, together: str = ""
) -> None:
    if last_night <= activation.last_night:
        raise DeskError(
            "Verlengen kan alleen tot een nacht ná de huidige laatste nacht"
            + (
                f" (die van {_region_name(session, activation)} loopt al tot en met "
                f"{dutch_date(activation.last_night)})."
                if together
                else "."
            )
        )
    ActivationTerms(activation.first_night, last_night, WinterPhase(activation.phase), remark).validated()
    _check_no_overlap(session, activation.region_id, activation.first_night, last_night, ignore_id=activation.id)
    previous = activation.last_night
    activation.last_night = last_night
    _record(
        session,
        desk,
        activation.id,
        ActivationChange.EXTENDED,
        f"van {dutch_date(previous)} tot en met {dutch_date(last_night)}"
        + (f": {remark}" if remark else "")
        + together,
    )
    _waive_fees(session, activation.region_id, previous + timedelta(days=1), last_night)


def end_early(desk: Desk, activation_id: int, last_night: date, remark: str = "") -> None:
    """End after `last_night` (tonight or later, before the planned last night)."""
    desk.require(Permission.DECIDE)
    check_night(last_night, desk.today(), "De laatste nacht")
    with desk.db.write() as session:
        tonight = desk.tonight(session)
        lock_for(session, WINTER_ACTIVATIONS, BED_NIGHTS)
        _end_in(session, desk, _activation(session, activation_id), last_night, tonight, remark)


def end_several(desk: Desk, activation_ids: Sequence[int], last_night: date, remark: str = "") -> None:
    """End the activations of several regions after the same night in one act, or none of them."""
    desk.require(Permission.DECIDE)
    check_night(last_night, desk.today(), "De laatste nacht")
    with desk.db.write() as session:
        tonight = desk.tonight(session)
        lock_for(session, WINTER_ACTIVATIONS, BED_NIGHTS)
        chosen = _chosen(session, activation_ids)
        together = _together(session, [activation.region_id for activation in chosen])
        for activation in chosen:
            _end_in(session, desk, activation, last_night, tonight, remark, together)


def _end_in(
    session: Session,
    desk: Desk,
    activation: WinterActivation,
    last_night: date,
    tonight: date,
    remark: str,
    together: str = "",
) -> None:
    which = f" ({_region_name(session, activation)})" if together else ""
    if activation.first_night > tonight:
        raise DeskError(
            f"Deze activering{which} is nog niet begonnen; er valt nog niets te beëindigen. "
            "Pas de nachten aan of laat haar ingaan."
        )
    if last_night >= activation.last_night:
        raise DeskError(f"De activering{which} loopt al tot en met {dutch_date(activation.last_night)}.")
    if last_night < max(activation.first_night, tonight - timedelta(days=1)):
        raise DeskError(f"Een activering{which} kan niet met terugwerkende kracht worden ingekort.")
    previous = activation.last_night
    activation.last_night = last_night
    _record(
        session,
        desk,
        activation.id,
        ActivationChange.ENDED_EARLY,
        f"laatste nacht {dutch_date(last_night)} (was {dutch_date(previous)})"
        + (f": {remark}" if remark else "")
        + together,
    )


def _chosen(session: Session, activation_ids: Sequence[int]) -> list[WinterActivation]:
    if not activation_ids:
        raise DeskError("Kies minstens één activering.")
    return [_activation(session, activation_id) for activation_id in dict.fromkeys(activation_ids)]


def _region_name(session: Session, activation: WinterActivation) -> str:
    return session.scalar(select(Region.name).where(Region.id == activation.region_id)) or ""


def _activation(session: Session, activation_id: int) -> WinterActivation:
    activation = session.get(WinterActivation, activation_id)
    if activation is None:
        raise DeskError("Deze activering bestaat niet.")
    return activation


def _record(session: Session, desk: Desk, activation_id: int, action: ActivationChange, detail: str) -> None:
    session.add(
        WinterActivationChange(activation_id=activation_id, at=desk.now(), by=desk.worker, action=action, detail=detail)
    )


def activations(desk: Desk) -> list[ActivationView]:
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        rows = session.execute(
            select(WinterActivation, Region.name)
            .join(Region, Region.id == WinterActivation.region_id)
            .order_by(WinterActivation.first_night.desc())
        ).all()
        return [
            ActivationView(
                a.id,
                region,
                a.first_night,
                a.last_night,
                WinterPhase(a.phase),
                a.remark,
                a.decided_by,
                tuple(f"{c.action}: {c.detail}" for c in a.changes),
            )
            for a, region in rows
        ]


def winter_tonight(desk: Desk, night: date) -> list[tuple[str, WinterPhase]]:
    """The regions under the arrangement tonight, with their phase: for the main window's banner."""
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        rows = session.execute(
            select(Region.name, WinterActivation.phase)
            .join(Region, Region.id == WinterActivation.region_id)
            .where(WinterActivation.first_night <= night, WinterActivation.last_night >= night)
        ).all()
    return [(name, WinterPhase(phase)) for name, phase in rows]


@dataclass(frozen=True)
class Leftover:
    person_id: int
    person: str
    facility: str
    bed: str
    stay_id: int


def leftovers(desk: Desk, night: date) -> list[Leftover]:
    """Who slept in a winter-only place or overflow bed on `night` while the next night is not covered.

    The morning after the last winter night, staff move these people to a regular bed or end their
    stay with a destination: nothing closes under anyone's feet.
    """
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        covered_next = winter_regions_on(session, night + timedelta(days=1))
        rows = session.execute(
            select(BedNight, Person, Facility, Bed)
            .join(Person, Person.id == BedNight.person_id)
            .join(Bed, Bed.id == BedNight.bed_id)
            .join(Facility, Facility.id == Bed.facility_id)
            .where(
                BedNight.night == night,
                OCCUPYING,
                (Bed.is_overflow.is_(True)) | (Facility.kind == FacilityKind.WINTER.value),
            )
        ).all()
        return [
            Leftover(p.id, display_name(p.first_name, p.name_prefix, p.last_name, p.alias), f.name, b.label, bn.stay_id)
            for bn, p, f, b in rows
            if f.region_id not in covered_next
        ]


def add_winter_location(desk: Desk, centre_code: str, name: str, places: int, street: str = "", city: str = "") -> int:
    """A winter-only emergency location with `places` beds, open only on activated nights.

    Opening extra places is part of activating the arrangement, so a coordinator may do it; the
    location and its beds are stored together or not at all.
    """
    desk.require(Permission.DECIDE)
    if places <= 0:
        raise DeskError("Een winterlocatie heeft minstens 1 plek.")
    terms = FacilityTerms(
        name, FacilityKind.WINTER, centre_code, AgeRange(18, None), street=street, city=city, night_fee_cents=0
    )
    with desk.db.write() as session:
        facility = store_facility(session, terms)
        append_beds(session, facility, places)
        facility_id = facility.id
    desk.search.forget_facilities()
    return facility_id


def set_staffing(desk: Desk, facility_id: int, night: date, security: str, waking_watch: str) -> None:
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.write() as session:
        row = session.scalar(
            select(WinterStaffing).where(WinterStaffing.facility_id == facility_id, WinterStaffing.night == night)
        )
        if row is None:
            row = WinterStaffing(facility_id=facility_id, night=night)
            session.add(row)
        row.security = clean_line(security, "De beveiliging", 200)
        row.waking_watch = clean_line(waking_watch, "De waakdienst", 200)


def staffing(desk: Desk, facility_id: int, night: date) -> tuple[str, str]:
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        return staffing_of(session, facility_id, night)


def night_notes(desk: Desk, facility_id: int, night: date) -> tuple[str, ...]:
    """Header lines of the winter night list: phase, the forecast of that night, who keeps watch."""
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        return winter_night_notes(session, facility_id, night)


def regions(desk: Desk) -> list[tuple[str, str]]:
    """(centrumgemeente code, region name) of every region the desk has facilities in."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return [
            (code, name)
            for code, name in session.execute(
                select(Region.centre_municipality_code, Region.name).order_by(Region.name)
            )
        ]


def winter_locations(desk: Desk) -> list[tuple[int, str, str]]:
    """(facility id, name, region name) of the winter-only locations."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return [
            (fid, name, region)
            for fid, name, region in session.execute(
                select(Facility.id, Facility.name, Region.name)
                .join(Region, Region.id == Facility.region_id)
                .where(Facility.kind == FacilityKind.WINTER.value, Facility.active.is_(True))
                .order_by(Facility.name)
            )
        ]


def season_report(
    desk: Desk,
    centre_code: str,
    first_night: date,
    last_night: date,
    observed: bytes | None = None,
    observed_name: str = "KNMI-daggegevens",
) -> SeasonReport:
    """The figures of the winter between two nights for one region; with a KNMI daily file, each
    night's decision and forecast checked against the weather observed."""
    desk.require(Permission.EXPORT)
    _check_season(desk, first_night, last_night)
    measured = _observed_nights(observed) if observed is not None else None
    with desk.db.read() as session:
        return _season_figures(session, desk, centre_code, first_night, last_night, measured, observed_name)


def season_report_pdf(
    desk: Desk,
    centre_code: str,
    first_night: date,
    last_night: date,
    observed: bytes | None = None,
    observed_name: str = "KNMI-daggegevens",
) -> bytes:
    """The season report of one region as a printable PDF (with the check, given a KNMI file)."""
    desk.require(Permission.EXPORT)
    _check_season(desk, first_night, last_night)
    measured = _observed_nights(observed) if observed is not None else None
    with desk.db.read() as session:
        report = _season_figures(session, desk, centre_code, first_night, last_night, measured, observed_name)
    from shelter_desk.reports.season_report import render_season_report  # reportlab loads when printing

    return render_season_report(report)


def winter_season(night: date) -> tuple[date, date]:
    """The winter season around a night: 1 October to 30 April."""
    start_year = night.year if night.month >= 7 else night.year - 1
    return date(start_year, 10, 1), date(start_year + 1, 4, 30)


def _check_season(desk: Desk, first_night: date, last_night: date) -> None:
    check_night(first_night, desk.today(), "De eerste nacht")
    check_night(last_night, desk.today(), "De laatste nacht")
    if last_night < first_night:
        raise DeskError("De periode eindigt vóór ze begint.")


def _observed_nights(data: bytes) -> list[ForecastNight]:
    """The nights of a KNMI daily file, read before any transaction; a forecast is refused here."""
    read = read_forecast_bytes(data)
    if read.source is not ForecastSource.KNMI:
        raise DeskError(
            f"Dit is een {read.source.lower()}: een verwachting, geen waarneming. Kies KNMI-daggegevens "
            "(etmgeg) van een station in de regio."
        )
    return [ForecastNight(n.night, n.temperature, n.wind, read.unit) for n in read.nights]


def _season_check(
    session: Session,
    region_id: int,
    winter_nights: dict[date, int],
    first_night: date,
    last_night: date,
    observed: Sequence[ForecastNight],
    name: str,
) -> SeasonCheck:
    """Each observed night of the period with the phase activated and the forecast it rested on."""
    in_period = [n for n in observed if first_night <= n.night <= last_night]
    if not in_period:
        raise DeskError(
            f"Geen van de nachten in {name} valt tussen {dutch_date(first_night)} en {dutch_date(last_night)}; "
            "kies het bestand van deze periode."
        )
    settings = read_settings(session)
    forecast = (
        {
            night: (felt, WinterPhase(phase))
            for night, felt, phase in session.execute(
                select(WinterForecastNight.night, WinterForecastNight.felt, WinterForecastNight.phase)
                .join(WinterActivation, WinterActivation.id == WinterForecastNight.activation_id)
                .where(WinterActivation.region_id == region_id, WinterForecastNight.night.in_(list(winter_nights)))
            )
        }
        if winter_nights
        else {}
    )
    return check_season(
        name,
        {night: WinterPhase(phase) for night, phase in winter_nights.items()},
        forecast,
        {a.night: (a.felt.value, a.phase) for a in assessed_nights(settings, in_period)},
    )


def _season_figures(
    session: Session,
    desk: Desk,
    centre_code: str,
    first_night: date,
    last_night: date,
    observed: Sequence[ForecastNight] | None = None,
    observed_name: str = "",
) -> SeasonReport:
    """The step behind both: the winter's figures between two nights, inside the caller's transaction."""
    region_id = region_id_of(session, centre_code)
    region = session.get(Region, region_id)
    # A winter night counts once it has come (up to tonight); activated nights ahead are planned.
    tonight = shelter_night_of(desk.now(), read_settings(session).night_day_boundary)
    winter_nights: dict[date, int] = {}
    planned: set[date] = set()
    for a in session.scalars(select(WinterActivation).where(WinterActivation.region_id == region_id)):
        for offset in range((a.last_night - a.first_night).days + 1):
            night = a.first_night + timedelta(days=offset)
            if first_night <= night <= last_night and night > tonight:
                planned.add(night)
            elif first_night <= night <= last_night:
                winter_nights[night] = max(winter_nights.get(night, 0), a.phase)
    nights = list(winter_nights)
    in_region = (
        select(BedNight.person_id, BedNight.night, Bed.is_overflow, Facility.kind)
        .join(Bed, Bed.id == BedNight.bed_id)
        .join(Facility, Facility.id == Bed.facility_id)
        .where(Facility.region_id == region_id, BedNight.night.in_(nights), OCCUPYING)
    )
    rows = session.execute(in_region).all() if nights else []
    winter_place_rows = [r for r in rows if r.is_overflow or r.kind == FacilityKind.WINTER.value]
    persons = {r.person_id for r in rows}
    first_ever = (
        dict(
            session.execute(
                select(BedNight.person_id, func.min(BedNight.night))
                .where(BedNight.person_id.in_(persons))
                .group_by(BedNight.person_id)
            ).all()
        )
        if persons
        else {}
    )
    turnaways = (
        session.execute(
            select(Turnaway.night, Turnaway.reason, Turnaway.remark)
            .outerjoin(Facility, Facility.id == Turnaway.facility_id)
            .where(Turnaway.night.in_(nights), (Facility.region_id == region_id) | Turnaway.facility_id.is_(None))
        ).all()
        if nights
        else []
    )
    return SeasonReport(
        region=region.name if region else "",
        first_night=first_night,
        last_night=last_night,
        nights_phase_one=sum(1 for p in winter_nights.values() if p == 1),
        nights_phase_two=sum(1 for p in winter_nights.values() if p == 2),
        persons_in_winter_places=len({r.person_id for r in winter_place_rows}),
        bed_nights_in_winter_places=len(winter_place_rows),
        persons_on_winter_nights=len(persons),
        new_persons=sum(1 for pid in persons if first_ever.get(pid) in winter_nights),
        turnaways_on_winter_nights=len(turnaways),
        turnaway_reasons=tuple(
            f"{n:%d-%m-%Y}: {reason}" + (f" — {remark}" if remark else "") for n, reason, remark in turnaways
        ),
        printed_at=desk.now(),
        is_demo=demo_marked(session),
        nights_planned=len(planned),
        street_by_night=tuple(street_counts(session, region_id, nights).items()),
        check=(
            _season_check(session, region_id, winter_nights, first_night, last_night, observed, observed_name)
            if observed is not None
            else None
        ),
    )
