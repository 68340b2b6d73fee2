"""The client documents as plain data (the renderer is in client_documents; the referral slip and the
card have their own data and renderers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from shelter_desk.reports.letter_data import Letterhead


class DocumentKind(StrEnum):
    """The client documents, by the name the `print` command uses."""

    HOUSE_RULES = "house-rules"
    POSTAL_CONSENT = "postal-consent"
    TRANSFER_LETTER = "transfer-letter"
    REFERRAL_SLIP = "referral-slip"  # rendered by reports.referral_slip (A5)
    CARD = "card"  # the back of the client card, rendered by reports.client_card_pdf


Value = str | date | Decimal | None


@dataclass(frozen=True)
class ClientDocument:
    kind: DocumentKind
    language: str  # a catalogue code
    letterhead: Letterhead
    person: str  # exactly as registered
    place: str
    dated: date
    values: dict[str, Value] = field(default_factory=dict)  # placeholders: dates and money are formatted per language
    facts: tuple[Value, ...] = ()  # the values of DocumentText.facts, in order (None: unknown)
    is_demo: bool = False
