"""The shift handover beside the Balie search: the location's last three days, must-read entries in
red until this worker marks them read, and a new entry with the persons it is about.

The panel reads its locations and log on the database worker (`ui.background`): the Balie beside
it keeps answering while the database is slow or out of reach; the latest read wins.
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.shelter_night import local_time_text
from shelter_desk.services.handover import (
    EntryView,
    HandoverLocation,
    handover_locations,
    handover_log,
    mark_read,
    write_entry,
)
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.background import BackgroundReader
from shelter_desk.ui.changes import follow
from shelter_desk.ui.dialog_parts import ok_cancel
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.record_list import RecordList
from shelter_desk.ui.shared.person_picker import PersonPicker
from shelter_desk.ui.styles import HINT_STYLE, RESTRICTION_RED, error_label


def entry_text(entry: EntryView, *, with_location: bool = False) -> str:
    """One entry as the desk reads it: when, who, (where), the text, whom it is about, who read it."""
    head = f"{'MOET GELEZEN — ' if entry.must_read else ''}{local_time_text(entry.written_at)} {entry.written_by}"
    if with_location:
        head += f" ({entry.facility})"
    about = f"\nOver: {', '.join(name for _id, name in entry.persons)}" if entry.persons else ""
    read = f"\nGelezen door: {', '.join(entry.read_by)}" if entry.read_by else ""
    return f"{head}\n{entry.text}{about}{read}"


NO_ENTRIES = "Geen overdracht in de laatste drie dagen."
STILL_READING = "Even geduld: de overdracht wordt nog gelezen."
LOG = logging.getLogger("shelter_desk")


class WriteEntryDialog(QDialog):
    """A new handover entry: the text, whether the next shift must read it, and the persons it is about."""

    def __init__(self, desk: Desk, facility_id: int, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk, self._facility_id = desk, facility_id
        self.setWindowTitle(f"Overdracht {location}")
        self.resize(640, 560)
        self.text = QPlainTextEdit()
        self.text.setObjectName("handoverText")
        self.text.setPlaceholderText("Wat moet de volgende dienst weten? (Ctrl+Enter slaat op)")
        self.text.setTabChangesFocus(True)
        self.must_read = QCheckBox("Moet gelezen worden door de volgende dienst")
        self.must_read.setObjectName("handoverMustRead")
        self.picker = PersonPicker(desk)
        self.picker.chosen.connect(self.link)
        self.linked = QListWidget()
        self.linked.setObjectName("handoverPersons")
        self.linked.setMaximumHeight(80)
        unlink = QPushButton("Gekozen persoon ontkoppelen")
        unlink.clicked.connect(self.unlink)
        hint = QLabel("Koppel de personen over wie het gaat (zoek, Enter): de notitie staat dan ook in hun record.")
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        self.error = error_label()
        box, self.ok = ok_cancel(self, "Opslaan", self.save)
        self.ok.setDefault(False)  # Enter in the search links a person; it must not save the entry
        self.ok.setAutoDefault(False)
        self.ok.setText("Opslaan (Ctrl+Enter)")
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.must_read)
        layout.addWidget(hint)
        layout.addWidget(self.picker, 2)
        layout.addWidget(QLabel("Gekoppeld:"))
        layout.addWidget(self.linked)
        layout.addWidget(unlink)
        layout.addWidget(self.error)
        layout.addWidget(box)
        self.text.setFocus()

    def person_ids(self) -> list[int]:
        return [self.linked.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.linked.count())]

    def link(self, person_id: int) -> None:
        if person_id in self.person_ids():
            return
        hit = next(
            (
                self.picker.model.hit(row)
                for row in range(self.picker.model.rowCount())
                if self.picker.model.hit(row).person_id == person_id
            ),
            None,
        )
        item = QListWidgetItem(hit.name if hit else f"persoon {person_id}")
        item.setData(Qt.ItemDataRole.UserRole, person_id)
        self.linked.addItem(item)
        self.picker.query.clear()

    def unlink(self) -> None:
        row = self.linked.currentRow()
        if row >= 0:
            self.linked.takeItem(row)

    def save(self) -> None:
        if attempt(
            self.error,
            lambda: write_entry(
                self._desk, self._facility_id, self.text.toPlainText(), self.person_ids(), self.must_read.isChecked()
            ),
        ):
            self.accept()


class HandoverPanel(QGroupBox):
    """`open_person` when the desk double-clicks an entry about one person."""

    open_person = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Dienstoverdracht", parent)
        self._desk = desk
        self.entries: list[EntryView] = []
        self.dialog: WriteEntryDialog | None = None
        self.location = QComboBox()
        self.location.setObjectName("handoverLocation")
        self.location.currentIndexChanged.connect(lambda _index: self.refresh())
        self.unread = QLabel()
        self.unread.setObjectName("handoverUnread")
        self.unread.setStyleSheet(f"QLabel {{ color: {RESTRICTION_RED}; font-weight: bold; }}")
        self.list = RecordList()
        self.list.setObjectName("handoverList")
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(3)
        self.list.record_activated.connect(self._open_linked)
        write = QPushButton("Nieuwe overdracht (Ctrl+O)")
        write.setObjectName("writeHandoverButton")
        write.clicked.connect(self.write)
        read = QPushButton("Alles gelezen (Ctrl+R)")
        read.setObjectName("markHandoverReadButton")
        read.clicked.connect(self.mark_all_read)
        QShortcut(QKeySequence("Ctrl+O"), self, self.write, context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence("Ctrl+R"), self, self.mark_all_read, context=Qt.ShortcutContext.WindowShortcut)
        self.error = error_label()
        top = QHBoxLayout()
        top.addWidget(self.location, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(write)
        buttons.addWidget(read)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.unread)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        # (No "Bezig…" here: the notes on screen stay readable while a newer read is on its way.)
        self.reader = BackgroundReader(self)
        self._shown_facility: int | None = None  # the location the entries shown are of
        # Another desk's handover shows while the panel is open (it reads again on every show).
        follow(self, desk, lambda: self.refresh(in_background=True), refreshes_on_show=True)

    @property
    def reading(self) -> bool:
        """True while the locations or the log are on their way from the database worker."""
        return self.reader.is_reading()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.location.count():
            self.load_locations()
        else:
            self.refresh()

    def load_locations(self) -> None:
        """Read the locations (on the database worker), then the log of the one written last."""
        desk = self._desk
        self.error.hide()
        self.reader.run(lambda: handover_locations(desk), self._locations_read, partial(self._failed, False))

    def _locations_read(self, locations: list[HandoverLocation]) -> None:
        self.location.blockSignals(True)
        self.location.clear()
        for location in locations:
            self.location.addItem(location.name, location.facility_id)
        written = [location for location in locations if location.latest is not None]
        if written:  # open on the location whose shift wrote last
            newest = max(written, key=lambda location: location.latest or datetime.min)
            self.location.setCurrentIndex(self.location.findData(newest.facility_id))
        self.location.blockSignals(False)
        self.refresh()

    def facility_id(self) -> int | None:
        data = self.location.currentData()
        return data if isinstance(data, int) else None

    def refresh(self, *, in_background: bool = False) -> None:
        """Read the chosen location's log on the database worker; the latest read wins. With
        `in_background` (another desk wrote): no activity at this desk, a refusal only logged."""
        facility_id, desk = self.facility_id(), self._desk
        if not in_background:
            self.error.hide()

        def read() -> list[EntryView]:
            if facility_id is None:
                return []
            if not in_background:
                return handover_log(desk, facility_id)
            with desk.in_background():
                return handover_log(desk, facility_id)

        self.reader.run(read, partial(self._show, facility_id), partial(self._failed, in_background))

    def _show(self, facility_id: int | None, entries: list[EntryView]) -> None:
        self._shown_facility = facility_id
        self.entries = entries
        # Must-read entries in red and bold; a refresh after another desk's entry keeps the reader's place.
        self.list.show_records(
            entries or [NO_ENTRIES],
            lambda entry: entry_text(entry) if isinstance(entry, EntryView) else str(entry),
            strong=lambda entry: isinstance(entry, EntryView) and entry.needs_my_reading,
            same=lambda entry: entry.entry_id if isinstance(entry, EntryView) else None,
        )
        waiting = sum(1 for e in self.entries if e.needs_my_reading)
        self.unread.setText(f"{waiting} ongelezen die je moet lezen" if waiting else "")
        self.unread.setVisible(bool(waiting))

    def _failed(self, in_background: bool, error: BaseException) -> None:
        """Signed out, locked or the database out of reach: the notes on screen stay readable."""
        if not isinstance(error, DeskError):
            raise error  # a fault, not a refusal: the window's error handling reports it
        if in_background:
            LOG.info("Verversen na een wijziging elders lukte niet: %s", error.message)
            return
        self.error.setText(error.message)
        self.error.show()

    def write(self) -> WriteEntryDialog | None:
        facility_id = self.facility_id()
        if facility_id is None:
            return None
        dialog = WriteEntryDialog(self._desk, facility_id, self.location.currentText(), self)
        dialog.accepted.connect(self.refresh)
        self.dialog = dialog
        dialog.open()
        return dialog

    def mark_all_read(self) -> None:
        if self._shown_facility != self.facility_id():  # the entries shown are of another location
            self.error.setText(STILL_READING)
            self.error.show()
            return
        ids = [e.entry_id for e in self.entries if not e.read_by_me]
        if ids and attempt(self.error, lambda: mark_read(self._desk, ids)):
            self.refresh()

    def _open_linked(self, entry: object) -> None:
        if isinstance(entry, EntryView) and entry.persons:
            self.open_person.emit(entry.persons[0][0])
