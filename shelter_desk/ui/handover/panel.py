"""The shift handover beside the Balie search: the location's last three days, must-read entries in
red until this worker marks them read, and a new entry with the persons it is about."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut, QShowEvent
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

from shelter_desk.domain.shelter_night import local_time_text
from shelter_desk.services.handover import EntryView, handover_locations, handover_log, mark_read, write_entry
from shelter_desk.services.kernel import Desk
from shelter_desk.ui.changes import follow
from shelter_desk.ui.dialog_parts import ok_cancel
from shelter_desk.ui.feedback import attempt
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
        self.list = QListWidget()
        self.list.setObjectName("handoverList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(3)
        self.list.itemDoubleClicked.connect(self._open_linked)
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
        # Another desk's handover shows while the panel is open (it reads again on every show).
        follow(self, desk, self.refresh, refreshes_on_show=True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.location.count():
            attempt(self.error, self.load_locations)
        else:
            attempt(self.error, self.refresh)

    def load_locations(self) -> None:
        self.location.blockSignals(True)
        self.location.clear()
        locations = handover_locations(self._desk)
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

    def refresh(self) -> None:
        facility_id = self.facility_id()
        # Read first: without the database the notes already on screen stay readable.
        entries = handover_log(self._desk, facility_id) if facility_id is not None else []
        current = self.list.currentItem()
        chosen = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.list.clear()
        self.entries = entries
        bold = QFont()
        bold.setBold(True)
        for entry in self.entries:
            item = QListWidgetItem(entry_text(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry.entry_id)
            if entry.needs_my_reading:
                item.setForeground(QBrush(QColor(RESTRICTION_RED)))
                item.setFont(bold)
            self.list.addItem(item)
            if chosen is not None and entry.entry_id == chosen:
                self.list.setCurrentItem(item)  # a refresh after another desk's entry keeps the reader's place
        if not self.entries:
            self.list.addItem("Geen overdracht in de laatste drie dagen.")
        waiting = sum(1 for e in self.entries if e.needs_my_reading)
        self.unread.setText(f"{waiting} ongelezen die je moet lezen" if waiting else "")
        self.unread.setVisible(bool(waiting))

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
        ids = [e.entry_id for e in self.entries if not e.read_by_me]
        if ids and attempt(self.error, lambda: mark_read(self._desk, ids)):
            self.refresh()

    def _open_linked(self, item: QListWidgetItem) -> None:
        entry = next((e for e in self.entries if e.entry_id == item.data(Qt.ItemDataRole.UserRole)), None)
        if entry is not None and entry.persons:
            self.open_person.emit(entry.persons[0][0])
