"""The personal plan's figures for the monitor: the share of people with a current plan, and the
average change per life domain between first and last assessment.

A step (takes the open session and the monitor's own selection of the period's persons) so that
the monitor computes them in its own transaction, in two statements whatever the number of
persons. An average over fewer people than the small-number threshold is withheld everywhere, on
screen too: with two people, an average change is nearly a person's own score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from shelter_desk.domain.monitor import Period
from shelter_desk.domain.plans import DomainChange, parse_domains
from shelter_desk.persistence.models import Assessment, AssessmentScore, Plan
from shelter_desk.services.settings import read_settings


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


def plan_figures(session: Session, persons: Select[tuple[int]], count: int, period: Period,
                 today: date) -> PlanFigures:
    """`persons` selects the period's person ids (`count` of them); a plan is current when it is
    open at the period's end and its review date has not passed (at the end, or today if earlier).

    Per domain, the change is the last minus the first assessment up to the period's end, over the
    persons assessed on two or more dates and scored on the domain both times."""
    settings = read_settings(session)
    as_of = min(period.last, today)
    current = session.scalar(select(func.count(func.distinct(Plan.person_id))).where(
        Plan.person_id.in_(persons), Plan.started_on <= period.last,
        or_(Plan.closed_on.is_(None), Plan.closed_on > period.last), Plan.review_on >= as_of)) or 0
    span = (select(Assessment.person_id, func.min(Assessment.assessed_on).label("first"),
                   func.max(Assessment.assessed_on).label("last"))
            .where(Assessment.person_id.in_(persons), Assessment.assessed_on <= period.last)
            .group_by(Assessment.person_id)
            .having(func.min(Assessment.assessed_on) < func.max(Assessment.assessed_on))).subquery()
    first, last = aliased(Assessment), aliased(Assessment)
    first_score, last_score = aliased(AssessmentScore), aliased(AssessmentScore)
    rows = session.execute(
        select(first_score.domain, func.count(func.distinct(span.c.person_id)),
               func.avg(last_score.score - first_score.score))
        .select_from(span)
        .join(first, and_(first.person_id == span.c.person_id, first.assessed_on == span.c.first))
        .join(first_score, first_score.assessment_id == first.id)
        .join(last, and_(last.person_id == span.c.person_id, last.assessed_on == span.c.last))
        .join(last_score, and_(last_score.assessment_id == last.id, last_score.domain == first_score.domain))
        .group_by(first_score.domain)).all()
    by_domain = {domain: (int(people), float(average or 0.0)) for domain, people, average in rows}
    changes = tuple(DomainChange(domain, *by_domain.get(domain, (0, 0.0)))
                    for domain in parse_domains(settings.plan_domains))
    return PlanFigures(count, current, changes, settings.reports_small_number_threshold)
