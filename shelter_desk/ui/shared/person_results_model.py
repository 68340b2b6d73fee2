"""The table model behind every person result list: one row per PersonHit, restricted rows in red."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from shelter_desk.services.people import PersonHit
from shelter_desk.ui.styles import RESTRICTION_RED

_HEADERS = ("Naam", "Geboren", "Leeftijd", "Herkomst", "Laatste verblijf", "")

Index = QModelIndex | QPersistentModelIndex


class PersonResultsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._hits: list[PersonHit] = []

    def set_hits(self, hits: list[PersonHit]) -> None:
        self.beginResetModel()
        self._hits = hits
        self.endResetModel()

    def hit(self, row: int) -> PersonHit:
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            flag = "BEPERKING" if hit.restricted else ("lijkt op" if hit.close_match else "")
            return (hit.name, hit.born, hit.age, hit.origin, hit.last_stay, flag)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and hit.restricted:
            return QBrush(QColor(RESTRICTION_RED))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(hit.restricted and index.column() in (0, 5))
            font.setItalic(hit.close_match)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and hit.close_match:
            return "Gevonden met een kleine spelfout: controleer of dit de juiste persoon is."
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return hit.name  # the whole name, when the column shortens a long one
        if role == Qt.ItemDataRole.UserRole:
            return hit.person_id
        return None
