"""Someone from elsewhere, on screen: investigation → decision elsewhere → transfer requested →
accepted → moved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from sqlalchemy import select

from shelter_desk.domain.person_details import Consent, PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.domain.transfers import Factor
from shelter_desk.persistence.models import Stay
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.people.records import update_person
from shelter_desk.services.transfers.investigations import (
    decide,
    request_transfer,
    start_investigation,
    transfers,
)
from shelter_desk.ui import feedback
from shelter_desk.ui.transfers.new_investigation_dialog import NewInvestigationDialog
from shelter_desk.ui.transfers.page import TransfersPage
from tests.ui.paper import print_to_file
from tests.ui.waiting import searched

NIGHT = date(2026, 11, 24)


@pytest.fixture
def page(qtbot, desk, region, tmp_path, monkeypatch):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
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
    assign_bed(desk, region.people["jan"], region.beds["N1"], NIGHT - timedelta(days=1))
    opened: list = []
    widget = TransfersPage(desk, open_file=opened.append)
    widget.opened = opened
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _click(widget, name):
    widget.findChild(QPushButton, name).click()


@pytest.mark.role(Role.COORDINATOR)
def test_investigation_decision_transfer_and_move(qtbot, page, desk, db, region):
    page.new_investigation()
    dialog = page.dialog
    assert isinstance(dialog, NewInvestigationDialog)
    qtbot.keyClicks(dialog.picker.query, "jan berg")
    searched(dialog.picker)
    _click(dialog, "okButton")
    page.select_person("Jan Berg")

    page.investigation.set_fact(0, "Emmen", {Factor.SOCIAL_NETWORK, Factor.CARE_NETWORK, Factor.PREFERENCE})
    page.investigation.set_fact(1, "Assen", {Factor.DAY_ACTIVITY})
    _click(page, "saveFacts")
    assert page.investigation.proposal.text().startswith("Voorstel: Emmen")
    assert page.decision.centre.currentText() == "Emmen"

    page.decision.reasoning.setPlainText("Familie en zorg in Emmen; hij wil zelf terug.")
    _click(page, "decideButton")
    page.transfer.contact.setText("De Breehof, M. Smit")
    page.transfer.channel.setText("telefoon")
    _click(page, "transfer_request")
    _click(page, "transfer_accepted")
    path = page.print_letter()
    assert path is not None and page.opened == [path]
    _click(page, "transfer_moved")

    [transfer] = transfers(desk, open_only=False)
    assert transfer.status.value == "verhuisd"
    with db.read() as session:
        stay = session.scalars(select(Stay).where(Stay.person_id == region.people["jan"])).one()
    assert (stay.outflow, stay.outflow_to_origin) == ("opvang_andere_gemeente", True)


@pytest.mark.role(Role.COORDINATOR)
def test_a_decision_without_reasoning_is_explained_on_screen(qtbot, page, desk, region):
    from shelter_desk.services.transfers.investigations import start_investigation

    start_investigation(desk, region.people["jan"], NIGHT, NIGHT)
    page.refresh()
    _click(page, "decideButton")
    assert "onderbouwing" in page.error.text()


@pytest.mark.role(Role.COORDINATOR)
def test_a_new_investigation_is_selected_and_shows_only_its_own_fields(qtbot, page, desk, region):
    from shelter_desk.services.transfers.investigations import decide, start_investigation

    first = start_investigation(desk, region.people["jan"], NIGHT, NIGHT)
    decide(desk, first, "0114", "Familie in Emmen.")
    page.refresh()
    page.select_person("Jan Berg")
    assert page.decision.reasoning.toPlainText() == "Familie in Emmen."  # saved reasoning shows when reopened
    page.transfer.contact.setText("iemand voor Jan")

    page.new_investigation()
    dialog = page.dialog
    qtbot.keyClicks(dialog.picker.query, "henk")
    searched(dialog.picker)
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Return)  # Enter on the found person starts
    assert not dialog.isVisible()
    assert page.selected().person == "Henk Bakker" and "Henk Bakker" in page.investigation.header.text()
    assert page.decision.reasoning.toPlainText() == "" and page.transfer.contact.text() == ""
    assert "Henk Bakker" in page.notice.text()


@pytest.mark.role(Role.COORDINATOR)
def test_the_investigation_list_is_searchable(page, desk, region):
    from shelter_desk.services.transfers.investigations import start_investigation

    for who in ("jan", "henk"):
        start_investigation(desk, region.people[who], NIGHT, NIGHT)
    page.refresh()
    page.investigations.search.setText("henk")
    shown = [
        page.investigations.list.item(row).text()
        for row in range(page.investigations.list.count())
        if not page.investigations.list.item(row).isHidden()
    ]
    assert len(shown) == 1 and shown[0].startswith("Henk Bakker")


def test_the_front_desk_sees_besluiten_greyed_with_the_reason(qtbot, page, desk, region):
    from shelter_desk.services.transfers.investigations import start_investigation

    start_investigation(desk, region.people["jan"], NIGHT, NIGHT)
    page.refresh()
    assert page.selected() is not None
    assert not page.decision.button.isEnabled() and page.decision.button.toolTip().startswith("Alleen voor")


@pytest.mark.role(Role.COORDINATOR)
def test_a_decision_moves_no_field_of_the_page(qtbot, page, desk, region):
    from shelter_desk.services.transfers.investigations import start_investigation

    start_investigation(desk, region.people["jan"], NIGHT, NIGHT)
    page.refresh()
    page.investigation.set_fact(0, "Emmen", {Factor.SOCIAL_NETWORK})
    _click(page, "saveFacts")
    fields = (page.transfer.contact, page.decision.button, page.decision.reasoning)
    places = [w.mapTo(page, w.rect().topLeft()) for w in fields]
    page.decision.reasoning.setPlainText("Familie in Emmen.")
    _click(page, "decideButton")
    assert "Besloten" in page.investigation.header.text()
    assert [w.mapTo(page, w.rect().topLeft()) for w in fields] == places


@pytest.mark.role(Role.COORDINATOR)
def test_the_transfers_contact_and_channel_stay_visible_after_saving(qtbot, page, desk, region):
    from shelter_desk.services.transfers.investigations import decide, start_investigation

    decide(desk, start_investigation(desk, region.people["jan"], NIGHT, NIGHT), "0114", "Familie in Emmen.")
    page.refresh()
    page.transfer.contact.setText("De Breehof, M. Smit")
    page.transfer.channel.setText("telefoon")
    _click(page, "transfer_request")
    assert (page.transfer.contact.text(), page.transfer.channel.text()) == ("De Breehof, M. Smit", "telefoon")
    _click(page, "transfer_accepted")
    assert (page.transfer.contact.text(), page.transfer.channel.text()) == ("De Breehof, M. Smit", "telefoon")


@pytest.mark.role(Role.COORDINATOR)
def test_unsaved_reasoning_is_kept_while_another_investigation_is_looked_at(qtbot, page, desk, region):
    from shelter_desk.services.transfers.investigations import start_investigation

    for who in ("jan", "henk"):
        start_investigation(desk, region.people[who], NIGHT, NIGHT)
    page.refresh()
    page.select_person("Jan Berg")
    page.decision.reasoning.setPlainText("Half getypt over Jan")
    page.select_person("Henk Bakker")
    assert page.decision.reasoning.toPlainText() == ""
    page.select_person("Jan Berg")
    assert page.decision.reasoning.toPlainText() == "Half getypt over Jan"


@pytest.mark.role(Role.COORDINATOR)
def test_saving_keeps_the_list_order_and_the_chosen_investigation(qtbot, page, desk, region):
    from shelter_desk.services.transfers.investigations import start_investigation

    for who in ("jan", "henk"):
        start_investigation(desk, region.people[who], NIGHT, NIGHT)
    page.refresh()
    order = [
        page.investigations.list.item(row).text().split(" — ")[0] for row in range(page.investigations.list.count())
    ]
    page.select_person(order[-1])
    page.investigation.set_fact(0, "Emmen", {Factor.SOCIAL_NETWORK})
    _click(page, "saveFacts")
    assert [
        page.investigations.list.item(row).text().split(" — ")[0] for row in range(page.investigations.list.count())
    ] == order
    assert page.selected().person == order[-1]


@pytest.mark.role(Role.COORDINATOR)
def test_a_person_who_moved_leaves_the_open_investigations(qtbot, page, desk, region):
    from shelter_desk.services.transfers.investigations import decide, start_investigation

    decide(desk, start_investigation(desk, region.people["jan"], NIGHT, NIGHT), "0114", "Familie in Emmen.")
    page.refresh()
    page.transfer.contact.setText("De Breehof")
    _click(page, "transfer_request")
    _click(page, "transfer_accepted")
    _click(page, "transfer_moved")
    assert [page.investigations.list.item(row).text() for row in range(page.investigations.list.count())] == []


@pytest.mark.role(Role.COORDINATOR)
def test_the_transfer_letter_prints_on_the_chosen_printer_and_the_pdf_is_kept(page, desk, region, tmp_path):
    investigation = start_investigation(desk, region.people["jan"], NIGHT, NIGHT)
    decide(desk, investigation, "0114", "Familie en zorg in Emmen.")
    request_transfer(desk, investigation, "De Breehof, M. Smit", "telefoon")
    page.refresh()
    page.select_person("Jan Berg")
    paper = tmp_path / "printer.pdf"

    print_to_file(page, paper)
    _click(page, "transfer_letter_paper")
    assert paper.exists() and len(PdfReader(str(paper)).pages) >= 1
    assert page.notice.text().startswith("Overdrachtsbrief afgedrukt op ")
    assert page.last_saved is not None and page.last_saved.name.startswith("overdrachtsbrief-")
    assert page.opened == []  # printed, not opened in a viewer
