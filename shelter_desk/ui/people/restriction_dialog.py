"""Adding a restriction (ban): where, from–to, why, whether it is about safety, where to send instead."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.services.beds import list_facilities
from shelter_desk.services.kernel import Desk
from shelter_desk.services.people import add_restriction
from shelter_desk.ui.dialog_parts import date_edit, ok_cancel, pydate
from shelter_desk.ui.styles import error_label


class RestrictionDialog(QDialog):
    saved = Signal(int)

    def __init__(self, desk: Desk, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._person_id = desk, person_id
        self.setWindowTitle("Beperking toevoegen")
        facilities = list_facilities(desk)
        self.facility = QComboBox()
        self.facility.setObjectName("restrictionFacility")
        self.facility.addItem("Alle voorzieningen", None)
        self.alternative = QComboBox()
        self.alternative.addItem("(geen)", None)
        for choice in facilities:
            self.facility.addItem(choice.name, choice.facility_id)
            self.alternative.addItem(choice.name, choice.facility_id)
        today = self._desk.tonight()
        self.starts_on = date_edit(today)
        self.ends_on = date_edit(today + timedelta(days=14))
        self.starts_on.setObjectName("restrictionStart")
        self.ends_on.setObjectName("restrictionEnd")
        self.reason = QLineEdit()
        self.reason.setObjectName("restrictionReason")
        self.is_safety = QCheckBox("Veiligheid (agressie, bedreiging): geldt ook tijdens de winterregeling")
        self.is_safety.setObjectName("restrictionSafety")
        self.error = error_label()

        form = QFormLayout()
        form.addRow("&Voorziening", self.facility)
        form.addRow("&Vanaf", self.starts_on)
        form.addRow("&Tot en met", self.ends_on)
        form.addRow("&Reden", self.reason)
        form.addRow("", self.is_safety)
        form.addRow("&Uitwijken naar", self.alternative)
        buttons, _save = ok_cancel(self, "&Opslaan", self._save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def _save(self) -> None:
        terms = RestrictionTerms(
            facility_id=self.facility.currentData(),
            starts_on=pydate(self.starts_on.date()),
            ends_on=pydate(self.ends_on.date()),
            reason=self.reason.text(),
            is_safety=self.is_safety.isChecked(),
            alternative_facility_id=self.alternative.currentData(),
        )
        try:
            restriction_id = add_restriction(self._desk, self._person_id, terms)
        except DeskError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.saved.emit(restriction_id)
        self.accept()
