"""The Balie section: find a person as you type, open the record, or register someone new.

Opened with the cursor in the search field: an evening starts with someone at the counter. Ctrl+N
starts a quick intake, filled with the name already typed in the search field. A scanned client
card opens its person at once.
Beside the search: the shift handover of the location (Ctrl+O writes, Ctrl+R marks read).
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shelter_desk.domain.person_details import details_from_search
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.changes import follow
from shelter_desk.ui.handover.panel import HandoverPanel
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.shared.person_form import PersonFormDialog
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.shared.records import RecordWindow, record_window


class FrontDeskPage(SectionPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.picker = PersonPicker(desk)
        # The shift handover sits beside the search: the evening shift reads it as it starts.
        self.handover = HandoverPanel(desk)
        columns = QHBoxLayout()
        columns.addWidget(self.picker, 3)
        columns.addWidget(self.handover, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        layout.addLayout(columns, 1)
        layout.addWidget(self.status_area())
        self._connect()
        self.setFocusProxy(self.picker)
        # The results follow other desks (a new registration, a changed name); the handover panel
        # follows on its own.
        follow(self.picker, desk, self.picker.search_again)

    def _build_header(self) -> QHBoxLayout:
        self.new_button = QPushButton("&Nieuwe persoon (Ctrl+N)")
        self.new_button.setObjectName("newPersonButton")
        header = QHBoxLayout()
        header.addWidget(QLabel("<h2>Balie</h2>"))
        header.addStretch(1)
        header.addWidget(self.new_button)
        return header

    def _connect(self) -> None:
        self.picker.chosen.connect(self.open_person)
        self.handover.open_person.connect(self.open_person)
        self.new_button.clicked.connect(self.new_person)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_person)

    def refresh(self) -> None:
        self.picker.run_search()

    def open_person(self, person_id: int) -> RecordWindow:
        dialog = record_window(self._desk, person_id, self)
        dialog.changed.connect(self.refresh)
        dialog.open_person.connect(self.open_person)
        self._show(dialog)
        return dialog

    def new_person(self) -> PersonFormDialog:
        form = PersonFormDialog(self._desk, self, details=details_from_search(self.picker.query.text()))
        form.saved.connect(self._registered)
        form.open_existing.connect(self.open_person)
        self._show(form)
        return form

    def _registered(self, person_id: int) -> None:
        self.refresh()
        self.open_person(person_id)

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result, closed=dialog: self._back_to_search(closed))
        dialog.open()

    def _back_to_search(self, closed: QDialog) -> None:
        """After a record or form closes: the cursor in the search with its text selected, so the
        next name typed replaces the last one ("hen" + "wis" would find nobody). Not when the
        closing opened another window (a saved intake opens the new record): that keeps the keys."""
        if self.dialog is not closed and self.dialog is not None and self.dialog.isVisible():
            return
        self.window().activateWindow()  # the keys come back to the window, not to nowhere
        self.picker.setFocus()
        self.picker.query.selectAll()
