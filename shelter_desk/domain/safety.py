"""Safety at the door: incidents (what happened, who was involved) and people who must be kept apart.

An incident may involve known clients, an unknown person (described), or nobody on record. A
keep-apart says that two persons must not be placed in the same facility (or, stricter, not on
the same night anywhere), with a reason and an end date. Who the other person is, is told only
to coordinators: the front desk hears that there is a conflict and whom to ask.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.text_input import clean_line, clean_text


class IncidentKind(StrEnum):
    AGGRESSION = "agressie_geweld"
    THREAT = "bedreiging"
    MEDICAL = "medisch"
    NUISANCE = "overlast_omgeving"
    THEFT = "diefstal"
    DRUGS_ALCOHOL = "drugs_alcohol"
    OTHER = "anders"

    @property
    def label(self) -> str:
        return _INCIDENT_LABELS[self]


_INCIDENT_LABELS = {
    IncidentKind.AGGRESSION: "agressie/geweld",
    IncidentKind.THREAT: "bedreiging",
    IncidentKind.MEDICAL: "medisch",
    IncidentKind.NUISANCE: "overlast omgeving",
    IncidentKind.THEFT: "diefstal",
    IncidentKind.DRUGS_ALCOHOL: "drugs/alcohol",
    IncidentKind.OTHER: "anders",
}


@dataclass(frozen=True)
class IncidentTerms:
    """What the desk writes down about an incident; `person_ids` may be empty."""

    occurred_at: datetime  # aware
    facility_id: int
    kind: IncidentKind
    what_happened: str
    person_ids: tuple[int, ...] = ()
    unknown_person: str = ""  # a description of someone not on record ("onbekende persoon")
    staff_involved: str = ""
    police_called: bool = False
    ambulance_called: bool = False
    security_called: bool = False
    what_was_done: str = ""

    def validated(self, now: datetime) -> IncidentTerms:
        problems: list[str] = []

        def text(value: str, label: str) -> str:
            try:
                return clean_text(value, label)
            except DeskError as error:
                problems.append(error.message)
                return ""

        happened = text(self.what_happened, "Wat er gebeurde")
        if not happened and not problems:
            problems.append("Beschrijf wat er gebeurde.")
        done = text(self.what_was_done, "Wat er is gedaan")
        unknown = text(self.unknown_person, "De beschrijving van de onbekende persoon")
        try:
            staff = clean_line(self.staff_involved, "De betrokken medewerkers", 200)
        except DeskError as error:
            problems.append(error.message)
            staff = ""
        if self.occurred_at.tzinfo is None:
            problems.append("Het tijdstip van het incident mist een tijdzone.")
        elif self.occurred_at > now:
            problems.append("Het incident ligt in de toekomst: kies een tijdstip dat al geweest is.")
        if len(set(self.person_ids)) != len(self.person_ids):
            problems.append("Dezelfde persoon staat twee keer bij de betrokkenen.")
        if problems:
            raise DeskError("\n".join(problems))
        return IncidentTerms(
            self.occurred_at,
            self.facility_id,
            IncidentKind(self.kind),
            happened,
            tuple(self.person_ids),
            unknown,
            staff,
            self.police_called,
            self.ambulance_called,
            self.security_called,
            done,
        )


class KeepApartScope(StrEnum):
    FACILITY = "zelfde_voorziening"  # never in the same facility on the same night
    ANYWHERE = "zelfde_nacht"  # never both placed on the same night, wherever

    @property
    def label(self) -> str:
        return "niet in dezelfde voorziening" if self is KeepApartScope.FACILITY else "niet op dezelfde nacht"


@dataclass(frozen=True)
class KeepApartTerms:
    person_id: int
    other_person_id: int
    scope: KeepApartScope
    reason: str
    starts_on: date
    ends_on: date

    def validated(self) -> KeepApartTerms:
        problems: list[str] = []
        try:
            reason = clean_text(self.reason, "De reden")
        except DeskError as error:
            problems.append(error.message)
            reason = ""
        if not reason and not problems:
            problems.append("Vul de reden in waarom deze twee uit elkaar moeten blijven.")
        if self.person_id == self.other_person_id:
            problems.append("Kies twee verschillende personen.")
        if self.ends_on < self.starts_on:
            problems.append("De einddatum ligt vóór de begindatum.")
        if problems:
            raise DeskError("\n".join(problems))
        return KeepApartTerms(
            self.person_id, self.other_person_id, KeepApartScope(self.scope), reason, self.starts_on, self.ends_on
        )


def keep_apart_holds(starts_on: date, ends_on: date, ended: bool, night: date) -> bool:
    return not ended and starts_on <= night <= ends_on


def breaks_keep_apart(scope: KeepApartScope, facility_id: int, other_facility_id: int) -> bool:
    """Whether the other person's bed that night breaks the keep-apart for a bed at `facility_id`."""
    return scope is KeepApartScope.ANYWHERE or facility_id == other_facility_id


