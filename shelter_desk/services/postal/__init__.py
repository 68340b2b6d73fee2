"""Postal addresses and the mail log.

The public use cases of this feature: the UI and the command line import from here only.
"""

from shelter_desk.services.postal.addresses import (
    PostalView,
    activate_from_waiting_list,
    confirmation_letter,
    default_review_date,
    end_notice_letter,
    end_postal_address,
    hand_out,
    log_mail,
    mail_waiting,
    mail_waiting_too_long,
    overview_csv,
    overview_pdf,
    postal_addresses,
    record_review,
    register_postal_address,
    reviews_due,
)

__all__ = [
    "PostalView",
    "activate_from_waiting_list",
    "confirmation_letter",
    "default_review_date",
    "end_notice_letter",
    "end_postal_address",
    "hand_out",
    "log_mail",
    "mail_waiting",
    "mail_waiting_too_long",
    "overview_csv",
    "overview_pdf",
    "postal_addresses",
    "record_review",
    "register_postal_address",
    "reviews_due",
]
