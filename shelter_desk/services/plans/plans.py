"""The personal plan: start it, score self-sufficiency over the life domains, set goals with agreed
actions, review it, print it to discuss and sign, and the list of plans due for review.

Every read of a plan and every change is in the person's access log; a bad input (a score outside
1–5, an action without an owner, a review date in the past) is refused in Dutch with nothing saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from shelter_desk.domain.dutch_dates import add_months
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.people import display_name
from shelter_desk.domain.plans import (
    GoalStatus,
    check_action,
    check_assessment_date,
    check_goal,
    check_review,
    check_scores,
    level_text,
    parse_domains,
)
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.text_input import check_night
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import (
    Assessment,
    AssessmentScore,
    Facility,
    Person,
    Plan,
    PlanAction,
    PlanGoal,
    Stay,
)
from shelter_desk.reports.plan_data import PlanDocument, PlanGoalRow, PlanScoreRow
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.database_setup import demo_marked
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings

DUE_WITHIN_DAYS = 14
WITHOUT_PLAN_AFTER_DAYS = 28  # a plan is due "after the first weeks": four weeks into a placement


@dataclass(frozen=True)
class ActionView:
    action_id: int
    text: str
    owner: str
    due_on: date | None
    done_on: date | None


@dataclass(frozen=True)
class GoalView:
    goal_id: int
    domain: str
    text: str
    status: GoalStatus
    created_on: date
    actions: tuple[ActionView, ...]


@dataclass(frozen=True)
class AssessmentView:
    assessment_id: int
    assessed_on: date
    assessed_by: str
    note: str
    scores: Mapping[str, int]


@dataclass(frozen=True)
class PlanView:
    person_id: int
    person: str
    domains: tuple[str, ...]
    plan_id: int | None  # None: no open plan yet (assessments may exist)
    counsellor: str
    started_on: date | None
    review_on: date | None
    reviewed_on: date | None
    goals: tuple[GoalView, ...]
    assessments: tuple[AssessmentView, ...]  # oldest first
    # Only that a plan exists and when it is reviewed: what the front desk sees unless the
    # organisation lets it read the whole plan (no scores, goals or notes in this view).
    summary_only: bool = False

    @property
    def summary(self) -> str:
        """'plan aanwezig, herziening 07-03-2027' or 'geen lopend plan'."""
        if self.plan_id is None or self.review_on is None:
            return "geen lopend plan"
        return f"plan aanwezig, herziening {self.review_on:%d-%m-%Y}"

    def review_due(self, today: date) -> bool:
        return self.review_on is not None and self.review_on <= today

    def history(self, domain: str) -> list[tuple[date, int]]:
        """The domain's scores over time, for the small chart in the record."""
        return [(a.assessed_on, a.scores[domain]) for a in self.assessments if domain in a.scores]


@dataclass(frozen=True)
class PlanDue:
    plan_id: int
    person_id: int
    person: str
    counsellor: str
    review_on: date
    overdue: bool
    last_assessed_on: date | None


def _domains(session: Session) -> tuple[str, ...]:
    return parse_domains(read_settings(session).plan_domains)


def _open_plan(session: Session, plan_id: int) -> Plan:
    plan = get_or_refuse(session, Plan, plan_id, "Dit plan bestaat niet (meer).")
    if plan.closed_on is not None:
        raise DeskError("Dit plan is afgesloten.")
    return plan


def default_plan_review(desk: Desk, start: date) -> date:
    """The next review date for a plan started or reviewed on `start` (setting 'evaluatie na')."""
    desk.require(Permission.DESK_WORK)
    check_night(start, desk.today(), "De begindatum")
    return add_months(start, read_settings(desk.db).plan_review_months)


