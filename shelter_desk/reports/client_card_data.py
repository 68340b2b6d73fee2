"""The client card as plain data (the renderer is in client_card_pdf)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CardData:
    organisation: str  # "Leger des Heils"
    location: str  # "Nachtopvang Havenkade Assen"
    name: str  # as the person chose: alias, first name or full name
    number: str  # ten digits, printed grouped
    number_text: str  # "1234 5678 97"
    issued_on: date
    is_demo: bool = False
    language: str = "nl"  # the back side's language (the person's document language)
    return_to: str = ""  # where a finder brings the card: "Nachtopvang Havenkade, Havenkade 1, Assen"
