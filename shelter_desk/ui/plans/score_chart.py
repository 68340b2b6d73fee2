"""A small chart of self-sufficiency per life domain over time: one row per domain, one coloured
cell per assessment (red 1 … green 5, the score printed inside), the change since the first one."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from shelter_desk.services.plans import PlanView

SCORE_COLOURS = {1: "#b91c1c", 2: "#ea580c", 3: "#ca8a04", 4: "#65a30d", 5: "#15803d"}
_ROW = 20
_CELL = 40
_NAME_WIDTH = 180
_MAX_COLUMNS = 8  # the last eight assessments: two years at one every quarter


class ScoreChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoreChart")
        self.domains: tuple[str, ...] = ()
        self.dates: list[date] = []
        self.rows: dict[str, list[int | None]] = {}
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def show_plan(self, view: PlanView) -> None:
        assessments = view.assessments[-_MAX_COLUMNS:]
        self.domains = view.domains
        self.dates = [a.assessed_on for a in assessments]
        self.rows = {domain: [a.scores.get(domain) for a in assessments] for domain in view.domains}
        self.setFixedHeight(_ROW * (len(self.domains) + 1) + 4)
        self.update()

    def change(self, domain: str) -> int | None:
        """Last minus first score of the domain (None with fewer than two scores)."""
        scored = [s for s in self.rows.get(domain, []) if s is not None]
        return scored[-1] - scored[0] if len(scored) >= 2 else None

    def sizeHint(self) -> QSize:
        return QSize(_NAME_WIDTH + _CELL * _MAX_COLUMNS + 60, _ROW * (len(self.domains) + 1) + 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = painter.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        painter.setFont(small)
        if not self.dates:
            painter.drawText(
                QRect(0, 0, self.width(), _ROW),
                Qt.AlignmentFlag.AlignVCenter,
                "Nog geen meting van de zelfredzaamheid.",
            )
            return
        painter.setPen(QColor("#555555"))
        for column, day in enumerate(self.dates):
            painter.drawText(
                QRect(_NAME_WIDTH + column * _CELL, 0, _CELL, _ROW),
                Qt.AlignmentFlag.AlignCenter,
                f"{day:%d-%m}" if len({d.year for d in self.dates}) == 1 else f"{day:%m-%y}",
            )
        for row, domain in enumerate(self.domains, start=1):
            top = row * _ROW
            painter.setPen(QColor("#111111"))
            painter.drawText(QRect(0, top, _NAME_WIDTH - 6, _ROW), Qt.AlignmentFlag.AlignVCenter, domain)
            for column, score in enumerate(self.rows[domain]):
                cell = QRect(_NAME_WIDTH + column * _CELL + 2, top + 2, _CELL - 4, _ROW - 4)
                if score is None:
                    painter.setPen(QColor("#cccccc"))
                    painter.drawRect(cell)
                    continue
                painter.fillRect(cell, QColor(SCORE_COLOURS[score]))
                painter.setPen(QColor("white"))
                painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, str(score))
            delta = self.change(domain)
            if delta is not None:
                painter.setPen(QColor("#15803d" if delta > 0 else "#b91c1c" if delta < 0 else "#555555"))
                painter.drawText(
                    QRect(_NAME_WIDTH + len(self.dates) * _CELL + 4, top, 50, _ROW),
                    Qt.AlignmentFlag.AlignVCenter,
                    "=" if delta == 0 else f"{delta:+d}",
                )
        painter.end()
