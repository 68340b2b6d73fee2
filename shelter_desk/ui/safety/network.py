"""The safety network in the record's "Veiligheid" tab: how an escalation reads in its list, and the
coordinator's two dialogs, putting the person in the safety network and closing that with its outcome."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from shelter_desk.domain.safety import EscalationTerms, SafetyNetwork
from shelter_desk.services.kernel import Desk
from shelter_desk.services.safety import EscalationView, close_escalation, escalate
from shelter_desk.ui.dialog_parts import date_edit, form_dialog, pydate
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.styles import error_label

# The front desk's line: all it is told is what to do when the person turns up.
DESK_PREFIX = "Als de persoon zich meldt: "


def escalation_text(view: EscalationView) -> str:
    """One escalation in the tab's list; the front desk's view carries only the instruction."""
    if view.network is None:
        return DESK_PREFIX + view.desk_instruction
    since = f"{view.started_on:%d-%m-%Y}" if view.started_on else ""
    phone = f", {view.phone}" if view.phone else ""
    closed = f" {view.closed_on:%d-%m-%Y}" if view.closed_on else ""
    state = "loopt" if view.open else f"afgesloten{closed}: {view.outcome}"
    lines = [
        f"{view.network.label}, gemeld {since} ({state})",
        f"Casusregisseur: {view.case_manager}{phone}",
    ]
    if view.next_step:
        lines.append(f"Volgende stap: {view.next_step}")
    lines.append(DESK_PREFIX + view.desk_instruction)
    return "\n".join(lines)


class EscalationDialog(QDialog):
    """A coordinator puts the person "in het veiligheidsnetwerk": where, who manages the case, what
    was agreed and what the front desk must do when the person turns up."""

    def __init__(self, desk: Desk, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._person_id = desk, person_id
        self.setWindowTitle("Melden bij veiligheidsnetwerk")
        self.network = QComboBox()
        for network in SafetyNetwork:
            self.network.addItem(network.label, network)
        self.started = date_edit(desk.today())
        self.case_manager = QLineEdit()
        self.case_manager.setPlaceholderText("wie de zaak in het netwerk regisseert")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("06-…")
        self.next_step = QPlainTextEdit()
        self.next_step.setPlaceholderText("bijvoorbeeld: casusoverleg vrijdag, woonplek zoeken met de GGZ")
        self.instruction = QPlainTextEdit()
        self.instruction.setPlaceholderText(
            "wat de balie doet als de persoon zich meldt (het enige dat de balie ziet), "
            "bijvoorbeeld: Bel Anne de Vries, 06-…, ook 's nachts"
        )
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Netwerk", self.network)
        form.addRow("Gemeld op", self.started)
        form.addRow("Casusregisseur", self.case_manager)
        form.addRow("Telefoon", self.phone)
        form.addRow("Afgesproken stap", self.next_step)
        form.addRow("Instructie balie", self.instruction)
        self.ok = form_dialog(self, form, self.error, "Melden", self.save)

    def save(self) -> None:
        terms = EscalationTerms(
            self._person_id,
            SafetyNetwork(self.network.currentData()),
            pydate(self.started.date()),
            self.case_manager.text(),
            self.phone.text(),
            self.next_step.toPlainText(),
            self.instruction.toPlainText(),
        )
        if attempt(self.error, lambda: escalate(self._desk, terms)):
            self.accept()


class CloseEscalationDialog(QDialog):
    """A coordinator closes an escalation: the date it left the network and its outcome."""

    def __init__(self, desk: Desk, escalation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._escalation_id = desk, escalation_id
        self.setWindowTitle("Melding afsluiten")
        self.closed = date_edit(desk.today())
        self.outcome = QPlainTextEdit()
        self.outcome.setPlaceholderText("bijvoorbeeld: opgenomen in een GGZ-kliniek")
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Afgesloten op", self.closed)
        form.addRow("Uitkomst", self.outcome)
        self.ok = form_dialog(self, form, self.error, "Afsluiten", self.save)

    def save(self) -> None:
        closed_on, outcome = pydate(self.closed.date()), self.outcome.toPlainText()
        if attempt(self.error, lambda: close_escalation(self._desk, self._escalation_id, closed_on, outcome)):
            self.accept()