def start_plan(desk: Desk, person_id: int, counsellor: str, review_on: date) -> int:
    """Open a plan for the person, guided by `counsellor`, first reviewed on `review_on`."""
    desk.require(Permission.PLAN_WORK)
    who = " ".join(counsellor.split())
    if not who:
        raise DeskError("Vul de naam van de begeleider van het plan in.")
    today = desk.today()
    check_review(review_on, today)
    with desk.db.write() as session:
        live_person(session, person_id, "werk het plan bij op dat record")
        if session.scalar(select(Plan.id).where(Plan.person_id == person_id, Plan.closed_on.is_(None))) is not None:
            raise DeskError("Deze persoon heeft al een lopend plan.")
        plan = Plan(person_id=person_id, counsellor=who, started_on=today, review_on=review_on)
        session.add(plan)
        try:
            session.flush()
        except IntegrityError as error:
            raise DeskError("Voor deze persoon werd net bij een andere balie een plan gestart.") from error
        log_access(session, desk, Action.CREATE, person_id, ("plan",), f"begeleider {who}")
        return plan.id


def record_assessment(
    desk: Desk, person_id: int, assessed_on: date, scores: Mapping[str, int | None], note: str = ""
) -> int:
    """Store a self-sufficiency assessment (1–5 per scored life domain); returns its id."""
    desk.require(Permission.PLAN_WORK)
    check_assessment_date(assessed_on, desk.today())
    with desk.db.write() as session:
        checked = check_scores(scores, _domains(session))
        live_person(session, person_id, "werk het plan bij op dat record")
        assessment = Assessment(
            person_id=person_id, assessed_on=assessed_on, assessed_by=desk.worker, note=note.strip()
        )
        assessment.scores = [AssessmentScore(domain=domain, score=score) for domain, score in checked.items()]
        session.add(assessment)
        session.flush()
        log_access(session, desk, Action.CREATE, person_id, ("zelfredzaamheid",), f"{len(checked)} leefgebieden")
        return assessment.id


def add_goal(desk: Desk, plan_id: int, domain: str, text: str) -> int:
    desk.require(Permission.PLAN_WORK)
    with desk.db.write() as session:
        plan = _open_plan(session, plan_id)
        goal = PlanGoal(
            plan_id=plan_id, domain=domain, text=check_goal(domain, text, _domains(session)), created_on=desk.today()
        )
        session.add(goal)
        session.flush()
        log_access(session, desk, Action.UPDATE, plan.person_id, ("plan",), f"doel {domain}")
        return goal.id


def add_action(desk: Desk, goal_id: int, text: str, owner: str, due_on: date | None) -> int:
    """An agreed action for a goal: what, who (required) and by when."""
    desk.require(Permission.PLAN_WORK)
    clean, who = check_action(text, owner, due_on, desk.today())
    with desk.db.write() as session:
        goal = get_or_refuse(session, PlanGoal, goal_id, "Dit doel bestaat niet (meer).")
        plan = _open_plan(session, goal.plan_id)
        if goal.status is not GoalStatus.OPEN:
            raise DeskError(f"Dit doel is {goal.status.label}; voeg acties toe aan een lopend doel.")
        action = PlanAction(goal_id=goal_id, text=clean, owner=who, due_on=due_on)
        session.add(action)
        session.flush()
        log_access(session, desk, Action.UPDATE, plan.person_id, ("plan",), "actie")
        return action.id


def complete_action(desk: Desk, action_id: int) -> None:
    desk.require(Permission.PLAN_WORK)
    with desk.db.write() as session:
        action = get_or_refuse(session, PlanAction, action_id, "Deze actie bestaat niet (meer).")
        if action.done_on is not None:
            raise DeskError("Deze actie is al afgerond.")
        goal = session.get(PlanGoal, action.goal_id)
        assert goal is not None
        plan = _open_plan(session, goal.plan_id)
        action.done_on = desk.today()
        log_access(session, desk, Action.UPDATE, plan.person_id, ("plan",), "actie afgerond")


