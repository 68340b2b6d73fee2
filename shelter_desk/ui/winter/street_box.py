"""Tonight's street contacts in the winter page's chosen region: the list, the counts, recording one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from shelter_desk.domain.roles import Permission
from shelter_desk.domain.street_contacts import count_contacts
from shelter_desk.services.kernel import Desk
from shelter_desk.services.outreach import street_contacts
from shelter_desk.ui.permissions import may
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.winter.street_dialog import StreetContactDialog


class StreetContactsBox(QGroupBox):
    """Who the street work met outside tonight, in the region the page has chosen."""

    def __init__(self, page: SectionPage, desk: Desk, region: QComboBox) -> None:
        super().__init__("Straatcontacten vannacht (gekozen regio)")
        self._page, self._desk, self._region = page, desk, region
        self.list = QListWidget()
        self.list.setObjectName("streetContacts")
        self.list.setFixedHeight(48)  # a few lines; the list scrolls
        self.list.setToolTip("Enter of dubbelklik: de persoon openen")
        self.counts = QLabel()
        self.counts.setObjectName("streetCounts")
        self.button = QPushButton("St&raatcontact vastleggen…")
        self.button.setObjectName("recordStreetContact")
        self.button.setToolTip("Wie het straatwerk vannacht buiten trof, in de regio hierboven")
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(self.counts, 1)
        row.addWidget(self.button)
        layout.addLayout(row)
        self.button.clicked.connect(self.record)
        self.list.itemActivated.connect(self._open_person)
        region.currentIndexChanged.connect(lambda _i: self.show_contacts())
        page.gate(Permission.STREET_WORK, self.button)

    def show_contacts(self) -> None:
        self.list.clear()
        code = self._region.currentData()
        if code is None or not may(self._desk, Permission.STREET_WORK):
            self.counts.setText("" if code is None else "Alleen voor coördinatoren (straatwerk).")
            return
        contacts = street_contacts(self._desk, code, self._desk.tonight())
        for contact in contacts:
            item = QListWidgetItem(
                f"{contact.seen_at:%H:%M} {contact.place} — {contact.who}: {contact.outcome.label}"
                + (f" → {contact.facility}" if contact.facility else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, contact.person_id)
            self.list.addItem(item)
        counts = count_contacts((c.bed_offered, c.outcome) for c in contacts)
        self.counts.setText(counts.describe().capitalize())

    def _open_person(self, item: QListWidgetItem) -> None:
        person_id = item.data(Qt.ItemDataRole.UserRole)
        if person_id is not None:
            self._page.open_person(person_id)

    def record(self) -> StreetContactDialog | None:
        code = self._region.currentData()
        if code is None:
            self._page.refuse("Kies eerst de regio.")
            return None
        dialog = StreetContactDialog(self._desk, code, self._desk.tonight(), self._page)
        self._page.show_dialog(dialog, then=self.show_contacts, done="Straatcontact vastgelegd.")
        return dialog
