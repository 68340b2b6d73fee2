"""The postal page's signals: mail waiting too long and reviews overdue, each naming the person."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout

from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.services.kernel import Desk
from shelter_desk.services.postal import mail_waiting_too_long, reviews_due


class SignalsBox(QGroupBox):
    """What needs a decision: mail waiting too long, a review date passed."""

    def __init__(self, desk: Desk) -> None:
        super().__init__("Signalen: post wacht te lang, controle verlopen")
        self._desk = desk
        self.list = QListWidget()
        self.list.setObjectName("postalSignals")
        self.list.setToolTip("Enter of dubbelklik: het postadres kiezen")
        QVBoxLayout(self).addWidget(self.list)

    def show_signals(self) -> None:
        self.list.clear()
        for item in mail_waiting_too_long(self._desk):
            signal = QListWidgetItem(
                f"Post wacht sinds {dutch_date(item.received_on)}: {item.person} "
                f"({item.sender_kind.label}) — voorstel: postadres beëindigen"
            )
            signal.setData(Qt.ItemDataRole.UserRole, item.person)
            self.list.addItem(signal)
        for view in reviews_due(self._desk):
            signal = QListWidgetItem(f"Controle verlopen op {dutch_date(view.review_date)}: {view.person}")
            signal.setData(Qt.ItemDataRole.UserRole, view.person)
            self.list.addItem(signal)
