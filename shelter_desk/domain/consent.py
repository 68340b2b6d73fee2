"""Consent to share a person's data, per purpose, for a period: it ends and must be asked again.

HIFIS's consent types hold "valid for two years"; the organisation's setting gives the default
length. Consent given once with only a date (the older record field) counts for the municipality
and care partners from that date for the same default length. A renewal is a new consent from its
own start; the newest consent of a purpose decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from shelter_desk.domain.dutch_dates import add_months, format_dutch_date
from shelter_desk.domain.errors import DeskError


class ConsentPurpose(StrEnum):
    MUNICIPALITY = "gemeente"  # gegevens delen met de gemeente (warm transfer, national exports)
    CARE_PARTNERS = "zorgpartners"  # gegevens delen met zorgpartners
    POSTAL = "postadres"  # a postal address: registration in the BRP, mail for the person

    @property
    def label(self) -> str:
        return {
            "gemeente": "gegevens delen met de gemeente",
            "zorgpartners": "gegevens delen met zorgpartners",
            "postadres": "postadres",
        }[self]


class ConsentState(StrEnum):
    VALID = "geldig"
    EXPIRED = "verlopen"
    NOT_YET = "nog niet ingegaan"
    REFUSED = "geweigerd"
    NONE = "niet gevraagd"


ENDING_SOON_DAYS = 30


def default_end(starts_on: date, months: int) -> date:
    """The last day of a consent of `months` months: 01-12-2026 for 24 months ends on 30-11-2028."""
    return add_months(starts_on, months) - timedelta(days=1)


def check_consent_period(starts_on: date, ends_on: date, today: date) -> None:
    if ends_on < starts_on:
        raise DeskError("De toestemming eindigt vóór ze ingaat: kies een einddatum op of na de begindatum.")
    if starts_on > today:
        raise DeskError("Een toestemming wordt vastgelegd op of na de dag dat ze gegeven is, niet vooruit.")


@dataclass(frozen=True)
class ConsentFact:
    """The newest consent of one purpose (or its absence) as the rules read it."""

    purpose: ConsentPurpose
    given: bool
    starts_on: date | None
    ends_on: date | None

    def state(self, on: date) -> ConsentState:
        if self.starts_on is None or self.ends_on is None:
            return ConsentState.NONE
        if not self.given:
            return ConsentState.REFUSED
        if on < self.starts_on:
            return ConsentState.NOT_YET
        return ConsentState.VALID if on <= self.ends_on else ConsentState.EXPIRED

    def ends_within(self, on: date, days: int = ENDING_SOON_DAYS) -> bool:
        return (
            self.state(on) is ConsentState.VALID and self.ends_on is not None and self.ends_on <= on + timedelta(days)
        )


def require_valid(fact: ConsentFact, on: date, what: str) -> date:
    """The consent's start date when it holds on `on`; else a Dutch refusal saying why and what to do."""
    state = fact.state(on)
    if state is ConsentState.VALID:
        assert fact.starts_on is not None
        return fact.starts_on
    purpose = fact.purpose.label
    if state is ConsentState.EXPIRED:
        assert fact.ends_on is not None
        reason = (
            f"de toestemming voor {purpose} is verlopen op {format_dutch_date(fact.ends_on)}. "
            "Vraag de persoon opnieuw om toestemming en leg die vast (verlengen)"
        )
    elif state is ConsentState.REFUSED:
        reason = f"de persoon heeft geen toestemming gegeven voor {purpose}"
    elif state is ConsentState.NOT_YET:
        assert fact.starts_on is not None
        reason = f"de toestemming voor {purpose} gaat pas in op {format_dutch_date(fact.starts_on)}"
    else:
        reason = f"er is geen toestemming vastgelegd voor {purpose}. Leg die eerst vast in het persoonsrecord"
    raise DeskError(f"{what} kan niet: {reason}. Er is niets verstuurd of opgeslagen.")
