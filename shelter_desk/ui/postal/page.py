"""The Postadressen section: register an address, log mail in seconds, hand it out
after an ID check, review, end; print the letters and the overview for the municipality.

The page keeps the table of addresses, the layout and what the buttons do; the boxes are their
own widgets: the mail (`mail_box`), the signals (`signals_box`), the actions and ending
(`side_panel`); registering is a dialog (`register_dialog`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.postal import EndReason, PostalStatus, SenderKind
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.services.kernel import Desk
from shelter_desk.services.postal import (
    PostalView,
    activate_from_waiting_list,
    confirmation_letter,
    end_notice_letter,
    end_postal_address,
    hand_out,
    log_mail,
    overview_csv,
    overview_pdf,
    postal_addresses,
    record_review,
)
from shelter_desk.ui.changes import follow
from shelter_desk.ui.dialog_parts import pydate, search_field
from shelter_desk.ui.feedback import OpenFile
from shelter_desk.ui.postal.mail_box import MailBox
from shelter_desk.ui.postal.register_dialog import RegisterPostalDialog
from shelter_desk.ui.postal.side_panel import PostalSidePanel
from shelter_desk.ui.postal.signals_box import SignalsBox
from shelter_desk.ui.section_page import SectionPage

_COLUMNS = ("Naam", "Locatie", "Sinds", "Controle", "Post wacht", "Status")


class PostalPage(SectionPage):
    """The postal addresses, their mail and their letters."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, open_file: OpenFile | None = None) -> None:
        super().__init__(desk, parent, open_file)
        self.views: list[PostalView] = []
        left = QVBoxLayout()
        left.addWidget(self._build_table(), 2)
        self.mail = MailBox(desk)
        left.addWidget(self.mail, 2)
        self.signals = SignalsBox(desk)
        left.addWidget(self.signals, 1)
        self.side_panel = PostalSidePanel(desk)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(self.side_panel)
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

    def _connect(self) -> None:
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.search.textChanged.connect(self._filter)
        self.signals.list.itemActivated.connect(self._open_signal)
        self.mail.mail_in_button.clicked.connect(self.mail_in)
        self.mail.hand_button.clicked.connect(self.hand_out)
        self.side_panel.end.button.clicked.connect(self.end)
        handlers: dict[str, Callable[..., object]] = {
            "register": self.register,
            "review": self.review,
            "activate": self.activate,
            "confirmation": self.print_confirmation,
            "end_notice": self.print_end_notice,
            "overview": self.print_overview,
            "csv": self.export_csv,
        }
        for key, handler in handlers.items():
            self.side_panel.action_buttons[key].clicked.connect(lambda _checked=False, handler=handler: handler())
        for key, action in self.side_panel.paper_actions.items():
            action.triggered.connect(lambda _checked=False, key=key: handlers[key](on_paper=True))
        buttons = self.side_panel.action_buttons
        self.gate(Permission.EXPORT, buttons["overview"], buttons["csv"])

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
        self.signals.show_signals()

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
        view = self.selected()
        self.mail.show_mail(view.person_id if view else None)

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
        mail = self.mail
        if mail.sender_kind.currentData() is None:
            self.refuse("Kies eerst de soort afzender (Alt+Z): Gemeente, UWV, zorgverzekeraar, CJIB, …")
            mail.sender_kind.setFocus()
            return
        kind = SenderKind(mail.sender_kind.currentData())
        if self._on_selected(
            lambda v: log_mail(
                self._desk, v.person_id, self._desk.today(), kind, mail.sender_name.text(), mail.registered.isChecked()
            ),
            f"Post ({kind.label}) voor {{who}} ingeboekt.",
        ):
            mail.clear_letter()

    def hand_out(self) -> None:
        mail, chosen = self.mail, self.mail.chosen_mail()
        if self._on_selected(
            lambda v: hand_out(self._desk, v.person_id, chosen, mail.staff.text(), mail.id_checked.isChecked()),
            f"{len(chosen)} poststuk(ken) afgegeven aan {{who}}.",
        ):
            mail.id_checked.setChecked(False)

    def review(self) -> None:
        self._on_selected(lambda v: record_review(self._desk, v.postal_id), "Controledatum van {who} verlengd.")

    def activate(self) -> None:
        self._on_selected(
            lambda v: activate_from_waiting_list(self._desk, v.postal_id), "Postadres van {who} geactiveerd."
        )

    def end(self) -> None:
        end = self.side_panel.end
        self.ended = self.selected()
        if self.ended is not None and not self.confirm(
            "Postadres beëindigen",
            f"Het postadres van {self.ended.person} stopt per "
            f"{dutch_date(pydate(end.date.date()))} ({end.reason.currentText().lower()}). "
            "Post komt daarna niet meer binnen op dit adres; dit is niet terug te draaien.",
            "Postadres &beëindigen",
        ):
            return
        self._on_selected(
            lambda v: end_postal_address(
                self._desk,
                v.postal_id,
                pydate(end.date.date()),
                EndReason(end.reason.currentData()),
                end.remark.text(),
            ),
            f"Postadres van {{who}} beëindigd per {dutch_date(pydate(end.date.date()))}.",
        )

    def print_confirmation(self, on_paper: bool = False) -> Path | None:
        view = self.selected()
        if view is None:
            self.refuse("Kies eerst een postadres in de lijst.")
            return None
        return _save_or_print(
            self,
            on_paper,
            f"verklaring-adresgever-{view.postal_id}.pdf",
            lambda: confirmation_letter(self._desk, view.postal_id),
            "Verklaring adresgever",
        )

    def print_end_notice(self, postal_id: int | None = None, on_paper: bool = False) -> Path | None:
        view = self.selected()
        target = postal_id or (view.postal_id if view else None)
        if not target:
            self.refuse("Kies eerst een postadres in de lijst.")
            return None
        return _save_or_print(
            self,
            on_paper,
            f"melding-einde-briefadres-{target}.pdf",
            lambda: end_notice_letter(self._desk, target),
            "Melding beëindiging",
        )

    def print_overview(self, on_paper: bool = False) -> Path | None:
        return _save_or_print(
            self,
            on_paper,
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


def _save_or_print(page: SectionPage, on_paper: bool, name: str, make: Callable[[], bytes], what: str) -> Path | None:
    """A letter saved and opened (its PDF button), or on paper through the one print path."""
    if on_paper:
        return page.print_on_paper(make, what, name)
    return page.save_and_open(name, make, what)
