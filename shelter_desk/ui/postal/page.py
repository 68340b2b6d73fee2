"""The Postadressen section: register an address, log mail in seconds, hand it out
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
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.services.admin import facility_details
from shelter_desk.services.kernel import Desk
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
from shelter_desk.ui.changes import follow
from shelter_desk.ui.dialog_parts import date_edit, fit_to_screen, ok_cancel, pydate, qdate, search_field
from shelter_desk.ui.feedback import OpenFile, attempt
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import error_label

SIDE_PANEL_WIDTH = 330
_COLUMNS = ("Naam", "Locatie", "Sinds", "Controle", "Post wacht", "Status")


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
        form.addRow("Toestemming door", self.consent_by)
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


class PostalPage(SectionPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None, open_file: OpenFile | None = None) -> None:
        super().__init__(desk, parent, open_file)
        self.views: list[PostalView] = []
        left = QVBoxLayout()
        left.addWidget(self._build_table(), 2)
        left.addWidget(self._build_mail_box(), 2)
        left.addWidget(self._build_signals_box(), 1)
        side_panel = QWidget()
        side_panel.setObjectName("sidePanel")
        side_panel.setFixedWidth(SIDE_PANEL_WIDTH)
        right = QVBoxLayout(side_panel)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self._build_actions_box())
        right.addWidget(self._build_end_box())
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(side_panel)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Postadressen</h2>"))
        layout.addLayout(columns, 1)
        layout.addWidget(self.status_area())
        self._connect()
        follow(self, desk, self.refresh, refreshes_on_show=True)  # another desk's mail or address shows at once

    # -- building ------------------------------------------------------------------------------

    def _build_table(self) -> QWidget:
        self.search = search_field("postalSearch", "Zoek op naam of locatie")
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setObjectName("postalTable")
        self.table.setHorizontalHeaderLabels(_COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        host = QWidget()
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        return host

    def _build_mail_box(self) -> QGroupBox:
        self.sender_kind = QComboBox()
        self.sender_kind.setObjectName("senderKind")
        for kind in SenderKind:
            self.sender_kind.addItem(kind.label, kind.value)
        self.sender_name = QLineEdit()  # not `sender`: that would hide QObject.sender()
        self.sender_name.setPlaceholderText("Afzender (optioneel)")
        self.registered = QCheckBox("Aange&tekend")
        self.mail_in_button = QPushButton("&Post binnen")
        self.mail_in_button.setObjectName("mailIn")
        self.waiting = QListWidget()
        self.waiting.setObjectName("waitingMail")
        self.waiting.setSelectionMode(QListWidget.SelectionMode.MultiSelection)
        self.id_checked = QCheckBox("&ID-bewijs gecontroleerd")
        self.id_checked.setObjectName("idChecked")
        self.staff = QLineEdit(self._desk.worker)
        self.staff.setObjectName("handedBy")
        self.hand_button = QPushButton("Gekozen post &afgeven")
        self.hand_button.setObjectName("handOut")
        box = QGroupBox("Post")
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        for widget, stretch in (
            (self.sender_kind, 0),
            (self.sender_name, 1),
            (self.registered, 0),
            (self.mail_in_button, 0),
        ):
            row.addWidget(widget, stretch)
        layout.addLayout(row)
        layout.addWidget(self.waiting)
        hand_row = QHBoxLayout()
        hand_row.addWidget(self.id_checked)
        hand_row.addWidget(QLabel("Medewerker"))
        hand_row.addWidget(self.staff)
        hand_row.addWidget(self.hand_button)
        layout.addLayout(hand_row)
        return box

    def _build_signals_box(self) -> QGroupBox:
        self.signals = QListWidget()
        self.signals.setObjectName("postalSignals")
        self.signals.setToolTip("Enter of dubbelklik: het postadres kiezen")
        box = QGroupBox("Signalen: post wacht te lang, controle verlopen")
        QVBoxLayout(box).addWidget(self.signals)
        return box

    def _build_actions_box(self) -> QGroupBox:
        self.action_buttons: dict[str, QPushButton] = {}
        box = QGroupBox("Postadres")
        layout = QVBoxLayout(box)
        for key, text in (
            ("register", "&Nieuw postadres…"),
            ("review", "Persoon gemeld: controledatum &verlengen"),
            ("activate", "Van wachtlijst a&ctiveren"),
            ("confirmation", "Verklaring adres&gever (PDF)"),
            ("end_notice", "&Melding beëindiging (PDF)"),
            ("overview", "Overzicht gemeente (P&DF)"),
            ("csv", "Overzicht gemeente (C&SV)"),
        ):
            button = QPushButton(text)
            button.setObjectName(f"postal_{key}")
            layout.addWidget(button)
            self.action_buttons[key] = button
        return box

    def _build_end_box(self) -> QGroupBox:
        self.end_reason = QComboBox()
        for reason in EndReason:
            self.end_reason.addItem(reason.label, reason.value)
        self.end_date = date_edit(self._desk.today())
        self.end_remark = QLineEdit()
        self.end_button = QPushButton("Postadres b&eëindigen")
        self.end_button.setObjectName("endPostal")
        box = QGroupBox("Beëindigen")
        form = QFormLayout(box)
        form.addRow("Reden", self.end_reason)
        form.addRow("Einddatum", self.end_date)
        form.addRow("Toelichting", self.end_remark)
        form.addRow("", self.end_button)
        return box

    def _connect(self) -> None:
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.search.textChanged.connect(self._filter)
        self.signals.itemActivated.connect(self._open_signal)
        self.mail_in_button.clicked.connect(self.mail_in)
        self.hand_button.clicked.connect(self.hand_out)
        self.end_button.clicked.connect(self.end)
        handlers: dict[str, Callable[[], object]] = {
            "register": self.register,
            "review": self.review,
            "activate": self.activate,
            "confirmation": self.print_confirmation,
            "end_notice": self.print_end_notice,
            "overview": self.print_overview,
            "csv": self.export_csv,
        }
        for key, handler in handlers.items():
            self.action_buttons[key].clicked.connect(handler)
        self.gate(Permission.EXPORT, self.action_buttons["overview"], self.action_buttons["csv"])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.attempt(self.refresh)

    # -- showing -------------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        chosen_view = self.selected()
        chosen = select_id if select_id is not None else (chosen_view.postal_id if chosen_view else None)
        self.views = postal_addresses(self._desk)
        self.table.setRowCount(len(self.views))
        for row, view in enumerate(self.views):
            for column, text in enumerate(
                (
                    view.person,
                    view.location,
                    dutch_date(view.start_date),
                    dutch_date(view.review_date),
                    str(view.mail_waiting),
                    "wachtlijst" if view.status is PostalStatus.REQUESTED else view.status.value,
                )
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        ids = [v.postal_id for v in self.views]
        if chosen in ids:
            self.table.selectRow(ids.index(chosen))
        self._filter(self.search.text())
        self._show_mail()
        self.signals.clear()
        for item in mail_waiting_too_long(self._desk):
            signal = QListWidgetItem(
                f"Post wacht sinds {dutch_date(item.received_on)}: {item.person} "
                f"({item.sender_kind.label}) — voorstel: postadres beëindigen"
            )
            signal.setData(Qt.ItemDataRole.UserRole, item.person)
            self.signals.addItem(signal)
        for view in reviews_due(self._desk):
            signal = QListWidgetItem(f"Controle verlopen op {dutch_date(view.review_date)}: {view.person}")
            signal.setData(Qt.ItemDataRole.UserRole, view.person)
            self.signals.addItem(signal)

    def _filter(self, text: str) -> None:
        """Show only the addresses whose person or location matches what was typed."""
        wanted = text.strip().lower()
        for row, view in enumerate(self.views):
            self.table.setRowHidden(row, bool(wanted) and wanted not in f"{view.person} {view.location}".lower())

    def selected(self) -> PostalView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.views[rows[0].row()] if rows and rows[0].row() < len(self.views) else None

    def select_person(self, name: str) -> None:
        for row, view in enumerate(self.views):
            if view.person == name:
                self.table.selectRow(row)
                return
        raise AssertionError(name)

    def _open_signal(self, item: QListWidgetItem) -> None:
        """A signal opens its address in the table above, ready for review or ending."""
        person = item.data(Qt.ItemDataRole.UserRole)
        self.search.clear()
        for row, view in enumerate(self.views):
            if view.person == person:
                self.table.selectRow(row)
                self.table.setFocus()
                return

    def _selection_changed(self) -> None:
        self.clear_messages()  # a message about the previous address no longer applies
        self._show_mail()

    def _show_mail(self) -> None:
        self.waiting.clear()
        view = self.selected()
        if view is None:
            return
        for item in mail_waiting(self._desk, view.person_id):
            entry = QListWidgetItem(
                f"{dutch_date(item.received_on)} — {item.sender_kind.label}"
                + (f" ({item.sender})" if item.sender else "")
                + (" — AANGETEKEND" if item.registered else "")
            )
            entry.setData(Qt.ItemDataRole.UserRole, item.mail_id)
            self.waiting.addItem(entry)

    # -- acting --------------------------------------------------------------------------------

    def _on_selected(self, action: Callable[[PostalView], object], done: str = "") -> bool:
        """Run `action` on the chosen address; confirm `done` with `{who}` filled in."""
        view = self.selected()
        if view is None:
            self.refuse("Kies eerst een postadres in de lijst.")
            return False
        return self.attempt(lambda: action(view), then=self.refresh, done=done.format(who=view.person) or None)

    def register(self) -> None:
        dialog = RegisterPostalDialog(self._desk, self)
        # The new address is selected at once: the mail or letter that follows is for this person.
        self.show_dialog(
            dialog,
            then=lambda: self.refresh(select_id=dialog.postal_id),
            done=lambda: f"Postadres van {self._selected_name()} geregistreerd; het staat nu gekozen.",
        )

    def _selected_name(self) -> str:
        view = self.selected()
        return view.person if view else "de persoon"

    def mail_in(self) -> None:
        kind = SenderKind(self.sender_kind.currentData())
        if self._on_selected(
            lambda v: log_mail(
                self._desk, v.person_id, self._desk.today(), kind, self.sender_name.text(), self.registered.isChecked()
            ),
            f"Post ({kind.label}) voor {{who}} ingeboekt.",
        ):
            self.sender_name.clear()
            self.registered.setChecked(False)

    def hand_out(self) -> None:
        chosen = [item.data(Qt.ItemDataRole.UserRole) for item in self.waiting.selectedItems()]
        if self._on_selected(
            lambda v: hand_out(self._desk, v.person_id, chosen, self.staff.text(), self.id_checked.isChecked()),
            f"{len(chosen)} poststuk(ken) afgegeven aan {{who}}.",
        ):
            self.id_checked.setChecked(False)

    def review(self) -> None:
        self._on_selected(lambda v: record_review(self._desk, v.postal_id), "Controledatum van {who} verlengd.")

    def activate(self) -> None:
        self._on_selected(
            lambda v: activate_from_waiting_list(self._desk, v.postal_id), "Postadres van {who} geactiveerd."
        )

    def end(self) -> None:
        self.ended = self.selected()
        if self.ended is not None and not self.confirm(
            "Postadres beëindigen",
            f"Het postadres van {self.ended.person} stopt per "
            f"{dutch_date(pydate(self.end_date.date()))} ({self.end_reason.currentText().lower()}). "
            "Post komt daarna niet meer binnen op dit adres; dit is niet terug te draaien.",
            "Postadres &beëindigen",
        ):
            return
        self._on_selected(
            lambda v: end_postal_address(
                self._desk,
                v.postal_id,
                pydate(self.end_date.date()),
                EndReason(self.end_reason.currentData()),
                self.end_remark.text(),
            ),
            f"Postadres van {{who}} beëindigd per {dutch_date(pydate(self.end_date.date()))}.",
        )

    def print_confirmation(self) -> Path | None:
        view = self.selected()
        if view is None:
            self.refuse("Kies eerst een postadres in de lijst.")
            return None
        return self.save_and_open(
            f"verklaring-adresgever-{view.postal_id}.pdf",
            lambda: confirmation_letter(self._desk, view.postal_id),
            "Verklaring adresgever",
        )

    def print_end_notice(self, postal_id: int | None = None) -> Path | None:
        view = self.selected()
        target = postal_id or (view.postal_id if view else None)
        if not target:
            self.refuse("Kies eerst een postadres in de lijst.")
            return None
        return self.save_and_open(
            f"melding-einde-briefadres-{target}.pdf",
            lambda: end_notice_letter(self._desk, target),
            "Melding beëindiging",
        )

    def print_overview(self) -> Path | None:
        return self.save_and_open(
            f"overzicht-postadressen-{self._desk.today().isoformat()}.pdf",
            lambda: overview_pdf(self._desk),
            "Overzicht voor de gemeente",
        )

    def export_csv(self) -> Path | None:
        return self.save_and_open(
            f"overzicht-postadressen-{self._desk.today().isoformat()}.csv",
            lambda: overview_csv(self._desk),
            "Overzicht voor de gemeente (CSV)",
        )
