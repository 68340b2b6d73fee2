"""The personal plan in the person's record: the scores chart, goals with actions, the review date,
and the dialogs to start, score, add goals and actions, review, and print the plan to sign."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.dutch_dates import format_dutch_date
from shelter_desk.domain.plans import DEFAULT_DOMAINS, LEVELS, GoalStatus
from shelter_desk.domain.roles import Permission
from shelter_desk.services.kernel import Desk
from shelter_desk.services.plans import (
    PlanView,
    add_action,
    add_goal,
    close_goal,
    complete_action,
    default_plan_review,
    plan_of,
    plan_pdf,
    record_assessment,
    record_review,
    start_plan,
)
from shelter_desk.ui.dialog_parts import date_edit, ok_cancel, pydate
from shelter_desk.ui.feedback import OpenFile, attempt, open_with_system
from shelter_desk.ui.permissions import gate
from shelter_desk.ui.plans.score_chart import ScoreChart
from shelter_desk.ui.printing import print_document
from shelter_desk.ui.styles import HINT_STYLE, NOTICE_STYLE, RESTRICTION_RED, error_label


class _FormDialog(QDialog):
    """A small form with a red refusal line and Opslaan/Annuleren; `save` runs the service call."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.error = error_label()

    def finish(self, action: Callable[[], object]) -> None:
        box, self.ok = ok_cancel(self, "Opslaan", lambda: self._save(action))
        self.form.addRow(self.error)
        self.form.addRow(box)

    def _save(self, action: Callable[[], object]) -> None:
        if attempt(self.error, action):
            self.accept()


