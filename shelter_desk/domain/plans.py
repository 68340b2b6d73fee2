"""The personal plan (persoonlijk plan / trajectplan): self-sufficiency over the life domains, goals
with agreed actions, and review dates.

Each life domain is scored from 1 (acute problems) to 5 (fully self-sufficient), the common
practice in Dutch shelters. The level texts below are our own short descriptions (not the
published texts of any instrument). The domains are a setting; the default is the ten Dutch shelters commonly use.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.name_lists import parse_name_list

DEFAULT_DOMAINS = (
    "Huisvesting",
    "Inkomen en schulden",
    "Dagbesteding",
    "Lichamelijke gezondheid",
    "Geestelijke gezondheid",
    "Verslaving",
    "Praktische vaardigheden",
    "Sociaal netwerk",
    "Maatschappelijke participatie",
    "Justitie",
)

LEVELS = {
    1: "Acute problemen: direct hulp nodig",
    2: "Niet zelfredzaam: ernstige problemen, hulp nodig",
    3: "Beperkt zelfredzaam: redt het met veel steun",
    4: "Voldoende zelfredzaam: redt het met een beetje steun",
    5: "Volledig zelfredzaam: redt het zelf",
}
DEFAULT_REVIEW_MONTHS = 3
MAX_TEXT = 500


class GoalStatus(enum.StrEnum):
    OPEN = "open"
    REACHED = "behaald"
    STOPPED = "gestopt"

    @property
    def label(self) -> str:
        return {GoalStatus.OPEN: "loopt", GoalStatus.REACHED: "behaald", GoalStatus.STOPPED: "gestopt"}[self]


def parse_domains(text: str) -> tuple[str, ...]:
    """The configured life domains in order."""
    return parse_name_list(text, "Het plan heeft minstens één leefgebied nodig.")


def level_text(score: int) -> str:
    return LEVELS[score]


def check_scores(scores: Mapping[str, int | None], domains: tuple[str, ...]) -> dict[str, int]:
    """The scored domains (a domain may be left out); a Dutch refusal for a score outside 1–5,
    an unknown domain, or nothing scored at all."""
    checked: dict[str, int] = {}
    for domain, score in scores.items():
        if domain not in domains:
            raise DeskError(f"'{domain}' is geen leefgebied van het plan ({', '.join(domains)}).")
        if score is None:
            continue
        if not isinstance(score, int) or not 1 <= score <= 5:
            raise DeskError(
                f"De score voor {domain} moet 1, 2, 3, 4 of 5 zijn (1 = acute problemen, "
                f"5 = volledig zelfredzaam); '{score}' kan niet."
            )
        checked[domain] = score
    if not checked:
        raise DeskError("Scoor minstens één leefgebied; een lege meting wordt niet opgeslagen.")
    return checked


def check_assessment_date(assessed_on: date, today: date) -> None:
    if assessed_on > today:
        raise DeskError("Een meting kan niet in de toekomst liggen.")


def check_goal(domain: str, text: str, domains: tuple[str, ...]) -> str:
    if domain not in domains:
        raise DeskError("Kies het leefgebied waar het doel bij hoort.")
    return _text(text, "Beschrijf het doel (wat wil de persoon bereiken?).")


def check_action(text: str, owner: str, due_on: date | None, today: date) -> tuple[str, str]:
    """An agreed action: what, who does it (required) and by when (not in the past)."""
    clean = _text(text, "Beschrijf de actie (wat wordt er gedaan?).")
    who = " ".join(owner.split())
    if not who:
        raise DeskError("Vul in wie de actie uitvoert (de persoon zelf, de begeleider, of een andere naam).")
    if due_on is not None and due_on < today:
        raise DeskError("De streefdatum van een nieuwe actie ligt in het verleden; kies vandaag of later.")
    return clean, who


def check_review(review_on: date, today: date) -> None:
    if review_on <= today:
        raise DeskError("De volgende evaluatie moet na vandaag liggen.")


def _text(text: str, missing: str) -> str:
    clean = " ".join(text.split())
    if not clean:
        raise DeskError(missing)
    if len(clean) > MAX_TEXT:
        raise DeskError(f"De tekst is te lang (hoogstens {MAX_TEXT} tekens).")
    return clean


@dataclass(frozen=True)
class DomainChange:
    """The average change of one domain between first and last assessment over `people` persons."""

    domain: str
    people: int
    average: float
