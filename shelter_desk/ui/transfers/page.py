"""The Overdrachten section: investigation form, transparent proposal, decision,
warm transfer until the person has moved, and the overview of due dates and open transfers.

The page keeps the list of investigations, the layout, the drafts typed per investigation and
what the buttons do; the boxes are their own widgets: the investigation with its facts grid
(`investigation_box`), the decision (`decision_box`) and the warm transfer (`transfer_box`);
starting an investigation is a dialog (`new_investigation_dialog`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from shelter_desk.domain.roles import Permission
from shelter_desk.domain.transfers import TransferStatus
from shelter_desk.services.kernel import Desk, list_municipalities
from shelter_desk.services.transfers import (
    InvestigationView,
    TransferView,
    answer_transfer,
    decide,
    list_investigations,
    person_moved,
    record_facts,
    request_transfer,
    transfer_letter,
    transfers,
)
from shelter_desk.ui.feedback import OpenFile
from shelter_desk.ui.permissions import gate
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.transfers.decision_box import DecisionBox
from shelter_desk.ui.transfers.investigation_box import InvestigationBox
from shelter_desk.ui.transfers.investigation_list import InvestigationList
from shelter_desk.ui.transfers.new_investigation_dialog import NewInvestigationDialog
from shelter_desk.ui.transfers.transfer_box import WarmTransferBox


class TransfersPage(SectionPage):
    """Investigations of regional ties, the coordinator's decision and the warm transfer."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, open_file: OpenFile | None = None) -> None:
        super().__init__(desk, parent, open_file)
        self.shown_transfers: list[TransferView] = []
        # Text typed but not saved, per investigation: kept when the worker looks at another one.
        self.drafts: dict[int, dict[str, str]] = {}
        self._shown_id: int | None = None
        municipalities = list_municipalities(desk.db)
        self.investigations = InvestigationList()
        self.investigation = InvestigationBox(desk, municipalities)
        self.decision = DecisionBox(municipalities)
        self.transfer = WarmTransferBox()
        right = QVBoxLayout()
        right.addWidget(self.investigation)
        lower = QHBoxLayout()
        lower.addWidget(self.decision, 1)
        lower.addWidget(self.transfer, 1)
        right.addLayout(lower, 1)
        columns = QHBoxLayout()
        columns.addWidget(self.investigations, 1)
        columns.addLayout(right, 4)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Overdrachten: regiobinding en warme overdracht</h2>"))
        layout.addLayout(columns, 1)
        layout.addWidget(self.status_area())
        self._connect()

    def _connect(self) -> None:
        self.investigations.list.currentRowChanged.connect(lambda _row: self._selection_changed())
        self.investigations.new_button.clicked.connect(self.new_investigation)
        self.investigation.save_button.clicked.connect(self.save_facts)
        self.decision.button.clicked.connect(self.decide)
        self.transfer.list.currentRowChanged.connect(lambda _row: self._show_transfer())
        buttons = self.transfer.buttons
        buttons["request"].clicked.connect(self.request)
        buttons["accepted"].clicked.connect(lambda: self._answer(True))
        buttons["refused"].clicked.connect(lambda: self._answer(False))
        buttons["moved"].clicked.connect(self.moved)
        buttons["letter"].clicked.connect(self.print_letter)
        buttons["letter_paper"].clicked.connect(lambda: self.print_letter(on_paper=True))
        self.gate(Permission.DECIDE, self.decision.button, *buttons.values())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.attempt(self.refresh)

    # -- showing -------------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        chosen_view = self.selected()
        chosen = select_id if select_id is not None else (chosen_view.investigation_id if chosen_view else None)
        self.shown_transfers = transfers(self._desk, open_only=False)
        # Finished (the person moved after the decision) leaves the list of open investigations.
        moved = {t.person_id for t in self.shown_transfers if t.status is TransferStatus.MOVED}
        views = [
            v
            for v in list_investigations(self._desk, open_only=False)
            if (v.decided_on is None or v.decided_on > self._desk.today() - timedelta(days=90))
            and not (v.decided_on is not None and v.person_id in moved)
        ]
        self.investigations.show_views(views, chosen)
        self._show()

    def selected(self) -> InvestigationView | None:
        return self.investigations.selected()

    def _selection_changed(self) -> None:
        self.clear_messages()  # a message about the previous investigation no longer applies
        self._keep_draft()
        self._show()

    def _typed(self) -> dict[str, str]:
        return {
            "reasoning": self.decision.reasoning.toPlainText(),
            "contact": self.transfer.contact.text(),
            "channel": self.transfer.channel.text(),
            "refusal": self.transfer.refusal.text(),
        }

    def _keep_draft(self) -> None:
        """Keep what was typed for the investigation shown until now, if it differs from what is saved."""
        shown = next((v for v in self.investigations.views if v.investigation_id == self._shown_id), None)
        if shown is None:
            return
        typed = self._typed()
        saved = {**self._saved_fields(shown), "refusal": ""}
        if typed != saved:
            self.drafts[shown.investigation_id] = typed
        else:
            self.drafts.pop(shown.investigation_id, None)

    def _saved_fields(self, view: InvestigationView) -> dict[str, str]:
        latest = self._latest_transfer(view)
        return {
            "reasoning": view.reasoning,
            "contact": latest.contact if latest else "",
            "channel": latest.channel if latest else "",
        }

    def _latest_transfer(self, view: InvestigationView) -> TransferView | None:
        mine = [t for t in self.shown_transfers if t.person_id == view.person_id]
        return mine[-1] if mine else None

    def select_person(self, name: str) -> None:
        self.investigations.select_person(name)

    def _show(self) -> None:
        view = self.selected()
        self.investigation.show_facts(view)
        # Every field shows the chosen investigation, never what the previous one left behind:
        # what is saved, or what was typed for it and not yet saved.
        self._shown_id = view.investigation_id if view else None
        fields = {**self._saved_fields(view), "refusal": ""} if view else dict.fromkeys(self._typed(), "")
        fields.update(self.drafts.get(self._shown_id, {}) if self._shown_id is not None else {})
        self.decision.reasoning.setPlainText(fields["reasoning"])
        self.transfer.contact.setText(fields["contact"])
        self.transfer.channel.setText(fields["channel"])
        self.transfer.refusal.setText(fields["refusal"])
        self.transfer.dispute.setChecked(False)
        centre = self.decision.centre
        for widget in (self.investigation.facts, self.investigation.save_button, self.decision.reasoning, centre):
            widget.setEnabled(view is not None)
        gate(self.decision.button, self._desk, Permission.DECIDE, view is not None)  # greyed with the reason
        self.investigation.show_header(view)
        if view is None:
            self.transfer.list.clear()
            return
        proposed = self.investigation.show_proposal(view)
        if proposed:
            centre.setCurrentIndex(centre.findData(proposed))
        if view.decided_on:
            centre.setCurrentIndex(max(centre.findText(view.decided_centre), 0))
        self.transfer.show_transfers([t for t in self.shown_transfers if t.person_id == view.person_id])

    def _show_transfer(self) -> None:
        """The chosen transfer's contact person and channel stay in their fields (unless typed over)."""
        chosen_id = self.transfer.chosen_id()
        chosen = next((t for t in self.shown_transfers if chosen_id is not None and t.transfer_id == chosen_id), None)
        if chosen is not None and self._shown_id not in self.drafts:
            self.transfer.contact.setText(chosen.contact)
            self.transfer.channel.setText(chosen.channel)

    # -- acting --------------------------------------------------------------------------------

    def _act(self, action: Callable[[], object], done: str) -> bool:
        def saved() -> None:
            if self._shown_id is not None:
                self.drafts.pop(self._shown_id, None)  # what was typed is saved now
            self.attempt(self.refresh)

        return self.attempt(action, then=saved, done=done)

    def new_investigation(self) -> None:
        dialog = NewInvestigationDialog(self._desk, self)
        # The new investigation is selected at once, so what is typed next lands on it.
        self.show_dialog(
            dialog,
            then=lambda: self.attempt(lambda: self.refresh(select_id=dialog.investigation_id)),
            done=lambda: f"Onderzoek voor {dialog.person} gestart; het staat nu gekozen.",
        )

    def save_facts(self) -> None:
        view = self.selected()
        if view is not None:
            self._act(
                lambda: record_facts(self._desk, view.investigation_id, self.investigation.typed_facts()),
                f"Feiten voor {view.person} opgeslagen; het voorstel staat hieronder.",
            )

    def decide(self) -> None:
        view, centre = self.selected(), self.decision.centre
        if view is not None:
            self._act(
                lambda: decide(
                    self._desk, view.investigation_id, centre.currentData(), self.decision.reasoning.toPlainText()
                ),
                f"Besluit voor {view.person} vastgelegd: {centre.currentText()}.",
            )

    def request(self) -> None:
        view = self.selected()
        if view is not None:
            self._act(
                lambda: request_transfer(
                    self._desk, view.investigation_id, self.transfer.contact.text(), self.transfer.channel.text()
                ),
                f"Overdracht van {view.person} aangevraagd.",
            )

    def _current_transfer(self) -> int | None:
        transfer = self.transfer.chosen_id()
        if transfer is None:
            self.refuse("Kies eerst een overdracht in de lijst onder Warme overdracht.")
        return transfer

    def _answer(self, accepted: bool) -> None:
        transfer = self._current_transfer()
        if transfer is not None:
            self._act(
                lambda: answer_transfer(
                    self._desk,
                    transfer,
                    accepted,
                    self._desk.today(),
                    self.transfer.refusal.text(),
                    self.transfer.dispute.isChecked(),
                ),
                "Overdracht als geaccepteerd vastgelegd." if accepted else "Overdracht als geweigerd vastgelegd.",
            )

    def moved(self) -> None:
        transfer = self._current_transfer()
        if transfer is not None:
            self._act(lambda: person_moved(self._desk, transfer, self._desk.today()), "Verhuizing vastgelegd.")

    def print_letter(self, on_paper: bool = False) -> Path | None:
        """The transfer letter saved and opened, or on paper through the one print path."""
        transfer = self._current_transfer()
        if transfer is None:
            return None
        name, make = f"overdrachtsbrief-{transfer}.pdf", lambda: transfer_letter(self._desk, transfer)
        if on_paper:
            return self.print_on_paper(make, "Overdrachtsbrief", name)
        return self.save_and_open(name, make, "Overdrachtsbrief")
