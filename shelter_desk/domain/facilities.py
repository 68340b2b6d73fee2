"""Kinds of shelter facility and the age range a facility admits."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from shelter_desk.domain.errors import DeskError


class FacilityKind(enum.StrEnum):
    NIGHT_SHELTER = "nachtopvang"
    YOUTH_SHELTER = "jongerenopvang"
    SHORT_STAY = "kortdurende_opvang"
    TRAJECTORY_ROOM = "trajectkamer"
    CRISIS = "crisisopvang"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def allocated_per_night(self) -> bool:
        """Night shelters give a bed for one night; the others give a stay with a planned end."""
        return self in (FacilityKind.NIGHT_SHELTER, FacilityKind.YOUTH_SHELTER)


_LABELS = {
    FacilityKind.NIGHT_SHELTER: "Nachtopvang",
    FacilityKind.YOUTH_SHELTER: "Jongerenopvang",
    FacilityKind.SHORT_STAY: "Kortdurende opvang (KDO)",
    FacilityKind.TRAJECTORY_ROOM: "Trajectkamer",
    FacilityKind.CRISIS: "Crisisopvang",
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
            raise DeskError(
                f"De maximumleeftijd ({self.maximum}) ligt onder de minimumleeftijd ({self.minimum})."
            )

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
