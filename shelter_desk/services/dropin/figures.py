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
from shelter_desk.persistence.models import OCCUPYING, BedNight, DropInService, DropInVisit, Person



_CHUNK = 900


@dataclass(frozen=True)
class DropInFigures:
    visits: int
    anonymous_visits: int
    unique_visitors: int  # named visitors, each once
    also_slept_in_period: int  # named visitors with a bed-night in the same period (in the monitor's scope)
    never_slept: int  # named visitors without any bed-night ever
    services: tuple[tuple[str, int], ...]
    by_month: tuple[tuple[str, int, int], ...]  # "november 2026", visits, unique visitors


def dropin_figures(session: Session, facility_ids: set[int], period: Period, sleepers: set[int]) -> DropInFigures:
    """`sleepers` are the persons with a bed-night in the period (the monitor has them already).

    One read of the period's visits; whether a visitor ever slept in a shelter is one indexed
    EXISTS per visitor who did not sleep in the period; the services are summed by the database."""
    in_scope = (DropInVisit.facility_id.in_(facility_ids), DropInVisit.day.between(period.first, period.last))
    days: list[tuple[date, int | None]] = [
        (day, person_id) for day, person_id in session.execute(select(DropInVisit.day, DropInVisit.person_id).where(*in_scope))]
    visitors = {person_id for _day, person_id in days if person_id is not None}
    others = sorted(visitors - sleepers)
    slept_before: set[int] = set()
    for start in range(0, len(others), _CHUNK):  # SQLite takes a limited number of parameters at once
        slept_before.update(session.scalars(select(Person.id).where(
            Person.id.in_(others[start:start + _CHUNK]),
            exists().where(BedNight.person_id == Person.id, OCCUPYING))))
    services = session.execute(
        select(DropInService.service, func.sum(DropInService.quantity))
        .join(DropInVisit, DropInVisit.id == DropInService.visit_id).where(*in_scope)
        .group_by(DropInService.service).order_by(DropInService.service)).all()
    return DropInFigures(len(days), sum(1 for _day, person_id in days if person_id is None), len(visitors),
                         len(visitors & sleepers), len(others) - len(slept_before),
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
