"""Someone from elsewhere: first shelter, investigation, decision with reasons, warm transfer until moved."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import Consent, PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.domain.transfers import Factor, TransferStatus
from shelter_desk.persistence.models import Stay
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.monitor.figures import TO_ORIGIN, monitor
from shelter_desk.services.people.records import update_person
from shelter_desk.services.transfers.investigations import (
    FactInput,
    answer_transfer,
    decide,
    list_investigations,
    person_moved,
    proposal,
    record_facts,
    request_transfer,
    start_investigation,
    transfer_letter,
    transfers,
)

NIGHT = date(2026, 11, 24)


@pytest.fixture
def from_emmen(desk, region):
    """A man from Emmen in the Assen night shelter, consent given."""
    update_person(
        desk,
        region.people["jan"],
        PersonDetails(
            first_name="Jan",
            last_name="Berg",
            origin_municipality_code="0114",
            consent=Consent.GIVEN,
            consent_date=NIGHT,
        ),
    )
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=2))
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=1))
    investigation = start_investigation(
        desk, region.people["jan"], NIGHT - timedelta(days=2), NIGHT - timedelta(days=2)
    )
    record_facts(
        desk,
        investigation,
        [
            FactInput("0114", frozenset({Factor.SOCIAL_NETWORK, Factor.CARE_NETWORK, Factor.PREFERENCE})),
            FactInput("0106", frozenset({Factor.DAY_ACTIVITY})),
        ],
    )
    return investigation


def test_the_investigation_is_due_six_weeks_after_reporting(desk, from_emmen):
    [view] = list_investigations(desk)
    assert view.due_on == NIGHT - timedelta(days=2) + timedelta(weeks=6) and not view.overdue


def test_the_proposal_is_emmen_because_network_and_care_are_there(desk, from_emmen):
    result = proposal(desk, from_emmen)
    assert (
        result.proposed_centre_code == "0114" and "Emmen: Bestaand zorg- en ondersteuningsnetwerk" in result.explain()
    )


@pytest.mark.role(Role.COORDINATOR)
def test_a_decision_without_reasoning_is_refused(desk, from_emmen):
    with pytest.raises(DeskError, match="onderbouwing"):
        decide(desk, from_emmen, "0114", "  ")


@pytest.mark.role(Role.COORDINATOR)
def test_a_transfer_to_ones_own_region_is_refused(desk, from_emmen):
    decide(desk, from_emmen, "0106", "blijft in Assen")
    with pytest.raises(DeskError, match="deze regio"):
        request_transfer(desk, from_emmen, "X", "telefoon")


@pytest.mark.role(Role.COORDINATOR)
def test_a_transfer_without_consent_is_refused(desk, region, from_emmen):
    update_person(
        desk, region.people["jan"], PersonDetails(first_name="Jan", last_name="Berg", origin_municipality_code="0114")
    )
    decide(desk, from_emmen, "0114", "netwerk en zorg in Emmen")
    with pytest.raises(DeskError, match="toestemming"):
        request_transfer(desk, from_emmen, "Breehof, M. Smit", "telefoon")
    assert transfers(desk) == []


@pytest.mark.role(Role.COORDINATOR)
def test_an_answer_dated_before_the_request_is_refused(desk, from_emmen):
    decide(desk, from_emmen, "0114", "netwerk en zorg in Emmen")
    transfer = request_transfer(desk, from_emmen, "Breehof, M. Smit", "telefoon")
    with pytest.raises(DeskError, match="vóór de vorige stap"):
        answer_transfer(desk, transfer, True, NIGHT - timedelta(days=5))


@pytest.mark.role(Role.COORDINATOR)
def test_a_refused_transfer_can_go_to_the_dispute_committee(desk, from_emmen):
    decide(desk, from_emmen, "0114", "netwerk en zorg in Emmen")
    transfer = request_transfer(desk, from_emmen, "Breehof, M. Smit", "telefoon")
    answer_transfer(desk, transfer, False, NIGHT, "geen binding volgens Emmen", to_dispute_committee=True)
    [view] = transfers(desk, open_only=False)
    assert (view.status, view.to_dispute_committee) == (TransferStatus.REFUSED, True)


@pytest.mark.role(Role.COORDINATOR)
def test_after_the_move_the_stay_here_ends_as_other_municipalitys_shelter_back_to_origin(desk, db, region, from_emmen):
    decide(desk, from_emmen, "0114", "netwerk en zorg in Emmen")
    transfer = request_transfer(desk, from_emmen, "Breehof, M. Smit", "telefoon")
    answer_transfer(desk, transfer, True, NIGHT)
    person_moved(desk, transfer, NIGHT)
    with db.read() as session:
        stay = session.scalars(select(Stay).where(Stay.person_id == region.people["jan"])).one()
    assert (stay.outflow, stay.outflow_to_origin, stay.end_night) == (
        "opvang_andere_gemeente",
        True,
        NIGHT - timedelta(days=1),
    )
    from shelter_desk.domain.monitor import Period, PeriodKind

    assert dict(monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11)).outflow)[TO_ORIGIN] == 1


@pytest.mark.role(Role.COORDINATOR)
def test_the_transfer_letter_holds_only_what_the_receiver_needs(desk, from_emmen):
    decide(desk, from_emmen, "0114", "netwerk en zorg in Emmen; geheime notitie")
    transfer = request_transfer(desk, from_emmen, "Breehof, M. Smit", "telefoon")
    text = PdfReader(BytesIO(transfer_letter(desk, transfer))).pages[0].extract_text()
    assert "Warme overdracht naar centrumgemeente Emmen" in text and "Jan Berg" in text and "M. Smit" in text
    assert "geheime notitie" not in text


@pytest.mark.role(Role.COORDINATOR)
def test_the_monitor_counts_transfers_by_receiving_municipality(desk, from_emmen):
    from shelter_desk.domain.monitor import Period, PeriodKind

    decide(desk, from_emmen, "0114", "netwerk en zorg in Emmen")
    transfer = request_transfer(desk, from_emmen, "Breehof, M. Smit", "telefoon")
    answer_transfer(desk, transfer, True, NIGHT)
    person_moved(desk, transfer, NIGHT)
    assert monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11)).transfers == (("Emmen", 1, 1),)


def _second_region(db):
    from shelter_desk.services.kernel.reference_data import ensure_region

    with db.write() as session:
        return ensure_region(session, "0114").id


def _region_of(db, investigation_id):
    from shelter_desk.persistence.models import Investigation

    with db.read() as session:
        return session.get(Investigation, investigation_id).region_id


def test_a_person_without_a_stay_is_investigated_in_the_desks_own_region(desk, db, region):
    emmen = _second_region(db)
    desk.region_id = emmen  # the desk in Emmen (Assen comes first by name)
    investigation = start_investigation(desk, region.people["henk"], NIGHT, NIGHT)
    assert _region_of(db, investigation) == emmen


def test_a_desk_that_does_not_know_its_region_asks_before_guessing_one(desk, db, region):
    _second_region(db)
    with pytest.raises(DeskError, match="eigen regio nog niet"):
        start_investigation(desk, region.people["henk"], NIGHT, NIGHT)


def test_a_person_with_a_stay_is_investigated_where_that_stay_was(desk, db, region):
    desk.region_id = _second_region(db)
    assign_bed(desk, region.people["henk"], region.beds["N1"], NIGHT)
    investigation = start_investigation(desk, region.people["henk"], NIGHT, NIGHT)
    assert _region_of(db, investigation) != desk.region_id
