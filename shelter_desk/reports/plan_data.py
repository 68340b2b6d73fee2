"""A personal plan as plain data, as its PDF prints it (the renderer is in plan_pdf)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PlanScoreRow:
    domain: str
    score: int | None  # the last assessment
    previous: int | None  # the one before, for the change
    level: str  # our short text for the last score


@dataclass(frozen=True)
class PlanGoalRow:
    domain: str
    text: str
    status: str
    actions: tuple[tuple[str, str, date | None, date | None], ...]  # what, who, by when, done on


@dataclass(frozen=True)
class PlanDocument:
    person: str
    counsellor: str
    started_on: date
    review_on: date
    printed_on: date
    assessed_on: date | None
    previous_on: date | None
    scores: tuple[PlanScoreRow, ...]
    goals: tuple[PlanGoalRow, ...]
    is_demo: bool = False
