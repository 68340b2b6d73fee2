"""Postal addresses and the mail log: the rules and every bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.postal import EndReason, PostalStatus, SenderKind
from shelter_desk.domain.roles import Role
from shelter_desk.persistence.models import Facility
from shelter_desk.services.admin.organisation_settings import change_setting
from shelter_desk.services.postal.addresses import (
    activate_from_waiting_list,
    confirmation_letter,
    end_notice_letter,
    end_postal_address,
    hand_out,
    log_mail,
    mail_waiting,
    mail_waiting_too_long,
    overview_csv,
    postal_address,
    postal_addresses,
    record_review,
    register_postal_address,
    reviews_due,
)

TODAY = date(2026, 11, 24)


@pytest.fixture
def giver(db, region):
    with db.write() as session:
        facility = session.get(Facility, region.night_shelter)
        facility.street, facility.postcode, facility.city, facility.provider = (
            "Havenkade 1",
            "9401 AB",
            "Assen",
            "Leger des Heils",
        )
    return region.night_shelter


def _register(desk, region, giver, who="jan", start=TODAY):
    return register_postal_address(desk, region.people[who], giver, start, "J. de Vries (teamleider)", TODAY)


def _text(pdf: bytes) -> str:
    return PdfReader(BytesIO(pdf)).pages[0].extract_text()


def test_a_postal_address_is_active_with_a_review_after_two_months(desk, region, giver):
    view = postal_address(desk, _register(desk, region, giver))
    assert (view.status, view.review_date) == (PostalStatus.ACTIVE, date(2027, 1, 24))


def test_a_second_active_postal_address_is_refused(desk, region, giver):
    _register(desk, region, giver)
    with pytest.raises(DeskError, match="al een postadres"):
        _register(desk, region, giver)


def test_a_review_date_in_the_past_is_refused(desk, region, giver):
    with pytest.raises(DeskError, match="controledatum ligt in het verleden"):
        register_postal_address(
            desk,
            region.people["jan"],
            giver,
            TODAY - timedelta(days=90),
            "J. de Vries",
            TODAY,
            review=TODAY - timedelta(days=1),
        )


def test_a_full_location_puts_the_request_on_the_waiting_list(desk, admin_desk, region, giver):
    change_setting(admin_desk, "postal.max_per_location", "1")
    _register(desk, region, giver)
    waiting = _register(desk, region, giver, who="henk")
    assert postal_address(desk, waiting).status is PostalStatus.REQUESTED
    with pytest.raises(DeskError, match="maximum 1"):
        activate_from_waiting_list(desk, waiting)


def test_mail_is_logged_and_waits_for_the_person(desk, region, giver):
    _register(desk, region, giver)
    log_mail(desk, region.people["jan"], TODAY, SenderKind.BENEFITS, "UWV", registered=True)
    [item] = mail_waiting(desk, region.people["jan"])
    assert (item.sender_kind, item.registered) == (SenderKind.BENEFITS, True)


def test_mail_for_someone_without_a_postal_address_is_refused(desk, region, giver):
    with pytest.raises(DeskError, match="geen actief postadres"):
        log_mail(desk, region.people["jan"], TODAY, SenderKind.BANK)


def test_mail_is_handed_out_after_the_id_check_by_a_named_staff_member(desk, region, giver):
    _register(desk, region, giver)
    mail = log_mail(desk, region.people["jan"], TODAY, SenderKind.MUNICIPALITY)
    with pytest.raises(DeskError, match="medewerker"):
        hand_out(desk, region.people["jan"], [mail], " ", True)
    with pytest.raises(DeskError, match="ID-bewijs"):
        hand_out(desk, region.people["jan"], [mail], "Anja", False)
    hand_out(desk, region.people["jan"], [mail], "Anja", True)
    assert mail_waiting(desk) == []


def test_mail_is_never_handed_to_another_person(desk, region, giver):
    _register(desk, region, giver)
    _register(desk, region, giver, who="henk")
    mail = log_mail(desk, region.people["jan"], TODAY, SenderKind.COURT)
    with pytest.raises(DeskError, match="voor iemand anders"):
        hand_out(desk, region.people["henk"], [mail], "Anja", True)
    assert len(mail_waiting(desk)) == 1


def test_mail_waiting_longer_than_14_days_is_listed(desk, region, giver):
    _register(desk, region, giver, start=TODAY - timedelta(days=30))
    log_mail(desk, region.people["jan"], TODAY - timedelta(days=15), SenderKind.FINES)
    log_mail(desk, region.people["jan"], TODAY - timedelta(days=3), SenderKind.BANK)
    assert [m.sender_kind for m in mail_waiting_too_long(desk)] == [SenderKind.FINES]


def test_people_who_did_not_show_up_before_their_review_date_are_listed(desk, region, giver):
    postal = _register(desk, region, giver)
    desk.clock = lambda: datetime(2027, 2, 1, 12, tzinfo=UTC)
    assert [v.postal_id for v in reviews_due(desk)] == [postal]
    record_review(desk, postal)
    assert reviews_due(desk) == []


def test_an_address_with_waiting_mail_cannot_end(desk, region, giver):
    postal = _register(desk, region, giver)
    log_mail(desk, region.people["jan"], TODAY, SenderKind.BANK)
    with pytest.raises(DeskError, match="wacht nog 1 poststuk"):
        end_postal_address(desk, postal, TODAY, EndReason.OWN_ADDRESS)


def test_an_end_date_before_the_start_is_refused(desk, region, giver):
    postal = _register(desk, region, giver)
    with pytest.raises(DeskError, match="vóór de begindatum"):
        end_postal_address(desk, postal, TODAY - timedelta(days=1), EndReason.OWN_ADDRESS)


def test_the_confirmation_letter_holds_name_address_and_dates(desk, region, giver):
    text = _text(confirmation_letter(desk, _register(desk, region, giver)))
    assert "Jan Berg" in text and "Havenkade 1, 9401 AB Assen" in text and "24 november 2026" in text
    assert "04-03-1968" in text and "J. de Vries" in text


def test_the_end_notice_letter_holds_the_end_date_and_reason(desk, region, giver):
    postal = _register(desk, region, giver)
    end_postal_address(desk, postal, TODAY + timedelta(days=0), EndReason.OTHER_MUNICIPALITY)
    text = _text(end_notice_letter(desk, postal))
    assert "Melding beëindiging briefadres" in text and "Verhuisd naar een andere gemeente" in text


@pytest.mark.role(Role.COORDINATOR)
def test_the_overview_for_the_municipality_lists_active_addresses(desk, region, giver):
    _register(desk, region, giver)
    csv_text = overview_csv(desk).decode("utf-8-sig")
    assert "Jan Berg" in csv_text and "2027-01-24" in csv_text


@pytest.mark.parametrize(
    ("street", "postcode", "city", "missing"),
    [
        ("Havenkade", "9401 AB", "Assen", "huisnummer"),
        ("Havenkade 1", "", "Assen", "postcode"),
        ("Havenkade 1", "9401", "Assen", "postcode"),
        ("Havenkade 1", "9401 AB", "", "plaats"),
    ],
)
def test_an_address_giver_needs_street_number_postcode_and_place(
    desk, db, region, giver, street, postcode, city, missing
):
    with db.write() as session:
        facility = session.get(Facility, giver)
        facility.street, facility.postcode, facility.city = street, postcode, city
    with pytest.raises(DeskError, match=f"niet volledig: {missing} ontbreekt"):
        _register(desk, region, giver)
    assert postal_addresses(desk) == []
