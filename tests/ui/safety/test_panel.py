"""The record's Veiligheid tab: an incident with a ban made from it, and a keep-apart by a coordinator."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTime

from shelter_desk.domain.roles import Role
from shelter_desk.services.people import restrictions_of
from shelter_desk.services.safety import incidents_of, incidents_of_restriction, keep_aparts_of
from shelter_desk.ui.record.person_view import PersonDialog
from shelter_desk.ui.safety.panel import IncidentDialog, KeepApartDialog
from tests.ui.waiting import searched

TODAY = date(2026, 11, 24)


@pytest.fixture
def record(qtbot, desk, region):
    dialog = PersonDialog(desk, region.people["henk"])
    qtbot.addWidget(dialog)
    dialog.resize(1200, 900)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_an_incident_with_a_ban_is_recorded_from_the_record(qtbot, record, desk, region):
    panel = record.show_safety()
    assert panel.incidents.item(0).text() == "Geen incidenten."
    dialog = panel.record_incident()
    assert isinstance(dialog, IncidentDialog)
    dialog.at.setTime(QTime(20, 30))
    dialog.police.setChecked(True)
    dialog.ok.click()
    assert dialog.isVisible() and "Beschrijf wat er gebeurde" in dialog.error.text()
    qtbot.keyClicks(dialog.happened, "Vechtpartij in de slaapzaal.")
    dialog.ban.setChecked(True)
    dialog.ok.click()
    assert not dialog.isVisible()
    [incident] = incidents_of(desk, region.people["henk"])
    [ban] = restrictions_of(desk, region.people["henk"])
    assert ban.is_safety and [v.incident_id for v in incidents_of_restriction(desk, ban.restriction_id)] == [
        incident.incident_id
    ]
    assert panel.incidents.item(0).text().startswith("24-11-2026 20:30, ")
    assert record.restriction_banner.isVisible()
    record.grab().save("/tmp/i25_safety_tab.png")


def test_the_front_desk_cannot_open_keep_apart(record):
    panel = record.show_safety()
    assert not panel.apart_button.isEnabled()


@pytest.mark.role(Role.COORDINATOR)
def test_a_coordinator_keeps_two_persons_apart(qtbot, record, desk, region):
    panel = record.show_safety()
    dialog = panel.keep_apart()
    assert isinstance(dialog, KeepApartDialog)
    qtbot.keyClicks(dialog.picker.query, "Jan Berg")
    dialog.picker.run_search()
    searched(dialog.picker)
    qtbot.keyClicks(dialog.reason, "Vechtpartij vorige week")
    dialog.ok.click()
    assert not dialog.isVisible(), dialog.error.text()
    [apart] = keep_aparts_of(desk, region.people["henk"])
    assert apart.other == "Jan Berg" and apart.reason == "Vechtpartij vorige week"
    assert panel.apart.item(0).text().startswith("niet in dezelfde voorziening als Jan Berg")
