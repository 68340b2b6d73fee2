"""Kinds of shelter facility and the age range a facility admits."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.identifiers import clean_postcode
from shelter_desk.domain.stays import StayPeriod


class FacilityKind(enum.StrEnum):
    NIGHT_SHELTER = "nachtopvang"
    YOUTH_SHELTER = "jongerenopvang"
    SHORT_STAY = "kortdurende_opvang"
    TRAJECTORY_ROOM = "trajectkamer"
    CRISIS = "crisisopvang"
    WINTER = "winteropvang"  # winter-only emergency places: open only while the arrangement is active
    DROP_IN = "inloop"  # day drop-in: visits and services, no beds

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def allocated_per_night(self) -> bool:
        """Night shelters give a bed for one night; the others give a stay with a planned end."""
        return self in (FacilityKind.NIGHT_SHELTER, FacilityKind.YOUTH_SHELTER, FacilityKind.WINTER)

    @property
    def walk_in(self) -> bool:
        """Places the desk may give someone who walks in tonight. Short stay (KDO) and trajectory
        rooms are given only through an intake decision, never proposed as tonight's bed."""
        return self not in (FacilityKind.SHORT_STAY, FacilityKind.TRAJECTORY_ROOM, FacilityKind.DROP_IN)

    @property
    def has_beds(self) -> bool:
        """A drop-in gives no beds: it stays off the bed board, bed proposals and occupancy figures."""
        return self is not FacilityKind.DROP_IN


_LABELS = {
    FacilityKind.NIGHT_SHELTER: "Nachtopvang",
    FacilityKind.YOUTH_SHELTER: "Jongerenopvang",
    FacilityKind.SHORT_STAY: "Kortdurende opvang (KDO)",
    FacilityKind.TRAJECTORY_ROOM: "Trajectkamer",
    FacilityKind.CRISIS: "Crisisopvang",
    FacilityKind.WINTER: "Winteropvang (alleen bij winterregeling)",
    FacilityKind.DROP_IN: "Inloop (dagopvang, geen bedden)",
}


@dataclass(frozen=True)
class AgeRange:
    """Inclusive age bounds in whole years; `None` means no bound on that side."""

    minimum: int | None = None
    maximum: int | None = None

    def __post_init__(self) -> None:
        if self.minimum is not None and self.minimum < 0:
            raise DeskError("De minimumleeftijd kan niet negatief zijn.")
        if self.minimum is not None and self.maximum is not None and self.maximum < self.minimum:
            raise DeskError(f"De maximumleeftijd ({self.maximum}) ligt onder de minimumleeftijd ({self.minimum}).")

    def admits(self, age: int) -> bool:
        if self.minimum is not None and age < self.minimum:
            return False
        return self.maximum is None or age <= self.maximum

    def describe(self) -> str:
        if self.minimum is None and self.maximum is None:
            return "alle leeftijden"
        if self.maximum is None:
            return f"vanaf {self.minimum} jaar"
        if self.minimum is None:
            return f"tot en met {self.maximum} jaar"
        return f"{self.minimum} t/m {self.maximum} jaar"


@dataclass(frozen=True)
class FacilityTerms:
    """What an administrator sets for a facility; `validated` refuses bad values in Dutch."""

    name: str
    kind: FacilityKind
    centre_municipality_code: str
    ages: AgeRange = AgeRange()
    max_stay: StayPeriod | None = None  # e.g. 3 maanden; None: no maximum
    provider: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    night_fee_cents: int | None = None  # None: the organisation's default contribution
    phone: str = ""  # who to call at this facility ("" when unknown)

    def validated(self) -> FacilityTerms:
        problems = []
        if not self.name.strip():
            problems.append("Geef de voorziening een naam.")
        if len(" ".join(self.phone.split())) > 30:
            problems.append("Het telefoonnummer is te lang (hoogstens 30 tekens).")
        if self.night_fee_cents is not None and not 0 <= self.night_fee_cents <= 10_000:
            problems.append("De eigen bijdrage per nacht ligt tussen € 0 en € 100.")
        postcode = self.postcode
        try:
            postcode = clean_postcode(self.postcode) or ""
        except DeskError as error:
            problems.append(error.message)
        if problems:
            raise DeskError("\n".join(problems))
        return replace(
            self,
            name=" ".join(self.name.split()),
            postcode=postcode,
            provider=self.provider.strip(),
            street=self.street.strip(),
            city=self.city.strip(),
            phone=" ".join(self.phone.split()),
        )


def parse_euro_cents(text: str) -> int | None:
    """'4', '4,00', '€ 4,50' → cents; empty → None. Refuses anything else in Dutch."""
    cleaned = text.replace("€", "").replace(" ", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = round(float(cleaned) * 100)
    except ValueError:
        raise DeskError(f"'{text}' is geen bedrag; typ bijvoorbeeld 4,00.") from None
    return value


def bed_open_on_night(
    in_use: bool, is_overflow: bool, kind: FacilityKind, *, overflow_opened: bool, winter_active: bool
) -> bool:
    """Whether a bed can be given on a night: the one rule for open and closed beds.

    A bed out of use (or at a closed facility) is closed. Regular beds are open. Overflow beds open
    when a coordinator opened the overflow that night or the winter arrangement is active; the
    places of a winter-only location open only on winter nights.
    """
    if not in_use:
        return False
    if kind is FacilityKind.WINTER:
        return winter_active
    if is_overflow:
        return overflow_opened or winter_active
    return True
