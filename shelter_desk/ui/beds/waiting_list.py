"""A place given by decision on the bed board: its waiting list in order, and a free bed offered to the
first waiting applicant who fits (the board asks after a stay there ends)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
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

from shelter_desk.domain.dutch_dates import format_dutch_date
from shelter_desk.services.kernel import Desk
from shelter_desk.services.trajectory import ApplicationView, BedOffer, accept_offer, bed_offer, waiting_list
from shelter_desk.ui.dialog_parts import ok_cancel
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.styles import HINT_STYLE, error_label


class OfferDialog(QDialog):
    """A freed bed of a place given by decision, offered to the first waiting applicant it fits."""

    def __init__(self, desk: Desk, offer: BedOffer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Vrij bed in {offer.facility}")
        self.setObjectName("bedOfferDialog")
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        text = (
            f"Bed {offer.bed} in {offer.facility} is vrij. Eerste op de wachtlijst die past: "
            f"<b>{offer.person}</b> (wacht {offer.days_waiting} dagen). Eerste nacht: "
            f"{format_dutch_date(offer.night)}."
        )
        label = QLabel(text)
        label.setWordWrap(True)
        label.setObjectName("offerText")
        form.addRow(label)
        if offer.passed_over:
            hint = QLabel("Overgeslagen (past niet): " + "; ".join(offer.passed_over))
            hint.setWordWrap(True)
            hint.setStyleSheet(HINT_STYLE)
            form.addRow(hint)
        self.error = error_label()
        form.addRow(self.error)
        box, self.ok = ok_cancel(
            self,
            f"{offer.person} plaatsen",
            lambda: self._accept(lambda: accept_offer(desk, offer.application_id, offer.bed_id, offer.night)),
        )
        form.addRow(box)

    def _accept(self, action: Callable[[], object]) -> None:
        if attempt(self.error, action):
            self.accept()


def waiting_text(view: ApplicationView) -> str:
    """'1. Jan Berg — aangemeld 10-11-2026 via Nachtopvang, wacht 14 dagen (voorrang +1: …)'."""
    if view.place is None:
        step = f"intake {format_dutch_date(view.intake_on)}" if view.intake_on else "nog geen intake"
        return f"— {view.person}: aangemeld {format_dutch_date(view.applied_on)}, wacht op besluit ({step})"
    text = (
        f"{view.place}. {view.person} — aangemeld {format_dutch_date(view.applied_on)} via "
        f"{view.referrer.label}, wacht {view.days_waiting} dagen"
    )
    return text + (f" (voorrang {view.priority:+d}: {view.priority_reason})" if view.priority else "")


class WaitingListDialog(QDialog):
    """A facility's waiting list in its order, with days waiting, and the offer of a free bed."""

    def __init__(self, desk: Desk, facility_id: int, facility: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._facility_id = desk, facility_id
        self.setWindowTitle(f"Wachtlijst {facility}")
        self.setObjectName("waitingListDialog")
        self.setMinimumWidth(560)
        self.child: QDialog | None = None
        self.entries = QListWidget()
        self.entries.setObjectName("waitingList")
        self.entries.setWordWrap(True)
        self.offer_text = QLabel()
        self.offer_text.setWordWrap(True)
        self.offer_button = QPushButton("Vrij bed aanbieden…")
        self.offer_button.setObjectName("offerButton")
        self.offer_button.clicked.connect(self.offer)
        self.error = error_label()
        close = QPushButton("Sluiten")
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.entries)
        layout.addWidget(self.offer_text)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.offer_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        attempt(self.error, self.refresh)

    def refresh(self) -> None:
        self.entries.clear()
        listed = waiting_list(self._desk, self._facility_id)
        for view in listed:
            self.entries.addItem(QListWidgetItem(waiting_text(view)))
        if not listed:
            self.entries.addItem(QListWidgetItem("Niemand op de wachtlijst."))
        self._offer = bed_offer(self._desk, self._facility_id, self._desk.tonight())
        self.offer_button.setEnabled(self._offer is not None)
        self.offer_text.setText(
            f"Vrij: bed {self._offer.bed} vanaf {format_dutch_date(self._offer.night)} voor {self._offer.person}."
            if self._offer
            else "Geen vrij bed voor iemand op de wachtlijst."
        )

    def offer(self) -> None:
        if self._offer is None:
            return
        self.child = OfferDialog(self._desk, self._offer, self)
        self.child.accepted.connect(lambda: attempt(self.error, self.refresh))
        self.child.open()
