"""The day drop-in (inloop): opening hours, services given during a visit, belongings kept in a locker.

Walk-in, no bed: a visit is counted with a name when the visitor gives one and as a head count
when not. Services come from the organisation's own list (a setting). Belongings are kept until
a keep-until date; after that they are on the overdue list until picked up or cleared.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, time, timedelta

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.name_lists import parse_name_list

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MAX_SERVICE_COUNT = 20
MAX_KEEP_DAYS = 92  # a locker is not storage: three months at most
DEFAULT_KEEP_DAYS = 7


@dataclass(frozen=True)
class OpeningHours:
    """Open on `weekday` (0 = Monday) from `opens` until `closes`, on the same day."""

    weekday: int
    opens: time
    closes: time

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise DeskError("Kies een dag van de week.")
        if self.closes <= self.opens:
            raise DeskError(
                f"{WEEKDAYS[self.weekday].capitalize()}: de sluitingstijd "
                f"({self.closes:%H:%M}) moet na de openingstijd ({self.opens:%H:%M}) liggen."
            )

    def describe(self) -> str:
        return f"{WEEKDAYS[self.weekday]} {self.opens:%H:%M}–{self.closes:%H:%M}"


def check_opening_hours(hours: list[OpeningHours]) -> list[OpeningHours]:
    """One period per weekday at most, sorted by day; a Dutch refusal otherwise."""
    days = [h.weekday for h in hours]
    doubled = sorted({d for d in days if days.count(d) > 1})
    if doubled:
        raise DeskError(f"Per dag één openingstijd: {', '.join(WEEKDAYS[d] for d in doubled)} staat er dubbel in.")
    return sorted(hours, key=lambda h: h.weekday)


def hours_on(hours: list[OpeningHours], day: date) -> OpeningHours | None:
    return next((h for h in hours if h.weekday == day.weekday()), None)


def describe_today(hours: list[OpeningHours], day: date) -> str:
    today = hours_on(hours, day)
    if not hours:
        return "Geen openingstijden ingesteld."
    if today is None:
        return f"Vandaag ({WEEKDAYS[day.weekday()]}) gesloten."
    return f"Vandaag open {today.opens:%H:%M}–{today.closes:%H:%M}."


def parse_service_list(text: str) -> tuple[str, ...]:
    """The configured services ('Maaltijd, Douche, ...') in order."""
    return parse_name_list(text, "De lijst met diensten van de inloop mag niet leeg zijn.")


def check_service(name: str, count: int, offered: tuple[str, ...]) -> str:
    """The service as it is spelled in the list; a Dutch refusal for an unknown one or a wrong count."""
    match = next((s for s in offered if s.casefold() == name.strip().casefold()), None)
    if match is None:
        raise DeskError(f"'{name.strip()}' staat niet in de lijst met diensten van de inloop ({', '.join(offered)}).")
    if not 1 <= count <= MAX_SERVICE_COUNT:
        raise DeskError(f"Het aantal moet tussen 1 en {MAX_SERVICE_COUNT} liggen.")
    return match


class LockerOutcome(enum.StrEnum):
    """How belongings left the locker."""

    PICKED_UP = "opgehaald"
    CLEARED = "opgeruimd"  # after the keep-until date, handed to lost property or thrown away

    @property
    def label(self) -> str:
        return "opgehaald door de eigenaar" if self is LockerOutcome.PICKED_UP else "opgeruimd na de bewaartermijn"


def check_locker(label: str, description: str, stored_on: date, keep_until: date) -> tuple[str, str]:
    """The cleaned label and description of belongings to store; a Dutch refusal otherwise."""
    clean_label = " ".join(label.split()).upper()
    if not clean_label:
        raise DeskError("Vul het nummer of label van het kluisje in.")
    if len(clean_label) > 20:
        raise DeskError("Het label van het kluisje is te lang (hoogstens 20 tekens).")
    clean_description = " ".join(description.split())
    if not clean_description:
        raise DeskError("Beschrijf kort wat er in het kluisje ligt (bijvoorbeeld 'blauwe rugzak').")
    if keep_until < stored_on:
        raise DeskError("De bewaardatum ligt vóór vandaag: kies een datum vanaf vandaag.")
    if keep_until > stored_on + timedelta(days=MAX_KEEP_DAYS):
        raise DeskError(f"Spullen worden hoogstens {MAX_KEEP_DAYS} dagen bewaard; kies een eerdere bewaardatum.")
    return clean_label, clean_description


def check_clearing(outcome: LockerOutcome, keep_until: date, today: date) -> None:
    if outcome is LockerOutcome.CLEARED and today <= keep_until:
        raise DeskError(
            "Deze spullen worden nog bewaard tot en met de bewaardatum; "
            "opruimen kan pas daarna. Is de eigenaar ze komen halen? Kies dan 'opgehaald'."
        )
