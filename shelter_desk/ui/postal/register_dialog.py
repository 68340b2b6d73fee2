"""Registering a postal address: the person, the location that gives its address, consent and dates."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from shelter_desk.domain.postal import missing_address_parts
from shelter_desk.services.admin import facility_details
from shelter_desk.services.kernel import Desk
from shelter_desk.services.postal import default_review_date, register_postal_address
from shelter_desk.ui.dialog_parts import date_edit, fit_to_screen, ok_cancel, pydate, qdate
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import error_label


class RegisterPostalDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.postal_id: int | None = None  # the address registered, for the page to select
        self.setWindowTitle("Postadres registreren")
        fit_to_screen(self, 720, 520)
        self.picker = PersonPicker(desk)
        self.location = QComboBox()
        self.location.setObjectName("postalLocation")
        incomplete = []
        for details in facility_details(desk):
            terms = details.terms
            if missing_address_parts(terms.street, terms.postcode, terms.city):
                if terms.street or terms.city:
                    incomplete.append(terms.name)
                continue
            self.location.addItem(f"{terms.name} — {terms.street}, {terms.postcode} {terms.city}", details.facility_id)
        # Say why a location the desk expects is not offered (its address lacks a number or postcode).
        self.incomplete = QLabel(
            "Niet te kiezen, adres onvolledig (aanvullen onder Beheer): " + ", ".join(incomplete) if incomplete else ""
        )
        self.incomplete.setObjectName("incompleteGivers")
        self.incomplete.setWordWrap(True)
        self.incomplete.setVisible(bool(incomplete))
        today = desk.today()
        self.start, self.consent_on = date_edit(today), date_edit(today)
        self.review = date_edit(default_review_date(desk, today))
        self.start.dateChanged.connect(lambda d: self.review.setDate(qdate(default_review_date(desk, pydate(d)))))
        self.consent_by = QLineEdit()
        self.consent_by.setObjectName("consentBy")
        self.consent_by.setPlaceholderText("Wie gaf namens de adresgever toestemming (naam, functie)")
        self.error = error_label()
        form = QFormLayout()
        form.addRow("Adresgever (locatie)", self.location)
        form.addRow("", self.incomplete)
        form.addRow("Ingangsdatum", self.start)
        consent_label = QLabel("Toestemming &door")
        consent_label.setBuddy(self.consent_by)
        form.addRow(consent_label, self.consent_by)
        form.addRow("Toestemming op", self.consent_on)
        form.addRow("Controledatum", self.review)
        buttons, _ok = ok_cancel(self, "&Registreren", self.save)
        # Enter on a found person goes on to the address fields; Enter there registers.
        self.picker.chosen.connect(lambda _person: self.location.setFocus())
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # Tab follows the form from top to bottom (the name field was made after the dates).
        for first, second in (
            (self.location, self.start),
            (self.start, self.consent_by),
            (self.consent_by, self.consent_on),
            (self.consent_on, self.review),
        ):
            QWidget.setTabOrder(first, second)

    def save(self) -> None:
        person = self.picker.required_person(self.error)
        made: list[int] = []
        if person is not None and attempt(
            self.error,
            lambda: made.append(
                register_postal_address(
                    self._desk,
                    person,
                    self.location.currentData(),
                    pydate(self.start.date()),
                    self.consent_by.text(),
                    pydate(self.consent_on.date()),
                    pydate(self.review.date()),
                )
            ),
        ):
            self.postal_id = made[0]
            self.accept()
