"""Search-as-you-type over people, driven by keyboard: type, arrow down, Enter opens.

Each search (and a scanned card) runs on the database worker (`ui.background`): the window keeps
answering while the database is slow or out of reach, and says "Bezig…" after a moment. Only the
search of the text as it now stands counts. Enter or arrow down pressed before its result arrived
waits for that result: the worker who types fast and presses Enter opens the top hit of what he
typed, never a row of an earlier text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

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
from shelter_desk.services.people import PersonHit, query_too_short, search_people
from shelter_desk.ui.background import BUSY_TEXT, BackgroundReader
from shelter_desk.ui.shared.person_results_model import PersonResultsModel
from shelter_desk.ui.styles import ERROR_STYLE

NAME_COLUMN_MAX = 360
_OPEN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_OPEN, _DOWN = "open", "down"  # a key pressed before the result it acts on arrived


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

        self._shown_text = ""  # the search text the rows in the table belong to
        self._then: str | None = None  # Enter or arrow down pressed before the result arrived
        self._asked = [0]  # the number of the latest request; the worker skips older ones still queued
        self.reader = BackgroundReader(self)
        self.reader.busy.connect(self._say_busy)

        self.query.textChanged.connect(self._typed)
        self.query.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.doubleClicked.connect(lambda index: self._choose(index.row()))

    @property
    def searching(self) -> bool:
        """True while a search (or a scanned card) is on its way from the database worker."""
        return self.reader.is_reading()

    def _rows_current(self) -> bool:
        """Whether the rows shown belong to the text as it stands (a search of the same text again,
        after another desk's change, does not make them stale)."""
        return self._shown_text == self.query.text()

    def _typed(self) -> None:
        self._then = None  # a key pressed before this text was for the text before it
        self.run_search()

    def run_search(self) -> None:
        """Search the text as it stands, on the database worker; its result replaces the rows."""
        self._search(keep=None)

    def search_again(self) -> None:
        """The same search once more (another desk registered or changed someone); whoever was
        chosen in the results stays chosen once the result arrives."""
        if not self.query.text().strip():
            return
        self._search(keep=self.selected_person(), in_background=True)

    def _search(self, keep: int | None, *, in_background: bool = False) -> None:
        text = self.query.text()
        if not text.strip():  # nothing to ask the database: an empty field shows nobody at once
            self._asked[0] += 1
            self.reader.forget()
            self._show(text, [], "")
            return
        desk, exclude = self._desk, self._exclude

        def search() -> list[PersonHit]:
            if not in_background:
                return search_people(desk, text, exclude=exclude)
            with desk.in_background():  # following another desk is no activity at this one
                return search_people(desk, text, exclude=exclude)

        self._ask(search, partial(self._arrived, text, keep), partial(self._refused, text))

    def _ask(
        self, work: Callable[[], Any], deliver: Callable[[Any], object], failed: Callable[[DeskError], object]
    ) -> None:
        """Run `work` on the database worker, unless a newer request is queued behind it by then."""
        asked = self._asked
        asked[0] += 1
        number = asked[0]

        def latest_only() -> Any:
            # Typing fast queues a search per key: those overtaken are dropped on arrival anyway.
            return work() if asked[0] == number else None

        self.reader.run(latest_only, deliver, partial(self._failed, failed))

    def _arrived(self, text: str, keep: int | None, hits: list[PersonHit]) -> None:
        if not text.strip():
            summary = ""
        elif query_too_short(text):
            # Not "nobody found": that would invite registering someone who is there after all.
            summary = "Typ minstens 2 letters om te zoeken."
        elif hits:
            summary = f"{len(hits)} gevonden — pijl omlaag om te kiezen, Enter om te openen"
        else:
            summary = "Niemand gevonden. Ctrl+N schrijft een nieuwe persoon in."
        self._show(text, hits, summary)
        rows = [row for row in range(self.model.rowCount()) if self.model.hit(row).person_id == keep]
        if rows:
            self.results.selectRow(rows[0])
        then, self._then = self._then, None
        if not self.isVisible():
            return  # the dialog was closed (or the section left) meanwhile: the key is void
        if then == _OPEN:
            self._choose(self.current_row())
        elif then == _DOWN:
            self._down()

    def _refused(self, text: str, refusal: DeskError) -> None:
        """Signed out or locked, or the database out of reach: say so instead of showing names."""
        self._then = None
        self._show(text, [], refusal.message)

    def _failed(self, refused: Callable[[DeskError], object], error: BaseException) -> None:
        if not isinstance(error, DeskError):
            raise error  # a fault, not a refusal: the window's error handling reports it
        refused(error)

    def _show(self, text: str, hits: list[PersonHit], summary: str) -> None:
        self._shown_text = text
        self.model.set_hits(hits)
        if hits:
            self.results.selectRow(0)
        self.summary.setStyleSheet("")
        self.summary.setText(summary)

    def _say_busy(self, busy: bool) -> None:
        if busy:  # (when it ends, the result or the refusal replaces the text)
            self.summary.setStyleSheet("")
            self.summary.setText(BUSY_TEXT)

    def current_row(self) -> int:
        rows = self.results.selectionModel().selectedRows()
        return rows[0].row() if rows else (0 if self.model.rowCount() else -1)

    def selected_person(self) -> int | None:
        """The person chosen in the results; None while the rows shown belong to an earlier text."""
        if not self._rows_current():
            return None
        row = self.current_row()
        return self.model.hit(row).person_id if row >= 0 else None

    def required_person(self, error: QLabel) -> int | None:
        """The chosen person for a dialog that needs one; otherwise say so on `error`."""
        person = self.selected_person() if self.query.text().strip() else None
        if person is None:
            error.setText(
                "Even geduld: de zoekresultaten komen nog." if self.searching else "Zoek en kies eerst de persoon."
            )
            error.show()
        return person

    def _scan(self) -> None:
        """A card scanner types the number and Enter: open that person, or say why not."""
        desk, scanned = self._desk, self.query.text()
        self._then = None
        self._ask(lambda: person_for_card(desk, scanned), self._card_read, self._card_refused)

    def _card_read(self, person_id: int) -> None:
        self.query.clear()  # ready for the next scan
        if self.isVisible():  # not when the dialog was closed (or the section left) meanwhile
            self.chosen.emit(person_id)

    def _card_refused(self, refusal: DeskError) -> None:
        self.summary.setText(refusal.message)
        self.summary.setStyleSheet(ERROR_STYLE)
        self.query.selectAll()  # the next scan replaces the refused number

    def _down(self) -> None:
        """From the search field into the results (if there are any)."""
        if self.model.rowCount():
            row = max(self.current_row(), 0)
            self.results.setFocus()
            self.results.selectRow(row)

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
            elif self.searching and not self._rows_current():
                self._then = _OPEN  # opens the top hit of the text as typed, once it is found
            else:
                self._choose(self.current_row())
            return True
        if watched is self.query and key == Qt.Key.Key_Down and self.searching and not self._rows_current():
            self._then = _DOWN
            return True
        if watched is self.query and key == Qt.Key.Key_Down and self.model.rowCount():
            self._down()
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
