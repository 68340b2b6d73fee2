"""The personal plan's figures for the monitor: the share of people with a current plan, and the
average change per life domain between first and last assessment.

A step (takes the open session) so that the monitor computes them in its own transaction. An
average over fewer people than the small-number threshold is withheld everywhere, on screen too:
with two people, an average change is nearly a person's own score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.monitor import Period
from shelter_desk.domain.plans import DomainChange, average_changes, parse_domains
from shelter_desk.persistence.models import Assessment, AssessmentScore, Plan
from shelter_desk.services.settings import read_settings


@dataclass(frozen=True)
class PlanFigures:
    persons: int  # the period's unique persons
    with_current_plan: int
    changes: tuple[DomainChange, ...]
    threshold: int

    @property
    def share(self) -> float:
        return 0.0 if not self.persons else self.with_current_plan / self.persons

    def change_text(self, change: DomainChange) -> str:
        if change.people < self.threshold:
            return f"<{self.threshold} personen"
        return f"{change.average:+.1f} ({change.people} personen)"


def plan_figures(session: Session, persons: set[int], period: Period, today: date) -> PlanFigures:
    settings = read_settings(session)
    as_of = min(period.last, today)
    current = set(session.scalars(select(Plan.person_id).where(
        Plan.person_id.in_(persons), Plan.started_on <= period.last,
        (Plan.closed_on.is_(None)) | (Plan.closed_on > period.last), Plan.review_on >= as_of))) if persons else set()
    scores: dict[int, list[tuple[date, int, dict[str, int]]]] = {}
    if persons:
        for person_id, assessed_on, assessment_id, domain, score in session.execute(
                select(Assessment.person_id, Assessment.assessed_on, Assessment.id, AssessmentScore.domain,
                       AssessmentScore.score)
                .join(AssessmentScore, AssessmentScore.assessment_id == Assessment.id)
                .where(Assessment.person_id.in_(persons), Assessment.assessed_on <= period.last)):
            rows = scores.setdefault(person_id, [])
            match = next((row for row in rows if row[1] == assessment_id), None)
            if match is None:
                match = (assessed_on, assessment_id, {})
                rows.append(match)
            match[2][domain] = score
    first_and_last = {}
    for person_id, rows in scores.items():
        if len(rows) >= 2:
            rows.sort(key=lambda row: (row[0], row[1]))
            first_and_last[person_id] = (rows[0][2], rows[-1][2])
    return PlanFigures(len(persons), len(current),
                       average_changes(first_and_last, parse_domains(settings.plan_domains)),
                       settings.reports_small_number_threshold)
