"""The organisation's settings under Beheer: one row per setting, the value changed in place.

A changed value is checked by the service at once; a refusal stands under the table and the
table shows the stored values again (it holds for every desk).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from shelter_desk.services.admin import change_setting, list_settings
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.styles import HINT_STYLE, error_label


class SettingsBox(QGroupBox):
    """The settings table; a value is edited in its cell (a double click, or F2 on the row)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Organisatie-instellingen (gelden voor alle balies)", parent)
        self._desk = desk
        self.settings = QTableWidget(0, 2)
        self.settings.setObjectName("settingsTable")
        self.settings.setHorizontalHeaderLabels(["Instelling", "Waarde"])
        self.settings.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.settings.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.settings_error = error_label()  # the changed setting's own check, under the table
        hint = QLabel("Dubbelklik op een waarde om die te wijzigen.")
        hint.setStyleSheet(HINT_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.settings)
        layout.addWidget(self.settings_error)
        self.settings.itemChanged.connect(self._changed)

    def load(self) -> None:
        """The stored values (each setting's key kept with its value cell)."""
        self.settings.blockSignals(True)
        values = list_settings(self._desk)
        self.settings.setRowCount(len(values))
        for row, value in enumerate(values):
            label = QTableWidgetItem(value.label)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            label.setToolTip(value.description)
            text = QTableWidgetItem(value.text)
            text.setData(Qt.ItemDataRole.UserRole, value.key)
            text.setToolTip(value.description + ("" if value.is_default else " (gewijzigd)"))
            self.settings.setItem(row, 0, label)
            self.settings.setItem(row, 1, text)
        self.settings.blockSignals(False)

    def _changed(self, item: QTableWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if key is None:
            return
        attempt(self.settings_error, lambda: change_setting(self._desk, key, item.text()))
        self.load()
