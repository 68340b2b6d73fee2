"""The monitor's figures as the PDF and the CSV print them (plain data, no reportlab)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class MonitorSection:
    title: str
    rows: tuple[tuple[str, str | int], ...]  # label, value (ints are counts and get masked)


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
