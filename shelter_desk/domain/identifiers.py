"""Identifiers the desk types: BSN (elfproef via python-stdnum), postcode and phone number."""

from __future__ import annotations

import re

from stdnum import exceptions as stdnum_errors
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

from shelter_desk.domain.errors import DeskError


def clean_bsn(text: str | None) -> str | None:
    """The BSN as nine digits, None when empty; anything else is refused with a Dutch reason."""
    raw = (text or "").strip()
    if not raw:
        return None
    compact = re.sub(r"[\s.\-]", "", raw)
    if not compact.isdigit():
        raise DeskError(f"BSN '{raw}' bevat andere tekens dan cijfers.")
    # stdnum pads 8-digit numbers with a leading zero; the desk must type all nine.
    if len(compact) != 9:
        raise DeskError(f"Een BSN heeft 9 cijfers; '{raw}' heeft er {len(compact)}.")
    try:
        return stdnum_bsn.validate(compact)
    except stdnum_errors.ValidationError:
        raise DeskError(
            f"BSN '{raw}' klopt niet (de elfproef faalt). Controleer het nummer op het ID-bewijs."
        ) from None


def clean_postcode(text: str | None) -> str | None:
    """A Dutch postcode written as '1234 AB', None when empty."""
    raw = (text or "").strip()
    if not raw:
        return None
    try:
        return stdnum_postcode.validate(raw)
    except stdnum_errors.ValidationError:
        raise DeskError(
            f"Postcode '{raw}' is geen Nederlandse postcode (vier cijfers en twee letters, zoals 9401 AB)."
        ) from None


_FOREIGN_POSTCODE = re.compile(r"^[A-Z0-9][A-Z0-9 \-]{0,10}[A-Z0-9]$")


def is_dutch_postcode(text: str) -> bool:
    try:
        return clean_postcode(text) is not None
    except DeskError:
        return False


def clean_foreign_postcode(text: str | None) -> str | None:
    """A postcode abroad ('10115', 'SW1A 1AA', 'B-1000'): letters, digits, spaces and hyphens,
    kept as written (upper case, single spaces); None when empty."""
    raw = " ".join((text or "").split()).upper()
    if not raw:
        return None
    if not _FOREIGN_POSTCODE.match(raw) or not any(ch.isdigit() for ch in raw):
        raise DeskError(
            f"Postcode '{raw}' is niet te lezen als buitenlandse postcode "
            "(2 tot 12 letters en cijfers, met spatie of streepje)."
        )
    return raw


_PHONE = re.compile(r"^\+?[0-9][0-9 \-()]{5,18}[0-9]$")


def clean_phone(text: str | None) -> str | None:
    raw = (text or "").strip()
    if not raw:
        return None
    if not _PHONE.match(raw):
        raise DeskError(f"Telefoonnummer '{raw}' is niet te lezen; gebruik cijfers, spaties en eventueel +.")
    return raw
