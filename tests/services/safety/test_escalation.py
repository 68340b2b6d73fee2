"""Escalation to the safety network: the coordinator records it, the front desk sees only what to do."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.safety import EscalationTerms, SafetyNetwork
from shelter_desk.persistence.models import AccessLogEntry
from shelter_desk.services.safety import close_escalation, escalate, escalations_of, escalations_per_quarter

TODAY = date(2026, 11, 24)


def _terms(region) -> EscalationTerms:
    return EscalationTerms(
        region.people["henk"],
        SafetyNetwork.ZORG_EN_VEILIGHEID,
        date(2026, 11, 20),
        "Petra Smit",
        "06-12345678",
        "Casusoverleg vrijdag; woonplek zoeken met GGZ",
        "Bel Petra Smit (06-12345678) als Henk zich meldt, ook 's nachts.",
    )


def test_the_front_desk_sees_only_what_to_do_when_the_person_turns_up(coordinator_desk, desk, region):
    escalate(coordinator_desk, _terms(region))
    [seen] = escalations_of(desk, region.people["henk"])
    assert seen.desk_instruction.startswith("Bel Petra Smit")
    assert (seen.network, seen.case_manager, seen.next_step) == (None, "", "")


def test_a_coordinator_sees_the_network_case_manager_and_next_step(coordinator_desk, region):
    escalate(coordinator_desk, _terms(region))
    [seen] = escalations_of(coordinator_desk, region.people["henk"])
    assert seen.network is SafetyNetwork.ZORG_EN_VEILIGHEID and seen.case_manager == "Petra Smit"
    assert seen.next_step.startswith("Casusoverleg")


def test_closing_records_the_outcome_and_the_front_desk_no_longer_sees_it(coordinator_desk, desk, region):
    escalation = escalate(coordinator_desk, _terms(region))
    close_escalation(coordinator_desk, escalation, TODAY, "Opgenomen in een GGZ-kliniek.")
    assert escalations_of(desk, region.people["henk"]) == []
    [closed] = escalations_of(coordinator_desk, region.people["henk"])
    assert not closed.open and closed.outcome == "Opgenomen in een GGZ-kliniek."
    with pytest.raises(DeskError, match="al afgesloten"):
        close_escalation(coordinator_desk, escalation, TODAY, "nogmaals")


def test_an_escalation_without_case_manager_or_instruction_is_refused(coordinator_desk, region):
    with pytest.raises(DeskError, match="casusregisseur"):
        escalate(coordinator_desk, replace(_terms(region), case_manager=" "))
    with pytest.raises(DeskError, match="wat de balie moet doen"):
        escalate(coordinator_desk, replace(_terms(region), desk_instruction=""))


def test_every_reading_is_logged_as_special_category_data(coordinator_desk, desk, db, region):
    escalate(coordinator_desk, _terms(region))
    escalations_of(desk, region.people["henk"])
    with db.read() as session:
        details = session.scalars(
            select(AccessLogEntry.detail).where(
                AccessLogEntry.person_id == region.people["henk"], AccessLogEntry.action == "inzien"
            )
        ).all()
    assert details and all("bijzondere persoonsgegevens" in detail for detail in details)


def test_escalations_are_counted_per_quarter(coordinator_desk, region):
    first = escalate(coordinator_desk, _terms(region))
    escalate(coordinator_desk, replace(_terms(region), person_id=region.people["jan"], started_on=date(2026, 2, 3)))
    close_escalation(coordinator_desk, first, TODAY, "Terug naar eigen woning.")
    assert escalations_per_quarter(coordinator_desk, 2026) == [
        ("1e kwartaal 2026", 1, 0),
        ("2e kwartaal 2026", 0, 0),
        ("3e kwartaal 2026", 0, 0),
        ("4e kwartaal 2026", 1, 1),
    ]