class StartPlanDialog(_FormDialog):
    def __init__(self, desk: Desk, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Plan starten", parent)
        self.counsellor = QLineEdit(desk.worker)
        self.counsellor.setObjectName("planCounsellor")
        self.review = date_edit(default_plan_review(desk, desk.today()))
        self.form.addRow("Begeleider", self.counsellor)
        self.form.addRow("Eerste evaluatie", self.review)
        self.finish(lambda: start_plan(desk, person_id, self.counsellor.text(), pydate(self.review.date())))


class AssessmentDialog(_FormDialog):
    """Score every life domain 1–5 (or leave it unscored), with our short level texts to choose from."""

    def __init__(self, desk: Desk, person_id: int, domains: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__("Zelfredzaamheid scoren", parent)
        # The date comes after the scores and the cursor starts on the first score: a score typed
        # into a date field would silently change its month.
        self.day = date_edit(desk.today())
        self.day.setObjectName("assessmentDay")
        self.scores: dict[str, QComboBox] = {}
        for domain in domains:
            choice = QComboBox()
            choice.setObjectName(f"score:{domain}")
            choice.addItem("— niet gescoord", None)
            for score, text in LEVELS.items():
                choice.addItem(f"{score} — {text}", score)
            self.form.addRow(domain, choice)
            self.scores[domain] = choice
        self.form.addRow("Datum van de meting", self.day)
        if self.scores:
            next(iter(self.scores.values())).setFocus()
        self.note = QLineEdit()
        self.note.setPlaceholderText("korte toelichting (optioneel)")
        self.form.addRow("Toelichting", self.note)
        self.finish(
            lambda: record_assessment(
                desk,
                person_id,
                pydate(self.day.date()),
                {domain: choice.currentData() for domain, choice in self.scores.items()},
                self.note.text(),
            )
        )


class GoalDialog(_FormDialog):
    def __init__(self, desk: Desk, plan_id: int, domains: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__("Doel toevoegen", parent)
        self.domain = QComboBox()
        self.domain.setObjectName("goalDomain")
        self.domain.addItems(list(domains))
        self.text = QLineEdit()
        self.text.setObjectName("goalText")
        self.text.setPlaceholderText("wat wil de persoon bereiken?")
        self.form.addRow("Leefgebied", self.domain)
        self.form.addRow("Doel", self.text)
        self.finish(lambda: add_goal(desk, plan_id, self.domain.currentText(), self.text.text()))


class ActionDialog(_FormDialog):
    def __init__(self, desk: Desk, goal_id: int, goal: str, parent: QWidget | None = None) -> None:
        super().__init__("Actie afspreken", parent)
        self.form.addRow(QLabel(f"Doel: {goal}"))
        self.text = QLineEdit()
        self.text.setObjectName("actionText")
        self.owner = QLineEdit()
        self.owner.setObjectName("actionOwner")
        self.owner.setPlaceholderText("wie doet het: de persoon zelf, de begeleider, …")
        self.has_due = QCheckBox("met streefdatum")
        self.has_due.setChecked(True)
        self.due = date_edit(desk.today() + timedelta(days=14))
        self.has_due.toggled.connect(self.due.setEnabled)
        due_line = QHBoxLayout()
        due_line.addWidget(self.has_due)
        due_line.addWidget(self.due)
        self.form.addRow("Actie", self.text)
        self.form.addRow("Wie", self.owner)
        self.form.addRow("Wanneer", due_line)
        self.finish(
            lambda: add_action(
                desk,
                goal_id,
                self.text.text(),
                self.owner.text(),
                pydate(self.due.date()) if self.has_due.isChecked() else None,
            )
        )


class ReviewDialog(_FormDialog):
    def __init__(self, desk: Desk, plan_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Evaluatie vastleggen", parent)
        self.form.addRow(QLabel("Het plan is vandaag met de persoon geëvalueerd."))
        self.next_review = date_edit(default_plan_review(desk, desk.today()))
        self.next_review.setObjectName("nextReview")
        self.form.addRow("Volgende evaluatie", self.next_review)
        self.finish(lambda: record_review(desk, plan_id, pydate(self.next_review.date())))


class PlanPanel(QWidget):
    """`changed` after every saved change (the record refreshes its tab title)."""

    changed = Signal()

    def __init__(
        self, desk: Desk, person_id: int, parent: QWidget | None = None, open_file: OpenFile = open_with_system
    ) -> None:
        super().__init__(parent)
        self._desk, self._person_id, self._open_file = desk, person_id, open_file
        self.view: PlanView | None = None
        self.dialog: QDialog | None = None
        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)
        self.chart = ScoreChart()
        self.chart_scroll = chart_scroll = QScrollArea()
        chart_scroll.setWidget(self.chart)
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setMinimumHeight(20 * (len(DEFAULT_DOMAINS) + 1) + 8)  # all ten domains without scrolling
        chart_scroll.setMaximumHeight(260)
        self.goals = QTreeWidget()
        self.goals.setObjectName("planGoals")
        self.goals.setHeaderLabels(["Doel / actie", "Wie", "Wanneer", "Stand"])
        self.goals.setColumnWidth(0, 300)
        self.goals.setColumnWidth(1, 100)
        self.notice = QLabel("")
        self.notice.setObjectName("planNotice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.error = error_label()
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for index, (key, text, slot) in enumerate(
            (
                ("start", "Plan s&tarten…", self.start),
                ("score", "&Zelfredzaamheid scoren…", self.score),
                ("goal", "D&oel…", self.add_goal),
                ("action", "&Actie bij gekozen doel…", self.add_action),
                ("done", "Gekozen actie a&fgerond", self.complete_action),
                ("reached", "Gekozen doel be&haald", lambda: self.close_goal(GoalStatus.REACHED)),
                ("review", "&Evaluatie…", self.review),
                ("print", "Plan afd&rukken (PDF)", self.print_plan),
            )
        ):
            button = QPushButton(text)
            button.setObjectName(f"plan:{key}")
            button.clicked.connect(slot)
            grid.addWidget(button, index // 4, index % 4)
            self.buttons[key] = button
        self.hint = hint = QLabel("1 = acute problemen … 5 = volledig zelfredzaam; één kolom per meting.")
        hint.setStyleSheet(HINT_STYLE)
        # The buttons first: under the chart and the goals they sat below the fold of a laptop.
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(chart_scroll)
        layout.addWidget(hint)
        layout.addWidget(self.goals, 1)
        layout.addWidget(self.notice)

    def refresh(self) -> None:
        view = plan_of(self._desk, self._person_id)
        self.view = view
        today = self._desk.today()
        if view.summary_only:
            # The front desk: that there is a plan and when it is reviewed; its content is for counsellors.
            self.summary.setText(
                view.summary[:1].upper() + view.summary[1:] + ". De inhoud is voor begeleiders en coördinatoren."
            )
            self.summary.setStyleSheet("")
        elif view.plan_id is None:
            self.summary.setText("Nog geen lopend plan.")
            self.summary.setStyleSheet("")
        else:
            due = view.review_due(today)
            self.summary.setText(
                f"Begeleider: {view.counsellor} — gestart {format_dutch_date(view.started_on or today)} — "
                f"evaluatie {format_dutch_date(view.review_on or today)}" + (" (NU AAN DE BEURT)" if due else "")
            )
            self.summary.setStyleSheet(f"QLabel {{ color: {RESTRICTION_RED}; font-weight: bold; }}" if due else "")
        self.chart.show_plan(view)
        self.goals.clear()
        for goal in view.goals:
            item = QTreeWidgetItem([f"{goal.domain}: {goal.text}", "", "", goal.status.label])
            item.setData(0, Qt.ItemDataRole.UserRole, ("goal", goal.goal_id))
            for action in goal.actions:
                child = QTreeWidgetItem(
                    [
                        action.text,
                        action.owner,
                        format_dutch_date(action.due_on) if action.due_on else "",
                        f"klaar {format_dutch_date(action.done_on)}" if action.done_on else "open",
                    ]
                )
                child.setData(0, Qt.ItemDataRole.UserRole, ("action", action.action_id))
                if action.done_on is None and action.due_on is not None and action.due_on < today:
                    child.setForeground(2, QColor(RESTRICTION_RED))
                item.addChild(child)
            self.goals.addTopLevelItem(item)
            item.setExpanded(True)
        has_plan = view.plan_id is not None
        self.chart_scroll.setVisible(not view.summary_only)
        self.goals.setVisible(not view.summary_only)
        self.hint.setVisible(not view.summary_only)
        gate(self.buttons["start"], self._desk, Permission.PLAN_WORK, not has_plan)
        gate(self.buttons["score"], self._desk, Permission.PLAN_WORK)
        for key in ("goal", "action", "done", "reached", "review", "print"):
            gate(self.buttons[key], self._desk, Permission.PLAN_WORK, has_plan)

    def _chosen(self, kind: str) -> int | None:
        item = self.goals.currentItem()
        data = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        parent = item.parent() if item is not None else None
        if kind == "goal" and data and data[0] == "action" and parent is not None:
            data = parent.data(0, Qt.ItemDataRole.UserRole)
        if not data or data[0] != kind:
            self.error.setText(
                "Kies eerst een doel in de lijst." if kind == "goal" else "Kies eerst een actie in de lijst."
            )
            self.error.show()
            return None
        self.error.hide()
        return int(data[1])

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.accepted.connect(self._after_change)
        dialog.open()
        return dialog

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()

    def start(self) -> QDialog:
        return self._open(StartPlanDialog(self._desk, self._person_id, self))

    def score(self) -> QDialog | None:
        return self._open(AssessmentDialog(self._desk, self._person_id, self.view.domains, self)) if self.view else None

    def add_goal(self) -> QDialog | None:
        if self.view is None or self.view.plan_id is None:
            return None
        return self._open(GoalDialog(self._desk, self.view.plan_id, self.view.domains, self))

    def add_action(self) -> QDialog | None:
        goal_id = self._chosen("goal")
        if goal_id is None or self.view is None:
            return None
        goal = next(g for g in self.view.goals if g.goal_id == goal_id)
        return self._open(ActionDialog(self._desk, goal_id, f"{goal.domain}: {goal.text}", self))

    def complete_action(self) -> None:
        action_id = self._chosen("action")
        if action_id is not None and attempt(self.error, lambda: complete_action(self._desk, action_id)):
            self._after_change()

    def close_goal(self, status: GoalStatus) -> None:
        goal_id = self._chosen("goal")
        if goal_id is not None and attempt(self.error, lambda: close_goal(self._desk, goal_id, status)):
            self._after_change()

    def review(self) -> QDialog | None:
        if self.view is None or self.view.plan_id is None:
            return None
        return self._open(ReviewDialog(self._desk, self.view.plan_id, self))

    def print_plan(self) -> None:
        self.error.hide()
        self.notice.hide()
        print_document(
            self,
            f"plan-persoon-{self._person_id}.pdf",
            lambda: plan_pdf(self._desk, self._person_id),
            "Het plan",
            say=self._say,
            refuse=self._refuse,
            open_file=self._open_file,
        )

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
