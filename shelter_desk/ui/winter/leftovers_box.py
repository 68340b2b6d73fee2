"""The winter page's leftovers: who is still in a winter place after the last winter night."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout

from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.services.kernel import Desk
from shelter_desk.services.winter import leftovers
from shelter_desk.ui.section_page import SectionPage


class LeftoversBox(QGroupBox):
    """People in a winter place after last night's or tonight's last winter night; Enter opens one."""

    def __init__(self, page: SectionPage, desk: Desk) -> None:
        super().__init__("Na de laatste winternacht nog in een winterplek")
        self._desk = desk
        self.list = QListWidget()
        self.list.setObjectName("leftoverList")
        self.list.setFixedHeight(48)  # a few lines; the list scrolls
        self.list.setToolTip("Enter of dubbelklik: de persoon openen")
        QVBoxLayout(self).addWidget(self.list)
        self.list.itemActivated.connect(lambda item: page.open_person(item.data(Qt.ItemDataRole.UserRole)))

    def show_leftovers(self, tonight: date) -> None:
        self.list.clear()
        for night in (tonight - timedelta(days=1), tonight):
            for left in leftovers(self._desk, night):
                item = QListWidgetItem(
                    f"{left.person} — {left.facility}, bed {left.bed} (laatste winternacht {dutch_date(night)})"
                )
                item.setData(Qt.ItemDataRole.UserRole, left.person_id)
                self.list.addItem(item)
