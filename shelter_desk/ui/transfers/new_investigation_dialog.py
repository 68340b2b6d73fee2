"""Starting an investigation of regional ties: choose the person; it starts today."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from shelter_desk.services.kernel import Desk
from shelter_desk.services.transfers import start_investigation
from shelter_desk.ui.dialog_parts import fit_to_screen, ok_cancel
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import error_label


class NewInvestigationDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.investigation_id: int | None = None  # the investigation started, for the page to select
        self.person = ""
        self.setWindowTitle("Onderzoek regiobinding starten")
        fit_to_screen(self, 700, 420)
        self.picker = PersonPicker(desk)
        self.error = error_label()
        buttons, _ok = ok_cancel(self, "Onderzoek &starten", self.start)
        self.picker.chosen.connect(lambda _person: self.start())  # Enter on the found person starts
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Eerste opvang is al gegeven; het onderzoek duurt hooguit zes weken."))
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def start(self) -> None:
        person = self.picker.required_person(self.error)
        today = self._desk.today()
        started: list[int] = []
        if person is not None and attempt(
            self.error, lambda: started.append(start_investigation(self._desk, person, today, today))
        ):
            self.investigation_id = started[0]
            self.person = self.picker.model.hit(self.picker.current_row()).name
            self.accept()
