"""Personal-plan rules: scores 1-5 per life domain, actions with an owner, the average change."""

from __future__ import annotations

from datetime import date

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.plans import (
    DEFAULT_DOMAINS,
    LEVELS,
    check_action,
    check_scores,
    parse_domains,
)

TODAY = date(2026, 11, 24)


def test_there_are_ten_default_life_domains_and_five_levels_of_our_own():
    assert len(DEFAULT_DOMAINS) == 10 and sorted(LEVELS) == [1, 2, 3, 4, 5]
    assert LEVELS[1].startswith("Acute problemen") and LEVELS[5].startswith("Volledig zelfredzaam")


def test_unscored_domains_are_left_out():
    assert check_scores({"Huisvesting": 2, "Justitie": None}, DEFAULT_DOMAINS) == {"Huisvesting": 2}


@pytest.mark.parametrize("score", [0, 6, 2.5])
def test_a_score_outside_one_to_five_is_refused(score):
    with pytest.raises(DeskError, match="1, 2, 3, 4 of 5"):
        check_scores({"Huisvesting": score}, DEFAULT_DOMAINS)  # type: ignore[dict-item]


def test_an_action_needs_someone_who_does_it():
    with pytest.raises(DeskError, match="wie de actie uitvoert"):
        check_action("Bellen met de corporatie", "   ", None, TODAY)
    assert check_action(" Bellen ", " Jan  zelf ", TODAY, TODAY) == ("Bellen", "Jan zelf")


def test_the_domains_setting_may_not_be_empty():
    with pytest.raises(DeskError, match="minstens één leefgebied"):
        parse_domains(" , ")
