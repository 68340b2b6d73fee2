"""The rules a bed assignment must pass: the facility's age range (the age on the night itself), the
person's restrictions, one bed a night, a bed that is free and open.

Each rule gives a Refusal with a Dutch reason. Some refusals a coordinator may overrule with a
reason (an age just outside the range, a non-safety restriction, a bed kept for a regular); the
others never: a safety restriction, a second bed the same night, a bed that is taken or closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.facilities import AgeRange
from shelter_desk.domain.people import age_on
from shelter_desk.domain.shelter_night import local_clock_text


class RefusalKind(StrEnum):
    AGE = "leeftijd"
    RESTRICTION = "beperking"
    SAFETY_RESTRICTION = "veiligheidsbeperking"
    OTHER_BED = "ander_bed"
    BED_TAKEN = "bed_bezet"
    BED_CLOSED = "bed_gesloten"
    KEPT_BED = "vastgehouden_bed"  # waits for a regular until the no-show hour
    KEEP_APART = "uit_elkaar"  # someone this person must be kept apart from sleeps there that night


ADULT_AGE = 18
OVERRULABLE = frozenset({RefusalKind.AGE, RefusalKind.RESTRICTION, RefusalKind.KEPT_BED, RefusalKind.KEEP_APART})


@dataclass(frozen=True)
class Refusal:
    kind: RefusalKind
    message: str

    @property
    def overrulable(self) -> bool:
        return self.kind in OVERRULABLE


@dataclass(frozen=True)
class RestrictionFact:
    reason: str
    is_safety: bool
    alternative: str = ""


@dataclass(frozen=True)
class KeptBed:
    """A free night-shelter bed whose sleeper of the night before has no bed yet tonight.

    A regular comes back to "his" bed: until the night's no-show hour it waits for
    him, so a newcomer given it at 21:00 does not leave him at a full shelter at 22:30.
    """

    bed: str  # the bed's label
    regular: str  # who it waits for, as the desk reads the name
    until: datetime  # the night's no-show moment (aware)


@dataclass(frozen=True)
class AssignmentFacts:
    """Everything the rules look at, gathered by the service inside the write transaction."""

    night: date
    facility: str
    ages: AgeRange
    born: DateOfBirth | None
    restrictions: tuple[RestrictionFact, ...]  # in force that night, for this facility
    other_bed: str | None  # "Nachtopvang Havenkade Assen, bed B3" when the person already has one
    bed_occupant: str | None  # who holds the bed that night, if anyone
    bed_open: bool  # False for a closed overflow bed or an inactive bed
    # The occupant's running stay, when the bed is held by one: "verblijft t/m 08-03-2027".
    occupant_stay: str = ""
    kept: KeptBed | None = None  # the bed waits for a regular (gathered only for a decision at a moment)
    at: datetime | None = None  # the moment of the decision; None: the kept bed counts as kept


def age_on_night(born: DateOfBirth, night: date) -> int:
    """Age on the night in question (a birthday on that night counts); approximate years by year."""
    return night.year - born.value.year if born.approximate else age_on(born.value, night)


def refusals(facts: AssignmentFacts) -> list[Refusal]:
    found: list[Refusal] = []
    if facts.born is not None:
        age = age_on_night(facts.born, facts.night)
        if not facts.ages.admits(age):
            found.append(
                Refusal(RefusalKind.AGE, f"Leeftijd {age} past niet bij {facts.facility} ({facts.ages.describe()}).")
            )
        elif age < ADULT_AGE and facts.ages.minimum is None:
            # A facility without an age range was not set up for minors: warn, let a coordinator decide.
            found.append(
                Refusal(
                    RefusalKind.AGE,
                    f"{age} jaar: minderjarig, en {facts.facility} heeft geen jongerenbereik. "
                    "Overleg met jeugdzorg of Veilig Thuis.",
                )
            )
    for restriction in facts.restrictions:
        where = f" Uitwijken naar: {restriction.alternative}." if restriction.alternative else ""
        if restriction.is_safety:
            found.append(
                Refusal(
                    RefusalKind.SAFETY_RESTRICTION,
                    f"Veiligheidsbeperking voor {facts.facility}: {restriction.reason}. "
                    f"Deze kan niet worden overruled.{where}",
                )
            )
        else:
            found.append(
                Refusal(RefusalKind.RESTRICTION, f"Beperking voor {facts.facility}: {restriction.reason}.{where}")
            )
    if facts.other_bed is not None:
        found.append(Refusal(RefusalKind.OTHER_BED, f"Deze persoon heeft deze nacht al een bed: {facts.other_bed}."))
    if facts.bed_occupant is not None and facts.occupant_stay:
        # A running stay holds its bed on every night of its period, tonight or next month alike.
        found.append(
            Refusal(
                RefusalKind.BED_TAKEN,
                f"Dit bed is op de nacht van {facts.night:%d-%m-%Y} van "
                f"{facts.bed_occupant}, die hier {facts.occupant_stay}. "
                "Kies een ander bed.",
            )
        )
    elif facts.bed_occupant is not None:
        found.append(
            Refusal(RefusalKind.BED_TAKEN, f"Dit bed is net vergeven aan {facts.bed_occupant}. Kies een ander bed.")
        )
    if facts.kept is not None and (facts.at is None or facts.at < facts.kept.until):
        found.append(Refusal(RefusalKind.KEPT_BED, kept_bed_message(facts.kept)))
    if not facts.bed_open:
        found.append(
            Refusal(
                RefusalKind.BED_CLOSED,
                "Dit bed is deze nacht gesloten (extra bed: alleen open als een coördinator "
                "of de winterregeling het opent).",
            )
        )
    return found


def kept_bed_message(kept: KeptBed) -> str:
    """'Bed 3 wordt tot 23:00 vastgehouden voor Kees de Vries, die hier gisteren sliep.'

    Beds are kept on the night that is running only, so the regular slept here yesterday.
    """
    return (
        f"Bed {kept.bed} wordt tot {local_clock_text(kept.until)} vastgehouden voor {kept.regular}, "
        "die hier gisteren sliep."
    )


def check_assignment(facts: AssignmentFacts, overrule_reason: str = "") -> list[Refusal]:
    """Raise a DeskError naming every refusal that stands; return the overruled ones to record.

    A reason overrules only the overrulable refusals; the message says which ones cannot be.
    """
    found = refusals(facts)
    standing = [r for r in found if not (r.overrulable and overrule_reason.strip())]
    if standing:
        hint = ""
        if all(r.overrulable for r in standing):
            hint = "\nEen coördinator kan dit met een reden toch toestaan."
        raise AssignmentRefused(standing, "\n".join(r.message for r in standing) + hint)
    return [r for r in found if r.overrulable]


class AssignmentRefused(DeskError):
    def __init__(self, refused: list[Refusal], message: str) -> None:
        super().__init__(message)
        self.refused = refused

    @property
    def overrulable(self) -> bool:
        return all(r.overrulable for r in self.refused)
