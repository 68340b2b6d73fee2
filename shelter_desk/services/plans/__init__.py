"""The personal plan: self-sufficiency over the life domains, goals and actions, reviews, the PDF.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.plans.plans import (
    ActionView,
    AssessmentView,
    GoalView,
    PlanDue,
    PlanView,
    WithoutPlan,
    add_action,
    add_goal,
    close_goal,
    close_plan,
    complete_action,
    default_plan_review,
    plan_of,
    plan_pdf,
    plans_due,
    record_assessment,
    record_review,
    start_plan,
    without_plan,
)

__all__ = [
    "ActionView",
    "AssessmentView",
    "GoalView",
    "PlanDue",
    "PlanView",
    "WithoutPlan",
    "add_action",
    "add_goal",
    "close_goal",
    "close_plan",
    "complete_action",
    "default_plan_review",
    "plan_of",
    "plan_pdf",
    "plans_due",
    "record_assessment",
    "record_review",
    "start_plan",
    "without_plan",
]
