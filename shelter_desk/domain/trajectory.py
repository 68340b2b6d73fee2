"""From the first night to a home: the admission decision, applications for places that are given
by decision (KDO, trajectkamers), and housing referrals, as rules in pure Python.

First shelter is never refused for lack of regiobinding or of an ID document (Wmo 2015 art.
2.3.3: whoever asks gets first shelter where they ask while the investigation into where the
trajectory continues runs, at most six weeks, art. 2.3.2). The refusal reasons therefore leave
those two out, and naming either one as a reason is refused with that explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.transfers import investigation_due

OBJECTION_WEEKS = 6  # Awb art. 6:7: an objection within six weeks of the decision


class AdmissionOutcome(StrEnum):
    ADMITTED = "toegelaten"
    REFERRED = "doorverwezen"
    REFUSED = "geweigerd"

    @property
    def label(self) -> str:
        return {
            "toegelaten": "Toegelaten (eerste opvang)",
            "doorverwezen": "Doorverwezen met warme overdracht",
            "geweigerd": "Geweigerd",
        }[self]


class AdmissionReason(StrEnum):
    """Why the desk decided so; each reason belongs to one outcome."""

    FIRST_SHELTER = "eerste_opvang"
    YOUTH_SHELTER = "jongerenopvang"
    WOMENS_SHELTER = "vrouwenopvang"
    CARE_NEEDED = "zorg_nodig"
    OTHER_REGION_PLACE = "plek_andere_regio"
    SAFETY = "veiligheid"
    HAS_HOUSING = "heeft_woonruimte"
    NO_SHELTER_QUESTION = "geen_opvangvraag"

    @property
    def outcome(self) -> AdmissionOutcome:
        if self is AdmissionReason.FIRST_SHELTER:
            return AdmissionOutcome.ADMITTED
        if self in (AdmissionReason.SAFETY, AdmissionReason.HAS_HOUSING, AdmissionReason.NO_SHELTER_QUESTION):
            return AdmissionOutcome.REFUSED
        return AdmissionOutcome.REFERRED

    @property
    def label(self) -> str:
        return {
            "eerste_opvang": "Eerste opvang terwijl het onderzoek loopt (Wmo 2015 art. 2.3.3)",
            "jongerenopvang": "Jongerenopvang past beter (onder 23 jaar)",
            "vrouwenopvang": "Vrouwenopvang of opvang bij huiselijk geweld",
            "zorg_nodig": "Zorg of ziekenhuis nodig",
            "plek_andere_regio": "Plaats in de eigen regio, met warme overdracht",
            "veiligheid": "Acuut gevaar voor anderen (veiligheidsbeperking)",
            "heeft_woonruimte": "Heeft woonruimte waar hij of zij terecht kan",
            "geen_opvangvraag": "Geen vraag om opvang",
        }[self]


def reasons_for(outcome: AdmissionOutcome) -> tuple[AdmissionReason, ...]:
    return tuple(reason for reason in AdmissionReason if reason.outcome is outcome)


# Reasons that can never refuse first shelter, as a desk may write them, with how the message names them.
_NEVER_A_REASON = (
    (re.compile(r"regio[\s-]*binding", re.IGNORECASE), "‘Geen regiobinding’"),
    (re.compile(r"\bgeen[\s_-]+(id|identiteitsbewijs|legitimatie|paspoort|id-bewijs)\b", re.IGNORECASE), "‘Geen ID’"),
)


def never_a_reason(named: str) -> str | None:
    """The forbidden reason `named` amounts to (as the message names it), or None."""
    for pattern, said in _NEVER_A_REASON:
        if pattern.search(named):
            return said
    return None


def refusal_explanation(said: str) -> str:
    return (
        f"{said} is geen reden om eerste opvang te weigeren of door te verwijzen. Wie om opvang vraagt, "
        "krijgt die in de gemeente waar hij of zij zich meldt; waar het traject verdergaat, wordt daarna "
        "binnen zes weken onderzocht (Wmo 2015 art. 2.3.3 en 2.3.2). Een identiteitsbewijs wordt "
        "gevraagd als het er is, maar ontbreken ervan houdt niemand buiten (art. 2.3.4). "
        "Kies ‘Toegelaten (eerste opvang)’."
    )


def check_admission(outcome: AdmissionOutcome, reason: str, remark: str) -> AdmissionReason:
    """The stored reason for `reason` (its code); refused with the explanation when it is, or the
    remark of a refusal or referral gives, one that can never be a reason."""
    said = never_a_reason(reason)
    if said is None and outcome is not AdmissionOutcome.ADMITTED:
        said = never_a_reason(remark)
    if said is not None:
        raise DeskError(refusal_explanation(said))
    try:
        chosen = AdmissionReason(reason)
    except ValueError:
        raise DeskError(f"‘{reason}’ staat niet in de lijst met redenen; kies een reden uit de lijst.") from None
    if chosen.outcome is not outcome:
        raise DeskError(f"De reden ‘{chosen.label}’ hoort niet bij het besluit ‘{outcome.label}’.")
    return chosen


def investigation_due_after(outcome: AdmissionOutcome, requested_on: date) -> date | None:
    """Admitted: the investigation into the regiobinding is done within six weeks of the request."""
    return investigation_due(requested_on) if outcome is AdmissionOutcome.ADMITTED else None


def decision_due(last_decision_on: date | None, last_night: date | None, today: date, gap_days: int) -> bool:
    """A request needs a (new) decision: none yet, or the person was away longer than the gap."""
    if last_decision_on is None:
        return True
    latest = max(last_decision_on, last_night or last_decision_on)
    return (today - latest).days > gap_days


class SleepingSituation(StrEnum):
    """Where the person slept before intake (the CBS definition of homelessness)."""

    OUTSIDE = "buiten"
    COUCH_OR_PASSANT = "bank_passant"
    INSTITUTION = "instelling"
    UNKNOWN = "onbekend"

    @property
    def label(self) -> str:
        return {
            "buiten": "Buiten (straat, station, auto, portiek)",
            "bank_passant": "Bankslaper of passantenverblijf / nachtopvang",
            "instelling": "Instelling (gevangenis, ziekenhuis, GGZ, jeugdzorg)",
            "onbekend": "Onbekend / niet gezegd",
        }[self]


class Referrer(StrEnum):
    NIGHT_SHELTER = "nachtopvang"
    OGGZ = "oggz"
    ADDICTION_CARE = "verslavingszorg"
    PROBATION = "reclassering"
    OTHER = "anders"

    @property
    def label(self) -> str:
        return {
            "nachtopvang": "Nachtopvang",
            "oggz": "OGGz / Meldpunt",
            "verslavingszorg": "Verslavingszorg",
            "reclassering": "Reclassering",
            "anders": "Anders",
        }[self]


class ApplicationStatus(StrEnum):
    """Where an application for a place given by decision stands."""

    APPLIED = "aangemeld"  # waiting for intake and decision
    WAITING = "wachtlijst"  # admitted, waiting for a place
    PLACED = "geplaatst"
    REFUSED = "afgewezen"
    REFERRED = "doorverwezen"
    WITHDRAWN = "ingetrokken"
    EXPIRED = "verlopen"

    @property
    def label(self) -> str:
        return {
            "aangemeld": "Aangemeld",
            "wachtlijst": "Op de wachtlijst",
            "geplaatst": "Geplaatst",
            "afgewezen": "Afgewezen",
            "doorverwezen": "Doorverwezen",
            "ingetrokken": "Ingetrokken",
            "verlopen": "Verlopen",
        }[self]

    @property
    def open(self) -> bool:
        return self in (ApplicationStatus.APPLIED, ApplicationStatus.WAITING)


class ApplicationDecision(StrEnum):
    ADMITTED = "toegelaten"
    REFUSED = "afgewezen"
    REFERRED = "doorverwezen"

    @property
    def status(self) -> ApplicationStatus:
        return {
            "toegelaten": ApplicationStatus.WAITING,
            "afgewezen": ApplicationStatus.REFUSED,
            "doorverwezen": ApplicationStatus.REFERRED,
        }[self]

    @property
    def label(self) -> str:
        return {"toegelaten": "Toegelaten", "afgewezen": "Afgewezen", "doorverwezen": "Doorverwezen"}[self]


@dataclass(frozen=True)
class WaitingPlace:
    """One admitted application on a facility's waiting list."""

    application_id: int
    applied_on: date
    priority: int  # higher first; 0 when the coordinator set none


