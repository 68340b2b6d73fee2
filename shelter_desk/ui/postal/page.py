"""The Postadressen section (scenario 5): register an address, log mail in seconds, hand it out
after an ID check, review, end; print the letters and the overview for the municipality."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.postal import EndReason, PostalStatus, SenderKind, missing_address_parts
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.services.desk import Desk
from shelter_desk.services.admin import facility_details
from shelter_desk.services.postal import (
    PostalView,
    activate_from_waiting_list,
    confirmation_letter,
    default_review_date,
    end_notice_letter,
    end_postal_address,
    hand_out,
    log_mail,
    mail_waiting,
    mail_waiting_too_long,
    overview_csv,
    overview_pdf,
    postal_addresses,
    record_review,
    register_postal_address,
    reviews_due,
)
from shelter_desk.ui.dialog_parts import date_edit, ok_cancel, pydate, qdate
from shelter_desk.ui.feedback import OpenFile, attempt, open_with_system, save_and_open
from shelter_desk.ui.people.person_picker import PersonPicker
from shelter_desk.ui.styles import error_label

_COLUMNS = ("Naam", "Locatie", "Sinds", "Controle", "Post wacht", "Status")


class RegisterPostalDialog(QDialog):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.setWindowTitle("Postadres registreren")
        self.resize(720, 520)
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
            self.location.addItem(f"{terms.name} — {terms.street}, {terms.postcode} {terms.city}",
                                  details.facility_id)
        # Say why a location the desk expects is not offered (its address lacks a number or postcode).
        self.incomplete = QLabel("Niet te kiezen, adres onvolledig (aanvullen onder Beheer): " + ", ".join(incomplete)
                                 if incomplete else "")
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
        form.addRow("Toestemming door", self.consent_by)
        form.addRow("Toestemming op", self.consent_on)
        form.addRow("Controledatum", self.review)
        buttons, _ok = ok_cancel(self, "&Registreren", self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        person = self.picker.required_person(self.error)
        if person is not None and attempt(self.error, lambda: register_postal_address(
                self._desk, person, self.location.currentData(), pydate(self.start.date()),
                self.consent_by.text(), pydate(self.consent_on.date()), pydate(self.review.date()))):
            self.accept()


class PostalPage(QWidget):
    def __init__(self, desk: Desk, parent: QWidget | None = None, open_file: OpenFile | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._open_file = open_file or open_with_system
        self.views: list[PostalView] = []
        self.dialog: QDialog | None = None
        self.last_saved: Path | None = None
        self.error = error_label()

        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setObjectName("postalTable")
        self.table.setHorizontalHeaderLabels(_COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_mail)

        self.sender_kind = QComboBox()
        self.sender_kind.setObjectName("senderKind")
        for kind in SenderKind:
            self.sender_kind.addItem(kind.label, kind.value)
        self.sender_name = QLineEdit()  # not `sender`: that would hide QObject.sender()
        self.sender_name.setPlaceholderText("Afzender (optioneel)")
        self.registered = QCheckBox("Aangetekend")
        mail_in = QPushButton("&Post binnen")
        mail_in.setObjectName("mailIn")
        mail_in.clicked.connect(self.mail_in)
        self.waiting = QListWidget()
        self.waiting.setObjectName("waitingMail")
        self.waiting.setSelectionMode(QListWidget.SelectionMode.MultiSelection)
        self.id_checked = QCheckBox("ID-bewijs gecontroleerd")
        self.id_checked.setObjectName("idChecked")
        self.staff = QLineEdit(desk.worker)
        self.staff.setObjectName("handedBy")
        hand = QPushButton("Gekozen post &afgeven")
        hand.setObjectName("handOut")
        hand.clicked.connect(self.hand_out)

        self.end_reason = QComboBox()
        for reason in EndReason:
            self.end_reason.addItem(reason.label, reason.value)
        self.end_date = date_edit(desk.today())
        self.end_remark = QLineEdit()
        end = QPushButton("Postadres beëindigen")
        end.setObjectName("endPostal")
        end.clicked.connect(self.end)

        actions = {"Nieuw postadres…": self.register, "Persoon gemeld: controledatum verlengen": self.review,
                   "Van wachtlijst activeren": self.activate, "Verklaring adresgever (PDF)": self.print_confirmation,
                   "Melding beëindiging (PDF)": self.print_end_notice, "Overzicht gemeente (PDF)": self.print_overview,
                   "Overzicht gemeente (CSV)": self.export_csv}
        top = QHBoxLayout()
        top.addWidget(QLabel("<h2>Postadressen</h2>"))
        top.addStretch(1)
        buttons = QVBoxLayout()
        for text, handler in actions.items():
            button = QPushButton(text)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        mail_box = QGroupBox("Post")
        mail = QVBoxLayout(mail_box)
        row = QHBoxLayout()
        row.addWidget(self.sender_kind)
        row.addWidget(self.sender_name, 1)
        row.addWidget(self.registered)
        row.addWidget(mail_in)
        mail.addLayout(row)
        mail.addWidget(self.waiting)
        hand_row = QHBoxLayout()
        hand_row.addWidget(self.id_checked)
        hand_row.addWidget(QLabel("Medewerker"))
        hand_row.addWidget(self.staff)
        hand_row.addWidget(hand)
        mail.addLayout(hand_row)
        end_box = QGroupBox("Beëindigen")
        end_form = QFormLayout(end_box)
        end_form.addRow("Reden", self.end_reason)
        end_form.addRow("Einddatum", self.end_date)
        end_form.addRow("Toelichting", self.end_remark)
        end_form.addRow("", end)
        self.signals = QListWidget()
        self.signals.setObjectName("postalSignals")
        signals_box = QGroupBox("Signalen: post wacht te lang, controle verlopen")
        QVBoxLayout(signals_box).addWidget(self.signals)

        left = QVBoxLayout()
        left.addWidget(self.table, 2)
        left.addWidget(mail_box, 2)
        left.addWidget(signals_box, 1)
        right = QVBoxLayout()
        right.addLayout(buttons)
        right.addWidget(end_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(columns, 1)
        layout.addWidget(self.error)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        attempt(self.error, self.refresh)

    # -- showing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        chosen = self.selected()
        self.views = postal_addresses(self._desk)
        self.table.setRowCount(len(self.views))
        for row, view in enumerate(self.views):
            for column, text in enumerate((view.person, view.location, dutch_date(view.start_date),
                                           dutch_date(view.review_date), str(view.mail_waiting),
                                           "wachtlijst" if view.status is PostalStatus.REQUESTED else view.status.value)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        ids = [v.postal_id for v in self.views]
        if chosen is not None and chosen.postal_id in ids:
            self.table.selectRow(ids.index(chosen.postal_id))
        self._show_mail()
        self.signals.clear()
        for item in mail_waiting_too_long(self._desk):
            self.signals.addItem(f"Post wacht sinds {dutch_date(item.received_on)}: {item.person} "
                                 f"({item.sender_kind.label}) — voorstel: postadres beëindigen")
        for view in reviews_due(self._desk):
            self.signals.addItem(f"Controle verlopen op {dutch_date(view.review_date)}: {view.person}")

    def selected(self) -> PostalView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.views[rows[0].row()] if rows and rows[0].row() < len(self.views) else None

    def select_person(self, name: str) -> None:
        for row, view in enumerate(self.views):
            if view.person == name:
                self.table.selectRow(row)
                return
        raise AssertionError(name)

    def _show_mail(self) -> None:
        self.waiting.clear()
        view = self.selected()
        if view is None:
            return
        for item in mail_waiting(self._desk, view.person_id):
            entry = QListWidgetItem(f"{dutch_date(item.received_on)} — {item.sender_kind.label}"
                                    + (f" ({item.sender})" if item.sender else "")
                                    + (" — AANGETEKEND" if item.registered else ""))
            entry.setData(Qt.ItemDataRole.UserRole, item.mail_id)
            self.waiting.addItem(entry)

    # -- acting --------------------------------------------------------------------------------

    def _on_selected(self, action: Callable[[PostalView], object]) -> None:
        view = self.selected()
        if view is None:
            self.error.setText("Kies eerst een postadres in de lijst.")
            self.error.show()
            return
        if attempt(self.error, lambda: action(view)):
            self.refresh()

    def register(self) -> None:
        self.dialog = RegisterPostalDialog(self._desk, self)
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()

    def mail_in(self) -> None:
        self._on_selected(lambda v: log_mail(self._desk, v.person_id, self._desk.today(),
                                             SenderKind(self.sender_kind.currentData()), self.sender_name.text(),
                                             self.registered.isChecked()))
        self.sender_name.clear()
        self.registered.setChecked(False)

    def hand_out(self) -> None:
        chosen = [item.data(Qt.ItemDataRole.UserRole) for item in self.waiting.selectedItems()]
        self._on_selected(lambda v: hand_out(self._desk, v.person_id, chosen, self.staff.text(),
                                             self.id_checked.isChecked()))
        self.id_checked.setChecked(False)

    def review(self) -> None:
        self._on_selected(lambda v: record_review(self._desk, v.postal_id))

    def activate(self) -> None:
        self._on_selected(lambda v: activate_from_waiting_list(self._desk, v.postal_id))

    def end(self) -> None:
        self.ended = self.selected()
        self._on_selected(lambda v: end_postal_address(self._desk, v.postal_id, pydate(self.end_date.date()),
                                                       EndReason(self.end_reason.currentData()), self.end_remark.text()))

    def _save(self, name: str, make: Callable[[], bytes]) -> Path | None:
        path = save_and_open(name, make, self.error, self._open_file)
        self.last_saved = path or self.last_saved
        return path

    def print_confirmation(self) -> Path | None:
        view = self.selected()
        if view is None:
            return None
        return self._save(f"verklaring-adresgever-{view.postal_id}.pdf",
                          lambda: confirmation_letter(self._desk, view.postal_id))

    def print_end_notice(self, postal_id: int | None = None) -> Path | None:
        view = self.selected()
        target = postal_id or (view.postal_id if view else None)
        if not target:
            return None
        return self._save(f"melding-einde-briefadres-{target}.pdf", lambda: end_notice_letter(self._desk, target))

    def print_overview(self) -> Path | None:
        return self._save(f"overzicht-postadressen-{self._desk.today().isoformat()}.pdf", lambda: overview_pdf(self._desk))

    def export_csv(self) -> Path | None:
        return self._save(f"overzicht-postadressen-{self._desk.today().isoformat()}.csv", lambda: overview_csv(self._desk))
