"""The postal page's side panel: what can be done with the chosen address (review, activate,
letters, the municipality's overview) and ending it."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QMenu, QPushButton, QVBoxLayout, QWidget

from shelter_desk.domain.postal import EndReason
from shelter_desk.domain.roles import Permission
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.dialog_parts import date_edit
from shelter_desk.ui.permissions import may

SIDE_PANEL_WIDTH = 330

# The address's actions: (key, button text), top to bottom.
POSTAL_ACTIONS = (
    ("register", "&Nieuw postadres…"),
    ("review", "Persoon gemeld: controledatum &verlengen"),
    ("activate", "Van wachtlijst a&ctiveren"),
    ("confirmation", "Verklaring adres&gever (PDF)"),
    ("end_notice", "&Melding beëindiging (PDF)"),
    ("overview", "Overzicht gemeente (P&DF)"),
    ("csv", "Overzicht gemeente (C&SV)"),
)
# The documents the "Afdrukken" menu sends to the printer: (key of its PDF action, menu text).
PAPER_DOCUMENTS = (
    ("confirmation", "Verklaring adresgever"),
    ("end_notice", "Melding beëindiging"),
    ("overview", "Overzicht gemeente"),
)


class EndBox(QGroupBox):
    """Ending the chosen address: why, from when, and a remark."""

    def __init__(self, desk: Desk) -> None:
        super().__init__("Beëindigen")
        self.reason = QComboBox()
        for reason in EndReason:
            self.reason.addItem(reason.label, reason.value)
        self.date = date_edit(desk.today())
        self.remark = QLineEdit()
        self.button = QPushButton("Postadres b&eëindigen")
        self.button.setObjectName("endPostal")
        form = QFormLayout(self)
        form.addRow("Reden", self.reason)
        form.addRow("Einddatum", self.date)
        form.addRow("Toelichting", self.remark)
        form.addRow("", self.button)


class PostalSidePanel(QWidget):
    """The "Postadres" box of actions above the "Beëindigen" box, at a fixed width."""

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.setObjectName("sidePanel")
        self.setFixedWidth(SIDE_PANEL_WIDTH)
        self.action_buttons: dict[str, QPushButton] = {}
        box = QGroupBox("Postadres")
        buttons = QVBoxLayout(box)
        for key, text in POSTAL_ACTIONS:
            button = QPushButton(text)
            button.setObjectName(f"postal_{key}")
            buttons.addWidget(button)
            self.action_buttons[key] = button
        buttons.addWidget(self._build_paper_button(desk))
        self.end = EndBox(desk)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addWidget(self.end)
        layout.addStretch(1)

    def _build_paper_button(self, desk: Desk) -> QPushButton:
        """One "Afdrukken" button whose menu prints each document beside its PDF button; the
        overview for the municipality only for those who may export (checked as the menu opens)."""
        self.paper_button = QPushButton("Afdru&kken")
        self.paper_button.setObjectName("postalPaper")
        menu = QMenu(self.paper_button)
        self.paper_actions: dict[str, QAction] = {}
        for key, text in PAPER_DOCUMENTS:
            self.paper_actions[key] = menu.addAction(f"{text} afdrukken…")
        overview = self.paper_actions["overview"]
        menu.aboutToShow.connect(lambda: overview.setEnabled(may(desk, Permission.EXPORT)))
        self.paper_button.setMenu(menu)
        return self.paper_button
