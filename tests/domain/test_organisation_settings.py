"""Organisation settings carry Dutch practice as defaults and refuse bad values in Dutch."""

from datetime import time
from decimal import Decimal

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.organisation_settings import definition_of


def test_defaults_follow_drenthe_practice():
    assert definition_of("night.day_boundary").read(None) == time(12, 0)
    assert definition_of("winter.phase1_below").read(None) == Decimal("-5")
    assert definition_of("winter.phase2_at_or_below").read(None) == Decimal("-10")
    assert definition_of("postal.mail_waiting_days").read(None) == 14


def test_a_fee_may_be_typed_with_a_dutch_comma():
    assert definition_of("night.default_fee").validate("4,50") == "4.50"


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("night.day_boundary", "25:99", "geen tijd"),
        ("night.default_fee", "vier", "geen getal"),
        ("night.default_fee", "-1", "minstens"),
        ("postal.review_months", "2.5", "geen heel getal"),
    ],
)
def test_a_bad_value_is_refused_with_a_dutch_message(key, text, message):
    with pytest.raises(DeskError, match=message):
        definition_of(key).validate(text)


def test_an_unknown_setting_is_named_in_the_message():
    with pytest.raises(DeskError, match="Onbekende instelling 'x.y'"):
        definition_of("x.y")
