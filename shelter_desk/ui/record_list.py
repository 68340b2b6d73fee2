"""Lists and tables of records on screen: Qt's model/view with the record itself behind each row.

A page hands over the records and how one reads as a line; what the worker chose or activated
comes back as the record, never as an id kept in a widget's data role to be looked up again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QListView, QTableView, QWidget

from shelter_desk.ui.styles import RESTRICTION_RED

Index = QModelIndex | QPersistentModelIndex


class RecordListModel(QAbstractListModel):
    """Records and their lines; Qt asks for the line of a row, the page asks for the record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._records: list[object] = []
        self._line: Callable[[object], str] = str
        self._strong: Callable[[object], bool] = lambda _record: False

    def show(
        self,
        records: Sequence[object],
        line: Callable[[object], str],
        strong: Callable[[object], bool] = lambda _record: False,
    ) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._line, self._strong = line, strong
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._line(record)
        if role == Qt.ItemDataRole.ForegroundRole and self._strong(record):
            return QBrush(QColor(RESTRICTION_RED))
        if role == Qt.ItemDataRole.FontRole and self._strong(record):
            bold = QFont()
            bold.setBold(True)
            return bold
        return None

    def record(self, row: int) -> object | None:
        return self._records[row] if 0 <= row < len(self._records) else None


class RecordList(QListView):
    """A list view of records that says which record was activated (Enter or double click)."""

    record_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = RecordListModel(self)
        self.setModel(self.records)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.activated.connect(lambda index: self.record_activated.emit(self.records.record(index.row())))

    def show_records(
        self,
        records: Sequence[object],
        line: Callable[[object], str],
        *,
        strong: Callable[[object], bool] = lambda _record: False,
        same: Callable[[object], object] | None = None,
    ) -> None:
        """Show `records`, one `line` each (`strong` ones in red and bold). The record that was
        current stays current: the one with the `same` key, or else the same row."""
        row = self.currentIndex().row()
        before = self.current_record()
        self.records.show(records, line, strong)
        if same is not None:
            key = same(before) if before is not None else None
            row = next((i for i, r in enumerate(records) if key is not None and same(r) == key), -1)
        if 0 <= row < len(records):
            self.setCurrentIndex(self.records.index(row))

    def count(self) -> int:
        return self.records.rowCount()

    def text(self, row: int) -> str:
        record = self.records.record(row)
        return "" if record is None else str(self.records.data(self.records.index(row)))

    def setCurrentRow(self, row: int) -> None:  # noqa: N802 - as QListWidget names it
        self.setCurrentIndex(self.records.index(row))

    def selected_records(self) -> list[object]:
        """The records of the chosen rows, top to bottom (a list that lets the worker choose several)."""
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [record for row in rows if (record := self.records.record(row)) is not None]

    def current_record(self) -> object | None:
        index = self.currentIndex()
        return self.records.record(index.row()) if index.isValid() else None


class RecordTableModel(QAbstractTableModel):
    """Records as rows of a table: `cells` gives a record's texts, `colour` its text colour (or "")."""

    def __init__(
        self,
        headers: tuple[str, ...],
        cells: Callable[[Any], tuple[str, ...]],
        colour: Callable[[Any], str] = lambda _record: "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers, self._cells, self._colour = headers, cells, colour
        self._records: list[Any] = []

    def show(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def record(self, row: int) -> Any:
        """The record behind `row` (None outside the table)."""
        return self._records[row] if 0 <= row < len(self._records) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record(index.row()) if index.isValid() else None
        if record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(record)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and (colour := self._colour(record)):
            return QBrush(QColor(colour))
        return None


def record_table(model: RecordTableModel, name: str, stretch: int | None = None) -> QTableView:
    """A read-only table of records, one row chosen at a time, columns as wide as their texts
    (column `stretch` takes the room left; the last one when not given)."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        table.horizontalHeader().setStretchLastSection(True)
    else:
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table
