"""Recording a street contact on a winter night: the person (found, or described), place, bed, outcome.

Choosing the person fills the facilities with a fitting free bed tonight; 'bed aangenomen' reserves
that bed, so the facility expects the person on its board. Those facilities are read on the database
worker (the window keeps answering while the database is slow; the latest choice wins), and the
contact is recorded only once the facilities shown belong to the person as now chosen.
"""

from __future__ import annotations

from datetime import date, time
from functools import partial

from PySide6.QtCore import QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.person_details import PersonDetails, details_from_search
from shelter_desk.domain.shelter_night import AMSTERDAM, dutch_night
from shelter_desk.domain.street_contacts import StreetContactTerms, StreetOutcome
from shelter_desk.services.beds import BedSuggestion, fitting_free_beds
from shelter_desk.services.kernel import Desk
from shelter_desk.services.outreach import record_street_contact
from shelter_desk.ui.background import BackgroundReader
from shelter_desk.ui.dialog_parts import fit_to_screen, ok_cancel
from shelter_desk.ui.shared.person_form import PersonFormDialog
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import HINT_STYLE, error_label

FACILITIES_COMING = "Even geduld: de voorzieningen met een passend bed voor deze persoon komen nog."
_NOBODY_YET = object()  # the facilities shown belong to no choice yet


