"""The Veiligheid tab's safety network and ending a keep-apart: coordinators put a person in the
safety network, close it with its outcome and end a keep-apart; the front desk reads only what to do
when the person turns up; and on a laptop every action of the tab is in view without scrolling."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QPoint, QRect
from PySide6.QtWidgets import QPushButton, QScrollArea

from shelter_desk.domain.roles import Role
from shelter_desk.domain.safety import (
    EscalationTerms,
    IncidentKind,
    IncidentTerms,
    KeepApartScope,
    KeepApartTerms,
    SafetyNetwork,
)
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.safety import (
    close_escalation,
    escalate,
    escalations_of,
    keep_apart,
    keep_aparts_of,
    record_incident,
)
from shelter_desk.ui.beds.board_page import BedBoardPage
from shelter_desk.ui.beds.tiles import KEEP_APART
from shelter_desk.ui.record.person_view import PersonDialog
from shelter_desk.ui.safety.network import CloseEscalationDialog, EscalationDialog

TODAY = date(2026, 11, 24)
# The record on a 1366×768 laptop (taskbar and the dialog's margin off): what fit_to_screen gives it.
LAPTOP_RECORD = (1080, 680)


def _open_record(qtbot, desk, person_id: int, size: tuple[int, int] = (1200, 900)) -> PersonDialog:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(desk, person_id)
    qtbot.addWidget(dialog)
    dialog.resize(*size)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def record(qtbot, desk, region) -> PersonDialog:
    return _open_record(qtbot, desk, region.people["henk"])


def _escalation(region, manager: str = "Anne de Vries", started: date = date(2026, 11, 20)) -> EscalationTerms:  # type: ignore[no-untyped-def]
    return EscalationTerms(
        region.people["henk"],
        SafetyNetwork.ZORG_EN_VEILIGHEID,
        started,
        manager,
        "06-12345678",
        "Casusoverleg vrijdag; woonplek zoeken met de GGZ",
        f"Bel {manager} (06-12345678) als Henk zich meldt, ook 's nachts.",
    )


def _fill_in(qtbot, dialog: EscalationDialog, manager: str) -> None:  # type: ignore[no-untyped-def]
    dialog.network.setCurrentIndex(dialog.network.findData(SafetyNetwork.MELDPUNT_OGGZ))
    dialog.started.setDate(QDate(2026, 11, 23))
    qtbot.keyClicks(dialog.case_manager, manager)
    qtbot.keyClicks(dialog.phone, "06-11223344")
    qtbot.keyClicks(dialog.next_step, "Huisbezoek GGZ donderdag")
    qtbot.keyClicks(dialog.instruction, "Bel Anne de Vries, 06-11223344")


def test_a_coordinator_records_an_escalation_and_the_front_desk_then_sees_only_its_instruction(
    qtbot, coordinator_desk, desk, region
):
    record = _open_record(qtbot, coordinator_desk, region.people["henk"])
    panel = record.show_safety()
    dialog = panel.escalate()
    assert isinstance(dialog, EscalationDialog)
    _fill_in(qtbot, dialog, "Anne de Vries")
    dialog.ok.click()
    assert not dialog.isVisible(), dialog.error.text()
    [seen] = escalations_of(coordinator_desk, region.people["henk"])
    assert (seen.network, seen.started_on, seen.case_manager) == (
        SafetyNetwork.MELDPUNT_OGGZ,
        date(2026, 11, 23),
        "Anne de Vries",
    )
    assert panel.network.item(0).text().startswith("Meldpunt OGGZ, gemeld 23-11-2026 (loopt)")
    assert "Bel Anne de Vries, 06-11223344" in record.network_banner.text()
    at_the_desk = _open_record(qtbot, desk, region.people["henk"]).show_safety()
    assert at_the_desk.network.count() == 1
    assert at_the_desk.network.item(0).text() == "Als de persoon zich meldt: Bel Anne de Vries, 06-11223344"


@pytest.mark.role(Role.COORDINATOR)
def test_closing_an_escalation_records_its_outcome_and_it_leaves_the_open_list(qtbot, record, desk, region):
    escalate(desk, _escalation(region))
    panel = record.show_safety()
    panel.network.setCurrentRow(0)
    dialog = panel.close_escalation()
    assert isinstance(dialog, CloseEscalationDialog)
    qtbot.keyClicks(dialog.outcome, "Opgenomen in een GGZ-kliniek.")
    dialog.ok.click()
    assert not dialog.isVisible(), dialog.error.text()
    [closed] = escalations_of(desk, region.people["henk"])
    assert not closed.open and (closed.closed_on, closed.outcome) == (TODAY, "Opgenomen in een GGZ-kliniek.")
    assert "(afgesloten 24-11-2026: Opgenomen in een GGZ-kliniek.)" in panel.network.item(0).text()
    assert not record.network_banner.isVisible()
    panel.network.setCurrentRow(0)
    assert not panel.close_button.isEnabled()  # a closed line cannot be closed again


@pytest.mark.role(Role.COORDINATOR)
def test_an_escalation_without_a_case_manager_is_refused_in_dutch_and_nothing_is_stored(qtbot, record, desk, region):
    dialog = record.show_safety().escalate()
    _fill_in(qtbot, dialog, "   ")
    dialog.ok.click()
    assert dialog.isVisible() and "Vul de casusregisseur in" in dialog.error.text()
    assert escalations_of(desk, region.people["henk"]) == []


@pytest.mark.role(Role.COORDINATOR)
def test_closing_without_an_outcome_is_refused_in_dutch_and_the_escalation_stays_open(record, desk, region):
    escalate(desk, _escalation(region))
    panel = record.show_safety()
    panel.network.setCurrentRow(0)
    dialog = panel.close_escalation()
    dialog.ok.click()
    assert dialog.isVisible() and dialog.error.text() == "Vul de uitkomst in."
    [still] = escalations_of(desk, region.people["henk"])
    assert still.open


def test_the_front_desk_cannot_escalate_close_or_end_and_is_told_who_may(record, desk, coordinator_desk, region):
    escalate(coordinator_desk, _escalation(region))
    keep_apart(
        coordinator_desk,
        KeepApartTerms(region.people["henk"], region.people["jan"], KeepApartScope.FACILITY, "Ruzie", TODAY, TODAY),
    )
    panel = record.show_safety()
    panel.network.setCurrentRow(0)
    panel.apart.setCurrentRow(0)
    for button in (panel.escalate_button, panel.close_button, panel.end_apart_button, panel.apart_button):
        assert not button.isEnabled() and "Alleen voor coördinatoren" in button.toolTip()


@pytest.mark.role(Role.COORDINATOR)
def test_ending_a_keep_apart_removes_the_board_warning(qtbot, record, desk, region):
    jan, henk = region.people["jan"], region.people["henk"]
    keep_apart(desk, KeepApartTerms(henk, jan, KeepApartScope.FACILITY, "Vechtpartij", TODAY, TODAY))
    assign_bed(desk, jan, region.beds["N1"], TODAY)
    assign_bed(desk, henk, region.beds["N2"], TODAY, overrule_reason="Vriest; beiden rustig")
    board = BedBoardPage(desk, open_file=lambda path: None)
    qtbot.addWidget(board)
    board.show()
    qtbot.waitUntil(lambda: board.shown_night is not None)
    assert KEEP_APART in board.tile("2").text()
    panel = record.show_safety()
    panel.apart.setCurrentRow(0)
    questions: list[str] = []
    panel.confirm = lambda title, question, yes: questions.append(question) or True  # type: ignore[method-assign]
    assert panel.end_keep_apart()
    assert questions[0].startswith("Deze afspraak beëindigen?")
    [ended] = keep_aparts_of(desk, henk)
    assert ended.ended and "(beëindigd)" in panel.apart.item(0).text()
    board.refresh()
    assert KEEP_APART not in board.tile("1").text() and KEEP_APART not in board.tile("2").text()


@pytest.mark.role(Role.COORDINATOR)
def test_a_keep_apart_stays_when_the_coordinator_answers_no(record, desk, region):
    henk, jan = region.people["henk"], region.people["jan"]
    keep_apart(desk, KeepApartTerms(henk, jan, KeepApartScope.FACILITY, "Ruzie", TODAY, TODAY))
    panel = record.show_safety()
    panel.apart.setCurrentRow(0)
    panel.confirm = lambda title, question, yes: False  # type: ignore[method-assign]
    assert not panel.end_keep_apart()
    assert not keep_aparts_of(desk, region.people["henk"])[0].ended


# -- on a laptop --------------------------------------------------------------------------------


def _busy_evening(coordinator_desk, region) -> None:  # type: ignore[no-untyped-def]
    """A record as a coordinator meets it: several incidents, two keep-aparts, two escalations."""
    henk, jan, sem = region.people["henk"], region.people["jan"], region.people["sem"]
    for day, hour, kind, text, others in (
        (24, 20, IncidentKind.AGGRESSION, "Duwde een medewerker bij de deur na weigering; politie kwam.", (jan,)),
        (21, 23, IncidentKind.THREAT, "Dreigde een andere gast in de slaapzaal met een mes.", (sem,)),
        (17, 2, IncidentKind.MEDICAL, "Onwel in de douche; ambulance gebeld, mee naar de SEH.", ()),
        (9, 19, IncidentKind.DRUGS_ALCOHOL, "Dronken binnengekomen, rustig naar bed gebracht.", ()),
    ):
        record_incident(
            coordinator_desk,
            IncidentTerms(
                datetime(2026, 11, day, hour, 15, tzinfo=AMSTERDAM),
                region.night_shelter,
                kind,
                text,
                (henk, *others),
                police_called=kind is IncidentKind.AGGRESSION,
                ambulance_called=kind is IncidentKind.MEDICAL,
                what_was_done="Gesprek met de coördinator de volgende ochtend.",
            ),
        )
    keep_apart(
        coordinator_desk,
        KeepApartTerms(henk, jan, KeepApartScope.FACILITY, "Vechtpartij vorige week", TODAY, date(2027, 2, 22)),
    )
    keep_apart(
        coordinator_desk,
        KeepApartTerms(henk, sem, KeepApartScope.ANYWHERE, "Dreiging met een mes", TODAY, date(2027, 5, 24)),
    )
    closed = escalate(coordinator_desk, _escalation(region, "Petra Smit", date(2026, 6, 2)))
    close_escalation(
        coordinator_desk, closed, date(2026, 8, 14), "Woonplek gevonden bij Beschermd Wonen; later weer dakloos."
    )
    escalate(coordinator_desk, _escalation(region))


def _actions_in_view(dialog: PersonDialog) -> list[str]:
    """The tab's buttons that lie outside the record's visible part without scrolling."""
    scroll = dialog.findChild(QScrollArea, "personScroll")
    view = QRect(scroll.viewport().mapTo(dialog, QPoint(0, 0)), scroll.viewport().size())
    hidden = []
    for button in dialog.safety.findChildren(QPushButton):
        place = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
        if not view.contains(place):
            hidden.append(button.text())
    return hidden


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.FRONT_DESK])
def test_on_a_laptop_every_action_of_the_safety_tab_is_in_view_without_scrolling(
    qtbot, coordinator_desk, desk, region, role
):
    _busy_evening(coordinator_desk, region)
    dialog = _open_record(
        qtbot, coordinator_desk if role is Role.COORDINATOR else desk, region.people["henk"], LAPTOP_RECORD
    )
    panel = dialog.show_safety()
    panel.apart.setCurrentRow(0)
    panel.network.setCurrentRow(0)
    qtbot.wait(50)
    dialog.grab().save(f"/tmp/ui25_safety_tab_{role.value}.png")
    assert _actions_in_view(dialog) == []
    assert dialog.findChild(QScrollArea, "personScroll").verticalScrollBar().value() == 0