def close_goal(desk: Desk, goal_id: int, status: GoalStatus) -> None:
    desk.require(Permission.PLAN_WORK)
    if status is GoalStatus.OPEN:
        raise DeskError("Kies of het doel behaald of gestopt is.")
    with desk.db.write() as session:
        goal = get_or_refuse(session, PlanGoal, goal_id, "Dit doel bestaat niet (meer).")
        plan = _open_plan(session, goal.plan_id)
        if goal.status is not GoalStatus.OPEN:
            raise DeskError(f"Dit doel is al {goal.status.label}.")
        goal.status = status
        log_access(session, desk, Action.UPDATE, plan.person_id, ("plan",), f"doel {status.value}")


def record_review(desk: Desk, plan_id: int, next_review: date) -> None:
    """The plan was reviewed today with the person; the next review is on `next_review`."""
    desk.require(Permission.PLAN_WORK)
    today = desk.today()
    check_review(next_review, today)
    with desk.db.write() as session:
        plan = _open_plan(session, plan_id)
        plan.reviewed_on, plan.review_on = today, next_review
        log_access(session, desk, Action.UPDATE, plan.person_id, ("plan",), "evaluatie")


def close_plan(desk: Desk, plan_id: int) -> None:
    """The plan ends (the person left, or a new plan replaces it); its history stays."""
    desk.require(Permission.PLAN_WORK)
    with desk.db.write() as session:
        plan = _open_plan(session, plan_id)
        plan.closed_on = desk.today()
        log_access(session, desk, Action.UPDATE, plan.person_id, ("plan",), "plan afgesloten")


def plan_of(desk: Desk, person_id: int) -> PlanView:
    """The person's open plan (if any) and every assessment; the reading is logged.

    Below the counsellor's role, and unless the setting lets the front desk read plans, only that
    a plan exists and its review date (`summary_only`)."""
    user = desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        view = read_plan(session, person_id)
        if (
            not user.role.includes(Permission.PLAN_WORK.minimum_role)
            and not read_settings(session).plan_front_desk_sees_plan
        ):
            # The front desk learns that there is a plan and when it is reviewed, nothing of its content.
            view = replace(view, goals=(), assessments=(), summary_only=True)
            if view.plan_id is not None:
                log_access(session, desk, Action.READ, person_id, ("plan aanwezig",))
            return view
        if view.plan_id is not None or view.assessments:
            log_access(session, desk, Action.READ, person_id, ("plan",))
        return view


def read_plan(session: Session, person_id: int) -> PlanView:
    """The step behind the plan in the record and the plan PDF."""
    person = get_or_refuse(session, Person, person_id, "Deze persoon bestaat niet (meer).")
    name = display_name(person.first_name, person.name_prefix, person.last_name, person.alias)
    plan = session.scalar(
        select(Plan)
        .where(Plan.person_id == person_id, Plan.closed_on.is_(None))
        .options(selectinload(Plan.goals).selectinload(PlanGoal.actions))
    )
    assessments = session.scalars(
        select(Assessment)
        .where(Assessment.person_id == person_id)
        .options(selectinload(Assessment.scores))
        .order_by(Assessment.assessed_on, Assessment.id)
    ).all()
    history = tuple(
        AssessmentView(a.id, a.assessed_on, a.assessed_by, a.note, {s.domain: s.score for s in a.scores})
        for a in assessments
    )
    domains = _domains(session)
    if plan is None:
        return PlanView(person_id, name, domains, None, "", None, None, None, (), history)
    goals = tuple(
        GoalView(
            g.id,
            g.domain,
            g.text,
            g.status,
            g.created_on,
            tuple(ActionView(a.id, a.text, a.owner, a.due_on, a.done_on) for a in g.actions),
        )
        for g in plan.goals
    )
    return PlanView(
        person_id,
        name,
        domains,
        plan.id,
        plan.counsellor,
        plan.started_on,
        plan.review_on,
        plan.reviewed_on,
        goals,
        history,
    )


