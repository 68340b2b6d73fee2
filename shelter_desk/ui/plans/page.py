"""The Plannen section: personal plans due for review (overdue in red) and people four weeks into a
placement without a plan; Enter or a double click opens the person's record on the plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSpinBox, QTableView, QVBoxLayout, QWidget

from shelter_desk.domain.dutch_dates import format_dutch_date
from shelter_desk.services.kernel import Desk
from shelter_desk.services.plans import PlanDue, WithoutPlan, plans_due, without_plan
from shelter_desk.ui.record_list import RecordTableModel, record_table
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.shared.records import RecordWindow, record_window
from shelter_desk.ui.styles import RESTRICTION_RED


def due_cells(plan: PlanDue) -> tuple[str, ...]:
    return (
        plan.person,
        plan.counsellor,
        format_dutch_date(plan.review_on) + (" — TE LAAT" if plan.overdue else ""),
        format_dutch_date(plan.last_assessed_on) if plan.last_assessed_on else "nog nooit",
    )


def missing_cells(person: WithoutPlan) -> tuple[str, ...]:
    return (person.person, person.facility, format_dutch_date(person.since))


class PlansPage(SectionPage):
    keys = (("Enter of dubbelklik", "De persoon openen op zijn of haar plan"),)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.due_model = RecordTableModel(
            ("Persoon", "Begeleider", "Evaluatie", "Laatste meting"),
            due_cells,
            lambda plan: RESTRICTION_RED if plan.overdue else "",
        )
        self.missing_model = RecordTableModel(("Persoon", "Verblijft in", "Sinds"), missing_cells)
        self.due = record_table(self.due_model, "plansDue")
        self.missing = record_table(self.missing_model, "withoutPlan")
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        layout.addWidget(self._box("Evaluatie aan de beurt (te laat in rood)", self.due), 3)
        layout.addWidget(self._box("Vier weken of langer in kortdurende opvang, nog zonder plan", self.missing), 2)
        layout.addWidget(self.status_area())
        self.setFocusProxy(self.due)
        self._connect()

    def _build_header(self) -> QHBoxLayout:
        self.within = QSpinBox()
        self.within.setRange(0, 90)
        self.within.setValue(14)
        self.within.setSuffix(" dagen")
        header = QHBoxLayout()
        header.addWidget(QLabel("<h2>Persoonlijke plannen</h2>"))
        header.addStretch(1)
        header.addWidget(QLabel("Evaluaties binnen"))
        header.addWidget(self.within)
        return header

    @staticmethod
    def _box(title: str, table: QTableView) -> QGroupBox:
        box = QGroupBox(title)
        QVBoxLayout(box).addWidget(table)
        return box

    def _connect(self) -> None:
        self.within.valueChanged.connect(lambda _value: self.attempt(self.refresh))
        for table in (self.due, self.missing):
            table.doubleClicked.connect(lambda index, t=table: self.open_row(t, index.row()))
            QShortcut(
                QKeySequence(Qt.Key.Key_Return),
                table,
                lambda t=table: self.open_row(t, t.currentIndex().row()),
                context=Qt.ShortcutContext.WidgetShortcut,
            )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.attempt(self.refresh)

    def refresh(self) -> None:
        due = plans_due(self._desk, self.within.value())
        self.due_model.show(due)
        self.missing_model.show(without_plan(self._desk))
        if due:
            self.due.selectRow(0)

    def open_row(self, table: QTableView, row: int) -> RecordWindow | None:
        """The person of `row` in `table`, opened on the plan."""
        model = table.model()
        record = model.record(row) if isinstance(model, RecordTableModel) else None
        if record is None:
            return None
        dialog = record_window(self._desk, record.person_id, self)
        dialog.show_plan()
        dialog.changed.connect(lambda: self.attempt(self.refresh))
        self.dialog = dialog
        dialog.open()
        return dialog
