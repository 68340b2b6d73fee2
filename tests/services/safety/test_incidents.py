"""The incidents register: what happened where, who was involved, and the bans made from it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.domain.roles import Role
from shelter_desk.domain.safety import IncidentKind, IncidentTerms
from shelter_desk.persistence.models import AccessLogEntry, Incident
from shelter_desk.services.people import restrictions_of
from shelter_desk.services.safety import (
    incident_register,
    incidents_of,
    incidents_of_restriction,
    record_incident,
    restriction_from_incident,
)
from tests.conftest import EVENING

NIGHT = date(2026, 11, 24)


def _fight(region, **changes) -> IncidentTerms:
    terms = IncidentTerms(
        EVENING - timedelta(minutes=30),
        region.night_shelter,
        IncidentKind.AGGRESSION,
        "Vechtpartij in de slaapzaal om een telefoon.",
        (region.people["jan"], region.people["henk"]),
        staff_involved="Marieke, Kees",
        police_called=True,
        what_was_done="Beiden apart gezet; politie nam Henk mee.",
    )
    return replace(terms, **changes)


def test_an_incident_is_recorded_with_the_people_involved_and_who_was_called(desk, region):
    incident = record_incident(desk, _fight(region))
    [view] = incidents_of(desk, region.people["henk"])
    assert view.incident_id == incident
    assert view.persons == ("Jan Berg", "Henk Bakker")
    assert view.kind is IncidentKind.AGGRESSION and view.called == "politie"
    assert view.heading == "24-11-2026 20:30, Nachtopvang Assen: agressie/geweld"
    assert view.recorded_by == "test-balie"


def test_an_incident_needs_no_client_on_record_an_unknown_person_is_described(desk, region):
    record_incident(desk, _fight(region, person_ids=(), unknown_person="Man, ca. 40, rode jas"))
    [view] = incident_register(desk, NIGHT, NIGHT)
    assert view.persons == () and view.unknown_person == "Man, ca. 40, rode jas"


def test_an_incident_without_a_story_or_in_the_future_is_refused_and_nothing_is_saved(desk, db, region):
    with pytest.raises(DeskError, match="Beschrijf wat er gebeurde"):
        record_incident(desk, _fight(region, what_happened="  "))
    with pytest.raises(DeskError, match="in de toekomst"):
        record_incident(desk, _fight(region, occurred_at=EVENING + timedelta(hours=1)))
    with db.read() as session:
        assert session.scalars(select(Incident)).all() == []


def test_recording_an_incident_logs_a_line_for_each_client_involved(desk, db, region):
    record_incident(desk, _fight(region))
    with db.read() as session:
        logged = session.scalars(select(AccessLogEntry.person_id).where(AccessLogEntry.fields == "incident")).all()
    assert sorted(logged) == sorted([region.people["jan"], region.people["henk"]])


def test_the_register_lists_incidents_of_the_chosen_days_and_facility(desk, region):
    record_incident(desk, _fight(region))
    record_incident(desk, _fight(region, occurred_at=EVENING - timedelta(days=3), kind=IncidentKind.THEFT))
    assert [v.kind for v in incident_register(desk, NIGHT, NIGHT)] == [IncidentKind.AGGRESSION]
    assert len(incident_register(desk, NIGHT - timedelta(days=7), NIGHT, region.night_shelter)) == 2
    assert incident_register(desk, NIGHT - timedelta(days=7), NIGHT, region.youth) == []


def test_a_ban_made_from_an_incident_shows_the_incident_when_it_is_reviewed(desk, region):
    incident = record_incident(desk, _fight(region))
    terms = RestrictionTerms(region.night_shelter, NIGHT, NIGHT + timedelta(days=14), "Vechtpartij", True)
    ban = restriction_from_incident(desk, incident, region.people["henk"], terms)
    assert [r.restriction_id for r in restrictions_of(desk, region.people["henk"])] == [ban]
    assert [v.incident_id for v in incidents_of_restriction(desk, ban)] == [incident]


def test_a_ban_from_an_incident_is_only_for_a_client_involved_in_it(desk, region):
    incident = record_incident(desk, _fight(region))
    terms = RestrictionTerms(region.night_shelter, NIGHT, NIGHT, "Vechtpartij", True)
    with pytest.raises(DeskError, match="niet bij de betrokkenen"):
        restriction_from_incident(desk, incident, region.people["sem"], terms)
    assert restrictions_of(desk, region.people["sem"]) == []


@pytest.mark.role(Role.COORDINATOR)
def test_a_client_involved_twice_is_refused(desk, region):
    with pytest.raises(DeskError, match="twee keer"):
        record_incident(desk, _fight(region, person_ids=(region.people["jan"], region.people["jan"])))


def test_the_monitor_counts_incidents_per_facility_and_kind(desk, region):
    from shelter_desk.domain.monitor import Period, PeriodKind
    from shelter_desk.services.monitor import monitor

    record_incident(desk, _fight(region))
    record_incident(desk, _fight(region, kind=IncidentKind.MEDICAL, person_ids=()))
    record_incident(desk, _fight(region, kind=IncidentKind.MEDICAL, person_ids=()))
    report = monitor(desk, Period.of(PeriodKind.MONTH, 2026, 11))
    assert report.incidents == (("Nachtopvang Assen: agressie/geweld", 1), ("Nachtopvang Assen: medisch", 2))
    assert monitor(desk, Period.of(PeriodKind.MONTH, 2026, 10)).incidents == ()
