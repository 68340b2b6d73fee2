"""The drop-in's figures for the monitor: visits, unique visitors, services, and overlap with the night.

A step (takes the open session) so that the monitor computes them in its own transaction. Who
also slept in a shelter matters as much as who never did: the drop-in is where people who avoid
the shelter are first seen.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, extract, func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.monitor import Period, PeriodKind
from shelter_desk.persistence.models import OCCUPYING, BedNight, DropInService, DropInVisit


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

    Counts by the database, in three statements whatever the number of visitors; whether a
    visitor ever slept in a shelter is one indexed EXISTS per named visitor."""
    in_scope = (DropInVisit.facility_id.in_(facility_ids), DropInVisit.day.between(period.first, period.last))
    year, month = extract("year", DropInVisit.day), extract("month", DropInVisit.day)
    by_month = session.execute(
        select(
            year,
            month,
            func.count(),
            func.count(DropInVisit.person_id),
            func.count(func.distinct(DropInVisit.person_id)),
        )
        .where(*in_scope)
        .group_by(year, month)
        .order_by(year, month)
    ).all()
    visitor = select(DropInVisit.person_id).where(*in_scope, DropInVisit.person_id.is_not(None)).distinct().subquery()
    ever_slept = exists().where(BedNight.person_id == visitor.c.person_id, OCCUPYING)
    visitors: set[int] = set()
    never_slept = 0
    for person_id, slept in session.execute(select(visitor.c.person_id, ever_slept)):
        visitors.add(person_id)
        never_slept += 0 if slept else 1
    services = session.execute(
        select(DropInService.service, func.sum(DropInService.quantity))
        .join(DropInVisit, DropInVisit.id == DropInService.visit_id)
        .where(*in_scope)
        .group_by(DropInService.service)
        .order_by(DropInService.service)
    ).all()
    visits = sum(int(count) for _y, _m, count, _named, _people in by_month)
    named = sum(int(count) for _y, _m, _count, count, _people in by_month)
    return DropInFigures(
        visits,
        visits - named,
        len(visitors),
        len(visitors & sleepers),
        never_slept,
        tuple((name, int(total or 0)) for name, total in services),
        tuple(
            (Period.of(PeriodKind.MONTH, int(y), int(m)).describe(), int(count), int(people))
            for y, m, count, _named, people in by_month
        ),
    )
