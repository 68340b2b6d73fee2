"""Client cards: issuing, revoking, printing and the scan that opens the record."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from shelter_desk.domain.cards import CardName, RevokeReason, checked_card_number
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Role
from shelter_desk.persistence.models import AccessLogEntry, ClientCard, Person
from shelter_desk.reports.client_card_pdf import CARD_HEIGHT, CARD_WIDTH
from shelter_desk.services.cards import card_pdf, cards_of, issue_card, person_for_card, revoke_card
from shelter_desk.services.people import merge_persons


def _cards(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(ClientCard)) or 0


def test_a_scanned_card_gives_its_person(desk, region):
    card = issue_card(desk, region.people["anon"], CardName.ALIAS, region.night_shelter)
    assert card.name == "Vogel"
    assert person_for_card(desk, card.number) == region.people["anon"]
    assert person_for_card(desk, card.number_text) == region.people["anon"]


def test_a_new_card_revokes_the_old_one_as_replaced(desk, region):
    first = issue_card(desk, region.people["jan"], CardName.FIRST_NAME, region.night_shelter)
    second = issue_card(desk, region.people["jan"], CardName.FULL_NAME, region.night_shelter)
    assert first.number != second.number
    cards = cards_of(desk, region.people["jan"])
    assert [c.card_id for c in cards if c.valid] == [second.card_id]
    assert next(c for c in cards if c.card_id == first.card_id).revoke_reason is RevokeReason.REPLACED
    with pytest.raises(DeskError, match="niet meer geldig: vervangen door een nieuwe kaart"):
        person_for_card(desk, first.number)


def test_a_lost_card_is_refused_with_a_clear_dutch_message(desk, region):
    card = issue_card(desk, region.people["jan"], CardName.FIRST_NAME, region.night_shelter)
    revoke_card(desk, card.card_id, RevokeReason.LOST)
    with pytest.raises(DeskError, match="niet meer geldig: verloren of gestolen op 24 november 2026"):
        person_for_card(desk, card.number)


def test_revoking_a_card_twice_is_refused(desk, region):
    card = issue_card(desk, region.people["jan"], CardName.FIRST_NAME, region.night_shelter)
    revoke_card(desk, card.card_id, RevokeReason.LOST)
    with pytest.raises(DeskError, match="al ingetrokken"):
        revoke_card(desk, card.card_id, RevokeReason.WITHDRAWN)


def test_a_mistyped_number_is_refused_before_any_lookup(desk, region):
    card = issue_card(desk, region.people["jan"], CardName.FIRST_NAME, region.night_shelter)
    wrong = card.number[:-1] + str((int(card.number[-1]) + 1) % 10)
    with pytest.raises(DeskError, match="controlecijfer"):
        person_for_card(desk, wrong)


def test_an_unknown_but_well_formed_number_is_refused(desk, region):
    with pytest.raises(DeskError, match="niet bekend"):
        person_for_card(desk, "1234567897")


def test_a_card_in_a_name_the_record_lacks_saves_nothing(desk, region):
    with pytest.raises(DeskError, match="geen roepnaam"):
        issue_card(desk, region.people["jan"], CardName.ALIAS, region.night_shelter)
    assert _cards(desk.db) == 0


def test_issuing_a_card_replaces_the_old_one_only_when_the_new_one_is_made(desk, region):
    first = issue_card(desk, region.people["jan"], CardName.FIRST_NAME, region.night_shelter)
    with pytest.raises(DeskError):
        issue_card(desk, region.people["jan"], CardName.ALIAS, region.night_shelter)
    assert person_for_card(desk, first.number) == region.people["jan"]


def test_the_card_pdf_is_bank_card_size_and_holds_no_bsn_or_birth_date(desk, db, region):
    with db.write() as session:
        session.get(Person, region.people["jan"]).bsn = "111222333"
    card = issue_card(desk, region.people["jan"], CardName.FULL_NAME, region.night_shelter)
    page = PdfReader(BytesIO(card_pdf(desk, card.card_id))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
        round(CARD_WIDTH),
        round(CARD_HEIGHT),
    )
    text = page.extract_text()
    assert "Jan Berg" in text and card.number_text in text and "Nachtopvang Assen" in text
    assert "111222333" not in text and "1968" not in text and "4-3" not in text


def test_a_revoked_card_is_not_printed(desk, region):
    card = issue_card(desk, region.people["jan"], CardName.FIRST_NAME, region.night_shelter)
    revoke_card(desk, card.card_id, RevokeReason.LOST)
    with pytest.raises(DeskError, match="ingetrokken"):
        card_pdf(desk, card.card_id)


def test_issuing_and_printing_are_in_the_access_log(desk, db, region):
    card = issue_card(desk, region.people["jan"], CardName.FIRST_NAME, region.night_shelter)
    card_pdf(desk, card.card_id)
    with db.read() as session:
        actions = session.scalars(
            select(AccessLogEntry.action).where(
                AccessLogEntry.person_id == region.people["jan"], AccessLogEntry.fields == "clientkaart"
            )
        ).all()
    assert actions == ["aanmaken", "afdrukken"]


@pytest.mark.role(Role.COORDINATOR)
def test_a_card_of_a_merged_record_opens_the_kept_record(desk, region):
    card = issue_card(desk, region.people["anon"], CardName.ALIAS, region.night_shelter)
    merge_persons(desk, region.people["jan"], region.people["anon"], "zelfde persoon")
    assert person_for_card(desk, card.number) == region.people["jan"]


def test_the_check_digit_rule_is_the_one_printed_numbers_follow(desk, region):
    card = issue_card(desk, region.people["jan"], CardName.FIRST_NAME, region.night_shelter)
    assert checked_card_number(card.number_text) == card.number
