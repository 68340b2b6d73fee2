"""Ending a stay in a place given by decision offers the freed bed to the first waiting applicant who
fits; accepting on the board starts the stay."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from shelter_desk.domain.roles import Role
from shelter_desk.domain.trajectory import ApplicationDecision, Referrer
from shelter_desk.persistence.models import Stay
from shelter_desk.services.beds import assign_bed
from shelter_desk.services.trajectory import apply_for_place, decide_application, record_intake
from shelter_desk.ui.beds.board_page import BedBoardPage
from shelter_desk.ui.beds.dialogs import EndStayDialog
from shelter_desk.ui.beds.waiting_list import OfferDialog, WaitingListDialog

pytestmark = pytest.mark.role(Role.COORDINATOR)
NIGHT = date(2026, 11, 24)


def test_the_freed_kdo_bed_is_offered_and_accepting_starts_the_stay(qtbot, db, desk, region):
    assign_bed(desk, region.people["henk"], region.beds["K1"], NIGHT - timedelta(days=10))
    assign_bed(desk, region.people["anon"], region.beds["K2"], NIGHT - timedelta(days=10), "leeftijd onbekend")
    application = apply_for_place(desk, region.people["jan"], region.kdo, Referrer.OGGZ, NIGHT - timedelta(days=9), "x")
    record_intake(desk, application, NIGHT - timedelta(days=8))
    decide_application(desk, application, ApplicationDecision.ADMITTED, NIGHT - timedelta(days=7))
    page = BedBoardPage(desk)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(lambda: page.shown_night is not None)
    page.facility.setCurrentIndex(page.facility.findData(region.kdo))
    page.select_bed("1")
    page.side_panel.bed_buttons["end_stay"].click()
    ending = page.dialog
    assert isinstance(ending, EndStayDialog)
    ending.last_night.setDate(ending.last_night.date().addDays(-1))
    ending.outflow.setCurrentIndex(ending.outflow.findData("beschermd_wonen"))
    ending.findChild(type(page.side_panel.bed_buttons["move"]), "okButton").click()
    offer = page.dialog
    assert isinstance(offer, OfferDialog)
    assert "Jan Berg" in offer.findChild(type(ending.error), "offerText").text()
    offer.grab().save("/tmp/i24_offer.png")
    offer.ok.click()
    assert not offer.isVisible()
    with db.read() as session:
        stay = session.scalars(select(Stay).where(Stay.person_id == region.people["jan"])).one()
    assert (stay.facility_id, stay.start_night) == (region.kdo, NIGHT)
    assert "Jan Berg geplaatst" in page.notice.text()


def test_the_waiting_list_of_the_kdo_opens_from_the_board_with_days_waiting_and_a_free_bed(qtbot, desk, region):
    application = apply_for_place(desk, region.people["jan"], region.kdo, Referrer.OGGZ, NIGHT - timedelta(days=9), "x")
    record_intake(desk, application, NIGHT - timedelta(days=8))
    decide_application(desk, application, ApplicationDecision.ADMITTED, NIGHT - timedelta(days=7))
    apply_for_place(desk, region.people["henk"], region.kdo, Referrer.PROBATION, NIGHT - timedelta(days=2), "y")
    page = BedBoardPage(desk)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(lambda: page.shown_night is not None)
    page.facility.setCurrentIndex(page.facility.findData(region.night_shelter))
    page.select_bed("1")
    assert not page.side_panel.bed_buttons["waiting_list"].isEnabled()  # a night shelter has no waiting list
    page.facility.setCurrentIndex(page.facility.findData(region.kdo))
    page.select_bed("1")
    page.side_panel.bed_buttons["waiting_list"].click()
    listing = page.dialog
    assert isinstance(listing, WaitingListDialog)
    assert listing.entries.item(0).text().startswith("1. Jan Berg — aangemeld 15-11-2026 via OGGz / Meldpunt, wacht 9")
    assert "Henk Bakker: aangemeld 22-11-2026, wacht op besluit (nog geen intake)" in listing.entries.item(1).text()
    assert "Vrij: bed 1" in listing.offer_text.text()
    listing.grab().save("/tmp/i24_waiting.png")
    listing.offer_button.click()
    assert isinstance(listing.child, OfferDialog)
    listing.child.ok.click()
    assert listing.entries.item(0).text().startswith("— Henk Bakker")
