"""The data-quality checks, one rule each."""

from datetime import date, timedelta

from shelter_desk.domain.data_quality import (
    QualityCheck,
    birth_date_still_approximate,
    consent_never_asked,
    destination_unreviewed,
    origin_overdue,
    postal_review_overdue,
)
from shelter_desk.domain.person_details import Consent
from shelter_desk.domain.postal import PostalStatus
from shelter_desk.domain.stays import Outflow

TODAY = date(2026, 11, 24)


def test_origin_unknown_is_a_point_from_six_weeks_after_the_first_night():
    assert origin_overdue(None, TODAY - timedelta(weeks=6), TODAY)
    assert not origin_overdue(None, TODAY - timedelta(weeks=6) + timedelta(days=1), TODAY)
    assert not origin_overdue("0106", TODAY - timedelta(weeks=10), TODAY)
    assert not origin_overdue(None, None, TODAY)  # never slept here: nothing to investigate


def test_consent_never_asked_counts_only_people_who_slept_here_without_any_answer():
    assert consent_never_asked(Consent.NOT_ASKED, False, TODAY)
    assert not consent_never_asked(Consent.REFUSED, False, TODAY)
    assert not consent_never_asked(Consent.NOT_ASKED, True, TODAY)
    assert not consent_never_asked(Consent.NOT_ASKED, False, None)


def test_an_approximate_birth_date_is_a_point_thirty_days_after_registration():
    assert birth_date_still_approximate(True, TODAY - timedelta(days=30), TODAY)
    assert not birth_date_still_approximate(True, TODAY - timedelta(days=29), TODAY)
    assert not birth_date_still_approximate(False, TODAY - timedelta(days=300), TODAY)


def test_an_unknown_destination_within_the_last_year_is_a_point():
    assert destination_unreviewed(Outflow.LEFT_UNANNOUNCED, TODAY - timedelta(days=3), TODAY)
    assert destination_unreviewed(Outflow.UNKNOWN, TODAY - timedelta(days=365), TODAY)
    assert not destination_unreviewed(Outflow.UNKNOWN, TODAY - timedelta(days=366), TODAY)
    assert not destination_unreviewed(Outflow.OWN_HOME, TODAY - timedelta(days=3), TODAY)
    assert not destination_unreviewed(Outflow.UNKNOWN, None, TODAY)


def test_a_postal_address_past_its_review_is_a_point_while_active():
    assert postal_review_overdue(PostalStatus.ACTIVE, TODAY - timedelta(days=1), TODAY)
    assert not postal_review_overdue(PostalStatus.ACTIVE, TODAY, TODAY)
    assert not postal_review_overdue(PostalStatus.ENDED, TODAY - timedelta(days=40), TODAY)


def test_every_check_names_the_field_to_fix():
    assert {check.field for check in QualityCheck} == {"origin", "consent", "date_of_birth", "outflow", "postal"}
