"""The winter page's winter locations: tonight's watch per location, its night list, and adding
a location in the chosen region."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QSpinBox

from shelter_desk.services.beds import winter_night_list_pdf
from shelter_desk.services.kernel import Desk
from shelter_desk.services.winter import add_winter_location, set_staffing, staffing, winter_locations
from shelter_desk.ui.section_page import SectionPage


class WinterLocationsBox(QGroupBox):
    """ "Winterlocaties en wacht vannacht": security and waking watch per location, a new location."""

    def __init__(self, page: SectionPage, desk: Desk, region: QComboBox) -> None:
        super().__init__("Winterlocaties en wacht vannacht")
        self._page, self._desk, self._region = page, desk, region
        self.location = QComboBox()
        self.location.setObjectName("winterLocations")
        self.new_location, self.new_places = QLineEdit(), QSpinBox()
        self.new_location.setPlaceholderText("Naam van de winterlocatie, bijv. Sporthal De Kolk")
        self.new_places.setRange(1, 200)
        self.new_places.setValue(10)
        self.add_button = QPushButton("Winterlocatie &toevoegen")
        self.security, self.waking_watch = QLineEdit(), QLineEdit()
        self.security.setObjectName("securityNames")
        self.waking_watch.setObjectName("wakingWatchNames")
        self.save_staff_button = QPushButton("Bezetting vannacht &opslaan")
        self.print_list_button = QPushButton("Winternacht&lijst (PDF)")
        self.print_list_button.setObjectName("printWinterList")
        self.paper_list_button = QPushButton("Afdru&kken…")
        self.paper_list_button.setObjectName("printWinterListPaper")
        self.paper_list_button.setToolTip("Winternachtlijst afdrukken")
        form = QFormLayout(self)
        form.addRow("Locatie", self.location)
        form.addRow("Beveiliging", self.security)
        form.addRow("Wakende wacht", self.waking_watch)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_staff_button)
        buttons.addWidget(self.print_list_button)
        buttons.addWidget(self.paper_list_button)
        form.addRow("", buttons)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_location, 1)
        new_row.addWidget(self.new_places)
        new_row.addWidget(self.add_button)
        form.addRow("Nieuw", new_row)
        self.add_button.clicked.connect(self.add_location)
        self.save_staff_button.clicked.connect(self.save_staffing)
        self.print_list_button.clicked.connect(self.print_night_list)
        self.paper_list_button.clicked.connect(self.print_night_list_on_paper)
        self.location.currentIndexChanged.connect(lambda _i: self._show_staffing())

    def show_locations(self) -> None:
        """Refill the winter locations (the chosen one stays chosen) and its watch tonight."""
        chosen = self.location.currentData()
        self.location.blockSignals(True)
        self.location.clear()
        for facility_id, name, region in winter_locations(self._desk):
            self.location.addItem(f"{name} ({region})", facility_id)
        self.location.setCurrentIndex(max(self.location.findData(chosen), 0))
        self.location.blockSignals(False)
        self._show_staffing()

    def _show_staffing(self) -> None:
        facility_id = self.location.currentData()
        security, watch = staffing(self._desk, facility_id, self._desk.tonight()) if facility_id else ("", "")
        self.security.setText(security)
        self.waking_watch.setText(watch)

    def add_location(self) -> None:
        name = self.new_location.text()
        if self._page.attempt(
            lambda: add_winter_location(self._desk, self._region.currentData(), name, self.new_places.value()),
            then=self._page.refresh,
            done=f"Winterlocatie {name} toegevoegd met {self.new_places.value()} plaatsen.",
        ):
            self.new_location.clear()

    def save_staffing(self) -> bool:
        facility_id = self.location.currentData()
        if facility_id is None:
            self._page.refuse("Voeg eerst een winterlocatie toe.")
            return False
        return self._page.attempt(
            lambda: set_staffing(
                self._desk, facility_id, self._desk.tonight(), self.security.text(), self.waking_watch.text()
            ),
            done=f"Bezetting van {self.location.currentText()} voor vannacht opgeslagen.",
        )

    def print_night_list(self) -> Path | None:
        facility_id = self.location.currentData()
        if not self.save_staffing():
            return None
        night = self._desk.tonight()
        return self._page.save_and_open(
            f"winternachtlijst-{facility_id}-{night.isoformat()}.pdf",
            lambda: winter_night_list_pdf(self._desk, facility_id, night),
            "Winternachtlijst",
        )

    def print_night_list_on_paper(self) -> Path | None:
        facility_id = self.location.currentData()
        if not self.save_staffing():
            return None
        night = self._desk.tonight()
        return self._page.print_on_paper(
            lambda: winter_night_list_pdf(self._desk, facility_id, night),
            f"Winternachtlijst {self.location.currentText()}",
        )
