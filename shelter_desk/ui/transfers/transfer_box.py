"""The transfers page's warm transfer box: the receiving contact, the answer, and the person's
transfers so far."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.services.transfers import TransferView

# The transfer's actions: (key, button text), in the grid's reading order.
TRANSFER_ACTIONS = (
    ("request", "Overdracht &aanvragen"),
    ("accepted", "Geacce&pteerd"),
    ("refused", "Gewei&gerd"),
    ("moved", "Verhui&sd"),
    ("letter", "Overdrachtsbr&ief (PDF)"),
    ("letter_paper", "Overdrachtsbrief af&drukken…"),
)


class WarmTransferBox(QGroupBox):
    """Contact and channel of the receiving municipality, a refusal's reason, and the transfers."""

    def __init__(self) -> None:
        super().__init__("Warme overdracht")
        self.contact, self.channel = QLineEdit(), QLineEdit()
        self.contact.setObjectName("transferContact")
        self.channel.setPlaceholderText("telefoon, e-mail, beveiligde mail…")
        self.refusal = QLineEdit()
        self.refusal.setPlaceholderText("Reden bij weigering")
        self.dispute = QCheckBox("Voorleggen aan de Geschillen&commissie")
        self.list = QListWidget()
        self.list.setObjectName("transferList")
        self.list.setMaximumHeight(110)
        self.buttons: dict[str, QPushButton] = {}
        for key, text in TRANSFER_ACTIONS:
            self.buttons[key] = QPushButton(text)
            self.buttons[key].setObjectName(f"transfer_{key}")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow("Contactpersoon", self.contact)
        form.addRow("Kanaal", self.channel)
        form.addRow("Weigering", self.refusal)
        form.addRow("", self.dispute)
        layout.addLayout(form)
        grid = QGridLayout()  # two columns: the row of five did not fit beside the decision on a laptop
        for index, button in enumerate(self.buttons.values()):
            grid.addWidget(button, index // 2, index % 2)
        layout.addLayout(grid)
        layout.addWidget(self.list)

    def show_transfers(self, shown: list[TransferView]) -> None:
        """List `shown` (one person's transfers), the latest chosen."""
        self.list.blockSignals(True)
        self.list.clear()
        for transfer in shown:
            item = QListWidgetItem(
                f"{transfer.to_centre}: {transfer.status.value} (aangevraagd "
                f"{dutch_date(transfer.requested_on)})"
                + (f" — {transfer.refusal_reason}" if transfer.refusal_reason else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, transfer.transfer_id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)

    def chosen_id(self) -> int | None:
        """The id of the transfer chosen in the list, if any."""
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))
