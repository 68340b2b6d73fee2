"""Client documents in the person's language (house rules, postal-address consent, transfer letter).

The public use cases of this feature: the UI and the command line import from here only. The
referral slip (`beds.referral_slip_pdf`) and the client card (`cards.card_pdf`) print in the
person's language too, from their own features.
"""

from shelter_desk.services.documents.client_documents import (
    client_transfer_letter_pdf,
    house_rules_pdf,
    postal_consent_pdf,
)

__all__ = ["client_transfer_letter_pdf", "house_rules_pdf", "postal_consent_pdf"]
