"""The record's "Veiligheid" tab: the person's incidents, keep-aparts and escalations to the safety
network; recording an incident and a ban made from it, and (coordinators) keeping two persons apart
or ending that, and putting the person in the safety network or closing that."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
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
    KeepApartView,
    end_keep_apart,
    escalations_of,
    incidents_of,
    keep_apart,
    keep_aparts_of,
    record_incident,
    restriction_from_incident,
)
from shelter_desk.ui.dialog_parts import confirm, date_edit, form_dialog, pydate
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.permissions import gate
from shelter_desk.ui.safety.network import CloseEscalationDialog, EscalationDialog, escalation_text
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import error_label

BAN_DAYS = 14  # the proposed length of a ban made from an incident; the desk changes it
# The most lines the short lists show before they scroll: two escalations as a coordinator reads
# them (four lines each), two keep-aparts of two lines.
NETWORK_LINES, APART_LINES = 8, 4


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
        self.ok = form_dialog(self, form, self.error, "Vastleggen", self.save)

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
        self.ok = form_dialog(self, form, self.error, "Vastleggen", self.save)

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
    """`changed` after every saved change (the record refreshes its restrictions and its banner).

    Each list has its actions in its heading, so that on a laptop the buttons stay in view above
    however long the list grows."""

    changed = Signal()

    def __init__(self, desk: Desk, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._person_id = desk, person_id
        self.dialog: QDialog | None = None
        self.incidents = _list("incidents")
        self.apart = _list("keepApart")
        self.network = _list("safetyNetwork")
        self.error = error_label()
        self.incident_button = QPushButton("Incident vastleggen…")
        self.apart_button = QPushButton("Uit elkaar houden…")
        self.end_apart_button = QPushButton("Beëindigen")
        self.end_apart_button.setObjectName("endKeepApart")
        self.end_apart_button.setToolTip("De gekozen afspraak beëindigen: de twee mogen weer samen worden geplaatst")
        self.escalate_button = QPushButton("Melden bij veiligheidsnetwerk…")
        self.escalate_button.setObjectName("escalate")
        self.close_button = QPushButton("Melding afsluiten…")
        self.close_button.setObjectName("closeEscalation")
        self.close_button.setToolTip("De gekozen melding afsluiten, met de uitkomst")
        self._connect()
        # What the desk must act on first; the incidents, the longest list, last: on a laptop the
        # record scrolls under them, and the actions in the headings stay in view.
        layout = QVBoxLayout(self)
        layout.addLayout(_heading("Veiligheidsnetwerk", self.escalate_button, self.close_button))
        layout.addWidget(_capped(self.network, NETWORK_LINES))
        layout.addLayout(_heading("Uit elkaar houden", self.apart_button, self.end_apart_button))
        layout.addWidget(_capped(self.apart, APART_LINES))
        layout.addLayout(_heading("Incidenten", self.incident_button))
        layout.addWidget(self.incidents, 1)
        layout.addWidget(self.error)

    def _connect(self) -> None:
        self.incident_button.clicked.connect(self.record_incident)
        self.apart_button.clicked.connect(self.keep_apart)
        self.end_apart_button.clicked.connect(self.end_keep_apart)
        self.escalate_button.clicked.connect(self.escalate)
        self.close_button.clicked.connect(self.close_escalation)
        self.apart.currentItemChanged.connect(self._gate_choices)
        self.network.currentItemChanged.connect(self._gate_choices)

    def refresh(self) -> None:
        self.incidents.clear()
        for view in incidents_of(self._desk, self._person_id):
            self.incidents.addItem(incident_text(view))
        if not self.incidents.count():
            self.incidents.addItem("Geen incidenten.")
        _fill(
            self.apart,
            [
                (apart.keep_apart_id, _apart_text(apart), not apart.ended)
                for apart in keep_aparts_of(self._desk, self._person_id)
            ],
            "Geen afspraken.",
        )
        _fill(
            self.network,
            [
                (view.escalation_id, escalation_text(view), view.open)
                for view in escalations_of(self._desk, self._person_id)
            ],
            "Niet in het veiligheidsnetwerk.",
        )
        gate(self.apart_button, self._desk, Permission.DECIDE)
        gate(self.escalate_button, self._desk, Permission.DECIDE)
        self._gate_choices()

    def _gate_choices(self) -> None:
        """Ending and closing work on the chosen line, and only while it still runs."""
        gate(self.end_apart_button, self._desk, Permission.DECIDE, _chosen(self.apart) is not None)
        gate(self.close_button, self._desk, Permission.DECIDE, _chosen(self.network) is not None)

    def record_incident(self) -> QDialog:
        return self._open(IncidentDialog(self._desk, self._person_id, self))

    def keep_apart(self) -> QDialog:
        return self._open(KeepApartDialog(self._desk, self._person_id, self))

    def escalate(self) -> QDialog:
        return self._open(EscalationDialog(self._desk, self._person_id, self))

    def close_escalation(self) -> QDialog | None:
        chosen = _chosen(self.network)
        if chosen is None:
            return None
        return self._open(CloseEscalationDialog(self._desk, chosen, self))

    def end_keep_apart(self) -> bool:
        """End the chosen keep-apart after one question; True when it was ended."""
        chosen, item = _chosen(self.apart), self.apart.currentItem()
        if chosen is None or item is None:
            return False
        question = f"Deze afspraak beëindigen?\n\n{item.text()}\n\nDaarna mogen de twee weer samen worden geplaatst."
        if not self.confirm("Uit elkaar houden beëindigen", question, "Beëindigen"):
            return False
        if not attempt(self.error, lambda: end_keep_apart(self._desk, chosen)):
            return False
        self._after_change()
        return True

    def confirm(self, title: str, question: str, yes: str) -> bool:
        return confirm(self, title, question, yes)

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.accepted.connect(self._after_change)
        dialog.open()
        return dialog

    def _after_change(self) -> None:
        attempt(self.error, self.refresh)
        self.changed.emit()


def _list(name: str) -> QListWidget:
    shown = QListWidget()
    shown.setObjectName(name)
    shown.setWordWrap(True)
    shown.setAlternatingRowColors(True)  # where one entry of several lines ends and the next begins
    return shown


def _capped(shown: QListWidget, lines: int) -> QListWidget:
    """As high as its entries, at most `lines` lines of text; the list scrolls beyond that (the
    front desk's one-line instruction leaves the room to the incidents)."""
    shown.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    shown.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    frame = 2 * shown.frameWidth() + 4
    shown.setMaximumHeight(shown.fontMetrics().lineSpacing() * lines + frame)
    return shown


def _heading(title: str, *buttons: QPushButton) -> QHBoxLayout:
    """A list's title with its actions beside it."""
    row = QHBoxLayout()
    row.addWidget(QLabel(f"<b>{title}</b>"))
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def _apart_text(apart: KeepApartView) -> str:
    state = "beëindigd" if apart.ended else f"{apart.starts_on:%d-%m-%Y} t/m {apart.ends_on:%d-%m-%Y}"
    reason = f" — {apart.reason}" if apart.reason else ""
    return f"{apart.scope.label} als {apart.other} ({state}){reason}"


def _fill(shown: QListWidget, lines: list[tuple[int, str, bool]], empty: str) -> None:
    """Lines of (id, text, still running); only a running line carries its id, to end or close."""
    shown.clear()
    for line_id, text, running in lines:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, line_id if running else None)
        shown.addItem(item)
    if not lines:
        shown.addItem(empty)


def _chosen(shown: QListWidget) -> int | None:
    item = shown.currentItem()
    value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
    return value if isinstance(value, int) else None
