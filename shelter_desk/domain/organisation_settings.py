"""The organisation settings every desk shares, declared as data: key, type, default, meaning.

Values are stored as text in the database (one row per changed setting); this catalogue says how
to read and check them. The defaults are Dutch practice: Drenthe's winter phases, the postal
address review period, the small-number protection of exports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.name_lists import parse_name_list
from shelter_desk.domain.plans import DEFAULT_DOMAINS, DEFAULT_REVIEW_MONTHS
from shelter_desk.domain.shelter_night import parse_day_boundary

_T = TypeVar("_T")


def _parse_int(text: str, label: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise DeskError(f"{label}: '{text}' is geen heel getal.") from None


def _parse_decimal(text: str, label: str) -> Decimal:
    try:
        return Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise DeskError(f"{label}: '{text}' is geen getal.") from None


def _parse_list(text: str, label: str) -> str:
    """A comma-separated list, normalised ('Maaltijd, Douche'); an empty list is refused."""
    return ", ".join(parse_name_list(text, f"{label}: de lijst mag niet leeg zijn; scheid de namen met komma's."))


def _parse_time(text: str, label: str) -> time:
    try:
        return parse_day_boundary(text)
    except DeskError:
        raise DeskError(f"{label}: '{text}' is geen tijd; schrijf die als UU:MM.") from None


def _parse_yes_no(text: str, label: str) -> bool:
    answer = text.strip().lower()
    if answer in ("ja", "j", "true", "1"):
        return True
    if answer in ("nee", "n", "false", "0"):
        return False
    raise DeskError(f"{label}: '{text}' is geen ja of nee.")


@dataclass(frozen=True)
class SettingDefinition:
    key: str
    label: str
    default: str
    description: str
    parse: Callable[[str, str], object]
    minimum: float | None = None
    maximum: float | None = None

    def read(self, text: str | None) -> object:
        """The typed value of a stored text (or of the default when nothing is stored)."""
        return self.parse(self.default if text is None else text, self.label)

    def validate(self, text: str) -> str:
        """Check a new value as typed by a user; return it normalised, or raise a Dutch error."""
        value = self.parse(text, self.label)
        if isinstance(value, bool):
            return "ja" if value else "nee"
        if isinstance(value, (int, Decimal)):
            if self.minimum is not None and value < self.minimum:
                raise DeskError(f"{self.label}: de waarde moet minstens {self.minimum} zijn.")
            if self.maximum is not None and value > self.maximum:
                raise DeskError(f"{self.label}: de waarde mag hoogstens {self.maximum} zijn.")
        if isinstance(value, time):
            return value.strftime("%H:%M")
        return str(value)


SETTINGS: tuple[SettingDefinition, ...] = (
    SettingDefinition(
        "night.day_boundary",
        "Dagovergang",
        "12:00",
        "Tot dit tijdstip hoort een moment nog bij de nacht van de vorige avond.",
        _parse_time,
    ),
    SettingDefinition(
        "night.no_show_hour",
        "No-show tijdstip",
        "23:00",
        "Na dit tijdstip worden niet-opgehaalde bedden in de nachtopvang vrijgegeven.",
        _parse_time,
    ),
    SettingDefinition(
        "night.default_fee",
        "Standaard eigen bijdrage per nacht (€)",
        "4.00",
        "Eigen bijdrage per nacht in de nachtopvang; vervalt tijdens de winterregeling.",
        _parse_decimal,
        minimum=0,
        maximum=100,
    ),
    SettingDefinition(
        "stay.warning_percentage",
        "Signaal bij verblijfsduur (%)",
        "80",
        "Verblijven in kortdurende opvang worden gemarkeerd vanaf dit percentage van de maximale duur.",
        _parse_int,
        minimum=1,
        maximum=100,
    ),
    SettingDefinition(
        "stay.absent_nights",
        "Gestopt met komen na (nachten zonder inchecken)",
        "3",
        "Een verblijf in de nachtopvang eindigt als 'vertrokken, bestemming onbekend' na zoveel nachten op rij "
        "zonder inchecken; de coördinator ziet het en kan de bestemming verbeteren.",
        _parse_int,
        minimum=1,
        maximum=60,
    ),
    SettingDefinition(
        "winter.phase1_below",
        "Winterregeling fase 1 onder (°C gevoelstemperatuur)",
        "-5",
        "Fase 1 wanneer de verwachte gevoelstemperatuur hieronder blijft (Drenthe: −5 °C).",
        _parse_decimal,
        minimum=-40,
        maximum=10,
    ),
    SettingDefinition(
        "winter.phase2_at_or_below",
        "Winterregeling fase 2 vanaf (°C gevoelstemperatuur)",
        "-10",
        "Fase 2 bij deze gevoelstemperatuur of kouder (Drenthe: −10 °C).",
        _parse_decimal,
        minimum=-40,
        maximum=10,
    ),
    SettingDefinition(
        "postal.review_months",
        "Postadres: controle na (maanden)",
        "2",
        "Na deze periode moet de persoon zich opnieuw melden voor het postadres.",
        _parse_int,
        minimum=1,
        maximum=24,
    ),
    SettingDefinition(
        "postal.mail_waiting_days",
        "Post wachtend langer dan (dagen)",
        "14",
        "Post die langer wacht, komt op de signaleringslijst.",
        _parse_int,
        minimum=1,
        maximum=365,
    ),
    SettingDefinition(
        "security.idle_minutes",
        "Scherm vergrendelen na (minuten zonder activiteit)",
        "15",
        "Na deze tijd zonder activiteit moet de medewerker opnieuw inloggen.",
        _parse_int,
        minimum=1,
        maximum=240,
    ),
    SettingDefinition(
        "backup.keep_days",
        "Back-ups bewaren (dagen)",
        "30",
        "Automatische back-ups ouder dan dit worden opgeruimd; de laatste drie goede blijven altijd staan.",
        _parse_int,
        minimum=1,
        maximum=3650,
    ),
    SettingDefinition(
        "backup.warn_after_days",
        "Waarschuwen zonder goede back-up na (dagen)",
        "2",
        "Een coördinator die zich aanmeldt, krijgt een waarschuwing als de laatste goede back-up ouder is dan dit.",
        _parse_int,
        minimum=1,
        maximum=60,
    ),
    SettingDefinition(
        "privacy.retention_years",
        "Bewaartermijn na laatste contact (jaren)",
        "10",
        "Personen zonder activiteit langer dan dit kunnen worden geanonimiseerd (GGD-praktijk: 10 jaar na "
        "laatste contact).",
        _parse_int,
        minimum=1,
        maximum=30,
    ),
    SettingDefinition(
        "postal.max_per_location",
        "Postadres: maximum per locatie",
        "150",
        "Meer aanvragen komen op de wachtlijst.",
        _parse_int,
        minimum=1,
        maximum=10000,
    ),
    SettingDefinition(
        "reports.small_number_threshold",
        "Kleine aantallen verbergen onder",
        "5",
        "In exports naar buiten de organisatie worden aantallen hieronder getoond als '<N'.",
        _parse_int,
        minimum=1,
        maximum=100,
    ),
    SettingDefinition(
        "dropin.services",
        "Inloop: diensten",
        "Maaltijd, Douche, Was, Kluisje, Post opgehaald, Spreekuur",
        "De diensten die de inloop aan bezoekers geeft en telt, gescheiden door komma's.",
        _parse_list,
    ),
    SettingDefinition(
        "handover.keep_days",
        "Dienstoverdracht bewaren (dagen)",
        "90",
        "Overdrachtsnotities ouder dan dit worden bij het opschonen verwijderd (ze bevatten persoonsgegevens; "
        "wat blijvend belangrijk is, hoort in de notities van de persoon).",
        _parse_int,
        minimum=7,
        maximum=3650,
    ),
    SettingDefinition(
        "plan.domains",
        "Persoonlijk plan: leefgebieden",
        ", ".join(DEFAULT_DOMAINS),
        "De leefgebieden waarop zelfredzaamheid wordt gescoord (1 = acute problemen, 5 = volledig zelfredzaam), "
        "gescheiden door komma's. Een hernoemd leefgebied begint een nieuwe reeks metingen.",
        _parse_list,
    ),
    SettingDefinition(
        "plan.review_months",
        "Persoonlijk plan: evaluatie na (maanden)",
        str(DEFAULT_REVIEW_MONTHS),
        "Standaardtermijn tot de volgende evaluatie van een plan.",
        _parse_int,
        minimum=1,
        maximum=12,
    ),
    SettingDefinition(
        "housing.programmes",
        "Woonprogramma's",
        "Weer Thuis, De Wouden, Skaeve Huuse, Housing First, Sociale huurwoning",
        "De programma's en routes naar een woning waarnaar de opvang verwijst, gescheiden door komma's.",
        _parse_list,
    ),
    SettingDefinition(
        "admission.gap_days",
        "Toelating: nieuw besluit na (dagen weg)",
        "90",
        "Wie langer dan dit niet in de opvang was, krijgt bij een nieuwe vraag om opvang opnieuw een "
        "toelatingsbesluit.",
        _parse_int,
        minimum=1,
        maximum=3650,
    ),
    SettingDefinition(
        "plan.front_desk_sees_plan",
        "Persoonlijk plan: balie ziet het hele plan",
        "nee",
        "Bij 'nee' ziet de balie alleen dat er een plan is en wanneer de herziening is, niet de scores, "
        "doelen of notities (bijzondere persoonsgegevens); begeleiders en coördinatoren zien altijd alles.",
        _parse_yes_no,
    ),
    SettingDefinition(
        "consent.valid_months",
        "Toestemming geldig (maanden)",
        "24",
        "Standaardduur van een toestemming om gegevens te delen; daarna moet ze opnieuw gevraagd worden.",
        _parse_int,
        minimum=1,
        maximum=120,
    ),
)

BY_KEY = {definition.key: definition for definition in SETTINGS}


def definition_of(key: str) -> SettingDefinition:
    try:
        return BY_KEY[key]
    except KeyError:
        raise DeskError(f"Onbekende instelling '{key}'.") from None


@dataclass(frozen=True)
class OrganisationSettings:
    """Every setting of the catalogue as its typed value; the field name is the key with '_' for '.'."""

    night_day_boundary: time
    night_no_show_hour: time
    night_default_fee: Decimal
    stay_warning_percentage: int
    stay_absent_nights: int
    winter_phase1_below: Decimal
    winter_phase2_at_or_below: Decimal
    postal_review_months: int
    postal_mail_waiting_days: int
    security_idle_minutes: int
    backup_keep_days: int
    backup_warn_after_days: int
    privacy_retention_years: int
    postal_max_per_location: int
    reports_small_number_threshold: int
    dropin_services: str
    handover_keep_days: int
    plan_domains: str
    plan_review_months: int
    housing_programmes: str
    admission_gap_days: int
    plan_front_desk_sees_plan: bool
    consent_valid_months: int

    @classmethod
    def from_stored(cls, stored: Mapping[str, str]) -> OrganisationSettings:
        """The settings from the stored texts by key; a key not stored takes its default."""

        def value(key: str, kind: type[_T]) -> _T:
            typed = BY_KEY[key].read(stored.get(key))
            if not isinstance(typed, kind):  # the catalogue and this class disagree: a programming error
                raise TypeError(f"setting {key} reads as {type(typed).__name__}, not {kind.__name__}")
            return typed

        return cls(
            night_day_boundary=value("night.day_boundary", time),
            night_no_show_hour=value("night.no_show_hour", time),
            night_default_fee=value("night.default_fee", Decimal),
            stay_warning_percentage=value("stay.warning_percentage", int),
            stay_absent_nights=value("stay.absent_nights", int),
            winter_phase1_below=value("winter.phase1_below", Decimal),
            winter_phase2_at_or_below=value("winter.phase2_at_or_below", Decimal),
            postal_review_months=value("postal.review_months", int),
            postal_mail_waiting_days=value("postal.mail_waiting_days", int),
            security_idle_minutes=value("security.idle_minutes", int),
            backup_keep_days=value("backup.keep_days", int),
            backup_warn_after_days=value("backup.warn_after_days", int),
            privacy_retention_years=value("privacy.retention_years", int),
            postal_max_per_location=value("postal.max_per_location", int),
            reports_small_number_threshold=value("reports.small_number_threshold", int),
            dropin_services=value("dropin.services", str),
            handover_keep_days=value("handover.keep_days", int),
            plan_domains=value("plan.domains", str),
            plan_review_months=value("plan.review_months", int),
            housing_programmes=value("housing.programmes", str),
            admission_gap_days=value("admission.gap_days", int),
            plan_front_desk_sees_plan=value("plan.front_desk_sees_plan", bool),
            consent_valid_months=value("consent.valid_months", int),
        )
