"""Client cards: a random ten-digit number with a Luhn check digit, and the name the person wants on it.

The number says nothing about the person (no BSN, no birth date, no sequence to guess the next
one from): nine random digits and a check digit, so a mistyped or misread number is caught before
anything is looked up. Ten digits also keep it apart from a BSN (nine) in the search field.
"""

from __future__ import annotations

import enum
import secrets
from collections.abc import Callable

from stdnum import luhn

from shelter_desk.domain.errors import DeskError

NUMBER_LENGTH = 10
_SEPARATORS = " -."


class CardName(enum.StrEnum):
    """What the person wants printed on the card."""

    ALIAS = "alias"
    FIRST_NAME = "voornaam"
    FULL_NAME = "volledige_naam"

    @property
    def label(self) -> str:
        return _NAME_LABELS[self]


_NAME_LABELS = {
    CardName.ALIAS: "Roepnaam / alias",
    CardName.FIRST_NAME: "Alleen voornaam",
    CardName.FULL_NAME: "Volledige naam",
}


def new_card_number(random_digits: Callable[[int], str] | None = None) -> str:
    """Nine random digits (the first never 0, so the length survives any spreadsheet) and a check digit."""
    draw = random_digits or _secret_digits
    body = draw(NUMBER_LENGTH - 1)
    if len(body) != NUMBER_LENGTH - 1 or not body.isdigit() or body[0] == "0":
        raise ValueError("a card number body is nine digits, not starting with 0")
    return body + luhn.calc_check_digit(body)


def _secret_digits(count: int) -> str:
    return str(secrets.randbelow(9) + 1) + "".join(str(secrets.randbelow(10)) for _ in range(count - 1))


def clean_card_number(text: str) -> str:
    """The digits of a typed or scanned number (spaces and dashes dropped)."""
    return "".join(ch for ch in text.strip() if ch not in _SEPARATORS)


def looks_like_card_number(text: str) -> bool:
    """Whether the search text is meant as a card number: exactly ten digits (a BSN has nine)."""
    cleaned = clean_card_number(text)
    return len(cleaned) == NUMBER_LENGTH and cleaned.isdigit()


def checked_card_number(text: str) -> str:
    """The cleaned number, or a Dutch refusal when it cannot be a card number of ours."""
    cleaned = clean_card_number(text)
    if len(cleaned) != NUMBER_LENGTH or not cleaned.isdigit():
        raise DeskError(f"Een kaartnummer heeft {NUMBER_LENGTH} cijfers; '{text.strip()}' is geen kaartnummer.")
    if not luhn.is_valid(cleaned):
        raise DeskError(
            f"Kaartnummer {format_card_number(cleaned)} klopt niet (controlecijfer): "
            "scan de kaart opnieuw of typ het nummer nog eens over."
        )
    return cleaned


def format_card_number(number: str) -> str:
    """'1234 5678 97': readable on the card and on the screen."""
    return f"{number[:4]} {number[4:8]} {number[8:]}"


def name_on_card(
    choice: CardName, first_name: str | None, name_prefix: str | None, last_name: str | None, alias: str | None
) -> str:
    """The name as the person chose it, or a Dutch refusal when the record has no such name."""
    if choice is CardName.ALIAS:
        name = (alias or "").strip()
        missing = "Deze persoon heeft geen roepnaam of alias. Kies een andere naam voor de kaart."
    elif choice is CardName.FIRST_NAME:
        name = (first_name or "").strip()
        missing = "Deze persoon heeft geen voornaam in het record. Kies een andere naam voor de kaart."
    else:
        name = " ".join(part for part in (first_name, name_prefix, last_name) if part).strip()
        missing = "Deze persoon heeft geen (volledige) naam in het record. Kies de alias voor de kaart."
    if not name:
        raise DeskError(missing)
    return name


class RevokeReason(enum.StrEnum):
    """Why a card no longer opens the record."""

    LOST = "verloren"
    REPLACED = "vervangen"
    WITHDRAWN = "ingetrokken"

    @property
    def label(self) -> str:
        return _REVOKE_LABELS[self]


_REVOKE_LABELS = {
    RevokeReason.LOST: "verloren of gestolen",
    RevokeReason.REPLACED: "vervangen door een nieuwe kaart",
    RevokeReason.WITHDRAWN: "ingetrokken",
}
