"""The shift handover (dienstoverdracht): what happened on a shift that the next one must know.

Entries are written per location, may name the persons they are about, and may be flagged as
must-read; every worker of the next shift marks what they read. Entries about a person are
personal data like the rest of the record.
"""

from __future__ import annotations

from shelter_desk.domain.errors import DeskError

MAX_TEXT = 2000
RECENT_DAYS = 3  # the handover shows the last three days: a weekend's worth for the Monday shift


def check_entry_text(text: str) -> str:
    """The entry's text, trimmed; a Dutch refusal when empty or too long."""
    clean = text.strip()
    if not clean:
        raise DeskError("Schrijf op wat de volgende dienst moet weten; een lege overdracht wordt niet opgeslagen.")
    if len(clean) > MAX_TEXT:
        raise DeskError(
            f"De overdracht is te lang ({len(clean)} tekens, hoogstens {MAX_TEXT}). "
            "Schrijf de kern op; details horen in de notities van de persoon."
        )
    return clean
