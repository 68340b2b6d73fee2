"""BSN by the elfproef (python-stdnum), Dutch postcodes, phone numbers: refused in Dutch when wrong."""

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.identifiers import clean_bsn, clean_phone, clean_postcode


def test_a_valid_bsn_is_kept_as_nine_digits():
    assert clean_bsn(" 1112.22.333 ") == "111222333"


def test_an_empty_bsn_is_allowed_because_it_is_never_required():
    assert clean_bsn("") is None


def test_a_bsn_with_a_wrong_check_digit_is_refused():
    with pytest.raises(DeskError, match="elfproef"):
        clean_bsn("111222334")


@pytest.mark.parametrize("typed", ["11122233", "1112223334"])
def test_a_bsn_of_eight_or_ten_digits_is_refused(typed):
    with pytest.raises(DeskError, match="9 cijfers"):
        clean_bsn(typed)


def test_a_bsn_with_letters_is_refused():
    with pytest.raises(DeskError, match="andere tekens"):
        clean_bsn("11122233A")


def test_a_postcode_is_written_the_dutch_way():
    assert clean_postcode("9401ab") == "9401 AB"


@pytest.mark.parametrize("typed", ["1234", "ABCD 12"])
def test_a_malformed_postcode_is_refused(typed):
    with pytest.raises(DeskError, match="geen Nederlandse postcode"):
        clean_postcode(typed)


def test_a_phone_number_with_letters_is_refused():
    with pytest.raises(DeskError, match="Telefoonnummer"):
        clean_phone("bel maar")
    assert clean_phone("+31 6 1234 5678") == "+31 6 1234 5678"
