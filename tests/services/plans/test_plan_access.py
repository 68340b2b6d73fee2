"""Who may read a plan: its scores, goals and notes are for counsellors (begeleiders) and up.

The front desk sees that a plan exists and when it is reviewed, unless the organisation's setting
lets it read whole plans.
"""

from __future__ import annotations

from datetime import date

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.plans import DEFAULT_DOMAINS
from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.services.admin.organisation_settings import change_setting
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.plans import add_goal, plan_of, plan_pdf, record_assessment, start_plan
from tests.conftest import EVENING

REVIEW = date(2027, 3, 7)


def _as(db, role: Role) -> Desk:
    return Desk(db, clock=lambda: EVENING, user=DeskUser(1, role.value, f"test-{role.value}", role))


@pytest.fixture
def plan(db, region) -> int:
    counsellor = _as(db, Role.COUNSELLOR)
    plan_id = start_plan(counsellor, region.people["jan"], "Mirjam", REVIEW)
    record_assessment(counsellor, region.people["jan"], date(2026, 11, 20), {DEFAULT_DOMAINS[0]: 2}, "Slaapt slecht")
    add_goal(counsellor, plan_id, DEFAULT_DOMAINS[0], "Een eigen kamer")
    return plan_id


def test_the_front_desk_sees_that_there_is_a_plan_and_its_review_date_but_no_scores(db, region, plan):
    view = plan_of(_as(db, Role.FRONT_DESK), region.people["jan"])
    assert view.summary_only and view.summary == "plan aanwezig, herziening 07-03-2027"
    assert view.assessments == () and view.goals == ()


def test_a_counsellor_sees_and_edits_the_whole_plan(db, region, plan):
    counsellor = _as(db, Role.COUNSELLOR)
    add_goal(counsellor, plan, DEFAULT_DOMAINS[1], "Schulden op een rij")
    view = plan_of(counsellor, region.people["jan"])
    assert not view.summary_only
    assert len(view.goals) == 2 and view.assessments[0].note == "Slaapt slecht"


def test_the_front_desk_cannot_change_or_print_a_plan(db, region, plan):
    desk = _as(db, Role.FRONT_DESK)
    with pytest.raises(DeskError, match="begeleider, coördinator of beheerder"):
        add_goal(desk, plan, DEFAULT_DOMAINS[1], "Schulden op een rij")
    with pytest.raises(DeskError, match="is de rol"):
        plan_pdf(desk, region.people["jan"])


def test_the_setting_can_let_the_front_desk_read_whole_plans(db, region, plan):
    change_setting(_as(db, Role.ADMINISTRATOR), "plan.front_desk_sees_plan", "ja")
    view = plan_of(_as(db, Role.FRONT_DESK), region.people["jan"])
    assert not view.summary_only and view.assessments[0].scores[DEFAULT_DOMAINS[0]] == 2


def test_a_coordinator_sees_the_whole_plan(db, region, plan):
    assert not plan_of(_as(db, Role.COORDINATOR), region.people["jan"]).summary_only


def test_without_a_plan_the_front_desk_hears_there_is_none(db, region):
    assert plan_of(_as(db, Role.FRONT_DESK), region.people["henk"]).summary == "geen lopend plan"
