"""The postal page's "Post" box: logging a letter that came in, and the chosen address's waiting
mail to hand out after an ID check."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from shelter_desk.domain.postal import SenderKind
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.services.kernel import Desk
from shelter_desk.services.postal import mail_waiting


class MailBox(QGroupBox):
    """Who sent the letter coming in, and the mail waiting for the chosen address."""

    def __init__(self, desk: Desk) -> None:
        super().__init__("Post")
        self._desk = desk
        self.sender_kind = QComboBox()
        self.sender_kind.setObjectName("senderKind")
        # No kind chosen beforehand: a default logged mail from the UWV as "Gemeente (UWV)".
        # Typing the first letters chooses (g, u, z, c, b, r, a).
        self.sender_kind.addItem("— soort afzender —", None)
        for kind in SenderKind:
            self.sender_kind.addItem(kind.label, kind.value)
        self.sender_name = QLineEdit()  # not `sender`: that would hide QObject.sender()
        self.sender_name.setPlaceholderText("Afzender (optioneel)")
        self.registered = QCheckBox("Aange&tekend")
        self.mail_in_button = QPushButton("&Post binnen")
        self.mail_in_button.setObjectName("mailIn")
        self.waiting = QListWidget()
        self.waiting.setObjectName("waitingMail")
        self.waiting.setSelectionMode(QListWidget.SelectionMode.MultiSelection)
        self.id_checked = QCheckBox("&ID-bewijs gecontroleerd")
        self.id_checked.setObjectName("idChecked")
        self.staff = QLineEdit(desk.worker)
        self.staff.setObjectName("handedBy")
        self.hand_button = QPushButton("Gekozen post &afgeven")
        self.hand_button.setObjectName("handOut")
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        kind_label = QLabel("Af&zender")
        kind_label.setBuddy(self.sender_kind)
        row.addWidget(kind_label)
        for widget, stretch in (
            (self.sender_kind, 0),
            (self.sender_name, 1),
            (self.registered, 0),
            (self.mail_in_button, 0),
        ):
            row.addWidget(widget, stretch)
        layout.addLayout(row)
        layout.addWidget(self.waiting)
        hand_row = QHBoxLayout()
        hand_row.addWidget(self.id_checked)
        hand_row.addWidget(QLabel("Medewerker"))
        hand_row.addWidget(self.staff)
        hand_row.addWidget(self.hand_button)
        layout.addLayout(hand_row)

    def show_mail(self, person_id: int | None) -> None:
        """The mail waiting for `person_id` (none chosen: an empty list)."""
        self.waiting.clear()
        if person_id is None:
            return
        for item in mail_waiting(self._desk, person_id):
            entry = QListWidgetItem(
                f"{dutch_date(item.received_on)} — {item.sender_kind.label}"
                + (f" ({item.sender})" if item.sender else "")
                + (" — AANGETEKEND" if item.registered else "")
            )
            entry.setData(Qt.ItemDataRole.UserRole, item.mail_id)
            self.waiting.addItem(entry)

    def chosen_mail(self) -> list[int]:
        """The ids of the waiting letters the worker selected to hand out."""
        return [item.data(Qt.ItemDataRole.UserRole) for item in self.waiting.selectedItems()]

    def clear_letter(self) -> None:
        """The letter is logged: the next letter's sender is chosen again."""
        self.sender_name.clear()
        self.registered.setChecked(False)
        self.sender_kind.setCurrentIndex(0)
