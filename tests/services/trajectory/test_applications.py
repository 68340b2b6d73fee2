"""Applications for a KDO place: intake, decision, the waiting list with days waiting, and the freed
bed offered to the first waiting applicant the bed rules let in; accepting starts the stay."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.domain.roles import Role
from shelter_desk.domain.stays import Outflow
from shelter_desk.domain.trajectory import ApplicationDecision, ApplicationStatus, Referrer
from shelter_desk.persistence.models import Stay
from shelter_desk.services.beds import assign_bed, end_stay
from shelter_desk.services.people import add_restriction
from shelter_desk.services.trajectory import (
    accept_offer,
    applications_of,
    apply_for_place,
    bed_offer,
    close_application,
    decide_application,
    record_intake,
    set_priority,
    waiting_list,
)

pytestmark = pytest.mark.role(Role.COORDINATOR)
NIGHT = date(2026, 11, 24)


def _on_list(desk, person: int, kdo: int, applied: date) -> int:
    application = apply_for_place(desk, person, kdo, Referrer.NIGHT_SHELTER, applied, "Klaar voor de KDO")
    record_intake(desk, application, applied)
    decide_application(desk, application, ApplicationDecision.ADMITTED, applied)
    return application


def test_a_night_shelter_takes_no_applications(desk, region):
    with pytest.raises(DeskError, match="zonder aanmelding"):
        apply_for_place(desk, region.people["jan"], region.night_shelter, Referrer.OGGZ, NIGHT, "x")


def test_no_decision_before_the_intake(desk, region):
    application = apply_for_place(desk, region.people["jan"], region.kdo, Referrer.OGGZ, NIGHT, "x")
    with pytest.raises(DeskError, match="Eerst de intake"):
        decide_application(desk, application, ApplicationDecision.ADMITTED, NIGHT)


def test_a_refusal_needs_its_reason(desk, region):
    application = apply_for_place(desk, region.people["jan"], region.kdo, Referrer.OGGZ, NIGHT, "x")
    record_intake(desk, application, NIGHT)
    with pytest.raises(DeskError, match="Geef de reden"):
        decide_application(desk, application, ApplicationDecision.REFUSED, NIGHT)


def test_the_waiting_list_is_in_order_of_application_with_days_waiting(desk, region):
    later = _on_list(desk, region.people["jan"], region.kdo, NIGHT - timedelta(days=3))
    earlier = _on_list(desk, region.people["henk"], region.kdo, NIGHT - timedelta(days=10))
    listed = waiting_list(desk, region.kdo)
    assert [(v.application_id, v.place, v.days_waiting) for v in listed] == [(earlier, 1, 10), (later, 2, 3)]


def test_a_priority_with_its_reason_moves_an_applicant_up(desk, region):
    later = _on_list(desk, region.people["jan"], region.kdo, NIGHT - timedelta(days=3))
    _on_list(desk, region.people["henk"], region.kdo, NIGHT - timedelta(days=10))
    with pytest.raises(DeskError, match="reden van de voorrang"):
        set_priority(desk, later, 1, "")
    set_priority(desk, later, 1, "ontslag uit het ziekenhuis, geen nachtopvang mogelijk")
    assert waiting_list(desk, region.kdo)[0].application_id == later


def test_a_withdrawn_application_leaves_the_list_with_its_reason(desk, region):
    application = _on_list(desk, region.people["jan"], region.kdo, NIGHT - timedelta(days=3))
    close_application(desk, application, ApplicationStatus.WITHDRAWN, NIGHT, "wil naar familie in Groningen")
    assert waiting_list(desk, region.kdo) == []
    view = applications_of(desk, region.people["jan"])[0]
    assert (view.status, view.close_reason) == (ApplicationStatus.WITHDRAWN, "wil naar familie in Groningen")


def test_the_freed_bed_goes_to_the_first_fitting_applicant_past_one_the_rules_keep_out(db, desk, region):
    # Both KDO beds are taken; Sem (19) waits longest but the KDO admits from 23.
    assign_bed(desk, region.people["anon"], region.beds["K1"], NIGHT - timedelta(days=5), "leeftijd onbekend")
    assign_bed(desk, region.people["henk"], region.beds["K2"], NIGHT - timedelta(days=5))
    _on_list(desk, region.people["sem"], region.kdo, NIGHT - timedelta(days=20))
    jans = _on_list(desk, region.people["jan"], region.kdo, NIGHT - timedelta(days=10))
    assert bed_offer(desk, region.kdo, NIGHT) is None
    with db.read() as session:
        henks_stay = session.scalar(select(Stay.id).where(Stay.person_id == region.people["henk"]))
    end_stay(desk, henks_stay, NIGHT - timedelta(days=1), Outflow.SUPPORTED_HOUSING)
    offer = bed_offer(desk, region.kdo, NIGHT)
    assert offer is not None
    assert (offer.application_id, offer.bed_id, offer.night, offer.days_waiting) == (jans, region.beds["K2"], NIGHT, 10)
    assert "Sem Leeuwen: Leeftijd 19" in offer.passed_over[0]
    accept_offer(desk, offer.application_id, offer.bed_id, offer.night)
    with db.read() as session:
        stay = session.scalars(select(Stay).where(Stay.person_id == region.people["jan"])).one()
    assert (stay.facility_id, stay.start_night, stay.end_night) == (region.kdo, NIGHT, None)
    assert applications_of(desk, region.people["jan"])[0].status is ApplicationStatus.PLACED


def test_a_ban_from_the_facility_keeps_an_applicant_out_of_the_offer(desk, region):
    _on_list(desk, region.people["jan"], region.kdo, NIGHT - timedelta(days=10))
    add_restriction(
        desk, region.people["jan"], RestrictionTerms(region.kdo, NIGHT, NIGHT + timedelta(days=30), "ruzie", True)
    )
    assert bed_offer(desk, region.kdo, NIGHT) is None


def test_an_applicant_in_the_night_shelter_tonight_is_offered_the_bed_from_the_next_night(desk, region):
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT)
    application = _on_list(desk, region.people["jan"], region.kdo, NIGHT - timedelta(days=2))
    offer = bed_offer(desk, region.kdo, NIGHT)
    assert offer is not None and (offer.application_id, offer.night) == (application, NIGHT + timedelta(days=1))
