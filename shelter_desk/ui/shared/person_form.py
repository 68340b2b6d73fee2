"""The quick-intake dialog, also used to edit a record: every field, errors inline, duplicates shown.

Refusals appear in red above the buttons and leave everything typed in place. A similar person
opens a panel listing the candidates: open one of them, or save as a new person anyway.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.dutch_dates import format_dutch_date, parse_date_of_birth, parse_dutch_date
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import Consent, Gender, HomelessnessRoute, PersonDetails
from shelter_desk.services.kernel import Desk, list_municipalities
from shelter_desk.services.people import DuplicateBsn, PossibleDuplicates, register_person, update_person
from shelter_desk.ui.styles import HINT_STYLE, RESTRICTION_RED, error_label


def _combo(options: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    for label, value in options:
        combo.addItem(label, value)
    return combo


class PersonFormDialog(QDialog):
    """New person (person_id None) or edit. Emits `saved(id)`, or `open_existing(id)` for a duplicate."""

    saved = Signal(int)
    open_existing = Signal(int)

    def __init__(
        self,
        desk: Desk,
        parent: QWidget | None = None,
        *,
        person_id: int | None = None,
        details: PersonDetails | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._person_id = person_id
        self.setWindowTitle("Persoon bewerken" if person_id else "Nieuwe persoon inschrijven")
        self.setObjectName("personForm")

        self.first_name, self.name_prefix, self.last_name, self.alias = (QLineEdit() for _ in range(4))
        self.date_of_birth = QLineEdit()
        self.date_of_birth.setPlaceholderText("dd-mm-jjjj, of alleen een jaar als het precies onbekend is")
        self.gender = _combo([(g.label, g) for g in Gender])
        self.gender.setCurrentIndex(list(Gender).index(Gender.ONBEKEND))
        self.bsn = QLineEdit()
        self.bsn.setPlaceholderText("9 cijfers, niet verplicht")
        self.nationality = QLineEdit()
        self.municipality = self._municipality_combo()
        self.last_street, self.last_postcode, self.last_city, self.phone = (QLineEdit() for _ in range(4))
        self.last_postcode.setPlaceholderText("1234 AB")
        self.abroad = QCheckBox("In het buitenlan&d (buitenlandse postcode)")
        self.abroad.setObjectName("lastAddressAbroad")
        self.route = _combo([(r.label, r) for r in HomelessnessRoute])
        self.route.setCurrentIndex(list(HomelessnessRoute).index(HomelessnessRoute.UNKNOWN))
        self.consent = _combo([(c.label, c) for c in Consent])
        self.consent_date = QLineEdit()
        self.consent_date.setPlaceholderText("dd-mm-jjjj")
        self.consent.currentIndexChanged.connect(self._consent_changed)
        self.safety_notes = QPlainTextEdit()
        self.safety_notes.setTabChangesFocus(True)
        self.safety_notes.setFixedHeight(56)

        for widget, name in (
            (self.first_name, "firstName"),
            (self.name_prefix, "namePrefix"),
            (self.last_name, "lastName"),
            (self.alias, "alias"),
            (self.date_of_birth, "dateOfBirth"),
            (self.bsn, "bsn"),
            (self.last_postcode, "lastPostcode"),
            (self.municipality, "municipality"),
        ):
            widget.setObjectName(name)

        form = QGridLayout()
        left, right = QFormLayout(), QFormLayout()
        left.addRow("&Voornaam", self.first_name)
        left.addRow("&Tussenvoegsel", self.name_prefix)
        left.addRow("&Achternaam", self.last_name)
        left.addRow("&Roepnaam / alias", self.alias)
        left.addRow("&Geboortedatum", self.date_of_birth)
        left.addRow("Geslacht", self.gender)
        left.addRow("&BSN", self.bsn)
        left.addRow("Nationaliteit", self.nationality)
        left.addRow("Gemeente van &herkomst", self.municipality)
        right.addRow("Laatste adres: straat", self.last_street)
        right.addRow("Postcode", self.last_postcode)
        right.addRow("", self.abroad)
        right.addRow("Plaats", self.last_city)
        right.addRow("Telefoon", self.phone)
        right.addRow("Reden dakloosheid", self.route)
        right.addRow("Toestemming delen", self.consent)
        right.addRow("Datum toestemming", self.consent_date)
        right.addRow("Veiligheidsnotities", self.safety_notes)
        form.addLayout(left, 0, 0)
        form.addLayout(right, 0, 1)

        self.error = error_label()

        self.duplicate_panel = QFrame()
        self.duplicate_panel.setObjectName("duplicatePanel")
        self.duplicate_panel.setFrameShape(QFrame.Shape.StyledPanel)
        self.duplicate_panel.setStyleSheet("QFrame#duplicatePanel { background: #fef3c7; }")
        self.duplicate_text = QLabel("Lijkt op iemand die al bekend is. Is het dezelfde persoon?")
        self.candidates = QListWidget()
        self.candidates.setObjectName("duplicateCandidates")
        self.candidates.setMaximumHeight(90)
        self.open_candidate = QPushButton("Dit is dezelfde persoon: &open dat record")
        self.open_candidate.setObjectName("openExisting")
        self.save_anyway = QPushButton("Andere persoon: toch &nieuw opslaan")
        self.save_anyway.setObjectName("saveAnyway")
        panel = QVBoxLayout(self.duplicate_panel)
        panel.addWidget(self.duplicate_text)
        panel.addWidget(self.candidates)
        panel.addWidget(self.open_candidate)
        panel.addWidget(self.save_anyway)
        self.duplicate_panel.hide()
        self.open_candidate.clicked.connect(self._open_candidate)
        self.candidates.itemActivated.connect(lambda _item: self._open_candidate())
        self.save_anyway.clicked.connect(lambda: self._save(accept_similar=True))

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("&Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(lambda: self._save(accept_similar=False))
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, lambda: self._save(accept_similar=False))

        layout = QVBoxLayout(self)
        hint = QLabel("Alleen een naam of een alias is nodig; de rest kan later.")
        hint.setStyleSheet(HINT_STYLE)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.duplicate_panel)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if details is not None:
            self._fill(details)
        # Enter anywhere in the form saves; the panel's buttons must not become the default.
        for button in (self.open_candidate, self.save_anyway):
            button.setAutoDefault(False)
        self.save_button.setDefault(True)
        self.first_name.setFocus()

    def _municipality_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItem("", None)
        for choice in list_municipalities(self._desk.db):
            combo.addItem(f"{choice.name} ({choice.province})", choice.code)
        completer = combo.completer()
        assert completer is not None  # an editable combo box has one
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        return combo

    def _consent_changed(self) -> None:
        if Consent(self.consent.currentData()) is not Consent.NOT_ASKED and not self.consent_date.text():
            self.consent_date.setText(format_dutch_date(self._desk.today()))

    def _fill(self, details: PersonDetails) -> None:
        self.first_name.setText(details.first_name)
        self.name_prefix.setText(details.name_prefix)
        self.last_name.setText(details.last_name)
        self.alias.setText(details.alias)
        self.date_of_birth.setText(
            details.date_of_birth.describe().removeprefix("ca. ") if details.date_of_birth else ""
        )
        self.gender.setCurrentIndex(list(Gender).index(details.gender))
        self.bsn.setText(details.bsn)
        self.nationality.setText(details.nationality)
        index = self.municipality.findData(details.origin_municipality_code)
        self.municipality.setCurrentIndex(max(index, 0))
        self.last_street.setText(details.last_street)
        self.last_postcode.setText(details.last_postcode)
        self.abroad.setChecked(details.last_address_abroad)
        self.last_city.setText(details.last_city)
        self.phone.setText(details.phone)
        self.route.setCurrentIndex(list(HomelessnessRoute).index(details.homelessness_route))
        self.consent.setCurrentIndex(list(Consent).index(details.consent))
        self.consent_date.setText(format_dutch_date(details.consent_date) if details.consent_date else "")
        self.safety_notes.setPlainText(details.safety_notes)

    def _municipality_code(self, problems: list[str]) -> str | None:
        text = self.municipality.currentText().strip()
        if not text:
            return None
        index = self.municipality.findText(text, Qt.MatchFlag.MatchExactly)
        if index < 0:
            index = self.municipality.findText(f"{text} (", Qt.MatchFlag.MatchStartsWith)
        if index <= 0:
            problems.append(f"Gemeente '{text}' staat niet in de gemeentelijst; kies uit de lijst.")
            return None
        code: str = self.municipality.itemData(index)
        return code

    def details(self) -> PersonDetails:
        """What is typed, as PersonDetails; a DeskError names every problem of the form at once:
        unreadable dates here and the domain's checks (BSN, postcode, …) together."""
        problems: list[str] = []
        born = None
        try:
            born = parse_date_of_birth(self.date_of_birth.text(), self._desk.today())
        except DeskError as error:
            problems.append(f"Geboortedatum: {error.message}")
        consent_date: date | None = None
        try:
            consent_date = parse_dutch_date(self.consent_date.text()) if self.consent_date.text().strip() else None
            if self.consent_date.text().strip() and consent_date is None:
                problems.append("De datum van de toestemming is niet te lezen (dd-mm-jjjj).")
        except DeskError as error:
            problems.append(error.message)
        code = self._municipality_code(problems)
        details = PersonDetails(
            first_name=self.first_name.text(),
            name_prefix=self.name_prefix.text(),
            last_name=self.last_name.text(),
            alias=self.alias.text(),
            date_of_birth=born,
            gender=Gender(self.gender.currentData()),
            bsn=self.bsn.text(),
            nationality=self.nationality.text(),
            origin_municipality_code=code,
            last_street=self.last_street.text(),
            last_postcode=self.last_postcode.text(),
            last_city=self.last_city.text(),
            last_address_abroad=self.abroad.isChecked(),
            phone=self.phone.text(),
            homelessness_route=HomelessnessRoute(self.route.currentData()),
            consent=Consent(self.consent.currentData()),
            consent_date=consent_date,
            safety_notes=self.safety_notes.toPlainText(),
        )
        if problems:
            try:
                details.validated(self._desk.today())
            except DeskError as error:
                problems.extend(line for line in error.message.splitlines() if line not in problems)
            raise DeskError("\n".join(problems))
        return details

    def _fields_of(self, message: str) -> list[QWidget]:
        """The fields a problem is about, by the words the rules use."""
        lowered = message.lower()
        return [
            field
            for words, field in (
                (("bsn",), self.bsn),
                (("postcode",), self.last_postcode),
                (("telefoon",), self.phone),
                (("geboortedatum", "geboren", "leeftijd"), self.date_of_birth),
                (("toestemming",), self.consent_date),
                (("gemeente",), self.municipality),
                (("vul een naam",), self.first_name),
                (("vul een naam",), self.last_name),
                (("vul een naam",), self.alias),
            )
            if any(word in lowered for word in words)
        ]

    def _mark_fields(self, message: str) -> None:
        """Red frame and the message as tooltip on every field with a problem; others cleared."""
        marked: dict[QWidget, list[str]] = {}
        for line in message.splitlines():
            for field in self._fields_of(line):
                marked.setdefault(field, []).append(line)
        for field in self._markable():
            lines = marked.get(field)
            field.setStyleSheet(f"border: 2px solid {RESTRICTION_RED};" if lines else "")
            field.setToolTip("\n".join(lines) if lines else "")
        first = next((field for field in self._markable() if field in marked), None)
        if first is not None:
            first.setFocus()

    def _markable(self) -> list[QWidget]:
        return [
            self.first_name,
            self.last_name,
            self.alias,
            self.date_of_birth,
            self.bsn,
            self.municipality,
            self.last_postcode,
            self.phone,
            self.consent_date,
        ]

    def _save(self, *, accept_similar: bool) -> None:
        self.error.hide()
        self._mark_fields("")
        try:
            details = self.details()
            if self._person_id is None:
                person_id = register_person(self._desk, details, accept_similar=accept_similar)
            else:
                update_person(self._desk, self._person_id, details)
                person_id = self._person_id
        except DuplicateBsn as duplicate:
            self._show_error(duplicate.message)
            self._offer_candidates([(duplicate.existing_id, duplicate.message)], allow_new=False)
            return
        except PossibleDuplicates as similar:
            self._offer_candidates(
                [
                    (c.person_id, " · ".join(p for p in (c.name, c.born, c.origin, c.last_stay) if p))
                    for c in similar.candidates
                ],
                allow_new=True,
            )
            return
        except DeskError as error:
            self._show_error(error.message)
            return
        self.saved.emit(person_id)
        self.accept()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self._mark_fields(message)

    def _offer_candidates(self, candidates: list[tuple[int, str]], *, allow_new: bool) -> None:
        self.candidates.clear()
        for person_id, text in candidates:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            self.candidates.addItem(item)
        self.candidates.setCurrentRow(0)
        self.save_anyway.setVisible(allow_new)
        self.duplicate_panel.show()
        self.candidates.setFocus()

    def _open_candidate(self) -> None:
        item = self.candidates.currentItem()
        if item is not None:
            self.open_existing.emit(item.data(Qt.ItemDataRole.UserRole))
            self.reject()