def waiting_order(places: list[WaitingPlace]) -> list[WaitingPlace]:
    """Priority first (higher before lower), then the date of application, then who came first."""
    return sorted(places, key=lambda p: (-p.priority, p.applied_on, p.application_id))


def days_waiting(applied_on: date, today: date) -> int:
    return max(0, (today - applied_on).days)


class HousingStatus(StrEnum):
    REQUESTED = "aangevraagd"
    URGENCY = "urgentie_verleend"
    OFFERED = "woning_aangeboden"
    MOVED = "verhuisd"
    REFUSED = "afgewezen"

    @property
    def label(self) -> str:
        return {
            "aangevraagd": "Aangevraagd",
            "urgentie_verleend": "Urgentie verleend",
            "woning_aangeboden": "Woning aangeboden",
            "verhuisd": "Verhuisd",
            "afgewezen": "Afgewezen",
        }[self]

    @property
    def open(self) -> bool:
        return self not in (HousingStatus.MOVED, HousingStatus.REFUSED)


_NEXT: dict[HousingStatus, tuple[HousingStatus, ...]] = {
    HousingStatus.REQUESTED: (HousingStatus.URGENCY, HousingStatus.OFFERED, HousingStatus.REFUSED),
    HousingStatus.URGENCY: (HousingStatus.OFFERED, HousingStatus.REFUSED),
    HousingStatus.OFFERED: (HousingStatus.REFUSED,),
}


def check_housing_step(current: HousingStatus, new: HousingStatus) -> None:
    """A referral goes forward; "verhuisd" comes only with the move that ends the stay."""
    if new is HousingStatus.MOVED:
        raise DeskError("‘Verhuisd’ wordt gezet door het verblijf te beëindigen met ‘verhuisd via’ het programma.")
    if new not in _NEXT.get(current, ()):
        raise DeskError(f"Een verwijzing met status ‘{current.label}’ kan niet naar ‘{new.label}’.")
