"""The handover beside the Balie search: write with a linked person, read in red, mark read, see it in the record."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.services.handover import handover_log, mark_read, unread_count, write_entry
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.ui.handover.panel import WriteEntryDialog
from shelter_desk.ui.record.front_desk_page import FrontDeskPage
from tests.ui.waiting import searched


@pytest.fixture
def balie(qtbot, desk, region):
    page = FrontDeskPage(desk)
    qtbot.addWidget(page)
    page.resize(1146, 700)
    page.show()
    qtbot.waitExposed(page)
    page.handover.location.setCurrentIndex(page.handover.location.findData(region.night_shelter))
    return page


def test_ctrl_o_writes_a_must_read_entry_about_a_linked_person(qtbot, balie, desk, region):
    QTest.keySequence(balie.window().windowHandle(), QKeySequence("Ctrl+O"))
    dialog = balie.handover.dialog
    assert isinstance(dialog, WriteEntryDialog)
    qtbot.keyClicks(dialog.text, "Jan heeft morgen om 9 uur een afspraak in het ziekenhuis.")
    dialog.must_read.setChecked(True)
    qtbot.keyClicks(dialog.picker.query, "jan")
    searched(dialog.picker)
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Return)  # links, does not save
    assert dialog.isVisible() and dialog.person_ids() == [region.people["jan"]]
    dialog.ok.click()
    [entry] = handover_log(desk, region.night_shelter)
    assert entry.must_read and entry.persons == ((region.people["jan"], "Jan Berg"),)
    assert "ziekenhuis" in balie.handover.list.text(0)


def test_an_empty_entry_is_refused_in_the_dialog(qtbot, balie, region):
    dialog = balie.handover.write()
    dialog.ok.click()
    assert dialog.error.isVisible() and "lege overdracht" in dialog.error.text()


def test_the_next_shift_sees_must_read_in_red_and_ctrl_r_marks_it_read(qtbot, db, desk, region):
    write_entry(desk, region.night_shelter, "Henk was vanmiddag erg onrustig.", [region.people["henk"]], must_read=True)
    night = Desk(
        db, clock=lambda: desk.now() + timedelta(hours=1), user=DeskUser(7, "nacht", "Nachtdienst", Role.FRONT_DESK)
    )
    page = FrontDeskPage(night)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    panel = page.handover
    panel.location.setCurrentIndex(panel.location.findData(region.night_shelter))
    assert panel.unread.text() == "1 ongelezen die je moet lezen"
    assert panel.list.model().index(0, 0).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b91c1c"
    QTest.keySequence(page.window().windowHandle(), QKeySequence("Ctrl+R"))
    assert unread_count(night, region.night_shelter) == 0 and not panel.unread.isVisible()
    assert "Gelezen door:" in panel.list.text(0) and "Nachtdienst" in panel.list.text(0)


def test_the_person_record_shows_the_entries_about_the_person(qtbot, balie, desk, region):
    write_entry(desk, region.night_shelter, "Afspraak ziekenhuis morgen 9 uur.", [region.people["jan"]])
    person = balie.open_person(region.people["jan"])
    assert person.tabs.tabText(1) == "&Dienstoverdracht (1)"
    assert "Afspraak ziekenhuis" in person.handover.item(0).text()
    assert "Nachtopvang Assen" in person.handover.item(0).text()


def test_enter_on_an_entry_opens_the_person(qtbot, balie, desk, region):
    write_entry(desk, region.night_shelter, "Post voor Henk ligt klaar.", [region.people["henk"]])
    balie.handover.refresh()
    balie.handover.list.setCurrentRow(0)
    qtbot.keyClick(balie.handover.list, Qt.Key.Key_Return)
    assert balie.dialog.person_id == region.people["henk"]


def test_ctrl_enter_saves_the_entry_while_enter_in_the_search_only_links(qtbot, balie, desk, region):
    dialog = balie.handover.write()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.text, "Rustige avond.")
    QTest.keySequence(dialog.windowHandle(), QKeySequence("Ctrl+Return"))
    assert [e.text for e in handover_log(desk, region.night_shelter)] == ["Rustige avond."]


def test_a_must_read_entry_about_the_person_shows_on_top_of_their_record_until_read(qtbot, db, desk, region):
    write_entry(desk, region.night_shelter, "Henk was vanmiddag erg onrustig.", [region.people["henk"]], must_read=True)
    night = Desk(
        db, clock=lambda: desk.now() + timedelta(hours=1), user=DeskUser(7, "nacht", "Nachtdienst", Role.FRONT_DESK)
    )
    page = FrontDeskPage(night)
    qtbot.addWidget(page)
    person = page.open_person(region.people["henk"])
    assert person.must_read.isVisibleTo(person) and "erg onrustig" in person.must_read.text()
    mark_read(night, [entry.entry_id for entry in handover_log(night, region.night_shelter)])
    person.refresh()
    assert not person.must_read.isVisibleTo(person)
