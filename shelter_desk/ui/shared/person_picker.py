"""Search-as-you-type over people, driven by keyboard: type, arrow down, Enter opens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.cards import looks_like_card_number
from shelter_desk.domain.errors import DeskError
from shelter_desk.services.cards import person_for_card
from shelter_desk.services.kernel import Desk
from shelter_desk.services.people import search_people
from shelter_desk.ui.shared.person_results_model import PersonResultsModel
from shelter_desk.ui.styles import ERROR_STYLE

NAME_COLUMN_MAX = 360
_OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PersonPicker(QWidget):
    """A search field over a result table. `chosen` carries the person id of the opened row."""

    chosen = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None, *, exclude: int | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._exclude = exclude
        self.query = QLineEdit()
        self.query.setObjectName("personSearch")
        self.query.setPlaceholderText("Zoek op naam, alias, geboortedatum (3-4-1990) of BSN, of scan de clientkaart…")
        self.query.setClearButtonEnabled(True)
        self.model = PersonResultsModel()
        self.results = QTableView()
        self.results.setObjectName("personResults")
        self.results.setModel(self.model)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.verticalHeader().hide()
        self.results.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.results.horizontalHeader().setStretchLastSection(True)
        # A very long name ends in … instead of pushing the other columns out of sight.
        self.results.horizontalHeader().setMaximumSectionSize(NAME_COLUMN_MAX)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.summary = QLabel("")
        self.summary.setObjectName("searchSummary")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self.setFocusProxy(self.query)

        self.query.textChanged.connect(self.run_search)
        self.query.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.doubleClicked.connect(lambda index: self._choose(index.row()))

    def run_search(self) -> None:
        text = self.query.text()
        self.summary.setStyleSheet("")
        try:
            hits = search_people(self._desk, text, exclude=self._exclude)
        except DeskError as refusal:  # signed out or locked: say so instead of showing names
            self.model.set_hits([])
            self.summary.setText(refusal.message)
            return
        self.model.set_hits(hits)
        if hits:
            self.results.selectRow(0)
        if not text.strip():
            self.summary.setText("")
        elif hits:
            self.summary.setText(f"{len(hits)} gevonden — pijl omlaag om te kiezen, Enter om te openen")
        else:
            self.summary.setText("Niemand gevonden. Ctrl+N schrijft een nieuwe persoon in.")

    def search_again(self) -> None:
        """The same search once more (another desk registered or changed someone); whoever was
        chosen in the results stays chosen."""
        if not self.query.text().strip():
            return
        chosen = self.selected_person()
        self.run_search()
        rows = [row for row in range(self.model.rowCount()) if self.model.hit(row).person_id == chosen]
        if rows:
            self.results.selectRow(rows[0])

    def current_row(self) -> int:
        rows = self.results.selectionModel().selectedRows()
        return rows[0].row() if rows else (0 if self.model.rowCount() else -1)

    def selected_person(self) -> int | None:
        row = self.current_row()
        return self.model.hit(row).person_id if row >= 0 else None

    def required_person(self, error: QLabel) -> int | None:
        """The chosen person for a dialog that needs one; otherwise say so on `error`."""
        person = self.selected_person() if self.query.text().strip() else None
        if person is None:
            error.setText("Zoek en kies eerst de persoon.")
            error.show()
        return person

    def _scan(self) -> None:
        """A card scanner types the number and Enter: open that person at once, or say why not."""
        try:
            person_id = person_for_card(self._desk, self.query.text())
        except DeskError as refusal:
            self.summary.setText(refusal.message)
            self.summary.setStyleSheet(ERROR_STYLE)
            self.query.selectAll()  # the next scan replaces the refused number
            return
        self.query.clear()
        self.chosen.emit(person_id)

    def _choose(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.chosen.emit(self.model.hit(row).person_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in _OPEN_KEYS:
            if watched is self.query and looks_like_card_number(self.query.text()):
                self._scan()
            else:
                self._choose(self.current_row())
            return True
        if watched is self.query and key == Qt.Key.Key_Down and self.model.rowCount():
            row = max(self.current_row(), 0)
            self.results.setFocus()
            self.results.selectRow(row)
            return True
        # On the Balie, Escape empties the search; in a dialog it closes the dialog at once.
        if (
            watched is self.query
            and key == Qt.Key.Key_Escape
            and self.query.text()
            and not isinstance(self.window(), QDialog)
        ):
            self.query.clear()
            return True
        if watched is self.results and key == Qt.Key.Key_Up and self.current_row() <= 0:
            self.query.setFocus()
            return True
        return False
