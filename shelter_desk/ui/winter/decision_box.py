"""The winter page's decision box: which regions, which nights, which phase, and a remark."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from shelter_desk.domain.winter import WinterPhase
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.dialog_parts import date_edit, pydate, qdate


class WinterDecisionBox(QGroupBox):
    """ "2. Besluit": the regions ticked, the first and last night, the phase and the remark."""

    def __init__(self, desk: Desk) -> None:
        super().__init__("2. Besluit")
        self.first_night, self.last_night = date_edit(desk.tonight()), date_edit(desk.tonight())
        self.phase = QComboBox()
        self.phase.setObjectName("winterPhase")
        for phase in (WinterPhase.ONE, WinterPhase.TWO):
            self.phase.addItem(phase.label, int(phase))
        self.remark = QLineEdit()
        self.remark.setObjectName("winterRemark")
        self.activate_button = QPushButton("&Activeren")
        self.activate_button.setObjectName("activateButton")
        self.region_checks: dict[str, QCheckBox] = {}
        self.province_button = QPushButton("Hele &provincie")
        self.province_button.setObjectName("wholeProvince")
        self.province_button.setToolTip(
            "Alle regio's aanvinken: de winterregeling geldt voor de hele provincie en "
            "wordt gecoördineerd vanuit het Meldpunt OGGZ"
        )
        regions_host = QWidget()
        self.region_checks_row = QHBoxLayout(regions_host)
        self.region_checks_row.setContentsMargins(0, 0, 0, 0)
        self.region_checks_row.addStretch(1)
        self.region_checks_row.addWidget(self.province_button)
        form = QFormLayout(self)
        form.addRow("Regio's", regions_host)
        form.addRow("Eerste nacht", self.first_night)
        form.addRow("Laatste nacht", self.last_night)
        form.addRow("Fase", self.phase)
        form.addRow("Opmerking", self.remark)
        form.addRow("", self.activate_button)
        self.province_button.clicked.connect(self.check_whole_province)

    def show_regions(self, known: list[tuple[str, str]], chosen: str | None) -> None:
        """One tick box per region (made again only when the regions changed), `chosen` ticked."""
        if list(self.region_checks) != [code for code, _name in known]:
            for box in self.region_checks.values():
                self.region_checks_row.removeWidget(box)
                box.hide()  # gone at once, not only when the event loop deletes it
                box.deleteLater()
            self.region_checks = {}
            for position, (code, name) in enumerate(known):
                box = QCheckBox(name)
                box.setObjectName(f"activateRegion{code}")
                self.region_checks[code] = box
                self.region_checks_row.insertWidget(position, box)
            self.check_only(chosen)

    def check_whole_province(self) -> None:
        for box in self.region_checks.values():
            box.setChecked(True)

    def check_only(self, chosen: str | None) -> None:
        """Choosing a region above ticks that one alone; more can be ticked for one joint act."""
        for code, box in self.region_checks.items():
            box.setChecked(code == chosen)

    def ticked(self) -> list[str]:
        """The codes of the regions ticked."""
        return [code for code, box in self.region_checks.items() if box.isChecked()]

    def propose(self, first: date, last: date, phase: WinterPhase) -> None:
        """The forecast's cold nights and recommended phase, as the decision to take."""
        self.first_night.setDate(qdate(first))
        self.last_night.setDate(qdate(last))
        self.phase.setCurrentIndex(self.phase.findData(int(phase)))

    def keep_from(self, tonight: date) -> None:
        """No night before `tonight` can be decided on."""
        for edit in (self.first_night, self.last_night):
            if pydate(edit.date()) < tonight:
                edit.setDate(qdate(tonight))