def plans_due(desk: Desk, within_days: int = DUE_WITHIN_DAYS) -> list[PlanDue]:
    """Open plans whose review falls within `within_days` days (or is past), soonest first."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        today = desk.today()
        # Per due plan, one seek in (person_id, assessed_on): never a pass over every assessment
        # of the organisation (the list stays as quick at ten times the data).
        last = (
            select(func.max(Assessment.assessed_on))
            .where(Assessment.person_id == Plan.person_id)
            .correlate(Plan)
            .scalar_subquery()
        )
        rows = session.execute(
            select(
                Plan.id,
                Plan.person_id,
                Plan.counsellor,
                Plan.review_on,
                Person.first_name,
                Person.name_prefix,
                Person.last_name,
                Person.alias,
                last,
            )
            .join(Person, Person.id == Plan.person_id)
            .where(Plan.closed_on.is_(None), Plan.review_on <= today + timedelta(days=within_days))
            .order_by(Plan.review_on, Plan.id)
        ).all()
        return [
            PlanDue(
                plan_id,
                person_id,
                display_name(first, prefix, last_name, alias),
                counsellor,
                review_on,
                review_on < today,
                last_on,
            )
            for plan_id, person_id, counsellor, review_on, first, prefix, last_name, alias, last_on in rows
        ]


@dataclass(frozen=True)
class WithoutPlan:
    person_id: int
    person: str
    facility: str
    since: date


def without_plan(desk: Desk, after_days: int = WITHOUT_PLAN_AFTER_DAYS) -> list[WithoutPlan]:
    """People in a running short-stay placement for longer than `after_days` days who have no open plan."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        limit = desk.today() - timedelta(days=after_days)
        open_plan = select(Plan.person_id).where(Plan.closed_on.is_(None))
        rows = session.execute(
            select(
                Stay.person_id,
                Stay.start_night,
                Facility.name,
                Person.first_name,
                Person.name_prefix,
                Person.last_name,
                Person.alias,
            )
            .join(Facility, Facility.id == Stay.facility_id)
            .join(Person, Person.id == Stay.person_id)
            .where(
                Stay.end_night.is_(None),
                Stay.start_night <= limit,
                Facility.kind.not_in([kind.value for kind in FacilityKind if kind.allocated_per_night]),
                Stay.person_id.not_in(open_plan),
                Person.merged_into_id.is_(None),
            )
            .order_by(Stay.start_night)
        ).all()
        return [
            WithoutPlan(person_id, display_name(first, prefix, last, alias), facility, start)
            for person_id, start, facility, first, prefix, last, alias in rows
        ]


def plan_pdf(desk: Desk, person_id: int) -> bytes:
    """The plan as an A4 PDF to discuss with the person and sign; the printing is logged."""
    desk.require(Permission.PLAN_WORK)
    with desk.db.write() as session:
        view = read_plan(session, person_id)
        if view.plan_id is None:
            raise DeskError("Deze persoon heeft nog geen lopend plan; start eerst een plan.")
        latest = view.assessments[-1] if view.assessments else None
        previous = view.assessments[-2] if len(view.assessments) > 1 else None
        document = PlanDocument(
            person=view.person,
            counsellor=view.counsellor,
            started_on=view.started_on or desk.today(),
            review_on=view.review_on or desk.today(),
            printed_on=desk.today(),
            assessed_on=latest.assessed_on if latest else None,
            previous_on=previous.assessed_on if previous else None,
            scores=tuple(
                PlanScoreRow(
                    domain,
                    latest.scores.get(domain) if latest else None,
                    previous.scores.get(domain) if previous else None,
                    level_text(latest.scores[domain]) if latest and domain in latest.scores else "",
                )
                for domain in view.domains
            ),
            goals=tuple(
                PlanGoalRow(
                    g.domain, g.text, g.status.label, tuple((a.text, a.owner, a.due_on, a.done_on) for a in g.actions)
                )
                for g in view.goals
            ),
            is_demo=demo_marked(session),
        )
        log_access(session, desk, Action.PRINT, person_id, ("plan",))
    from shelter_desk.reports.plan_pdf import render_plan  # reportlab loads when printing

    return render_plan(document)
