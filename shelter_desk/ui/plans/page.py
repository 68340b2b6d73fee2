"""The Plannen section: personal plans due for review (overdue in red) and people four weeks into a
placement without a plan; Enter or a double click opens the person's record on the plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.dutch_dates import format_dutch_date
from shelter_desk.services.kernel import Desk
from shelter_desk.services.plans import plans_due, without_plan
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.shared.records import RecordWindow, record_window
from shelter_desk.ui.styles import RESTRICTION_RED, error_label


def _table(columns: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(columns)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class PlansPage(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.dialog: RecordWindow | None = None
        self.within = QSpinBox()
        self.within.setRange(0, 90)
        self.within.setValue(14)
        self.within.setSuffix(" dagen")
        self.within.valueChanged.connect(lambda _value: self.refresh())
        self.due = _table(("Persoon", "Begeleider", "Evaluatie", "Laatste meting"), "plansDue")
        self.missing = _table(("Persoon", "Verblijft in", "Sinds"), "withoutPlan")
        for table in (self.due, self.missing):
            table.cellDoubleClicked.connect(lambda row, _column, t=table: self.open_row(t, row))
            QShortcut(
                QKeySequence(Qt.Key.Key_Return),
                table,
                lambda t=table: self.open_row(t, t.currentRow()),
                context=Qt.ShortcutContext.WidgetShortcut,
            )
        self.error = error_label()
        header = QHBoxLayout()
        header.addWidget(QLabel("<h2>Persoonlijke plannen</h2>"))
        header.addStretch(1)
        header.addWidget(QLabel("Evaluaties binnen"))
        header.addWidget(self.within)
        due_box = QGroupBox("Evaluatie aan de beurt (te laat in rood)")
        QVBoxLayout(due_box).addWidget(self.due)
        missing_box = QGroupBox("Vier weken of langer in kortdurende opvang, nog zonder plan")
        QVBoxLayout(missing_box).addWidget(self.missing)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(due_box, 3)
        layout.addWidget(missing_box, 2)
        layout.addWidget(self.error)
        self.setFocusProxy(self.due)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        attempt(self.error, self.refresh)

    def refresh(self) -> None:
        due = plans_due(self._desk, self.within.value())
        self.due.setRowCount(len(due))
        for row, plan in enumerate(due):
            cells = (
                plan.person,
                plan.counsellor,
                format_dutch_date(plan.review_on) + (" — TE LAAT" if plan.overdue else ""),
                format_dutch_date(plan.last_assessed_on) if plan.last_assessed_on else "nog nooit",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, plan.person_id)
                if plan.overdue:
                    item.setForeground(QColor(RESTRICTION_RED))
                self.due.setItem(row, column, item)
        missing = without_plan(self._desk)
        self.missing.setRowCount(len(missing))
        for row, person in enumerate(missing):
            for column, text in enumerate((person.person, person.facility, format_dutch_date(person.since))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, person.person_id)
                self.missing.setItem(row, column, item)
        if due:
            self.due.selectRow(0)

    def open_row(self, table: QTableWidget, row: int) -> RecordWindow | None:
        item = table.item(row, 0) if row >= 0 else None
        if item is None:
            return None
        dialog = record_window(self._desk, item.data(Qt.ItemDataRole.UserRole), self)
        dialog.show_plan()
        dialog.changed.connect(lambda: attempt(self.error, self.refresh))
        self.dialog = dialog
        dialog.open()
        return dialog
