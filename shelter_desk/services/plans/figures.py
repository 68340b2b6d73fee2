"""The personal plan's figures for the monitor: the share of people with a current plan, and the
average change per life domain between first and last assessment.

A step (takes the open session and the period's persons) so that the monitor computes them in
its own transaction, in two statements whatever the number of persons. An average over fewer
people than the small-number threshold is withheld everywhere, on screen too: with two people, an
average change is nearly a person's own score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from shelter_desk.domain.monitor import Period
from shelter_desk.domain.plans import DomainChange, parse_domains
from shelter_desk.persistence.models import OCCUPYING, Assessment, AssessmentScore, Bed, BedNight, Plan
from shelter_desk.services.kernel.settings import read_settings


@dataclass(frozen=True)
class PlanFigures:
    persons: int  # the period's unique persons
    with_current_plan: int
    changes: tuple[DomainChange, ...]  # in the order of the configured domains
    threshold: int

    @property
    def share(self) -> float:
        return 0.0 if not self.persons else self.with_current_plan / self.persons

    def change_text(self, change: DomainChange) -> str:
        if change.people < self.threshold:
            return f"<{self.threshold} personen"
        return f"{change.average:+.1f} ({change.people} personen)"


def plan_figures(
    session: Session, persons: set[int], facility_ids: set[int], period: Period, today: date
) -> PlanFigures:
    """A plan is current when it is open at the period's end and its review date has not passed (at
    the end, or today if earlier). Per domain, the change is the last minus the first assessment up
    to the period's end, over the period's persons assessed on two or more dates and scored on the
    domain both times. The period's persons are `persons`: those with a bed-night in the period in
    one of `facility_ids` (the monitor has them already).

    Plans are few next to bed-nights: the current ones are read for everyone and matched with the
    period's persons here; the changes take one statement, which takes the period's persons from
    the scope's beds (never a list of their ids) and groups only their assessments."""
    settings = read_settings(session)
    as_of = min(period.last, today)
    current = persons & set(
        session.scalars(
            select(Plan.person_id).where(
                Plan.started_on <= period.last,
                or_(Plan.closed_on.is_(None), Plan.closed_on > period.last),
                Plan.review_on >= as_of,
            )
        )
    )
    totals = {domain: (people, change) for domain, people, change in _changes(session, facility_ids, period)}
    changes = tuple(
        DomainChange(domain, people, change / people if people else 0.0)
        for domain in parse_domains(settings.plan_domains)
        for people, change in (totals.get(domain, (0, 0)),)
    )
    return PlanFigures(len(persons), len(current), changes, settings.reports_small_number_threshold)


def _changes(session: Session, facility_ids: set[int], period: Period) -> list[tuple[str, int, int]]:
    """Per domain: how many of the period's persons were scored on it in their first and last
    assessment (on two dates or more), and the sum of last minus first; one row per domain.

    A person's first and last assessment (the first made, should there be two on a day) are found
    once per person, then their scores joined: not once per score."""
    # The period's persons in the scope, from the scope's beds: a region's monitor reads its own
    # bed-nights and its own people's assessments, never the organisation's.
    slept_in_period = (
        select(BedNight.person_id)
        .join(Bed, Bed.id == BedNight.bed_id)
        .where(Bed.facility_id.in_(facility_ids), BedNight.night.between(period.first, period.last), OCCUPYING)
        .distinct()
    )
    span = (
        select(
            Assessment.person_id,
            func.min(Assessment.assessed_on).label("first"),
            func.max(Assessment.assessed_on).label("last"),
        )
        .where(Assessment.person_id.in_(slept_in_period), Assessment.assessed_on <= period.last)
        .group_by(Assessment.person_id)
        .having(func.min(Assessment.assessed_on) < func.max(Assessment.assessed_on))
    ).subquery()
    ends = (
        select(
            func.min(case((Assessment.assessed_on == span.c.first, Assessment.id))).label("first_id"),
            func.min(case((Assessment.assessed_on == span.c.last, Assessment.id))).label("last_id"),
        )
        .select_from(span)
        .join(
            Assessment,
            and_(Assessment.person_id == span.c.person_id, Assessment.assessed_on.in_([span.c.first, span.c.last])),
        )
        .group_by(span.c.person_id)
    ).subquery()
    first_score, last_score = aliased(AssessmentScore), aliased(AssessmentScore)
    rows = session.execute(
        select(first_score.domain, func.count(), func.sum(last_score.score - first_score.score))
        .select_from(ends)
        .join(first_score, first_score.assessment_id == ends.c.first_id)
        .join(last_score, and_(last_score.assessment_id == ends.c.last_id, last_score.domain == first_score.domain))
        .group_by(first_score.domain)
    ).all()
    return [(domain, int(people), int(change or 0)) for domain, people, change in rows]
