"""The drop-in's figures for the monitor: visits, unique visitors, services, and overlap with the night.

A step (takes the open session) so that the monitor computes them in its own transaction. Who
also slept in a shelter matters as much as who never did: the drop-in is where people who avoid
the shelter are first seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.monitor import Period, PeriodKind
from shelter_desk.persistence.models import OCCUPYING, BedNight, DropInService, DropInVisit



@dataclass(frozen=True)
class DropInFigures:
    visits: int
    anonymous_visits: int
    unique_visitors: int  # named visitors, each once
    also_slept_in_period: int  # named visitors with a bed-night in the same period
    never_slept: int  # named visitors without any bed-night ever
    services: tuple[tuple[str, int], ...]
    by_month: tuple[tuple[str, int, int], ...]  # "november 2026", visits, unique visitors


def dropin_figures(session: Session, facility_ids: set[int], period: Period) -> DropInFigures:
    in_scope = (DropInVisit.facility_id.in_(facility_ids), DropInVisit.day.between(period.first, period.last))
    visits, anonymous = session.execute(select(
        func.count(), func.count().filter(DropInVisit.person_id.is_(None))).where(*in_scope)).one()
    visitors = select(DropInVisit.person_id).where(*in_scope, DropInVisit.person_id.is_not(None)).distinct().subquery()
    unique = session.scalar(select(func.count()).select_from(visitors)) or 0
    slept_in_period = session.scalar(select(func.count()).select_from(visitors).where(exists().where(
        BedNight.person_id == visitors.c.person_id, BedNight.night.between(period.first, period.last), OCCUPYING))) or 0
    never = session.scalar(select(func.count()).select_from(visitors).where(~exists().where(
        BedNight.person_id == visitors.c.person_id, OCCUPYING))) or 0
    services = session.execute(
        select(DropInService.service, func.sum(DropInService.quantity))
        .join(DropInVisit, DropInVisit.id == DropInService.visit_id).where(*in_scope)
        .group_by(DropInService.service).order_by(DropInService.service)).all()
    days: list[tuple[date, int | None]] = [
        (day, person_id) for day, person_id in session.execute(select(DropInVisit.day, DropInVisit.person_id).where(*in_scope))]
    return DropInFigures(visits, anonymous, unique, slept_in_period, never,
                         tuple((name, int(total or 0)) for name, total in services), _by_month(days))


def _by_month(days: list[tuple[date, int | None]]) -> tuple[tuple[str, int, int], ...]:
    visits: dict[tuple[int, int], int] = {}
    people: dict[tuple[int, int], set[int]] = {}
    for day, person_id in days:
        key = (day.year, day.month)
        visits[key] = visits.get(key, 0) + 1
        if person_id is not None:
            people.setdefault(key, set()).add(person_id)
    return tuple((Period.of(PeriodKind.MONTH, year, month).describe(), visits[(year, month)], len(people.get((year, month), set())))
                 for year, month in sorted(visits))
