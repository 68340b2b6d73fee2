"""Which nights the winter arrangement covers, per region, and what a winter night list says about it.

Steps that take the caller's open session: the bed rules, the board and the night list share them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date

from sqlalchemy import Date, bindparam, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.street_contacts import StreetCounts, StreetOutcome, count_contacts
from shelter_desk.domain.winter import FeltTemperature, WinterPhase
from shelter_desk.persistence.lookups import get_or_refuse
from shelter_desk.persistence.models import (
    Facility,
    Region,
    StreetContact,
    WinterActivation,
    WinterForecastNight,
    WinterStaffing,
)
from shelter_desk.persistence.transaction_cache import cached


def region_id_of(session: Session, centre_code: str) -> int:
    """The region of a centrumgemeente; refused when the desk has no facilities there."""
    region = session.scalar(select(Region).where(Region.centre_municipality_code == centre_code))
    if region is None:
        raise DeskError("Deze regio heeft nog geen voorzieningen in Shelter Desk.")
    return region.id


def winter_activation_on(session: Session, region_id: int, night: date) -> WinterActivation | None:
    """The region's activation covering `night` (read once per unit of work until it writes: the bed
    rules ask it more than once)."""
    return cached(
        session,
        _cache_key(region_id, night),
        lambda: session.scalar(
            select(WinterActivation).where(
                WinterActivation.region_id == region_id,
                WinterActivation.first_night <= night,
                WinterActivation.last_night >= night,
            )
        ),
    )


def no_winter_activation_on(session: Session, region_id: int, night: date) -> None:
    """Tell this unit of work that no activation covers `night`, for a step that found that out
    inside a larger statement (the bed rules' facts): the rules' later asks need no round trip."""
    cached(session, _cache_key(region_id, night), lambda: None)


def _cache_key(region_id: int, night: date) -> str:
    return f"winter_activation:{region_id}:{night}"


def winter_regions_on(session: Session, night: date) -> dict[int, int]:
    """Region id → phase, for every region whose arrangement covers `night`."""
    return dict(session.execute(_REGIONS_ON, {"night": night}).all())


_NIGHT = bindparam("night", type_=Date)
# Built once: the bed board asks it at every refresh.
_REGIONS_ON = select(WinterActivation.region_id, WinterActivation.phase).where(
    WinterActivation.first_night <= _NIGHT, WinterActivation.last_night >= _NIGHT
)


def staffing_of(session: Session, facility_id: int, night: date) -> tuple[str, str]:
    """(security, waking watch) of a winter location on a night; empty when not filled in."""
    row = session.scalar(
        select(WinterStaffing).where(WinterStaffing.facility_id == facility_id, WinterStaffing.night == night)
    )
    return (row.security, row.waking_watch) if row else ("", "")


def winter_night_notes(session: Session, facility_id: int, night: date) -> tuple[str, ...]:
    """Header lines of the winter night list: phase, the forecast of that night, who keeps watch."""
    facility = get_or_refuse(session, Facility, facility_id, "Deze voorziening bestaat niet.")
    activation = winter_activation_on(session, facility.region_id, night)
    if activation is None:
        raise DeskError("De winterregeling is die nacht niet actief in deze regio.")
    forecast = next((described(typed) for typed in activation.forecast if typed.night == night), "")
    phase = WinterPhase(activation.phase)
    security, waking_watch = staffing_of(session, facility_id, night)
    street = street_counts(session, facility.region_id, [night]).get(night, StreetCounts())
    region = session.scalar(select(Region.name).where(Region.id == facility.region_id)) or ""
    return (
        f"Winterregeling {phase.label}" + (f" — verwachting: {forecast}" if forecast else ""),
        f"Beveiliging: {security or '(niet ingevuld)'} · Wakende wacht: {waking_watch or '(niet ingevuld)'}",
        f"Straatcontacten {region}: {street.describe()}",
    )


def described(typed: WinterForecastNight) -> str:
    """'−6 °C, wind 20 km/h, gevoel −11,3 °C (fase 2)': one night of an activation's forecast."""
    return (
        f"{dutch_number(typed.temperature)} °C, wind {typed.wind_kmh:.0f} km/h, "
        f"gevoel {FeltTemperature(typed.felt, True).describe()} ({WinterPhase(typed.phase).label})"
    )


def dutch_number(value: float) -> str:
    return f"{value:g}".replace(".", ",").replace("-", "−")


def street_counts(session: Session, region_id: int, nights: Collection[date]) -> dict[date, StreetCounts]:
    """Seen / offered / placed / refused per night of the region, for the nights that have contacts."""
    if not nights:
        return {}
    found: dict[date, list[tuple[bool, StreetOutcome]]] = defaultdict(list)
    for night, offered, outcome in session.execute(
        select(StreetContact.night, StreetContact.bed_offered, StreetContact.outcome).where(
            StreetContact.region_id == region_id, StreetContact.night.in_(list(nights))
        )
    ):
        found[night].append((offered, outcome))
    return {night: count_contacts(pairs) for night, pairs in sorted(found.items())}
