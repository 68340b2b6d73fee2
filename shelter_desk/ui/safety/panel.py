"""The record's "Veiligheid" tab: the person's incidents and keep-aparts, recording an incident, a
ban made from it, and (coordinators) keeping two persons apart."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.safety import IncidentKind, IncidentTerms, KeepApartScope, KeepApartTerms
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.services.beds import list_facilities
from shelter_desk.services.kernel import Desk
from shelter_desk.services.safety import (
    IncidentView,
    incidents_of,
    keep_apart,
    keep_aparts_of,
    record_incident,
    restriction_from_incident,
)
from shelter_desk.ui.dialog_parts import date_edit, ok_cancel, pydate
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.permissions import gate
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import error_label

BAN_DAYS = 14  # the proposed length of a ban made from an incident; the desk changes it


def incident_text(view: IncidentView) -> str:
    called = f" — gebeld: {view.called}" if view.called else ""
    who = ", ".join(view.persons) + (f"; onbekende persoon: {view.unknown_person}" if view.unknown_person else "")
    return f"{view.heading}{called}\n{who}\n{view.what_happened}" + (
        f"\nGedaan: {view.what_was_done}" if view.what_was_done else ""
    )


class IncidentDialog(QDialog):
    """An incident at a facility with this person involved; optionally a ban made from it at once."""

    def __init__(self, desk: Desk, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._person_id = desk, person_id
        self.setWindowTitle("Incident vastleggen")
        now = desk.now().astimezone(AMSTERDAM)
        self.day = date_edit(now.date())
        self.at = QTimeEdit(QTime(now.hour, now.minute))
        self.at.setDisplayFormat("HH:mm")
        self.facility = QComboBox()
        for choice in list_facilities(desk):
            self.facility.addItem(choice.name, choice.facility_id)
        self.kind = QComboBox()
        for kind in IncidentKind:
            self.kind.addItem(kind.label, kind)
        self.unknown = QLineEdit()
        self.unknown.setPlaceholderText("beschrijving van een onbekende betrokkene (leeg laten als er geen was)")
        self.staff = QLineEdit()
        self.police, self.ambulance, self.security = (
            QCheckBox("Politie"),
            QCheckBox("Ambulance"),
            QCheckBox("Beveiliging"),
        )
        self.happened, self.measures = QPlainTextEdit(), QPlainTextEdit()
        self.ban = QCheckBox(
            f"Beperking (veiligheid) voor deze persoon opleggen, {BAN_DAYS} dagen, voor deze voorziening"
        )
        self.error = error_label()
        form = QFormLayout()
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.at)
        form.addRow("Wanneer", when)
        form.addRow("Voorziening", self.facility)
        form.addRow("Soort", self.kind)
        form.addRow("Onbekende persoon", self.unknown)
        form.addRow("Betrokken medewerkers", self.staff)
        called = QHBoxLayout()
        for box in (self.police, self.ambulance, self.security):
            called.addWidget(box)
        form.addRow("Gebeld", called)
        form.addRow("Wat er gebeurde", self.happened)
        form.addRow("Wat er is gedaan", self.measures)
        form.addRow("", self.ban)
        buttons, self.ok = ok_cancel(self, "Vastleggen", self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        if attempt(self.error, self._save):
            self.accept()

    def _save(self) -> None:
        moment = datetime.combine(pydate(self.day.date()), time(self.at.time().hour(), self.at.time().minute()))
        facility_id = int(self.facility.currentData())
        terms = IncidentTerms(
            moment.replace(tzinfo=AMSTERDAM),
            facility_id,
            IncidentKind(self.kind.currentData()),
            self.happened.toPlainText(),
            (self._person_id,),
            self.unknown.text(),
            self.staff.text(),
            self.police.isChecked(),
            self.ambulance.isChecked(),
            self.security.isChecked(),
            self.measures.toPlainText(),
        )
        incident = record_incident(self._desk, terms)
        if self.ban.isChecked():
            today = self._desk.today()
            restriction_from_incident(
                self._desk,
                incident,
                self._person_id,
                RestrictionTerms(
                    facility_id,
                    today,
                    today + timedelta(days=BAN_DAYS - 1),
                    f"{IncidentKind(self.kind.currentData()).label}: {self.happened.toPlainText()}",
                    True,
                ),
            )


class KeepApartDialog(QDialog):
    """A coordinator records that this person and another must not be placed together."""

    def __init__(self, desk: Desk, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._person_id = desk, person_id
        self.setWindowTitle("Uit elkaar houden")
        self.picker = PersonPicker(desk, self, exclude=person_id)
        self.scope = QComboBox()
        for scope in KeepApartScope:
            self.scope.addItem(scope.label, scope)
        today = desk.today()
        self.starts, self.ends = date_edit(today), date_edit(today + timedelta(days=90))
        self.reason = QPlainTextEdit()
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Wie", self.picker)
        form.addRow("Regel", self.scope)
        form.addRow("Van", self.starts)
        form.addRow("Tot en met", self.ends)
        form.addRow("Reden", self.reason)
        buttons, self.ok = ok_cancel(self, "Vastleggen", self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        other = self.picker.required_person(self.error)
        if other is None:
            return
        terms = KeepApartTerms(
            self._person_id,
            other,
            KeepApartScope(self.scope.currentData()),
            self.reason.toPlainText(),
            pydate(self.starts.date()),
            pydate(self.ends.date()),
        )
        if attempt(self.error, lambda: keep_apart(self._desk, terms)):
            self.accept()


class SafetyPanel(QWidget):
    """`changed` after every saved change (the record refreshes its restrictions)."""

    changed = Signal()

    def __init__(self, desk: Desk, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._person_id = desk, person_id
        self.dialog: QDialog | None = None
        self.incidents = QListWidget()
        self.incidents.setObjectName("incidents")
        self.incidents.setWordWrap(True)
        self.apart = QListWidget()
        self.apart.setObjectName("keepApart")
        self.error = error_label()
        self.incident_button = QPushButton("Incident vastleggen…")
        self.apart_button = QPushButton("Uit elkaar houden…")
        self.incident_button.clicked.connect(self.record_incident)
        self.apart_button.clicked.connect(self.keep_apart)
        buttons = QHBoxLayout()
        buttons.addWidget(self.incident_button)
        buttons.addWidget(self.apart_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Incidenten"))
        layout.addWidget(self.incidents, 2)
        layout.addWidget(QLabel("Uit elkaar houden"))
        layout.addWidget(self.apart, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        self.incidents.clear()
        for view in incidents_of(self._desk, self._person_id):
            self.incidents.addItem(incident_text(view))
        if not self.incidents.count():
            self.incidents.addItem("Geen incidenten.")
        self.apart.clear()
        for apart in keep_aparts_of(self._desk, self._person_id):
            state = "beëindigd" if apart.ended else f"{apart.starts_on:%d-%m-%Y} t/m {apart.ends_on:%d-%m-%Y}"
            reason = f" — {apart.reason}" if apart.reason else ""
            self.apart.addItem(f"{apart.scope.label} als {apart.other} ({state}){reason}")
        if not self.apart.count():
            self.apart.addItem("Geen afspraken.")
        gate(self.apart_button, self._desk, Permission.DECIDE)

    def record_incident(self) -> QDialog:
        return self._open(IncidentDialog(self._desk, self._person_id, self))

    def keep_apart(self) -> QDialog:
        return self._open(KeepApartDialog(self._desk, self._person_id, self))

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.accepted.connect(self._after_change)
        dialog.open()
        return dialog

    def _after_change(self) -> None:
        attempt(self.error, self.refresh)
        self.changed.emit()
