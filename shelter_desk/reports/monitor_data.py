"""The monitor's figures as the PDF and the CSV print them (plain data, no reportlab)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from shelter_desk.domain.monitor import Derived, FigureValue, masked_values


@dataclass(frozen=True)
class MonitorSection:
    title: str
    # label, value: ints are counts (masked under the threshold), Derived figures go with their
    # counts, text stays as it is (no number in a label or a text may come from a count).
    rows: tuple[tuple[str, FigureValue], ...]
    parts: bool = False  # the counts are parts of a total shown elsewhere (see masked_values)

    def masked(self, threshold: int) -> tuple[tuple[str, str], ...]:
        """The rows as they leave the organisation (PDF, CSV)."""
        values = masked_values([value for _label, value in self.rows], threshold, parts=self.parts)
        return tuple((label, value) for (label, _value), value in zip(self.rows, values, strict=True))

    def exact(self) -> tuple[tuple[str, str], ...]:
        """The rows with every figure as computed (the screen inside the organisation)."""
        return tuple((label, value.text if isinstance(value, Derived) else str(value)) for label, value in self.rows)


@dataclass(frozen=True)
class MonitorDocument:
    title: str  # "Monitor maatschappelijke opvang — Regio Assen"
    period: str  # "1e halfjaar 2026"
    sections: tuple[MonitorSection, ...]
    nightly: tuple[tuple[date, int], ...]
    outflow: tuple[tuple[str, int], ...]
    printed_at: datetime
    threshold: int
    is_demo: bool = False
