"""Lists and tables of records on screen: Qt's model/view with the record itself behind each row.

A page hands over the records and how one reads as a line; what the worker chose or activated
comes back as the record, never as an id kept in a widget's data role to be looked up again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QListView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex


class RecordListModel(QAbstractListModel):
    """Records and their lines; Qt asks for the line of a row, the page asks for the record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._records: list[object] = []
        self._line: Callable[[object], str] = str

    def show(self, records: Sequence[object], line: Callable[[object], str]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self._line = line
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._line(self._records[index.row()])
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

    def show_records(self, records: Sequence[object], line: Callable[[object], str]) -> None:
        """Show `records`, one `line` each; the row that was current stays current where it can."""
        row = self.currentIndex().row()
        self.records.show(records, line)
        if 0 <= row < len(records):
            self.setCurrentIndex(self.records.index(row))

    def count(self) -> int:
        return self.records.rowCount()

    def text(self, row: int) -> str:
        record = self.records.record(row)
        return "" if record is None else str(self.records.data(self.records.index(row)))

    def setCurrentRow(self, row: int) -> None:  # noqa: N802 - as QListWidget names it
        self.setCurrentIndex(self.records.index(row))

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
