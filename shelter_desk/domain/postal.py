"""Postal addresses (briefadres/postadres) for people without a home, and the mail that comes.

A person has at most one postal address that is requested or active. It must be reviewed
(the person shows up in person) before its review date; mail not collected for N days is a sign
the person has gone, which the desk may act on (a person decides, the system only proposes).
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.identifiers import clean_postcode


class PostalStatus(StrEnum):
    REQUESTED = "aangevraagd"  # on the waiting list: the location is full
    ACTIVE = "actief"
    ENDED = "beeindigd"


class EndReason(StrEnum):
    OWN_ADDRESS = "eigen_adres"
    OTHER_MUNICIPALITY = "andere_gemeente"
    DID_NOT_SHOW = "niet_gemeld"
    DECEASED = "overleden"
    OTHER = "anders"

    @property
    def label(self) -> str:
        return {
            "eigen_adres": "Eigen adres gevonden",
            "andere_gemeente": "Verhuisd naar een andere gemeente",
            "niet_gemeld": "Niet meer gemeld / post niet opgehaald",
            "overleden": "Overleden",
            "anders": "Anders",
        }[self]


class SenderKind(StrEnum):
    MUNICIPALITY = "gemeente"
    BENEFITS = "uwv"
    INSURER = "zorgverzekeraar"
    FINES = "cjib"
    BANK = "bank"
    COURT = "rechtbank_deurwaarder"
    OTHER = "anders"

    @property
    def label(self) -> str:
        return {
            "gemeente": "Gemeente",
            "uwv": "UWV / uitkering",
            "zorgverzekeraar": "Zorgverzekeraar",
            "cjib": "CJIB / boetes",
            "bank": "Bank",
            "rechtbank_deurwaarder": "Rechtbank / deurwaarder",
            "anders": "Anders",
        }[self]


def missing_address_parts(street: str, postcode: str, city: str) -> list[str]:
    """What an address giver's address lacks before mail can reach it: street, number, postcode, place.

    The letter to the municipality names the full address ("Havenkade 12, 9401 BA Assen"); a
    street without a number or a place without a postcode is no address the BRP can register.
    """
    missing = []
    street = street.strip()
    if not re.search(r"[^\d\s]", street):
        missing.append("straat")
    if not re.search(r"\d", street):
        missing.append("huisnummer")
    try:
        if clean_postcode(postcode) is None:
            missing.append("postcode")
    except DeskError:
        missing.append("postcode")
    if not city.strip():
        missing.append("plaats")
    return missing


def check_registration(start: date, review: date, today: date, consent_by: str) -> None:
    problems = []
    if review < today:
        problems.append("De controledatum ligt in het verleden; kies een datum vanaf vandaag.")
    if review <= start:
        problems.append("De controledatum moet na de begindatum liggen.")
    if not consent_by.strip():
        problems.append("Vul in wie namens de adresgever toestemming gaf.")
    if problems:
        raise DeskError("\n".join(problems))


def check_end(start: date, end: date) -> None:
    if end < start:
        raise DeskError("De einddatum ligt vóór de begindatum van het postadres.")


def waiting_too_long(received_on: date, today: date, days: int) -> bool:
    return (today - received_on).days > days
