"""Postal letters and the postal-address overview as plain data (the renderers are in postal_letters)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Letterhead:
    provider: str  # "Leger des Heils"
    location: str  # "Nachtopvang Havenkade Assen"
    address: str  # "Havenkade 1, 9401 AB Assen"


@dataclass(frozen=True)
class Letter:
    letterhead: Letterhead
    title: str
    paragraphs: tuple[str, ...]
    facts: tuple[tuple[str, str], ...]  # label, value rows (name, date of birth, address, dates)
    place: str
    dated: date
    signatures: tuple[str, ...]  # who signs: "Namens de adresgever", "Betrokkene"
    is_demo: bool = False


@dataclass(frozen=True)
class OverviewRow:
    location: str
    person: str
    born: str
    start: date
    review: date
    status: str
