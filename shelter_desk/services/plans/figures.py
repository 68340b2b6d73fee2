"""The personal plan's figures for the monitor: the share of people with a current plan, and the
average change per life domain between first and last assessment.

A step (takes the open session and the period's persons) so that the monitor computes them in
its own transaction, in two statements whatever the number of persons. An average over fewer people than the small-number threshold is withheld everywhere, on
screen too: with two people, an average change is nearly a person's own score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from shelter_desk.domain.monitor import Period
from shelter_desk.domain.plans import DomainChange, parse_domains
from shelter_desk.persistence.models import Assessment, AssessmentScore, Plan
from shelter_desk.services.settings import read_settings


_CHUNK = 900


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


def plan_figures(session: Session, persons: set[int], period: Period, today: date) -> PlanFigures:
    """A plan is current when it is open at the period's end and its review date has not passed (at
    the end, or today if earlier). Per domain, the change is the last minus the first assessment up
    to the period's end, over the period's persons assessed on two or more dates and scored on the
    domain both times.

    Plans are few next to bed-nights: the current ones are read for everyone and matched with the
    period's persons here; assessments are asked for only the period's persons who have any."""
    settings = read_settings(session)
    as_of = min(period.last, today)
    current = persons & set(session.scalars(select(Plan.person_id).where(
        Plan.started_on <= period.last, or_(Plan.closed_on.is_(None), Plan.closed_on > period.last),
        Plan.review_on >= as_of)))
    # The index on (person, date) gives everyone ever assessed at once; only the period's are asked for.
    assessed = sorted(persons & set(session.scalars(select(Assessment.person_id).distinct())))
    deltas: dict[str, dict[int, int]] = {}
    for start in range(0, len(assessed), _CHUNK):  # SQLite takes a limited number of parameters at once
        _add_deltas(session, assessed[start:start + _CHUNK], period, deltas)
    changes = tuple(DomainChange(domain, len(by_person), sum(by_person.values()) / len(by_person) if by_person else 0.0)
                    for domain in parse_domains(settings.plan_domains)
                    for by_person in (deltas.get(domain, {}),))
    return PlanFigures(len(persons), len(current), changes, settings.reports_small_number_threshold)


def _add_deltas(session: Session, person_ids: list[int], period: Period, deltas: dict[str, dict[int, int]]) -> None:
    """Last minus first score per domain and person, for these persons (assessed on two dates or more)."""
    span = (select(Assessment.person_id, func.min(Assessment.assessed_on).label("first"),
                   func.max(Assessment.assessed_on).label("last"))
            .where(Assessment.person_id.in_(person_ids), Assessment.assessed_on <= period.last)
            .group_by(Assessment.person_id)
            .having(func.min(Assessment.assessed_on) < func.max(Assessment.assessed_on))).subquery()
    first, last = aliased(Assessment), aliased(Assessment)
    first_score, last_score = aliased(AssessmentScore), aliased(AssessmentScore)
    for person_id, domain, delta in session.execute(
            select(span.c.person_id, first_score.domain, last_score.score - first_score.score)
            .select_from(span)
            .join(first, and_(first.person_id == span.c.person_id, first.assessed_on == span.c.first))
            .join(first_score, first_score.assessment_id == first.id)
            .join(last, and_(last.person_id == span.c.person_id, last.assessed_on == span.c.last))
            .join(last_score, and_(last_score.assessment_id == last.id, last_score.domain == first_score.domain))):
        deltas.setdefault(domain, {})[person_id] = delta  # one per person, also with two on one date
