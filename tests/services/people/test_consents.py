"""Consent per purpose with an end: it expires, is renewed, and a disclosure refuses an expired one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from shelter_desk.domain.consent import ConsentPurpose, ConsentState, default_end
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import Consent, PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.domain.transfers import Factor
from shelter_desk.services.admin.organisation_settings import change_setting
from shelter_desk.services.beds import assign_bed
from shelter_desk.services.people import (
    consents_ending,
    consents_of,
    record_consent,
    renew_consent,
    update_person,
)
from shelter_desk.services.transfers import decide, record_facts, request_transfer, start_investigation
from shelter_desk.services.transfers.investigations import FactInput

TODAY = date(2026, 11, 24)
MUNICIPALITY = ConsentPurpose.MUNICIPALITY


def _view(desk, person, purpose=MUNICIPALITY):
    return next(v for v in consents_of(desk, person) if v.purpose is purpose)


def test_the_default_length_is_two_years_to_the_day_before():
    assert default_end(date(2026, 12, 1), 24) == date(2028, 11, 30)


def test_consent_without_an_end_runs_for_the_settings_length(desk, region):
    record_consent(desk, region.people["jan"], MUNICIPALITY, True, TODAY)
    view = _view(desk, region.people["jan"])
    assert view.state is ConsentState.VALID and view.ends_on == date(2028, 11, 23)
    assert view.text == "geldig t/m 23-11-2028"


@pytest.mark.role(Role.ADMINISTRATOR)
def test_the_length_is_a_setting(desk, region):
    change_setting(desk, "consent.valid_months", "12")
    record_consent(desk, region.people["jan"], MUNICIPALITY, True, TODAY)
    assert _view(desk, region.people["jan"]).ends_on == date(2027, 11, 23)


def test_an_ended_consent_shows_as_expired_and_a_renewal_starts_a_new_period(desk, region):
    old = record_consent(desk, region.people["jan"], MUNICIPALITY, True, date(2024, 1, 1), date(2026, 11, 23))
    assert _view(desk, region.people["jan"]).state is ConsentState.EXPIRED
    assert _view(desk, region.people["jan"]).text == "VERLOPEN op 23-11-2026: opnieuw vragen"
    renew_consent(desk, old, TODAY)
    assert _view(desk, region.people["jan"]).state is ConsentState.VALID


def test_each_purpose_has_its_own_consent(desk, region):
    record_consent(desk, region.people["jan"], ConsentPurpose.POSTAL, True, TODAY)
    assert _view(desk, region.people["jan"], ConsentPurpose.POSTAL).state is ConsentState.VALID
    assert _view(desk, region.people["jan"]).state is ConsentState.NONE


def test_a_consent_ending_before_it_starts_or_recorded_ahead_is_refused(desk, region):
    with pytest.raises(DeskError, match="eindigt vóór"):
        record_consent(desk, region.people["jan"], MUNICIPALITY, True, TODAY, TODAY - timedelta(days=1))
    with pytest.raises(DeskError, match="niet vooruit"):
        record_consent(desk, region.people["jan"], MUNICIPALITY, True, TODAY + timedelta(days=1))
    assert _view(desk, region.people["jan"]).state is ConsentState.NONE


def test_the_list_names_consents_ending_within_thirty_days_and_not_renewed_ones(desk, region):
    record_consent(desk, region.people["jan"], MUNICIPALITY, True, date(2025, 1, 1), TODAY + timedelta(days=10))
    record_consent(desk, region.people["henk"], MUNICIPALITY, True, date(2025, 1, 1), TODAY + timedelta(days=90))
    renewed = record_consent(
        desk, region.people["sem"], MUNICIPALITY, True, date(2025, 1, 1), TODAY + timedelta(days=5)
    )
    renew_consent(desk, renewed, TODAY)
    assert [(e.person, e.ends_on) for e in consents_ending(desk)] == [("Jan Berg", TODAY + timedelta(days=10))]


def test_the_older_single_consent_field_counts_for_two_years_from_its_date(desk, region):
    update_person(
        desk,
        region.people["jan"],
        PersonDetails(first_name="Jan", last_name="Berg", consent=Consent.GIVEN, consent_date=date(2023, 5, 1)),
    )
    view = _view(desk, region.people["jan"])
    assert view.state is ConsentState.EXPIRED and view.ends_on == date(2025, 4, 30)


@pytest.mark.role(Role.COORDINATOR)
def test_a_warm_transfer_with_consent_that_ended_yesterday_is_refused_in_dutch(desk, region):
    jan = region.people["jan"]
    update_person(desk, jan, PersonDetails(first_name="Jan", last_name="Berg", origin_municipality_code="0114"))
    assign_bed(desk, jan, region.beds["N1"], TODAY - timedelta(days=1))
    investigation = start_investigation(desk, jan, TODAY - timedelta(days=1), TODAY - timedelta(days=1))
    record_facts(desk, investigation, [FactInput("0114", frozenset({Factor.SOCIAL_NETWORK, Factor.CARE_NETWORK}))])
    decide(desk, investigation, "0114", "Netwerk en zorg zijn in Emmen.")
    consent = record_consent(desk, jan, MUNICIPALITY, True, date(2024, 11, 24), TODAY - timedelta(days=1))
    with pytest.raises(DeskError) as refused:
        request_transfer(desk, investigation, "mw. De Boer", "telefoon")
    assert refused.value.message == (
        "De warme overdracht kan niet: de toestemming voor gegevens delen met de gemeente is verlopen op "
        "23-11-2026. Vraag de persoon opnieuw om toestemming en leg die vast (verlengen). "
        "Er is niets verstuurd of opgeslagen."
    )
    renew_consent(desk, consent, TODAY)
    assert request_transfer(desk, investigation, "mw. De Boer", "telefoon")
