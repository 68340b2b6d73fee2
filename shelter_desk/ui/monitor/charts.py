"""The monitor's two charts on screen, drawn with QPainter: occupancy per night and outflow by
destination. Exact numbers: the screen is for staff (the PDF masks small numbers)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

LINE = QColor("#1d4ed8")
BAR = QColor("#0f766e")
AXIS = QColor("#6b7280")
MARGIN = 8
TITLE_HEIGHT = 20


class _Chart(QWidget):
    title = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 180)

    def _begin(self) -> tuple[QPainter, QRectF]:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(MARGIN, 2, self.width() - 2 * MARGIN, TITLE_HEIGHT), self.title)
        bold.setBold(False)
        painter.setFont(bold)
        return painter, QRectF(MARGIN, TITLE_HEIGHT + 4, self.width() - 2 * MARGIN, self.height() - TITLE_HEIGHT - 8)

    @staticmethod
    def _empty(painter: QPainter, area: QRectF, text: str) -> None:
        painter.setPen(AXIS)
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, text)


class NightlyChart(_Chart):
    """Persons in a bed per night, as a line."""

    title = "Bezetting per nacht (personen)"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nightly: tuple[tuple[date, int], ...] = ()

    def show_nights(self, nightly: tuple[tuple[date, int], ...]) -> None:
        self.nightly = nightly
        self.setToolTip(f"Hoogste bezetting: {max(c for _n, c in nightly)} personen" if nightly else "")
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter, area = self._begin()
        try:
            if not self.nightly:
                self._empty(painter, area, "Geen nachten in deze periode.")
                return
            highest = max(max(count for _night, count in self.nightly), 1)
            plot = area.adjusted(30, 0, 0, -18)
            painter.setPen(AXIS)
            painter.drawLine(plot.bottomLeft(), plot.bottomRight())
            painter.drawLine(plot.bottomLeft(), plot.topLeft())
            painter.drawText(QRectF(area.left(), plot.top() - 6, 26, 14), Qt.AlignmentFlag.AlignRight, str(highest))
            painter.drawText(QRectF(area.left(), plot.bottom() - 7, 26, 14), Qt.AlignmentFlag.AlignRight, "0")
            first, last = self.nightly[0][0], self.nightly[-1][0]
            painter.drawText(QRectF(plot.left(), plot.bottom() + 2, 80, 14), f"{first:%d-%m}")
            painter.drawText(
                QRectF(plot.right() - 80, plot.bottom() + 2, 80, 14), Qt.AlignmentFlag.AlignRight, f"{last:%d-%m}"
            )
            span = max((last - first).days, 1)
            points = QPolygonF(
                [
                    QPointF(
                        plot.left() + plot.width() * (night - first).days / span,
                        plot.bottom() - plot.height() * count / highest,
                    )
                    for night, count in self.nightly
                ]
            )
            painter.setPen(QPen(LINE, 2))
            painter.drawPolyline(points)
        finally:
            painter.end()


class OutflowChart(_Chart):
    """Finished stays by destination, as horizontal bars with their numbers."""

    title = "Uitstroom naar bestemming (afgeronde verblijven)"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outflow: tuple[tuple[str, int], ...] = ()

    def show_outflow(self, outflow: tuple[tuple[str, int], ...]) -> None:
        self.outflow = tuple((label, count) for label, count in outflow if count)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter, area = self._begin()
        try:
            if not self.outflow:
                self._empty(painter, area, "Geen afgeronde verblijven in deze periode.")
                return
            highest = max(count for _label, count in self.outflow)
            label_width = min(area.width() * 0.45, 220)
            row = min(area.height() / len(self.outflow), 24)
            for index, (label, count) in enumerate(self.outflow):
                top = area.top() + index * row
                painter.setPen(QColor("black"))
                text = painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(label_width) - 6)
                painter.drawText(
                    QRectF(area.left(), top, label_width - 6, row),
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                    text,
                )
                width = (area.width() - label_width - 40) * count / highest
                painter.fillRect(QRectF(area.left() + label_width, top + 3, width, row - 6), BAR)
                painter.drawText(
                    QRectF(area.left() + label_width + width + 4, top, 36, row),
                    Qt.AlignmentFlag.AlignVCenter,
                    str(count),
                )
        finally:
            painter.end()
