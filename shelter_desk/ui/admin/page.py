"""The Beheer section: facilities with their beds, and the organisation settings every desk shares."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import AgeRange, FacilityKind, FacilityTerms, parse_euro_cents
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.stays import format_euros, parse_stay_period
from shelter_desk.services.admin import BedRow, FacilityDetails, add_beds, facility_details, retire_bed, save_facility
from shelter_desk.services.kernel import Desk, list_municipalities
from shelter_desk.services.trajectory import set_allocates_by_decision
from shelter_desk.ui.admin.import_panel import ImportPanel
from shelter_desk.ui.admin.reference_panel import ReferencePanel
from shelter_desk.ui.admin.settings_box import SettingsBox
from shelter_desk.ui.admin.trust_panel import TrustPanel
from shelter_desk.ui.record_list import RecordList
from shelter_desk.ui.section_page import SectionPage

NO_LIMIT = "geen"


def _optional_int(text: str, label: str) -> int | None:
    cleaned = text.strip()
    if not cleaned or cleaned == NO_LIMIT:
        return None
    if not cleaned.isdigit():
        raise DeskError(f"{label}: typ een heel getal of laat het leeg.")
    return int(cleaned)


def facility_line(details: object) -> str:
    assert isinstance(details, FacilityDetails)
    return f"{details.terms.name} ({details.region})"


def bed_line(bed: object) -> str:
    """A facility's bed in the list: its label, extra, out of use."""
    assert isinstance(bed, BedRow)
    return f"Bed {bed.label}" + (" (extra)" if bed.is_overflow else "") + ("" if bed.active else " — buiten gebruik")


