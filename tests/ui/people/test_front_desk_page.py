"""The Balie by keyboard: search, open, register, duplicate warning, merge and undo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.domain.roles import Role
from shelter_desk.services.kernel.database_setup import summarise
from shelter_desk.services.people.records import load_person, register_person
from shelter_desk.services.people.restrictions import add_restriction, restrictions_of
from shelter_desk.ui.main_window import MainWindow
from shelter_desk.ui.people.merge_dialog import MergeDialog
from shelter_desk.ui.people.restriction_dialog import RestrictionDialog
from shelter_desk.ui.record.front_desk_page import FrontDeskPage
from shelter_desk.ui.record.person_view import PersonDialog
from shelter_desk.ui.shared.person_form import PersonFormDialog
from tests.ui.waiting import searched

NIGHT = date(2026, 11, 24)


@pytest.fixture
def people(desk):
    return {
        "jan": register_person(
            desk,
            PersonDetails(
                first_name="Jan", name_prefix="van der", last_name="Berg", date_of_birth=DateOfBirth(date(1968, 3, 4))
            ),
        ),
        "anna": register_person(desk, PersonDetails(first_name="Anna", last_name="Bergman")),
    }


@pytest.fixture
def page(qtbot, desk, people):
    widget = FrontDeskPage(desk)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.picker.setFocus()
    return widget


def _type(qtbot, widget, text):
    qtbot.keyClicks(widget, text)


def _enter(qtbot, widget):
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_three_letters_and_enter_open_the_person(qtbot, page, people):
    _type(qtbot, page.picker.query, "jan")
    searched(page.picker)
    _enter(qtbot, page.picker.query)
    assert isinstance(page.dialog, PersonDialog) and page.dialog.person_id == people["jan"]


def test_arrow_down_chooses_another_result(qtbot, page, people):
    _type(qtbot, page.picker.query, "ber")
    searched(page.picker)
    qtbot.keyClick(page.picker.query, Qt.Key.Key_Down)
    qtbot.keyClick(page.picker.results, Qt.Key.Key_Down)
    _enter(qtbot, page.picker.results)
    assert [page.picker.model.hit(row).name for row in range(2)] == ["Anna Bergman", "Jan van der Berg"]
    assert page.dialog.person_id == people["jan"]


def test_nobody_found_says_how_to_register(qtbot, page):
    _type(qtbot, page.picker.query, "Zwaluw")
    searched(page.picker)
    assert "Ctrl+N" in page.picker.summary.text()


def test_one_letter_asks_for_a_second_instead_of_saying_nobody_is_found(qtbot, page):
    _type(qtbot, page.picker.query, "j")
    searched(page.picker)
    assert page.picker.summary.text() == "Typ minstens 2 letters om te zoeken."
    assert "Ctrl+N" not in page.picker.summary.text()


def test_closing_a_record_selects_the_search_text_so_the_next_name_replaces_it(qtbot, page, people):
    _type(qtbot, page.picker.query, "jan")
    searched(page.picker)
    _enter(qtbot, page.picker.query)
    page.dialog.close()
    assert page.picker.query.hasFocus() and page.picker.query.selectedText() == "jan"
    _type(qtbot, page.picker.query, "anna")
    assert page.picker.query.text() == "anna"
    searched(page.picker)
    assert page.picker.model.hit(0).person_id == people["anna"]


def test_a_newcomer_is_registered_by_keyboard_with_alias_and_year(qtbot, page, desk):
    _type(qtbot, page.picker.query, "Sjors")
    QTest.keySequence(page.window().windowHandle(), QKeySequence("Ctrl+N"))
    form = page.dialog
    assert isinstance(form, PersonFormDialog) and form.first_name.text() == "Sjors"
    form.first_name.clear()
    _type(qtbot, form.alias, "Sjors")
    _type(qtbot, form.date_of_birth, "1975")
    _enter(qtbot, form.date_of_birth)
    assert isinstance(page.dialog, PersonDialog)
    record = load_person(desk, page.dialog.person_id)
    assert (record.name, record.age) == ("Sjors", "ca. 51 jaar")
    assert "gemeente van herkomst" in page.dialog.missing.text()


def test_a_wrong_bsn_is_explained_in_the_form_and_nothing_is_saved(qtbot, page, desk, db):
    form = page.new_person()
    _type(qtbot, form.first_name, "Piet")
    _type(qtbot, form.bsn, "111222334")
    _enter(qtbot, form.bsn)
    assert form.isVisible() and "elfproef" in form.error.text()
    assert form.first_name.text() == "Piet"
    assert summarise(db).persons == 2


def test_a_similar_person_is_shown_before_saving_and_can_be_opened(qtbot, page, people, db):
    form = page.new_person()
    _type(qtbot, form.first_name, "Jan")
    _type(qtbot, form.last_name, "Bergh")
    _type(qtbot, form.date_of_birth, "04-03-1968")
    _enter(qtbot, form.date_of_birth)
    assert form.duplicate_panel.isVisible()
    assert "Jan van der Berg" in form.candidates.item(0).text()
    _enter(qtbot, form.candidates)
    assert isinstance(page.dialog, PersonDialog) and page.dialog.person_id == people["jan"]
    assert summarise(db).persons == 2


def test_the_desk_may_save_a_similar_person_as_new_after_looking(qtbot, page, db):
    form = page.new_person()
    _type(qtbot, form.first_name, "Jan")
    _type(qtbot, form.last_name, "Bergh")
    _type(qtbot, form.date_of_birth, "04-03-1968")
    _enter(qtbot, form.date_of_birth)
    form.save_anyway.setFocus()
    qtbot.keyClick(form.save_anyway, Qt.Key.Key_Space)
    assert summarise(db).persons == 3


@pytest.mark.role(Role.COORDINATOR)
def test_a_merge_by_keyboard_and_its_undo(qtbot, page, desk, people):
    person = page.open_person(people["jan"])
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+M"))
    merge = person.child
    assert isinstance(merge, MergeDialog)
    _type(qtbot, merge.picker.query, "Bergman")
    searched(merge.picker)
    _enter(qtbot, merge.picker.query)
    _type(qtbot, merge.reason, "zelfde persoon, ID gezien")
    _enter(qtbot, merge.reason)
    assert not merge.isVisible()
    assert "Anna Bergman opgenomen" in person.merges.item(0).text()
    assert [h.person_id for h in desk.search.search("Bergman", NIGHT)] == [people["jan"]]

    person.undo_button.click()
    assert "ongedaan gemaakt" in person.merges.item(0).text()
    assert {h.person_id for h in desk.search.search("Berg", NIGHT)} == {people["jan"], people["anna"]}


def test_an_active_restriction_shows_in_red_on_the_person_and_in_the_results(qtbot, page, desk, people):
    add_restriction(desk, people["jan"], RestrictionTerms(None, NIGHT, NIGHT + timedelta(days=7), "Agressie", True))
    _type(qtbot, page.picker.query, "van der berg")
    searched(page.picker)
    assert page.picker.model.data(page.picker.model.index(0, 5)) == "BEPERKING"
    person = page.open_person(people["jan"])
    assert person.restriction_banner.isVisible() and "VEILIGHEID" in person.restriction_banner.text()


def test_a_restriction_ending_before_it_starts_is_refused_in_the_dialog(qtbot, page, desk, people):
    person = page.open_person(people["jan"])
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+B"))
    dialog = person.child
    assert isinstance(dialog, RestrictionDialog)
    _type(qtbot, dialog.reason, "Diefstal")
    dialog.ends_on.setDate(dialog.starts_on.date().addDays(-1))
    _enter(qtbot, dialog.reason)
    assert dialog.isVisible() and "eindigt vóór ze begint" in dialog.error.text()
    assert restrictions_of(desk, people["jan"]) == []


def test_the_app_opens_on_the_balie_with_the_cursor_in_the_search_field(qtbot, desk, tmp_path):
    window = MainWindow(
        database_label="x",
        is_demo=False,
        shelter_night=NIGHT,
        settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
        pages={"balie": FrontDeskPage(desk)},
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.focusWidget() is not None)
    assert window.focusWidget().objectName() == "personSearch"


def test_editing_shows_every_saved_value_and_keeps_them_on_save(qtbot, page, desk):
    full = PersonDetails(
        first_name="Marieke",
        name_prefix="de",
        last_name="Vries",
        alias="Mies",
        date_of_birth=DateOfBirth(date(1994, 2, 14)),
        bsn="123456782",
        nationality="Nederlandse",
        origin_municipality_code="1681",
        last_street="Kerkstraat 1",
        last_postcode="9401 AB",
        last_city="Assen",
        phone="06 12345678",
        safety_notes="Bang voor honden",
    )
    person_id = register_person(desk, full)
    person = page.open_person(person_id)
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+E"))
    form = person.child
    assert isinstance(form, PersonFormDialog) and form.municipality.currentText() == "Borger-Odoorn (Drenthe)"
    form.phone.clear()
    _type(qtbot, form.phone, "06 87654321")
    _enter(qtbot, form.phone)
    assert not form.isVisible()
    assert load_person(desk, person_id).details == PersonDetails(**{**full.__dict__, "phone": "06 87654321"})


def test_a_municipality_is_chosen_by_typing_its_name(qtbot, page, desk):
    form = page.new_person()
    _type(qtbot, form.first_name, "Tamara")
    form.municipality.lineEdit().clear()
    _type(qtbot, form.municipality.lineEdit(), "Zwolle")
    _enter(qtbot, form.first_name)
    assert load_person(desk, page.dialog.person_id).origin == "Zwolle"


def test_a_very_long_name_is_shortened_in_the_person_window_which_still_fits_the_laptop(qtbot, page, desk):
    long_name = "Abcdefghij" * 12  # 120 letters (the column's limit), no spaces
    person = register_person(desk, PersonDetails(first_name="Piet", last_name=long_name))
    dialog = page.open_person(person)
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1366 - 40 and dialog.height() <= 728 - 40
    assert "…" in dialog.title.text() and long_name in dialog.title.toolTip()
    assert dialog.minimumSizeHint().width() < 1000


def test_every_problem_of_the_form_shows_at_once_on_its_field(qtbot, page):
    form = page.new_person()
    form.first_name.setText("Piet")
    form.date_of_birth.setText("31-02-1980")  # no such day
    form.bsn.setText("123456789")  # fails the elfproef
    form.last_postcode.setText("12345")
    form.findChild(QPushButton, "saveButton").click()
    message = form.error.text()
    assert "BSN" in message and "Postcode" in message and len(message.splitlines()) >= 3
    for field in (form.bsn, form.last_postcode, form.date_of_birth):
        assert "border" in field.styleSheet() and field.toolTip()
    assert form.first_name.styleSheet() == ""


def test_a_last_address_abroad_takes_a_foreign_postcode_and_keeps_it(qtbot, page, desk):
    form = page.new_person()
    form.first_name.setText("Hans")
    form.last_name.setText("Müller")
    form.last_postcode.setText("10115")
    form.last_city.setText("Berlijn")
    form.abroad.setChecked(True)
    form.findChild(QPushButton, "saveButton").click()
    assert not form.isVisible()
    person = page.dialog.person_id
    assert load_person(desk, person).details.last_postcode == "10115"
    assert load_person(desk, person).details.last_address_abroad