class StreetContactDialog(QDialog):
    recorded = Signal(int)

    def __init__(self, desk: Desk, centre_code: str, night: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._centre_code, self._night = desk, centre_code, night
        self.setWindowTitle(f"Straatcontact vastleggen — {dutch_night(night)}")
        fit_to_screen(self, 720, 640)
        hint = QLabel(
            "Zoek de persoon, schrijf hem of haar in (Ctrl+N), of beschrijf wie het was. "
            "Bij 'bed aangenomen' wordt een passend bed gereserveerd: de voorziening verwacht de persoon."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.picker = PersonPicker(desk)
        self.picker.results.selectionModel().selectionChanged.connect(lambda *_: self.refresh_facilities())
        self.picker.query.textChanged.connect(lambda _t: self._typed())
        self.registered: int | None = None  # the person just registered from this dialog
        self.new_button = QPushButton("&Nieuwe persoon (Ctrl+N)")
        self.new_button.setObjectName("streetNewPerson")
        self.new_button.clicked.connect(self.new_person)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_person)
        self.registered_label = QLabel("")
        self.registered_label.setObjectName("streetRegistered")
        self.description = QLineEdit()
        self.description.setObjectName("streetDescription")
        self.description.setPlaceholderText("Alleen als de persoon onbekend blijft: 'man, ca. 60, blauwe slaapzak'")
        self.seen_at = QTimeEdit()
        self.seen_at.setObjectName("streetTime")
        self.seen_at.setDisplayFormat("HH:mm")
        now = desk.now().astimezone(AMSTERDAM)
        self.seen_at.setTime(QTime(now.hour, now.minute))
        self.place = QLineEdit()
        self.place.setObjectName("streetPlace")
        self.place.setPlaceholderText("Bijv. portiek Kerkplein, bankje aan de Vaart")
        self.postcode = QLineEdit()
        self.postcode.setObjectName("streetPostcode")
        self.postcode.setPlaceholderText("bijv. 9401 GH")
        self.postcode.setMaximumWidth(140)
        self.bed_offered = QCheckBox("Bed aangeboden")
        self.bed_offered.setObjectName("streetBedOffered")
        self.outcome = QComboBox()
        self.outcome.setObjectName("streetOutcome")
        for outcome in StreetOutcome:
            self.outcome.addItem(outcome.label, outcome.value)
        self.facility = QComboBox()
        self.facility.setObjectName("streetFacility")
        self.remark = QLineEdit()
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Onbekende persoon", self.description)
        form.addRow("&Tijd", self.seen_at)
        form.addRow("&Plaats", self.place)
        form.addRow("Postcode", self.postcode)
        form.addRow("", self.bed_offered)
        form.addRow("&Uitkomst", self.outcome)
        form.addRow("&Gebracht naar", self.facility)
        form.addRow("Toelichting", self.remark)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.picker, 1)
        new_row = QHBoxLayout()
        new_row.addWidget(self.registered_label, 1)
        new_row.addWidget(self.new_button)
        layout.addLayout(new_row)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons, self.ok = ok_cancel(self, "Straatcontact &vastleggen", self.record)
        layout.addWidget(buttons)
        self._facilities_for: object = _NOBODY_YET  # the choice the facilities shown belong to
        self.reader = BackgroundReader(self)
        self.outcome.currentIndexChanged.connect(lambda _i: self._follow_outcome())
        self.refresh_facilities()
        self._follow_outcome()

    def _person(self) -> int | None:
        if self.registered is not None:
            return self.registered
        return self.picker.selected_person() if self.picker.query.text().strip() else None

    def _typed(self) -> None:
        """Searching again means someone else than the person just registered."""
        self.registered = None
        self.registered_label.setText("")
        self.refresh_facilities()

    def new_person(self) -> PersonFormDialog:
        """Register the person met outside (the quick intake, filled with what was typed)."""
        form = PersonFormDialog(self._desk, self, details=details_from_search(self.picker.query.text()))
        form.saved.connect(lambda person_id: self._registered(person_id, form.details()))
        form.open_existing.connect(lambda person_id: self._registered(person_id, form.details()))
        self.form = form
        form.open()
        return form

    def _registered(self, person_id: int, details: PersonDetails) -> None:
        self.picker.query.blockSignals(True)
        self.picker.query.clear()
        self.picker.query.blockSignals(False)
        self.registered = person_id
        name = display_name(details.first_name, details.name_prefix, details.last_name, details.alias)
        self.registered_label.setText(f"Ingeschreven: {name}")
        self.refresh_facilities()

    def _follow_outcome(self) -> None:
        accepted = self.outcome.currentData() == StreetOutcome.ACCEPTED.value
        self.facility.setEnabled(accepted)
        if accepted or self.outcome.currentData() == StreetOutcome.REFUSED.value:
            self.bed_offered.setChecked(True)

    @property
    def suggesting(self) -> bool:
        """True while the facilities of the latest choice are on their way from the database worker."""
        return self.reader.is_reading()

    def refresh_facilities(self) -> None:
        """Ask for the facilities with a bed that fits the person as now chosen (the latest choice wins)."""
        desk, person_id, night = self._desk, self._person(), self._night
        self.ok.setEnabled(False)  # until the facilities of this choice are shown
        self.reader.run(
            lambda: fitting_free_beds(desk, person_id, night),
            partial(self._show_facilities, person_id),
            partial(self._no_facilities, person_id),
        )

    def _show_facilities(self, person_id: int | None, options: list[BedSuggestion]) -> None:
        """The facilities with a bed that fits the chosen person tonight, the own region first."""
        chosen = self.facility.currentData()
        self.facility.clear()
        seen: set[int] = set()
        for option in options:
            if option.facility_id not in seen and not option.question:
                seen.add(option.facility_id)
                why = f"; {option.why}" if option.why else ""
                self.facility.addItem(f"{option.facility} ({option.free_beds} vrij{why})", option.facility_id)
        if not seen:
            self.facility.addItem("Geen passend vrij bed vannacht", None)
        self.facility.setCurrentIndex(max(self.facility.findData(chosen), 0))
        self._settle(person_id)

    def _no_facilities(self, person_id: int | None, error: BaseException) -> None:
        if not isinstance(error, DeskError):
            raise error  # a fault, not a refusal: the window's error handling reports it
        self.facility.clear()
        self.error.setText(error.message)
        self.error.show()
        self._settle(person_id)

    def _settle(self, person_id: int | None) -> None:
        self._facilities_for = person_id
        self.ok.setEnabled(True)
        if self.error.text() == FACILITIES_COMING:
            self.error.hide()

    def _current(self) -> bool:
        """The facilities shown belong to the person as now chosen; otherwise say to wait."""
        if self.picker.searching or self.suggesting or self._facilities_for != self._person():
            if not self.picker.searching and not self.suggesting:
                self.refresh_facilities()  # (a choice the dialog did not hear of: ask for it now)
            self.error.setText(FACILITIES_COMING)
            self.error.show()
            return False
        return True

    def terms(self) -> StreetContactTerms:
        outcome = StreetOutcome(self.outcome.currentData())
        shown = self.seen_at.time()
        return StreetContactTerms(
            night=self._night,
            seen_at=time(shown.hour(), shown.minute()),
            place=self.place.text(),
            outcome=outcome,
            bed_offered=self.bed_offered.isChecked(),
            postcode=self.postcode.text(),
            person_id=self._person(),
            description=self.description.text(),
            facility_id=self.facility.currentData() if outcome is StreetOutcome.ACCEPTED else None,
            remark=self.remark.text(),
        )

    def record(self) -> None:
        if not self._current():
            return
        try:
            contact_id = record_street_contact(self._desk, self._centre_code, self.terms())
        except DeskError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        self.recorded.emit(contact_id)
        self.accept()
