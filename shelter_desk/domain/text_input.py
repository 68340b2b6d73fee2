"""The one gate every typed text passes before it is stored: trimmed, within its length, no hidden characters.

A name of 10 000 characters breaks every list it appears on; a NUL, a bell or an escape has no
place in a record; the right-to-left override (U+202E) and its kin make a name read differently
from what is stored, so two records look alike or a note hides its end; a lone surrogate cannot
be written as UTF-8 at all. All are refused here, in Dutch, naming the field and the limit.
Night dates pass `check_night`: a night before 1990 or more than a year ahead is a typing error.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from shelter_desk.domain.errors import DeskError

# Free text without a declared column length (notes, reasons, remarks): long enough for any
# real note, short enough that one record cannot swamp a list or a printout.
FREE_TEXT_LIMIT = 2000

FIRST_NIGHT = date(1990, 1, 1)
NIGHTS_AHEAD = timedelta(days=366)

# Embeddings, overrides and isolates: they change how the text around them is shown.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_line(value: str, label: str, limit: int) -> str:
    """One line (a name, a place): inner runs of spaces become one, ends trimmed, then checked."""
    _refuse_hidden(value, label)
    cleaned = " ".join(value.split())
    _check_length(cleaned, label, limit)
    return cleaned


def clean_text(value: str, label: str, limit: int = FREE_TEXT_LIMIT) -> str:
    """Free text (a note, a reason): line breaks and tabs kept, ends trimmed, then checked."""
    _refuse_hidden(value, label)
    cleaned = "\n".join(line.rstrip() for line in value.strip().replace("\r\n", "\n").split("\n"))
    _check_length(cleaned, label, limit)
    return cleaned


def _check_length(cleaned: str, label: str, limit: int) -> None:
    if len(cleaned) > limit:
        raise DeskError(f"{label} is te lang: hoogstens {limit} tekens (nu {len(cleaned)}). Kort de tekst in.")


def _refuse_hidden(value: str, label: str) -> None:
    for char in value:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF:
            raise DeskError(
                f"{label} bevat een ongeldig teken (een losse surrogaat, U+{code:04X}); "
                "typ de tekst opnieuw in plaats van hem te plakken."
            )
        if char in _BIDI_CONTROLS:
            raise DeskError(
                f"{label} bevat een onzichtbaar teken dat de leesrichting omdraait (U+{code:04X}); "
                "dat wordt niet opgeslagen. Typ de tekst opnieuw."
            )
        if char in "\n\r\t":
            continue  # a line folds them into one space; free text keeps them
        if unicodedata.category(char) == "Cc" or char in "\u2028\u2029":
            raise DeskError(
                f"{label} bevat een stuurteken (U+{code:04X}) dat niet in een tekst hoort; dat wordt niet opgeslagen."
            )


def check_night(night: date, today: date, label: str = "De nacht") -> date:
    """A night the desk can mean: from 1990 up to a year after today."""
    if night < FIRST_NIGHT or night > today + NIGHTS_AHEAD:
        raise DeskError(
            f"{label} ({night.strftime('%d-%m-%Y')}) ligt buiten wat de balie kan bedoelen: "
            f"kies een datum tussen 1 januari 1990 en {(today + NIGHTS_AHEAD).strftime('%d-%m-%Y')}."
        )
    return night
