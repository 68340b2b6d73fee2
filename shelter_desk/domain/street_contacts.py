"""Street contacts on a winter night: who the outreach met outside, what was offered, where they went.

In phase 2 the street is searched actively; the arrangement exists to reach and place rough
sleepers, so each contact is recorded and counted as seen / offered a bed / placed / refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, time
from enum import StrEnum

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.identifiers import clean_postcode
from shelter_desk.domain.text_input import clean_line, clean_text

PLACE_LIMIT = 200
DESCRIPTION_LIMIT = 200


class StreetOutcome(StrEnum):
    ACCEPTED = "geaccepteerd"  # took the bed offered: a facility expects them tonight
    REFUSED = "geweigerd"  # a bed was offered and refused
    HAS_PLACE = "heeft_plek"  # already has a place to sleep

    @property
    def label(self) -> str:
        return {"geaccepteerd": "bed aangenomen", "geweigerd": "bed geweigerd", "heeft_plek": "heeft al een plek"}[self]


@dataclass(frozen=True)
class StreetContactTerms:
    """One contact as the worker records it; `validated` gives it back cleaned or refuses in Dutch."""

    night: date  # the shelter night (its evening): a contact at 01:30 belongs to the night before
    seen_at: time
    place: str
    outcome: StreetOutcome
    bed_offered: bool
    postcode: str = ""
    person_id: int | None = None
    description: str = ""  # who it was, when the person stays unknown
    facility_id: int | None = None  # where the person was taken, when the bed was accepted
    remark: str = ""

    def validated(self) -> StreetContactTerms:
        problems: list[str] = []
        place = description = remark = postcode = ""
        try:
            place = clean_line(self.place, "De plaats", PLACE_LIMIT)
            description = clean_line(self.description, "De beschrijving van de persoon", DESCRIPTION_LIMIT)
            remark = clean_text(self.remark, "De toelichting")
        except DeskError as error:
            problems.append(error.message)
        try:
            postcode = clean_postcode(self.postcode) or ""
        except DeskError as error:
            problems.append(error.message)
        if not place and not postcode and not problems:
            problems.append("Vul in waar de persoon is gezien (bijvoorbeeld 'portiek Hoofdstraat 12').")
        if self.person_id is None and not description and not problems:
            problems.append("Kies de persoon, of beschrijf kort wie het was (bijvoorbeeld 'man, ca. 40, grijze jas').")
        if self.outcome in (StreetOutcome.ACCEPTED, StreetOutcome.REFUSED) and not self.bed_offered:
            problems.append(f"'{self.outcome.label}' kan alleen als er een bed is aangeboden.")
        if self.outcome is StreetOutcome.ACCEPTED:
            if self.facility_id is None:
                problems.append("Kies de voorziening waar de persoon naartoe is gebracht.")
            if self.person_id is None:
                problems.append(
                    "Zoek de persoon op of registreer hem of haar (twee sleutels): "
                    "de voorziening verwacht iemand op naam op haar bord."
                )
        elif self.facility_id is not None:
            problems.append("Een voorziening hoort alleen bij 'bed aangenomen'.")
        if problems:
            raise DeskError("\n".join(problems))
        return replace(self, place=place, description=description, remark=remark, postcode=postcode)


@dataclass(frozen=True)
class StreetCounts:
    """What the arrangement is measured by: people seen outside, offered a bed, placed, refusing."""

    seen: int = 0
    offered: int = 0
    placed: int = 0
    refused: int = 0

    def describe(self) -> str:
        return (
            f"gezien {self.seen} · bed aangeboden {self.offered} · geplaatst {self.placed} · geweigerd {self.refused}"
        )


def count_contacts(contacts: Iterable[tuple[bool, StreetOutcome]]) -> StreetCounts:
    """The counts of (bed offered, outcome) pairs: every contact is seen once."""
    seen = offered = placed = refused = 0
    for bed_offered, outcome in contacts:
        seen += 1
        offered += bed_offered
        placed += outcome is StreetOutcome.ACCEPTED
        refused += outcome is StreetOutcome.REFUSED
    return StreetCounts(seen, offered, placed, refused)
