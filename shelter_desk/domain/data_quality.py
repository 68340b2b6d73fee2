"""What is missing or doubtful in the records, across people: each check a rule of its own.

The record shows what is missing for one person; the coordinator's work list shows, across people,
what has stayed open too long: the municipality of origin still unknown six weeks after the first
night, consent to share never asked, a birth date still approximate a month after registration,
stays ended "bestemming onbekend" that nobody looked at, postal addresses past their review.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from shelter_desk.domain.person_details import Consent
from shelter_desk.domain.postal import PostalStatus
from shelter_desk.domain.stays import Outflow

ORIGIN_WITHIN = timedelta(weeks=6)  # the regiobinding investigation's own six weeks
BIRTH_DATE_WITHIN = timedelta(days=30)
UNKNOWN_DESTINATIONS = frozenset({Outflow.UNKNOWN, Outflow.LEFT_UNANNOUNCED})
DESTINATION_LOOKBACK = timedelta(days=365)  # ended stays older than a year are history, not work


class QualityCheck(StrEnum):
    ORIGIN_UNKNOWN = "herkomst_onbekend"
    CONSENT_NOT_ASKED = "toestemming_niet_gevraagd"
    BIRTH_DATE_APPROXIMATE = "geboortedatum_geschat"
    DESTINATION_UNKNOWN = "bestemming_onbekend"
    POSTAL_REVIEW_OVERDUE = "postadres_herziening"

    @property
    def label(self) -> str:
        return {
            "herkomst_onbekend": "Gemeente van herkomst onbekend na zes weken",
            "toestemming_niet_gevraagd": "Toestemming gegevens delen nooit gevraagd",
            "geboortedatum_geschat": "Geboortedatum na 30 dagen nog geschat",
            "bestemming_onbekend": "Verblijf beëindigd met bestemming onbekend, niet nagekeken",
            "postadres_herziening": "Postadres voorbij de herzieningsdatum",
        }[self]

    @property
    def field(self) -> str:
        """The field of the record to fix (what the work list opens the record on)."""
        return {
            "herkomst_onbekend": "origin",
            "toestemming_niet_gevraagd": "consent",
            "geboortedatum_geschat": "date_of_birth",
            "bestemming_onbekend": "outflow",
            "postadres_herziening": "postal",
        }[self]


def origin_overdue(origin_code: str | None, first_night: date | None, today: date) -> bool:
    """Slept here for six weeks or longer ago, and still no municipality of origin."""
    return origin_code is None and first_night is not None and today - first_night >= ORIGIN_WITHIN


def consent_never_asked(consent: Consent, consents_recorded: bool, first_night: date | None) -> bool:
    """Someone who has slept here and was never asked (no answer on the record, no consent per purpose)."""
    return first_night is not None and Consent(consent) is Consent.NOT_ASKED and not consents_recorded


def birth_date_still_approximate(approximate: bool, registered_on: date, today: date) -> bool:
    return approximate and today - registered_on >= BIRTH_DATE_WITHIN


def destination_unreviewed(outflow: Outflow | None, end_night: date | None, today: date) -> bool:
    """An ended stay whose destination is unknown (set by the desk or chosen) within the last year."""
    return end_night is not None and outflow in UNKNOWN_DESTINATIONS and today - end_night <= DESTINATION_LOOKBACK


def postal_review_overdue(status: PostalStatus, review_on: date, today: date) -> bool:
    return status is PostalStatus.ACTIVE and review_on < today
