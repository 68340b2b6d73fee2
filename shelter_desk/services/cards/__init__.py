"""Client cards: issue, revoke, print, and find the person behind a scanned number.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.cards.cards import (
    CardView,
    card_pdf,
    cards_of,
    issue_card,
    person_for_card,
    revoke_card,
)

__all__ = [
    "CardView",
    "card_pdf",
    "cards_of",
    "issue_card",
    "person_for_card",
    "revoke_card",
]
