"""Recording (or renewing) consent for one purpose, from a start date to an end date; without an end
the organisation's default length applies (setting consent.valid_months)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QWidget

from shelter_desk.domain.consent import ConsentPurpose
from shelter_desk.services.kernel import Desk
from shelter_desk.services.people import record_consent
from shelter_desk.ui.dialog_parts import date_edit, form_dialog, pydate
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.styles import error_label


class ConsentDialog(QDialog):
    def __init__(
        self, desk: Desk, person_id: int, parent: QWidget | None = None, purpose: ConsentPurpose | None = None
    ) -> None:
        super().__init__(parent)
        self._desk, self._person_id = desk, person_id
        self.setWindowTitle("Toestemming vastleggen of verlengen")
        self.purpose = QComboBox()
        for choice in ConsentPurpose:
            self.purpose.addItem(choice.label, choice)
        if purpose is not None:
            self.purpose.setCurrentIndex(self.purpose.findData(purpose))
        self.given = QCheckBox("De persoon geeft toestemming (uitvinken: geweigerd)")
        self.given.setChecked(True)
        self.starts = date_edit(desk.today())
        self.own_end = QCheckBox("Andere einddatum dan de standaardduur")
        self.ends = date_edit(desk.today())
        self.ends.setEnabled(False)
        self.own_end.toggled.connect(self.ends.setEnabled)
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Doel", self.purpose)
        form.addRow("", self.given)
        form.addRow("Gegeven op", self.starts)
        form.addRow("", self.own_end)
        form.addRow("Geldig t/m", self.ends)
        self.ok = form_dialog(self, form, self.error, "Vastleggen", self.save)

    def save(self) -> None:
        if attempt(
            self.error,
            lambda: record_consent(
                self._desk,
                self._person_id,
                ConsentPurpose(self.purpose.currentData()),
                self.given.isChecked(),
                pydate(self.starts.date()),
                pydate(self.ends.date()) if self.own_end.isChecked() else None,
            ),
        ):
            self.accept()
