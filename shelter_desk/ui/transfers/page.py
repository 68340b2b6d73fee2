"""The Overdrachten section: investigation form, transparent proposal, decision,
warm transfer until the person has moved, and the overview of due dates and open transfers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.domain.transfers import Factor
from shelter_desk.services.kernel import Desk, list_municipalities
from shelter_desk.services.transfers import (
    FactInput,
    InvestigationView,
    answer_transfer,
    decide,
    list_investigations,
    person_moved,
    proposal,
    record_facts,
    request_transfer,
    start_investigation,
    transfer_letter,
    transfers,
)
from shelter_desk.ui.dialog_parts import fit_to_screen, ok_cancel, search_field
from shelter_desk.ui.feedback import OpenFile, attempt
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import RESTRICTION_RED, error_label

FACTORS = list(Factor)
FACT_ROWS = 4
SHORT_LABELS = {
    Factor.PREFERENCE: "Voorkeur",
    Factor.SOCIAL_NETWORK: "Netwerk",
    Factor.CARE_NETWORK: "Zorg",
    Factor.REGISTRATION: "Inschrijving",
    Factor.DAY_ACTIVITY: "Werk/school",
    Factor.DEBTS_INCOME: "Schulden",
}

_W = TypeVar("_W", bound=QWidget)


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


class TransfersPage(SectionPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None, open_file: OpenFile | None = None) -> None:
        super().__init__(desk, parent, open_file)
        self.views: list[InvestigationView] = []
        self.municipalities = list_municipalities(desk.db)
        right = QVBoxLayout()
        right.addWidget(self._build_form_box())
        lower = QHBoxLayout()
        lower.addWidget(self._build_decision_box(), 1)
        lower.addWidget(self._build_transfer_box(), 1)
        right.addLayout(lower, 1)
        columns = QHBoxLayout()
        columns.addWidget(self._build_list_box(), 1)
        columns.addLayout(right, 4)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Overdrachten: regiobinding en warme overdracht</h2>"))
        layout.addLayout(columns, 1)
        layout.addWidget(self.status_area())
        self._connect()

    # -- building ------------------------------------------------------------------------------

    def _build_list_box(self) -> QWidget:
        self.search = search_field("investigationSearch", "Zoek op naam")
        self.list = QListWidget()
        self.list.setObjectName("investigationList")
        self.new_button = QPushButton("Nieuw &onderzoek…")
        host = QWidget()
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("Open onderzoeken (rood: termijn verstreken)")
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.new_button)
        return host

    def _build_form_box(self) -> QGroupBox:
        self.header = QLabel()
        self.header.setObjectName("investigationHeader")
        self.header.setWordWrap(True)
        self.facts = self._facts_table()
        self.save_facts_button = QPushButton("&Feiten opslaan en voorstel tonen")
        self.save_facts_button.setObjectName("saveFacts")
        self.proposal = QLabel()
        self.proposal.setObjectName("proposalText")
        self.proposal.setWordWrap(True)
        self.proposal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QGroupBox("Onderzoek: gemeenten in beeld en hun factoren")
        layout = QVBoxLayout(box)
        for widget in (self.header, self.facts, self.save_facts_button, self.proposal):
            layout.addWidget(widget)
        return box

    def _facts_table(self) -> QTableWidget:
        facts = QTableWidget(FACT_ROWS, 3 + len(FACTORS))
        facts.setObjectName("factsTable")
        facts.setHorizontalHeaderLabels(
            ["Gemeente"] + [SHORT_LABELS[f] for f in FACTORS] + ["Jaren", "Contra-indicatie (reden)"]
        )
        for column, factor in enumerate(FACTORS):
            header = facts.horizontalHeaderItem(1 + column)
            if header is not None:
                header.setToolTip(factor.label)
        facts.setMinimumWidth(300)
        for row in range(FACT_ROWS):
            combo = QComboBox()
            combo.addItem("", None)
            for choice in self.municipalities:
                combo.addItem(choice.name, choice.code)
            facts.setCellWidget(row, 0, combo)
            for column in range(len(FACTORS)):
                facts.setCellWidget(row, 1 + column, QCheckBox())
            years = QSpinBox()
            years.setRange(0, 80)
            facts.setCellWidget(row, 1 + len(FACTORS), years)
            facts.setCellWidget(row, 2 + len(FACTORS), QLineEdit())
        facts.resizeColumnsToContents()
        facts.setColumnWidth(0, 170)
        facts.horizontalHeader().setStretchLastSection(True)
        # As tall as its rows: the empty space below them pushed the decision off a laptop screen.
        facts.setFixedHeight(
            facts.horizontalHeader().sizeHint().height()
            + 4
            + sum(facts.rowHeight(row) for row in range(FACT_ROWS))
            + 18
        )
        return facts

    def _build_decision_box(self) -> QGroupBox:
        self.centre = QComboBox()
        self.centre.setObjectName("decisionCentre")
        for choice in self.municipalities:
            self.centre.addItem(choice.name, choice.code)
        self.reasoning = QPlainTextEdit()
        self.reasoning.setObjectName("reasoning")
        self.reasoning.setFixedHeight(60)
        self.decide_button = QPushButton("&Besluiten")
        self.decide_button.setObjectName("decideButton")
        box = QGroupBox("Besluit van de coördinator")
        form = QFormLayout(box)
        form.addRow("Centrumgemeente", self.centre)
        form.addRow("Afweging", self.reasoning)
        form.addRow("", self.decide_button)
        return box

    def _build_transfer_box(self) -> QGroupBox:
        self.contact, self.channel = QLineEdit(), QLineEdit()
        self.contact.setObjectName("transferContact")
        self.channel.setPlaceholderText("telefoon, e-mail, beveiligde mail…")
        self.refusal = QLineEdit()
        self.refusal.setPlaceholderText("Reden bij weigering")
        self.dispute = QCheckBox("Voorleggen aan de Geschillen&commissie")
        self.transfer_list = QListWidget()
        self.transfer_list.setObjectName("transferList")
        self.transfer_list.setMaximumHeight(110)
        self.transfer_buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("request", "Overdracht &aanvragen"),
            ("accepted", "Geacce&pteerd"),
            ("refused", "Gewei&gerd"),
            ("moved", "Verhui&sd"),
            ("letter", "Overdrachtsbr&ief (PDF)"),
        ):
            self.transfer_buttons[key] = QPushButton(text)
            self.transfer_buttons[key].setObjectName(f"transfer_{key}")
        box = QGroupBox("Warme overdracht")
        layout = QVBoxLayout(box)
        form = QFormLayout()
        form.addRow("Contactpersoon", self.contact)
        form.addRow("Kanaal", self.channel)
        form.addRow("Weigering", self.refusal)
        form.addRow("", self.dispute)
        layout.addLayout(form)
        grid = QGridLayout()  # two columns: the row of five did not fit beside the decision on a laptop
        for index, button in enumerate(self.transfer_buttons.values()):
            grid.addWidget(button, index // 2, index % 2)
        layout.addLayout(grid)
        layout.addWidget(self.transfer_list)
        return box

    def _connect(self) -> None:
        self.list.currentRowChanged.connect(lambda _row: self._selection_changed())
        self.search.textChanged.connect(self._filter)
        self.new_button.clicked.connect(self.new_investigation)
        self.save_facts_button.clicked.connect(self.save_facts)
        self.decide_button.clicked.connect(self.decide)
        buttons = self.transfer_buttons
        buttons["request"].clicked.connect(self.request)
        buttons["accepted"].clicked.connect(lambda: self._answer(True))
        buttons["refused"].clicked.connect(lambda: self._answer(False))
        buttons["moved"].clicked.connect(self.moved)
        buttons["letter"].clicked.connect(self.print_letter)
        self.gate(Permission.DECIDE, self.decide_button, *buttons.values())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.attempt(self.refresh)

    # -- showing -------------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        chosen_view = self.selected()
        chosen = select_id if select_id is not None else (chosen_view.investigation_id if chosen_view else None)
        self.views = list_investigations(self._desk, open_only=False)
        self.views = [
            v for v in self.views if v.decided_on is None or v.decided_on > self._desk.today() - timedelta(days=90)
        ]
        self.list.blockSignals(True)
        self.list.clear()
        for view in self.views:
            state = f"besluit: {view.decided_centre}" if view.decided_on else f"uiterlijk {dutch_date(view.due_on)}"
            item = QListWidgetItem(f"{view.person} — {state}")
            if view.overdue:
                item.setForeground(QBrush(QColor(RESTRICTION_RED)))
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [v.investigation_id for v in self.views]
        self.list.setCurrentRow(ids.index(chosen) if chosen in ids else (0 if ids else -1))
        self._filter(self.search.text())
        self._show()

    def selected(self) -> InvestigationView | None:
        row = self.list.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def _filter(self, text: str) -> None:
        """Show only the investigations whose person matches what was typed."""
        wanted = text.strip().lower()
        for row, view in enumerate(self.views):
            item = self.list.item(row)
            if item is not None:
                item.setHidden(bool(wanted) and wanted not in view.person.lower())

    def _selection_changed(self) -> None:
        self.clear_messages()  # a message about the previous investigation no longer applies
        self._show()

    def select_person(self, name: str) -> None:
        self.list.setCurrentRow([v.person for v in self.views].index(name))

    def _show(self) -> None:
        view = self.selected()
        for row in range(FACT_ROWS):
            fact = view.facts[row] if view and row < len(view.facts) else None
            combo = self._cell(row, 0, QComboBox)
            combo.setCurrentIndex(max(combo.findData(fact.municipality_code), 0) if fact else 0)
            for column, factor in enumerate(FACTORS):
                self._cell(row, 1 + column, QCheckBox).setChecked(bool(fact and factor in fact.factors))
            self._cell(row, 1 + len(FACTORS), QSpinBox).setValue(fact.registration_years if fact else 0)
            self._cell(row, 2 + len(FACTORS), QLineEdit).setText(fact.contra_indication if fact else "")
        # Every field shows the chosen investigation, never what the previous one left behind.
        self.reasoning.setPlainText(view.reasoning if view else "")
        for field in (self.contact, self.channel, self.refusal):
            field.clear()
        self.dispute.setChecked(False)
        for widget in (self.facts, self.save_facts_button, self.decide_button, self.reasoning, self.centre):
            widget.setEnabled(view is not None)
        if view is None:
            self.header.setText("Geen onderzoek gekozen.")
            self.proposal.setText("")
            self.transfer_list.clear()
            return
        self.header.setText(
            f"{view.person} — aangemeld {dutch_date(view.reported_on)} in {view.region}, "
            f"voorziening verleend {dutch_date(view.provision_on) if view.provision_on else '—'}, "
            f"onderzoek uiterlijk {dutch_date(view.due_on)}"
            + (f" — besloten {dutch_date(view.decided_on)}: {view.decided_centre}" if view.decided_on else "")
        )
        self._show_proposal(view)
        if view.decided_on:
            self.centre.setCurrentIndex(max(self.centre.findText(view.decided_centre), 0))
        self.transfer_list.clear()
        for transfer in transfers(self._desk, open_only=False):
            if transfer.person_id == view.person_id:
                item = QListWidgetItem(
                    f"{transfer.to_centre}: {transfer.status.value} (aangevraagd "
                    f"{dutch_date(transfer.requested_on)})"
                    + (f" — {transfer.refusal_reason}" if transfer.refusal_reason else "")
                )
                item.setData(Qt.ItemDataRole.UserRole, transfer.transfer_id)
                self.transfer_list.addItem(item)
        if self.transfer_list.count():
            self.transfer_list.setCurrentRow(self.transfer_list.count() - 1)

    def _show_proposal(self, view: InvestigationView) -> None:
        result = proposal(self._desk, view.investigation_id)
        if not result.scores and not result.unknown_centres:
            self.proposal.setText("Nog geen feiten vastgelegd.")
            return
        lead = "Voorstel: " + (
            next(s.centre for s in result.scores if s.centre_code == result.proposed_centre_code)
            if result.proposed_centre_code
            else "geen (zie hieronder)"
        )
        self.proposal.setText(lead + "\n" + result.explain())
        if result.proposed_centre_code:
            self.centre.setCurrentIndex(self.centre.findData(result.proposed_centre_code))

    # -- acting --------------------------------------------------------------------------------

    def _cell(self, row: int, column: int, kind: type[_W]) -> _W:
        """The widget in a cell of the facts table, of the kind that column holds."""
        widget = self.facts.cellWidget(row, column)
        assert isinstance(widget, kind)
        return widget

    def _act(self, action: Callable[[], object], done: str) -> bool:
        return self.attempt(action, then=lambda: self.attempt(self.refresh), done=done)

    def new_investigation(self) -> None:
        dialog = NewInvestigationDialog(self._desk, self)
        # The new investigation is selected at once, so what is typed next lands on it.
        self.show_dialog(
            dialog,
            then=lambda: self.attempt(lambda: self.refresh(select_id=dialog.investigation_id)),
            done=lambda: f"Onderzoek voor {dialog.person} gestart; het staat nu gekozen.",
        )

    def typed_facts(self) -> list[FactInput]:
        facts = []
        for row in range(FACT_ROWS):
            code = self._cell(row, 0, QComboBox).currentData()
            if code is None:
                continue
            chosen = frozenset(
                f for column, f in enumerate(FACTORS) if self._cell(row, 1 + column, QCheckBox).isChecked()
            )
            facts.append(
                FactInput(
                    code,
                    chosen,
                    self._cell(row, 1 + len(FACTORS), QSpinBox).value(),
                    self._cell(row, 2 + len(FACTORS), QLineEdit).text(),
                )
            )
        return facts

    def set_fact(self, row: int, municipality: str, factors: set[Factor], contra: str = "") -> None:
        combo = self._cell(row, 0, QComboBox)
        combo.setCurrentIndex(combo.findText(municipality))
        for column, factor in enumerate(FACTORS):
            self._cell(row, 1 + column, QCheckBox).setChecked(factor in factors)
        self._cell(row, 2 + len(FACTORS), QLineEdit).setText(contra)

    def save_facts(self) -> None:
        view = self.selected()
        if view is not None:
            self._act(
                lambda: record_facts(self._desk, view.investigation_id, self.typed_facts()),
                f"Feiten voor {view.person} opgeslagen; het voorstel staat hieronder.",
            )

    def decide(self) -> None:
        view = self.selected()
        if view is not None:
            self._act(
                lambda: decide(
                    self._desk, view.investigation_id, self.centre.currentData(), self.reasoning.toPlainText()
                ),
                f"Besluit voor {view.person} vastgelegd: {self.centre.currentText()}.",
            )

    def request(self) -> None:
        view = self.selected()
        if view is not None:
            self._act(
                lambda: request_transfer(self._desk, view.investigation_id, self.contact.text(), self.channel.text()),
                f"Overdracht van {view.person} aangevraagd.",
            )

    def _current_transfer(self) -> int | None:
        item = self.transfer_list.currentItem()
        if item is None:
            self.refuse("Kies eerst een overdracht in de lijst onder Warme overdracht.")
            return None
        transfer: int = item.data(Qt.ItemDataRole.UserRole)
        return transfer

    def _answer(self, accepted: bool) -> None:
        transfer = self._current_transfer()
        if transfer is not None:
            self._act(
                lambda: answer_transfer(
                    self._desk, transfer, accepted, self._desk.today(), self.refusal.text(), self.dispute.isChecked()
                ),
                "Overdracht als geaccepteerd vastgelegd." if accepted else "Overdracht als geweigerd vastgelegd.",
            )

    def moved(self) -> None:
        transfer = self._current_transfer()
        if transfer is not None:
            self._act(lambda: person_moved(self._desk, transfer, self._desk.today()), "Verhuizing vastgelegd.")

    def print_letter(self) -> Path | None:
        transfer = self._current_transfer()
        if transfer is None:
            return None
        return self.save_and_open(
            f"overdrachtsbrief-{transfer}.pdf", lambda: transfer_letter(self._desk, transfer), "Overdrachtsbrief"
        )