class AdminPage(SectionPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.details: list[FacilityDetails] = []
        # The facility's form in the middle, its beds above the settings: columns of equal height.
        middle, right = QVBoxLayout(), QVBoxLayout()
        middle.addWidget(self._build_facility_box())
        middle.addStretch(1)
        right.addWidget(self._build_beds_box())
        self.settings_box = SettingsBox(desk)
        self.settings, self.settings_error = self.settings_box.settings, self.settings_box.settings_error
        right.addWidget(self.settings_box, 1)
        facilities_tab = QWidget()
        tab_layout = QHBoxLayout(facilities_tab)
        tab_layout.addLayout(self._build_facility_list(), 1)
        tab_layout.addLayout(middle, 2)
        tab_layout.addLayout(right, 2)
        self.tabs = QTabWidget()
        self.tabs.addTab(facilities_tab, "&Voorzieningen en instellingen")
        self.trust = TrustPanel(desk)
        self.tabs.addTab(self.trust, "&Gebruikers, back-ups en bewaartermijn")
        self.reference = ReferencePanel(desk)
        self.tabs.addTab(self.reference, "Ge&meenten en centrumgemeenten")
        self.imports = ImportPanel(desk)
        self.tabs.addTab(self.imports, "&Importeren uit spreadsheets")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Beheer</h2>"))
        layout.addWidget(self.tabs, 1)
        self._connect()
        self.refresh()

    # -- building ------------------------------------------------------------------------------

    def _build_facility_list(self) -> QVBoxLayout:
        self.facilities = RecordList()
        self.facilities.setObjectName("facilityList")
        self.new_button = QPushButton("&Nieuwe voorziening")
        layout = QVBoxLayout()
        layout.addWidget(self.facilities, 1)
        layout.addWidget(self.new_button)
        return layout

    def _build_facility_box(self) -> QGroupBox:
        self.name = QLineEdit()
        self.name.setObjectName("facilityName")
        self.kind = QComboBox()
        for kind in FacilityKind:
            self.kind.addItem(kind.label, kind.value)
        self.centre = QComboBox()
        self.centre.setObjectName("centreMunicipality")
        for choice in list_municipalities(self._desk.db):
            self.centre.addItem(choice.name, choice.code)
        self.min_age, self.max_age, self.max_stay = QLineEdit(), QLineEdit(), QLineEdit()
        for edit in (self.min_age, self.max_age, self.max_stay):
            edit.setPlaceholderText("leeg = geen grens")
        self.max_stay.setObjectName("facilityMaxStay")
        self.max_stay.setPlaceholderText("bijv. 3 maanden, 6 weken of 90 dagen; leeg = geen maximum")
        self.provider, self.street, self.postcode, self.city, self.fee = (QLineEdit() for _ in range(5))
        self.fee.setPlaceholderText("leeg = standaard van de organisatie")
        self.fee.setObjectName("facilityFee")
        self.phone = QLineEdit()
        self.phone.setObjectName("facilityPhone")
        self.phone.setPlaceholderText("wie bellen vannacht, bijv. 0592 123 456")
        self.save_button = QPushButton("&Opslaan")
        self.save_button.setObjectName("saveFacility")
        form = QFormLayout()
        for label, widget in (
            ("Naam", self.name),
            ("Soort", self.kind),
            ("Centrumgemeente (regio)", self.centre),
            ("Minimumleeftijd", self.min_age),
            ("Maximumleeftijd", self.max_age),
            ("Maximale verblijfsduur", self.max_stay),
            ("Aanbieder", self.provider),
            ("Straat", self.street),
            ("Postcode", self.postcode),
            ("Plaats", self.city),
            ("Telefoon", self.phone),
            ("Eigen bijdrage per nacht (€)", self.fee),
        ):
            form.addRow(label, widget)
        box = self.facility_box = QGroupBox("Voorziening")
        layout = QVBoxLayout(box)
        layout.addLayout(form)
        layout.addWidget(self.status_area())
        layout.addWidget(self.save_button)
        return box

    def _build_beds_box(self) -> QGroupBox:
        self.beds = RecordList()
        self.beds.setObjectName("bedList")
        self.bed_count = QSpinBox()
        self.bed_count.setRange(1, 200)
        self.add_regular = QPushButton("Bedden &toevoegen")
        self.add_regular.setObjectName("addBeds")
        self.add_overflow = QPushButton("E&xtra (overloop)bedden toevoegen")
        self.add_overflow.setObjectName("addOverflowBeds")
        self.retire_button = QPushButton("Gekozen bed &buiten gebruik")
        self.by_decision = QCheckBox("Plaatsen na aanmelding, intake en besluit (met wachtlijst)")
        self.by_decision.setObjectName("allocatesByDecision")
        self.by_decision.setToolTip("KDO en trajectkamers altijd; ook andere voorzieningen kunnen zo werken")
        box = self.beds_box = QGroupBox("Bedden")
        layout = QVBoxLayout(box)
        layout.addWidget(self.beds)
        row = QHBoxLayout()
        row.addWidget(self.bed_count)
        row.addWidget(self.add_regular)
        row.addWidget(self.add_overflow)
        layout.addLayout(row)
        layout.addWidget(self.retire_button)
        layout.addWidget(self.by_decision)
        return box

    def _connect(self) -> None:
        self.facilities.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show(current.row()))
        self.new_button.clicked.connect(self.new_facility)
        self.save_button.clicked.connect(self.save)
        self.add_regular.clicked.connect(lambda: self._add_beds(False))
        self.add_overflow.clicked.connect(lambda: self._add_beds(True))
        self.retire_button.clicked.connect(self._retire)
        self.by_decision.clicked.connect(self._set_by_decision)
        # Only administrators change facilities and settings; others read them, greyed out.
        self.gate(Permission.ADMINISTER, self.new_button, self.facility_box, self.beds_box, self.settings)

    # -- facilities ----------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self._current_id()
        self.details = facility_details(self._desk)
        self.facilities.show_records(self.details, facility_line)
        ids = [d.facility_id for d in self.details]
        row = ids.index(current) if current in ids else (0 if ids else -1)
        self.facilities.setCurrentRow(row)
        self._show(row)
        self.settings_box.load()

    def _current_id(self) -> int | None:
        details = self.facilities.current_record()
        return details.facility_id if isinstance(details, FacilityDetails) else None

    def _show(self, row: int) -> None:
        self.clear_messages()
        details = self.details[row] if 0 <= row < len(self.details) else None
        terms = details.terms if details else None
        self.name.setText(terms.name if terms else "")
        self.kind.setCurrentIndex(self.kind.findData(terms.kind.value) if terms else 0)
        self.centre.setCurrentIndex(max(self.centre.findData(terms.centre_municipality_code if terms else "0106"), 0))
        self.min_age.setText(str(terms.ages.minimum) if terms and terms.ages.minimum is not None else "")
        self.max_age.setText(str(terms.ages.maximum) if terms and terms.ages.maximum is not None else "")
        self.max_stay.setText(terms.max_stay.describe() if terms and terms.max_stay else "")
        self.provider.setText(terms.provider if terms else "")
        self.street.setText(terms.street if terms else "")
        self.postcode.setText(terms.postcode if terms else "")
        self.city.setText(terms.city if terms else "")
        self.phone.setText(terms.phone if terms else "")
        self.by_decision.setChecked(
            details is not None
            and (
                details.allocates_by_decision
                or details.terms.kind in (FacilityKind.SHORT_STAY, FacilityKind.TRAJECTORY_ROOM)
            )
        )
        fee = terms.night_fee_cents if terms else None
        self.fee.setText(format_euros(fee).removeprefix("€ ") if fee is not None else "")
        self.beds.show_records(details.beds if details else (), bed_line)

    def new_facility(self) -> None:
        self.facilities.clearSelection()
        self.facilities.setCurrentRow(-1)
        self._show(-1)
        self.name.setFocus()

    def terms(self) -> FacilityTerms:
        problems = []
        values = {}
        for key, edit, label in (("min", self.min_age, "Minimumleeftijd"), ("max", self.max_age, "Maximumleeftijd")):
            try:
                values[key] = _optional_int(edit.text(), label)
            except DeskError as error:
                problems.append(error.message)
        stay = None
        try:
            stay = parse_stay_period(self.max_stay.text())
        except DeskError as error:
            problems.append(error.message)
        try:
            fee = parse_euro_cents(self.fee.text())
        except DeskError as error:
            problems.append(error.message)
            fee = None
        if problems:
            raise DeskError("\n".join(problems))
        return FacilityTerms(
            self.name.text(),
            FacilityKind(self.kind.currentData()),
            self.centre.currentData(),
            AgeRange(values["min"], values["max"]),
            stay,
            self.provider.text(),
            self.street.text(),
            self.postcode.text(),
            self.city.text(),
            fee,
            self.phone.text(),
        )

    def save(self) -> None:
        saved: list[int] = []
        self.attempt(
            lambda: saved.append(save_facility(self._desk, self.terms(), self._current_id())),
            then=lambda: self.refresh(select_id=saved[0]),
            done=lambda: f"Voorziening {self.name.text()} opgeslagen.",
        )

    def _set_by_decision(self, checked: bool) -> None:
        facility_id = self._current_id()
        if facility_id is None:
            self.refuse("Sla eerst de voorziening op.")
            self.by_decision.setChecked(False)
            return
        said = "geeft nu plaatsen na een besluit" if checked else "geeft weer bedden zonder aanmelding"
        if not self.attempt(
            lambda: set_allocates_by_decision(self._desk, facility_id, checked),
            then=lambda: self.refresh(select_id=facility_id),
            done=f"{self.name.text()} {said}.",
        ):
            self.by_decision.setChecked(not checked)

    def _add_beds(self, overflow: bool) -> None:
        facility_id = self._current_id()
        if facility_id is None:
            self.refuse("Sla eerst de voorziening op.")
            return
        count = self.bed_count.value()
        self.attempt(
            lambda: add_beds(self._desk, facility_id, count, overflow=overflow),
            then=self.refresh,
            done=f"{count} {'extra ' if overflow else ''}bed(den) toegevoegd aan {self.name.text()}.",
        )

    def _retire(self) -> None:
        bed = self.beds.current_record()
        if not isinstance(bed, BedRow):
            self.refuse("Kies eerst een bed in de lijst.")
            return
        self.attempt(
            lambda: retire_bed(self._desk, bed.bed_id),
            then=self.refresh,
            done=f"{bed_line(bed)} buiten gebruik gezet.",
        )
