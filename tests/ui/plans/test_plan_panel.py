"""The personal plan in the record: start, score, goal with an action, refusals in red, PDF; the Plannen list."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt

from shelter_desk.domain.roles import Role
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.plans import add_goal, plan_of, record_assessment, start_plan
from shelter_desk.ui import feedback
from shelter_desk.ui.plans.page import PlansPage
from shelter_desk.ui.plans.plan_panel import ActionDialog, AssessmentDialog, GoalDialog, StartPlanDialog
from shelter_desk.ui.record.person_view import PersonDialog

# The plan is the counsellor's work (the front desk sees only that there is one).
pytestmark = pytest.mark.role(Role.COUNSELLOR)

TODAY = date(2026, 11, 24)


@pytest.fixture
def record(qtbot, desk, region, tmp_path, monkeypatch):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    dialog = PersonDialog(desk, region.people["jan"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_plan_is_started_scored_and_given_a_goal_with_an_action(qtbot, record, desk, region):
    panel = record.show_plan()
    assert panel.summary.text() == "Nog geen lopend plan."
    start = panel.start()
    assert isinstance(start, StartPlanDialog)
    start.counsellor.setText("Mirjam")
    start.ok.click()
    assessment = panel.score()
    assert isinstance(assessment, AssessmentDialog)
    assessment.scores["Huisvesting"].setCurrentIndex(assessment.scores["Huisvesting"].findData(1))
    assessment.scores["Verslaving"].setCurrentIndex(assessment.scores["Verslaving"].findData(3))
    assessment.ok.click()
    assert panel.chart.rows["Huisvesting"] == [1] and panel.chart.rows["Justitie"] == [None]
    goal = panel.add_goal()
    assert isinstance(goal, GoalDialog)
    qtbot.keyClicks(goal.text, "Eigen kamer binnen drie maanden")
    goal.ok.click()
    panel.goals.setCurrentItem(panel.goals.topLevelItem(0))
    action = panel.add_action()
    assert isinstance(action, ActionDialog)
    qtbot.keyClicks(action.text, "Inschrijven woningcorporatie")
    action.ok.click()
    assert action.isVisible() and "wie de actie uitvoert" in action.error.text()  # no owner: refused
    qtbot.keyClicks(action.owner, "Jan zelf")
    action.ok.click()
    assert not action.isVisible()
    [saved] = plan_of(desk, region.people["jan"]).goals
    assert saved.actions[0].owner == "Jan zelf"
    assert panel.goals.topLevelItem(0).child(0).text(1) == "Jan zelf"


def test_the_chart_shows_the_change_since_the_first_assessment(qtbot, record, desk, db, region):
    earlier = Desk(db, clock=lambda: datetime(2026, 9, 1, 12, tzinfo=UTC), user=desk.user)
    record_assessment(earlier, region.people["jan"], date(2026, 9, 1), {"Huisvesting": 1, "Justitie": 4})
    record_assessment(desk, region.people["jan"], TODAY, {"Huisvesting": 3, "Justitie": 4})
    panel = record.show_plan()
    assert panel.chart.change("Huisvesting") == 2 and panel.chart.change("Justitie") == 0
    assert panel.chart.change("Verslaving") is None


def test_an_action_needs_a_chosen_goal(qtbot, record, desk, region):
    start_plan(desk, region.people["jan"], "Mirjam", date(2027, 2, 24))
    panel = record.show_plan()
    assert panel.add_action() is None and "Kies eerst een doel" in panel.error.text()


def test_the_plan_prints_as_a_pdf(qtbot, record, desk, region):
    plan = start_plan(desk, region.people["jan"], "Mirjam", date(2027, 2, 24))
    add_goal(desk, plan, "Huisvesting", "Eigen kamer")
    panel = record.show_plan()
    opened = []
    panel._open_file = opened.append
    panel.buttons["print"].click()
    assert opened and opened[0].read_bytes().startswith(b"%PDF")


def test_the_plannen_page_lists_overdue_reviews_in_red_and_opens_the_plan(qtbot, desk, db, region):
    earlier = Desk(db, clock=lambda: datetime(2026, 8, 1, 12, tzinfo=UTC), user=desk.user)
    start_plan(earlier, region.people["jan"], "Mirjam", date(2026, 11, 1))
    page = PlansPage(desk)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    due = page.due.model()
    assert due.rowCount() == 1 and "TE LAAT" in due.index(0, 2).data()
    assert due.index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b91c1c"
    dialog = page.open_row(page.due, 0)
    assert dialog.tabs.currentWidget() is dialog.plan and "NU AAN DE BEURT" in dialog.plan.summary.text()


def test_the_scoring_dialog_starts_on_the_first_score_and_keeps_the_date_while_scores_are_typed(
    qtbot, record, desk, region
):
    start_plan(desk, region.people["jan"], "Mirjam", date(2027, 1, 5))
    panel = record.show_plan()
    panel.refresh()
    assessment = panel.score()
    qtbot.waitExposed(assessment)
    first = next(iter(assessment.scores.values()))
    assert assessment.focusWidget() is first
    day = assessment.day.date()
    qtbot.keyClicks(first, "3")
    assert first.currentData() == 3 and assessment.day.date() == day


def test_the_record_tabs_turn_with_ctrl_tab_and_open_with_their_alt_letter(qtbot, record):
    record.activateWindow()
    qtbot.keyClick(record.tabs.currentWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert record.tabs.currentIndex() == 1
    qtbot.keyClick(record, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert record.tabs.currentWidget() is record.plan


@pytest.mark.role(Role.FRONT_DESK)
def test_the_front_desk_sees_only_that_there_is_a_plan_and_cannot_change_it(
    qtbot, db, desk, region, tmp_path, monkeypatch
):
    from shelter_desk.domain.roles import DeskUser

    counsellor = Desk(db, clock=desk.clock, user=DeskUser(2, "mirjam", "Mirjam", Role.COUNSELLOR))
    start_plan(counsellor, region.people["jan"], "Mirjam", date(2027, 3, 7))
    record_assessment(counsellor, region.people["jan"], TODAY, {"Huisvesting": 1})
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    dialog = PersonDialog(desk, region.people["jan"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    panel = dialog.show_plan()
    assert panel.summary.text().startswith("Plan aanwezig, herziening 07-03-2027")
    assert not panel.chart_scroll.isVisible() and not panel.goals.isVisible()
    assert not panel.buttons["score"].isEnabled() and "begeleiders" in panel.buttons["score"].toolTip()
    dialog.grab().save("/tmp/i25_plan_front_desk.png")
