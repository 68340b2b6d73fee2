"""The client card of one person, opened from the record: issue and print, reprint, report lost."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.cards import CardName, RevokeReason
from shelter_desk.domain.shelter_night import local_time_text
from shelter_desk.services.admin import facility_details
from shelter_desk.services.cards import CardView, card_pdf, cards_of, issue_card, revoke_card
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.feedback import OpenFile, attempt, open_with_system, save_and_open
from shelter_desk.ui.styles import HINT_STYLE, error_label


def card_line(card: CardView) -> str:
    state = "GELDIG" if card.valid else f"niet geldig ({card.revoke_reason.label if card.revoke_reason else ''})"
    return (
        f"{card.number_text} — {card.name} — {state}; uitgegeven {local_time_text(card.issued_at)} "
        f"door {card.issued_by or 'onbekend'}, {card.location}"
    )


class CardDialog(QDialog):
    """The person's cards, newest on top; a new card revokes the old one and opens the PDF to print."""

    def __init__(
        self,
        desk: Desk,
        person_id: int,
        person_name: str,
        parent: QWidget | None = None,
        open_file: OpenFile = open_with_system,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._person_id = person_id
        self._open_file = open_file
        self.setObjectName("cardDialog")
        self.setWindowTitle(f"Clientkaart: {person_name}")
        self.resize(720, 420)

        self.name_choice = QComboBox()
        self.name_choice.setObjectName("cardNameChoice")
        for choice in CardName:
            self.name_choice.addItem(choice.label, choice.value)
        self.location = QComboBox()
        self.location.setObjectName("cardLocation")
        for details in facility_details(desk):
            if details.active:
                self.location.addItem(
                    f"{details.terms.name} ({details.terms.provider or details.region})", details.facility_id
                )
        hint = QLabel(
            "Op de kaart: de gekozen naam, de organisatie, het kaartnummer en een QR-code. "
            "Geen BSN en geen geboortedatum."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.cards = QListWidget()
        self.cards.setObjectName("cardList")
        self.error = error_label()

        self.issue_button = QPushButton("Nieuwe kaart uitgeven en afdrukken")
        self.issue_button.setObjectName("issueCardButton")
        self.issue_button.setDefault(True)
        self.print_button = QPushButton("Gekozen kaart opnieuw afdrukken")
        self.print_button.setObjectName("reprintCardButton")
        self.lost_button = QPushButton("Gekozen kaart kwijt: intrekken")
        self.lost_button.setObjectName("revokeCardButton")
        close_button = QPushButton("Sluiten (Esc)")
        self.issue_button.clicked.connect(self.issue)
        self.print_button.clicked.connect(self.reprint)
        self.lost_button.clicked.connect(self.report_lost)
        close_button.clicked.connect(self.accept)

        form = QFormLayout()
        form.addRow("Naam op de kaart", self.name_choice)
        form.addRow("Uitgegeven door", self.location)
        buttons = QHBoxLayout()
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.lost_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(QLabel("Kaarten van deze persoon"))
        layout.addWidget(self.cards, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.cards.clear()
        for card in cards_of(self._desk, self._person_id):
            item = QListWidgetItem(card_line(card))
            item.setData(Qt.ItemDataRole.UserRole, card.card_id)
            self.cards.addItem(item)
        if self.cards.count():
            self.cards.setCurrentRow(0)
        else:
            self.cards.addItem("Nog geen kaart.")

    def _selected(self) -> int | None:
        item = self.cards.currentItem()
        card_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if card_id is None:
            self.error.setText("Kies eerst een kaart in de lijst.")
            self.error.show()
        return card_id if isinstance(card_id, int) else None

    def issue(self) -> None:
        issued: list[CardView] = []
        if attempt(
            self.error,
            lambda: issued.append(
                issue_card(
                    self._desk, self._person_id, CardName(self.name_choice.currentData()), self.location.currentData()
                )
            ),
        ):
            self.refresh()
            self._print(issued[0].card_id)

    def reprint(self) -> None:
        card_id = self._selected()
        if card_id is not None:
            self._print(card_id)

    def report_lost(self) -> None:
        card_id = self._selected()
        if card_id is not None and attempt(self.error, lambda: revoke_card(self._desk, card_id, RevokeReason.LOST)):
            self.refresh()

    def _print(self, card_id: int) -> None:
        save_and_open(f"clientkaart-{card_id}.pdf", lambda: card_pdf(self._desk, card_id), self.error, self._open_file)
