"""The trajectory rules: reasons that never refuse first shelter, waiting order, housing steps."""

from __future__ import annotations

from datetime import date

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.trajectory import (
    AdmissionOutcome,
    HousingStatus,
    WaitingPlace,
    check_admission,
    check_housing_step,
    decision_due,
    never_a_reason,
    waiting_order,
)


@pytest.mark.parametrize(
    "said", ["geen regiobinding", "Geen regio-binding met Assen", "geen ID", "geen_id", "Geen paspoort"]
)
def test_regiobinding_and_id_are_never_a_reason(said):
    assert never_a_reason(said) is not None


def test_other_words_with_id_in_them_are_no_forbidden_reason():
    assert never_a_reason("geen idee waar hij heen kan, heeft woonruimte bij zijn zus") is None


def test_an_admission_may_mention_the_regiobinding_in_its_remark():
    check_admission(AdmissionOutcome.ADMITTED, "eerste_opvang", "regiobinding wordt onderzocht")


def test_an_unknown_reason_is_refused():
    with pytest.raises(DeskError, match="staat niet in de lijst"):
        check_admission(AdmissionOutcome.REFUSED, "te laat", "")


def test_priority_goes_before_the_date_of_application():
    places = [
        WaitingPlace(1, date(2026, 1, 1), 0),
        WaitingPlace(2, date(2026, 2, 1), 1),
        WaitingPlace(3, date(2025, 12, 1), 0),
    ]
    assert [p.application_id for p in waiting_order(places)] == [2, 3, 1]


def test_a_new_decision_is_due_after_a_longer_time_away():
    assert decision_due(date(2026, 1, 1), date(2026, 2, 1), date(2026, 5, 3), 90)
    assert not decision_due(date(2026, 1, 1), date(2026, 2, 1), date(2026, 5, 1), 90)


def test_a_refused_referral_goes_no_further():
    with pytest.raises(DeskError, match="kan niet naar"):
        check_housing_step(HousingStatus.REFUSED, HousingStatus.OFFERED)
