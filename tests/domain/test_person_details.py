"""The intake rules: a name or an alias, and every field checked before anything is saved."""

from datetime import date

import pytest

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import Consent, PersonDetails

TODAY = date(2026, 11, 25)


def test_an_alias_alone_is_enough():
    assert PersonDetails(alias=" Sjors ").validated(TODAY).alias == "Sjors"


def test_empty_name_and_empty_alias_are_refused():
    with pytest.raises(DeskError, match="naam of een roepnaam"):
        PersonDetails(first_name=" ", alias="").validated(TODAY)


def test_every_problem_is_named_at_once():
    details = PersonDetails(bsn="123", last_postcode="1234", date_of_birth=DateOfBirth(date(2030, 1, 1)))
    with pytest.raises(DeskError) as refused:
        details.validated(TODAY)
    message = refused.value.message
    assert "naam" in message and "BSN" in message and "postcode" in message.lower() and "toekomst" in message


def test_a_consent_date_needs_an_answer():
    with pytest.raises(DeskError, match="toestemming"):
        PersonDetails(alias="X", consent=Consent.NOT_ASKED, consent_date=TODAY).validated(TODAY)


def test_the_record_says_what_is_still_missing():
    missing = PersonDetails(alias="Sjors", date_of_birth=DateOfBirth(date(1975, 1, 1), True)).missing_items()
    assert missing == [
        "naam (nu alleen alias)",
        "precieze geboortedatum",
        "gemeente van herkomst",
        "BSN",
        "toestemming gegevens delen",
    ]