@dataclass(frozen=True)
class KeepApartConflict:
    """The other person of a keep-apart already has a bed that night where it breaks the rule."""

    other: str  # the other person's name, as the desk reads it
    facility: str  # where the other person sleeps that night
    scope: KeepApartScope
    reason: str


def keep_apart_message(conflicts: list[KeepApartConflict], names_shown: bool) -> str:
    """The warning at the bed; the other person is named only to those who may decide (coordinators)."""
    lines = []
    for conflict in conflicts:
        if names_shown:
            lines.append(
                f"Uit elkaar houden: {conflict.other} heeft deze nacht een bed in {conflict.facility} "
                f"({conflict.scope.label}; reden: {conflict.reason})."
            )
        elif conflict.scope is KeepApartScope.FACILITY:
            lines.append(
                "Uit elkaar houden: deze persoon mag niet in dezelfde voorziening slapen als iemand die "
                f"deze nacht in {conflict.facility} slaapt. Overleg met de coördinator."
            )
        else:
            lines.append(
                "Uit elkaar houden: deze persoon mag niet op dezelfde nacht een bed krijgen als iemand die "
                f"deze nacht in {conflict.facility} slaapt. Overleg met de coördinator."
            )
    return "\n".join(lines)


class SafetyNetwork(StrEnum):
    """Where an escalated case is followed: the regional safety network or the police."""

    MELDPUNT_OGGZ = "meldpunt_oggz"
    ZORG_EN_VEILIGHEID = "zorg_en_veiligheidshuis"
    POLICE = "politie"
    OTHER = "anders"

    @property
    def label(self) -> str:
        return {
            "meldpunt_oggz": "Meldpunt OGGZ",
            "zorg_en_veiligheidshuis": "Zorg- en Veiligheidshuis",
            "politie": "Politie",
            "anders": "Anders",
        }[self]


@dataclass(frozen=True)
class EscalationTerms:
    """A case put "in het veiligheidsnetwerk": with whom, who manages it, and what the desk must do."""

    person_id: int
    network: SafetyNetwork
    started_on: date
    case_manager: str
    phone: str
    next_step: str
    desk_instruction: str  # what the front desk does when the person turns up: "bel X op 06-…"

    def validated(self, today: date) -> EscalationTerms:
        problems: list[str] = []

        def line(value: str, label: str, limit: int) -> str:
            try:
                return clean_line(value, label, limit)
            except DeskError as error:
                problems.append(error.message)
                return ""

        def text(value: str, label: str) -> str:
            try:
                return clean_text(value, label)
            except DeskError as error:
                problems.append(error.message)
                return ""

        manager = line(self.case_manager, "De casusregisseur", 120)
        phone = line(self.phone, "Het telefoonnummer", 30)
        step = text(self.next_step, "De afgesproken volgende stap")
        instruction = text(self.desk_instruction, "Wat de balie moet doen")
        if not manager and not problems:
            problems.append("Vul de casusregisseur in (wie de zaak in het netwerk houdt).")
        if not instruction and not problems:
            problems.append("Vul in wat de balie moet doen als de persoon zich meldt (bijvoorbeeld: bel de regisseur).")
        if self.started_on > today:
            problems.append("De startdatum ligt in de toekomst.")
        if problems:
            raise DeskError("\n".join(problems))
        return EscalationTerms(
            self.person_id, SafetyNetwork(self.network), self.started_on, manager, phone, step, instruction
        )
