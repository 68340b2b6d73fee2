"""Client card numbers: random, ten digits, a Luhn check digit, and the name the person chose."""

from __future__ import annotations

import pytest
from stdnum import luhn

from shelter_desk.domain.cards import (
    CardName,
    checked_card_number,
    format_card_number,
    looks_like_card_number,
    name_on_card,
    new_card_number,
)
from shelter_desk.domain.errors import DeskError


def test_a_new_card_number_is_ten_digits_with_a_valid_check_digit():
    numbers = {new_card_number() for _ in range(200)}
    assert len(numbers) == 200  # random, not a sequence
    assert all(len(n) == 10 and n.isdigit() and n[0] != "0" and luhn.is_valid(n) for n in numbers)


def test_the_check_digit_is_computed_from_the_nine_drawn_digits():
    assert new_card_number(lambda count: "123456789") == "1234567897"


def test_one_mistyped_digit_is_refused_with_a_dutch_message():
    with pytest.raises(DeskError, match="klopt niet"):
        checked_card_number("1234567898")


def test_spaces_from_the_printed_number_are_ignored():
    assert checked_card_number(" 1234 5678 97 ") == "1234567897"
    assert format_card_number("1234567897") == "1234 5678 97"


def test_a_bsn_or_a_date_is_not_taken_for_a_card_number():
    assert looks_like_card_number("1234 5678 97")
    assert not looks_like_card_number("111222333")
    assert not looks_like_card_number("3-4-1990")
    with pytest.raises(DeskError, match="10 cijfers"):
        checked_card_number("111222333")


def test_the_card_carries_the_name_the_person_chose():
    assert name_on_card(CardName.ALIAS, "Jan", "van", "Berg", "Jantje") == "Jantje"
    assert name_on_card(CardName.FIRST_NAME, "Jan", "van", "Berg", "Jantje") == "Jan"
    assert name_on_card(CardName.FULL_NAME, "Jan", "van", "Berg", None) == "Jan van Berg"


def test_an_alias_card_for_someone_without_an_alias_is_refused():
    with pytest.raises(DeskError, match="geen roepnaam"):
        name_on_card(CardName.ALIAS, "Jan", None, "Berg", None)
