"""What the desk records about a person, and the checks every save passes.

Only a name or an alias is required: people may refuse to give a name at a night shelter.
Everything else may be filled in later; `missing_items` says what is still open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from shelter_desk.domain.dutch_dates import DateOfBirth, check_date_of_birth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.identifiers import clean_bsn, clean_foreign_postcode, clean_phone, clean_postcode
from shelter_desk.domain.text_input import FREE_TEXT_LIMIT, clean_line, clean_text

# Each typed field: its Dutch label and its length limit (the column lengths in persistence/models.py;
# a test holds the two together).
LINE_FIELDS: dict[str, tuple[str, int]] = {
    "first_name": ("De voornaam", 80),
    "name_prefix": ("Het tussenvoegsel", 20),
    "last_name": ("De achternaam", 120),
    "alias": ("De roepnaam/alias", 80),
    "nationality": ("De nationaliteit", 60),
    "last_street": ("De straat van het laatste adres", 120),
    "last_city": ("De woonplaats van het laatste adres", 80),
}
TEXT_FIELDS: dict[str, tuple[str, int]] = {"safety_notes": ("De veiligheidsnotitie", FREE_TEXT_LIMIT)}


class Gender(StrEnum):
    MAN = "man"
    VROUW = "vrouw"
    ANDERS = "anders"
    ONBEKEND = "onbekend"

    @classmethod
    def of(cls, stored: str | None) -> Gender:
        """The gender of a stored value; a missing or unrecognised one (older records) is unknown."""
        if stored is None or stored not in cls._value2member_map_:
            return cls.ONBEKEND
        return cls(stored)

    @property
    def label(self) -> str:
        return {"man": "Man", "vrouw": "Vrouw", "anders": "Anders / non-binair", "onbekend": "Onbekend"}[self]


class HomelessnessRoute(StrEnum):
    """The CBS routes into homelessness."""

    LIFE_EVENT = "levensgebeurtenis"
    LEFT_INSTITUTION = "uitstroom_instelling"
    EVICTION = "huisuitzetting"
    REMIGRATION = "remigratie"
    UNKNOWN = "onbekend"

    @property
    def label(self) -> str:
        return {
            "levensgebeurtenis": "Woning kwijt na een levensgebeurtenis (scheiding, overlijden, ontslag)",
            "uitstroom_instelling": "Uit een instelling (gevangenis, ziekenhuis, GGZ, jeugdzorg)",
            "huisuitzetting": "Huisuitzetting",
            "remigratie": "Remigratie (terug uit het buitenland)",
            "onbekend": "Onbekend / niet gezegd",
        }[self]


class Consent(StrEnum):
    """Consent for sharing data with partners (municipality, care): asked, with the date."""

    NOT_ASKED = "niet_gevraagd"
    GIVEN = "ja"
    REFUSED = "nee"

    @property
    def label(self) -> str:
        return {"niet_gevraagd": "Nog niet gevraagd", "ja": "Ja, toestemming", "nee": "Nee, geen toestemming"}[self]


@dataclass(frozen=True)
class PersonDetails:
    """Everything the intake form holds, as typed values. `validated` returns the cleaned copy."""

    first_name: str = ""
    name_prefix: str = ""
    last_name: str = ""
    alias: str = ""
    date_of_birth: DateOfBirth | None = None
    gender: Gender = Gender.ONBEKEND
    bsn: str = ""
    nationality: str = ""
    origin_municipality_code: str | None = None
    last_street: str = ""
    last_postcode: str = ""
    last_city: str = ""
    last_address_abroad: bool = False  # the last address was in another country: its postcode is not Dutch
    phone: str = ""
    homelessness_route: HomelessnessRoute = HomelessnessRoute.UNKNOWN
    consent: Consent = Consent.NOT_ASKED
    consent_date: date | None = None
    safety_notes: str = ""

    def validated(self, today: date) -> PersonDetails:
        """The cleaned details, or a DeskError listing every problem; nothing is half-accepted."""
        problems: list[str] = []

        def attempt(check: Callable[[str], str | None], value: str) -> str | None:
            try:
                return check(value)
            except DeskError as error:
                problems.append(error.message)
                return value

        lines: dict[str, str] = {}
        for field, (label, limit) in (LINE_FIELDS | TEXT_FIELDS).items():
            clean = clean_text if field in TEXT_FIELDS else clean_line
            try:
                lines[field] = clean(getattr(self, field), label, limit)
            except DeskError as error:
                problems.append(error.message)
                lines[field] = ""
        if not any(getattr(self, field).strip() for field in ("first_name", "last_name", "alias")):
            problems.append("Vul een naam of een roepnaam/alias in: een van beide is nodig.")
        if self.date_of_birth is not None:
            try:
                check_date_of_birth(self.date_of_birth, today)
            except DeskError as error:
                problems.append(error.message)
        # Identifiers pass the same gate first, so a pasted page never reaches their own checks.
        bsn = attempt(lambda value: clean_bsn(clean_line(value, "Het BSN", 20)), self.bsn)
        check_postcode = clean_foreign_postcode if self.last_address_abroad else clean_postcode
        postcode = attempt(lambda value: check_postcode(clean_line(value, "De postcode", 10)), self.last_postcode)
        phone = attempt(lambda value: clean_phone(clean_line(value, "Het telefoonnummer", 30)), self.phone)
        if self.consent is Consent.NOT_ASKED and self.consent_date is not None:
            problems.append("Een datum van toestemming hoort bij een antwoord (ja of nee).")
        if self.consent_date is not None and self.consent_date > today:
            problems.append("De datum van de toestemming ligt in de toekomst.")
        if problems:
            raise DeskError("\n".join(problems))
        return replace(
            self,
            first_name=lines["first_name"],
            name_prefix=lines["name_prefix"],
            last_name=lines["last_name"],
            alias=lines["alias"],
            bsn=bsn or "",
            last_postcode=postcode or "",
            phone=phone or "",
            nationality=lines["nationality"],
            last_street=lines["last_street"],
            last_city=lines["last_city"],
            safety_notes=lines["safety_notes"],
            consent_date=self.consent_date if self.consent is not Consent.NOT_ASKED else None,
        )

    def missing_items(self) -> list[str]:
        """What the desk should still ask, in the order it matters for shelter and routing."""
        missing: list[str] = []
        if not (self.first_name or self.last_name):
            missing.append("naam (nu alleen alias)")
        if self.date_of_birth is None:
            missing.append("geboortedatum")
        elif self.date_of_birth.approximate:
            missing.append("precieze geboortedatum")
        if not self.origin_municipality_code:
            missing.append("gemeente van herkomst")
        if not self.bsn:
            missing.append("BSN")
        if self.consent is Consent.NOT_ASKED:
            missing.append("toestemming gegevens delen")
        return missing


def details_from_search(text: str) -> PersonDetails:
    """A first guess from what was typed: one word is a first name, more words first + last name."""
    words = [w for w in text.split() if not any(ch.isdigit() for ch in w)]
    if not words:
        return PersonDetails()
    if len(words) == 1:
        return PersonDetails(first_name=words[0])
    return PersonDetails(first_name=words[0], last_name=" ".join(words[1:]))
