"""A postal address on screen: register → mail in → pick up with ID → end, and the letters."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6 import QtCore
from PySide6.QtWidgets import QLabel, QPushButton

from shelter_desk.persistence.models import Facility
from shelter_desk.services.postal.addresses import mail_waiting, postal_addresses, register_postal_address
from shelter_desk.ui import feedback
from shelter_desk.ui.keyboard import duplicate_mnemonics
from shelter_desk.ui.postal.page import PostalPage, RegisterPostalDialog
from tests.ui.paper import print_to_file
from tests.ui.waiting import searched


@pytest.fixture
def page(qtbot, desk, db, region, tmp_path, monkeypatch):
    with db.write() as session:
        facility = session.get(Facility, region.night_shelter)
        facility.street, facility.postcode, facility.city = "Havenkade 1", "9401 AB", "Assen"
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    opened: list = []
    widget = PostalPage(desk, open_file=opened.append)
    widget.opened = opened
    widget.confirm = lambda title, question, yes: True  # the one question before ending, answered yes
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _button(widget, name):
    return widget.findChild(QPushButton, name)


def test_register_mail_in_pick_up_and_end(qtbot, page, desk, region):
    page.register()
    dialog = page.dialog
    assert isinstance(dialog, RegisterPostalDialog)
    qtbot.keyClicks(dialog.picker.query, "jan berg")
    searched(dialog.picker)
    qtbot.keyClicks(dialog.consent_by, "J. de Vries (teamleider)")
    _button(dialog, "okButton").click()
    assert not dialog.isVisible()
    page.select_person("Jan Berg")

    page.mail.sender_kind.setCurrentIndex(page.mail.sender_kind.findData("uwv"))
    page.mail.registered.setChecked(True)
    _button(page, "mailIn").click()
    assert "AANGETEKEND" in page.mail.waiting.item(0).text()

    page.mail.waiting.item(0).setSelected(True)
    _button(page, "handOut").click()
    assert "ID-bewijs" in page.error.text() and len(mail_waiting(desk)) == 1
    page.mail.waiting.item(0).setSelected(True)
    page.mail.id_checked.setChecked(True)
    _button(page, "handOut").click()
    assert mail_waiting(desk) == []

    page.side_panel.end.reason.setCurrentIndex(page.side_panel.end.reason.findData("eigen_adres"))
    _button(page, "endPostal").click()
    assert postal_addresses(desk) == []
    path = page.print_end_notice(page.ended.postal_id)
    assert path is not None and page.opened[-1] == path


def test_the_confirmation_letter_is_saved_and_opened(qtbot, page, desk, region):
    from shelter_desk.services.postal.addresses import register_postal_address

    register_postal_address(
        desk, region.people["henk"], region.night_shelter, date(2026, 11, 24), "J. de Vries", date(2026, 11, 24)
    )
    page.refresh()
    page.select_person("Henk Bakker")
    path = page.print_confirmation()
    assert path is not None and path.read_bytes().startswith(b"%PDF")


def test_a_newly_registered_address_is_selected_so_the_next_mail_lands_on_it(qtbot, page, desk, region):
    from shelter_desk.services.postal.addresses import register_postal_address

    register_postal_address(
        desk, region.people["jan"], region.night_shelter, date(2026, 11, 24), "J. de Vries", date(2026, 11, 24)
    )
    page.refresh()
    page.select_person("Jan Berg")
    page.register()
    dialog = page.dialog
    qtbot.keyClicks(dialog.picker.query, "henk")
    searched(dialog.picker)
    qtbot.keyClicks(dialog.consent_by, "J. de Vries (teamleider)")
    _button(dialog, "okButton").click()
    assert page.selected().person == "Henk Bakker" and "Henk Bakker" in page.notice.text()
    page.mail.sender_kind.setCurrentIndex(page.mail.sender_kind.findData("gemeente"))
    _button(page, "mailIn").click()
    assert [item.person for item in mail_waiting(desk)] == ["Henk Bakker"]


def test_the_address_list_is_searchable(page, desk, region):
    from shelter_desk.services.postal.addresses import register_postal_address

    for who in ("jan", "henk"):
        register_postal_address(
            desk, region.people[who], region.night_shelter, date(2026, 11, 24), "J. de Vries", date(2026, 11, 24)
        )
    page.refresh()
    page.search.setText("henk")
    shown = [page.views[row].person for row in range(page.table.rowCount()) if not page.table.isRowHidden(row)]
    assert shown == ["Henk Bakker"]


def test_an_address_registered_at_another_desk_shows_by_itself(qtbot, page, desk, region):
    from shelter_desk.domain.roles import DeskUser, Role
    from shelter_desk.persistence.engine import Database, create_database_engine
    from shelter_desk.services.kernel.desk import Desk
    from shelter_desk.services.postal import register_postal_address

    other = Database(create_database_engine(desk.db.location), desk.db.location)
    try:
        assert desk.db.changes.watching.wait(15)
        register_postal_address(
            Desk(other, clock=desk.clock, user=DeskUser(2, "b", "Balie 2", Role.FRONT_DESK)),
            region.people["jan"],
            region.night_shelter,
            desk.today(),
            "J. de Vries",
            desk.today(),
        )
        qtbot.waitUntil(lambda: any(view.person == "Jan Berg" for view in page.views), timeout=15_000)
    finally:
        other.close()


def test_mail_in_without_a_chosen_sender_kind_asks_for_it_instead_of_logging_gemeente(qtbot, page, desk, region):
    page.register()
    dialog = page.dialog
    qtbot.keyClicks(dialog.picker.query, "jan berg")
    searched(dialog.picker)
    qtbot.keyClicks(dialog.consent_by, "J. de Vries (teamleider)")
    _button(dialog, "okButton").click()
    page.select_person("Jan Berg")
    _button(page, "mailIn").click()
    assert "soort afzender" in page.error.text() and mail_waiting(desk) == []
    qtbot.keyClicks(page.mail.sender_kind, "u")  # typed: the UWV
    _button(page, "mailIn").click()
    assert [m.sender_kind.value for m in mail_waiting(desk)] == ["uwv"]


def test_toestemming_door_follows_the_start_date_by_tab_and_has_its_alt_letter(qtbot, page):
    page.register()
    dialog = page.dialog
    after = dialog.start.nextInFocusChain()
    while dialog.start.isAncestorOf(after) or after.focusPolicy() == QtCore.Qt.FocusPolicy.NoFocus:
        after = after.nextInFocusChain()
    assert after is dialog.consent_by
    [label] = [w for w in dialog.findChildren(QLabel) if w.buddy() is dialog.consent_by]
    assert label.text() == "Toestemming &door" and duplicate_mnemonics(dialog) == {}


def test_the_confirmation_letter_prints_on_the_chosen_printer_from_the_afdrukken_menu(page, desk, region, tmp_path):
    register_postal_address(
        desk, region.people["henk"], region.night_shelter, date(2026, 11, 24), "J. de Vries", date(2026, 11, 24)
    )
    page.refresh()
    page.select_person("Henk Bakker")
    paper = tmp_path / "printer.pdf"

    print_to_file(page, paper)
    page.side_panel.paper_actions["confirmation"].trigger()
    assert paper.exists() and len(PdfReader(str(paper)).pages) >= 1
    assert page.notice.text().startswith("Verklaring adresgever afgedrukt op ")
    assert page.last_saved is not None and page.last_saved.name.startswith("verklaring-adresgever-")
    assert page.opened == []


def test_the_front_desk_cannot_print_the_overview_for_the_municipality(page):
    menu = page.side_panel.paper_button.menu()
    menu.aboutToShow.emit()
    assert not page.side_panel.paper_actions["overview"].isEnabled()
    assert page.side_panel.paper_actions["confirmation"].isEnabled()
