"""The transfers page's investigation box: who and when, the municipalities in view with their
factors (a grid of fields), and the transparent proposal made of them."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.domain.transfers import Factor
from shelter_desk.services.kernel import Desk, MunicipalityChoice
from shelter_desk.services.transfers import FactInput, InvestigationView, proposal

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


class InvestigationBox(QGroupBox):
    """The chosen investigation's header, its facts per municipality, and the proposal."""

    def __init__(self, desk: Desk, municipalities: list[MunicipalityChoice]) -> None:
        super().__init__("Onderzoek: gemeenten in beeld en hun factoren")
        self._desk = desk
        self.header = QLabel()
        self.header.setObjectName("investigationHeader")
        self.header.setWordWrap(True)
        # Always two lines (the decision on the second): a decision must not push the fields down
        # under the worker's next click.
        self.header.setMinimumHeight(2 * self.header.fontMetrics().lineSpacing() + 4)
        self.facts = _facts_table(municipalities)
        self.save_button = QPushButton("&Feiten opslaan en voorstel tonen")
        self.save_button.setObjectName("saveFacts")
        self.proposal = QLabel()
        self.proposal.setObjectName("proposalText")
        self.proposal.setWordWrap(True)
        self.proposal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        for widget in (self.header, self.facts, self.save_button, self.proposal):
            layout.addWidget(widget)

    def _cell(self, row: int, column: int, kind: type[_W]) -> _W:
        """The widget in a cell of the facts table, of the kind that column holds."""
        widget = self.facts.cellWidget(row, column)
        assert isinstance(widget, kind)
        return widget

    def show_facts(self, view: InvestigationView | None) -> None:
        """The facts saved for `view` in the grid (none chosen: an empty grid)."""
        for row in range(FACT_ROWS):
            fact = view.facts[row] if view and row < len(view.facts) else None
            combo = self._cell(row, 0, QComboBox)
            combo.setCurrentIndex(max(combo.findData(fact.municipality_code), 0) if fact else 0)
            for column, factor in enumerate(FACTORS):
                self._cell(row, 1 + column, QCheckBox).setChecked(bool(fact and factor in fact.factors))
            self._cell(row, 1 + len(FACTORS), QSpinBox).setValue(fact.registration_years if fact else 0)
            self._cell(row, 2 + len(FACTORS), QLineEdit).setText(fact.contra_indication if fact else "")

    def show_header(self, view: InvestigationView | None) -> None:
        if view is None:
            self.header.setText("Geen onderzoek gekozen.")
            self.proposal.setText("")
            return
        self.header.setText(
            f"{view.person} — aangemeld {dutch_date(view.reported_on)} in {view.region}, "
            f"voorziening verleend {dutch_date(view.provision_on) if view.provision_on else '—'}, "
            f"onderzoek uiterlijk {dutch_date(view.due_on)}\n"
            + (
                f"Besloten {dutch_date(view.decided_on)}: {view.decided_centre}"
                if view.decided_on
                else "Nog geen besluit."
            )
        )

    def show_proposal(self, view: InvestigationView) -> str | None:
        """Show the proposal for `view`; the code of the centre municipality proposed, if any."""
        result = proposal(self._desk, view.investigation_id)
        if not result.scores and not result.unknown_centres:
            self.proposal.setText("Nog geen feiten vastgelegd.")
            return None
        lead = "Voorstel: " + (
            next(s.centre for s in result.scores if s.centre_code == result.proposed_centre_code)
            if result.proposed_centre_code
            else "geen (zie hieronder)"
        )
        self.proposal.setText(lead + "\n" + result.explain())
        return result.proposed_centre_code

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


def _facts_table(municipalities: list[MunicipalityChoice]) -> QTableWidget:
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
    # By keyboard: Tab goes from field to field of the rows (the table itself takes no focus,
    # where Tab would only move a cell cursor that cannot edit); a municipality is chosen by typing.
    facts.setTabKeyNavigation(False)
    facts.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for row in range(FACT_ROWS):
        combo = QComboBox()
        combo.addItem("", None)
        for choice in municipalities:
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
        facts.horizontalHeader().sizeHint().height() + 4 + sum(facts.rowHeight(row) for row in range(FACT_ROWS)) + 18
    )
    return facts
