"""Restrictions (bans): a person barred from one facility or all, for a period, with a reason.

A safety restriction (aggression, threat) stays in force during the winter arrangement; other
restrictions are lifted for the night when the winter arrangement is active (admission is then
unconditional).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.text_input import clean_text


@dataclass(frozen=True)
class RestrictionTerms:
    facility_id: int | None  # None: every facility
    starts_on: date
    ends_on: date
    reason: str
    is_safety: bool
    alternative_facility_id: int | None = None

    def validated(self) -> RestrictionTerms:
        problems = []
        try:
            reason = clean_text(self.reason, "De reden van de beperking")
        except DeskError as error:
            problems.append(error.message)
            reason = ""
        if not reason and not problems:
            problems.append("Vul de reden van de beperking in.")
        if self.ends_on < self.starts_on:
            problems.append("De beperking eindigt vóór ze begint: kies een einddatum op of na de begindatum.")
        if self.alternative_facility_id is not None and self.alternative_facility_id == self.facility_id:
            problems.append("De uitwijklocatie kan niet dezelfde voorziening zijn als die van de beperking.")
        if problems:
            raise DeskError("\n".join(problems))
        return RestrictionTerms(
            self.facility_id, self.starts_on, self.ends_on, reason, self.is_safety, self.alternative_facility_id
        )


def is_in_force(starts_on: date, ends_on: date, night: date) -> bool:
    return starts_on <= night <= ends_on


def applies_to(
    restricted_facility_id: int | None, facility_id: int, alternative_facility_id: int | None = None
) -> bool:
    """A ban holds at its facility (or everywhere), never at the alternative location it names."""
    if alternative_facility_id is not None and alternative_facility_id == facility_id:
        return False
    return restricted_facility_id is None or restricted_facility_id == facility_id
