"""The transfers page's list of open investigations (red: past their due date), searchable by name."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.services.transfers import InvestigationView
from shelter_desk.ui.dialog_parts import search_field
from shelter_desk.ui.styles import RESTRICTION_RED


class InvestigationList(QWidget):
    """The investigations shown, a search field above them and "Nieuw onderzoek" below."""

    def __init__(self) -> None:
        super().__init__()
        self.views: list[InvestigationView] = []
        self.search = search_field("investigationSearch", "Zoek op naam")
        self.list = QListWidget()
        self.list.setObjectName("investigationList")
        self.new_button = QPushButton("Nieuw &onderzoek…")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Open onderzoeken (rood: termijn verstreken)")
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.new_button)
        self.search.textChanged.connect(self._filter)

    def show_views(self, views: list[InvestigationView], chosen: int | None) -> None:
        """List `views`; choose the investigation `chosen` again, else the first."""
        self.views = views
        self.list.blockSignals(True)
        self.list.clear()
        for view in views:
            state = f"besluit: {view.decided_centre}" if view.decided_on else f"uiterlijk {dutch_date(view.due_on)}"
            item = QListWidgetItem(f"{view.person} — {state}")
            if view.overdue:
                item.setForeground(QBrush(QColor(RESTRICTION_RED)))
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [v.investigation_id for v in views]
        self.list.setCurrentRow(ids.index(chosen) if chosen in ids else (0 if ids else -1))
        self._filter(self.search.text())

    def selected(self) -> InvestigationView | None:
        row = self.list.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def select_person(self, name: str) -> None:
        self.list.setCurrentRow([v.person for v in self.views].index(name))

    def _filter(self, text: str) -> None:
        """Show only the investigations whose person matches what was typed."""
        wanted = text.strip().lower()
        for row, view in enumerate(self.views):
            item = self.list.item(row)
            if item is not None:
                item.setHidden(bool(wanted) and wanted not in view.person.lower())
