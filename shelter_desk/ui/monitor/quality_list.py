"""The coordinator's data-quality work list: one line per open point across people; Enter or a
double click opens the person's record on the field to fix."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.services.kernel import Desk
from shelter_desk.services.people import ConsentEnding, QualityLine, consents_ending, data_quality
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.shared.records import RecordWindow, record_window
from shelter_desk.ui.styles import HINT_STYLE, error_label


class QualityListDialog(QDialog):
    def __init__(
        self, desk: Desk, parent: QWidget | None = None, *, region_id: int | None = None, scope: str = ""
    ) -> None:
        """The open points of one region's people (`scope` names it: "regio Assen"), or of everyone."""
        super().__init__(parent)
        self._desk = desk
        self._region_id = region_id
        self.setWindowTitle(f"Datakwaliteit: open punten ({scope})" if scope else "Datakwaliteit: open punten")
        self.setObjectName("qualityList")
        self.resize(820, 480)
        self.lines: list[QualityLine] = []
        self.person: RecordWindow | None = None
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("qualityLines")
        self.table.setHorizontalHeaderLabels(["Controle", "Persoon", "Toelichting"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        QShortcut(
            QKeySequence(Qt.Key.Key_Return),
            self.table,
            lambda: self.open_row(self.table.currentRow()),
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        # Consents that end within 30 days (or ended without renewal): whom to ask again.
        self.endings: list[ConsentEnding] = []
        self.ending = QTableWidget(0, 3)
        self.ending.setObjectName("consentsEnding")
        self.ending.setHorizontalHeaderLabels(["Toestemming", "Persoon", "Loopt af"])
        self.ending.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ending.verticalHeader().hide()
        self.ending.horizontalHeader().setStretchLastSection(True)
        self.ending.cellDoubleClicked.connect(lambda row, _column: self.open_consent(row))
        hint = QLabel("Enter of dubbelklik opent het record op het veld dat nog ingevuld of nagekeken moet worden.")
        hint.setStyleSheet(HINT_STYLE)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel("Toestemming die binnen 30 dagen afloopt of al verlopen is (opnieuw vragen)"))
        layout.addWidget(self.ending, 1)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        attempt(self.error, self.refresh)

    def refresh(self) -> None:
        self.lines = data_quality(self._desk, self._region_id)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            for column, text in enumerate((line.check.label, line.person, line.detail)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.lines:
            self.table.selectRow(0)
        self.endings = consents_ending(self._desk)
        self.ending.setRowCount(len(self.endings))
        for row, ending in enumerate(self.endings):
            state = "verlopen op" if ending.expired else "t/m"
            cells = (ending.purpose.label, ending.person, f"{state} {ending.ends_on:%d-%m-%Y}")
            for column, text in enumerate(cells):
                self.ending.setItem(row, column, QTableWidgetItem(text))

    def open_consent(self, row: int) -> RecordWindow | None:
        """The record with the consent dialog open, to record the renewal."""
        if not 0 <= row < len(self.endings):
            return None
        dialog = record_window(self._desk, self.endings[row].person_id, self)
        dialog.changed.connect(lambda: attempt(self.error, self.refresh))
        self.person = dialog
        dialog.open()
        dialog.record_consent()
        return dialog

    def open_row(self, row: int) -> RecordWindow | None:
        if not 0 <= row < len(self.lines):
            return None
        line = self.lines[row]
        dialog = record_window(self._desk, line.person_id, self)
        dialog.changed.connect(lambda: attempt(self.error, self.refresh))
        self.person = dialog
        dialog.open()
        dialog.open_on(line.field)
        return dialog
