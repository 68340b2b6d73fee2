"""Three evenings walked by keyboard only, on the demo at 1366×728: the queue at the night shelter,
the night lists, and the visitor by day who comes back at night. Every key goes to the widget that
has the keyboard focus, as on a real desk; a step that leaves no widget with the focus (where the
worker would have to click) fails the walk. The walk prints its number of keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from shelter_desk import app
from shelter_desk.services.cards import cards_of
from shelter_desk.services.demo.loader import DEMO_PASSWORD
from shelter_desk.services.dropin import todays_visitors
from shelter_desk.services.handover import unread_count
from shelter_desk.services.trust.accounts import sign_in
from shelter_desk.ui import feedback
from shelter_desk.ui.cards.card_dialog import CardDialog
from shelter_desk.ui.record.person_view import PersonDialog
from shelter_desk.ui.shared.person_form import PersonFormDialog
from tests.ui.waiting import searched, wait_for


class Keyboard:
    """Keys as the worker types them: to whatever has the focus now, counted."""

    def __init__(self) -> None:
        self.count = 0

    def focus(self) -> QWidget:
        QApplication.processEvents()
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard: this step would need a click"
        return widget

    def type(self, text: str) -> None:
        for character in text:
            QTest.keyClick(self.focus(), character)
            self.count += 1

    def press(self, keys: str) -> None:
        """One key or chord, through the focused window as the platform delivers it (shortcuts too)."""
        window = self.focus().window().windowHandle()
        assert window is not None
        QTest.keySequence(window, QKeySequence(keys))
        self.count += 1
        QApplication.processEvents()

    def enter(self) -> None:
        self.press("Return")

    def tab_to(self, target: QWidget, limit: int = 80) -> None:
        """Tab until `target` has the focus, as a worker does to reach a button (counted)."""
        for _ in range(limit):
            if self.focus() is target:
                return
            self.press("Tab")
        raise AssertionError(f"{target.objectName() or target} cannot be reached by Tab")


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, demo_location):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    opened: list = []  # no PDF viewer offscreen: what the desk would open
    monkeypatch.setattr(feedback.QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    built = app.build_main_window(
        demo_location,
        demo=True,
        settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
        sign_in=lambda desk, demo: bool(sign_in(desk, "coordinator", DEMO_PASSWORD)),
    )
    qtbot.addWidget(built)
    built.resize(1366, 728)
    built.show()
    qtbot.waitExposed(built)
    built.activateWindow()
    qtbot.waitActive(built)
    return built


def _record(window) -> PersonDialog:
    dialog = window.page("balie").dialog
    assert isinstance(dialog, PersonDialog) and dialog.isVisible()
    return dialog


def test_scenarios_1_2_and_9_walk_by_keyboard_alone(qtbot, window, capsys):
    keys = Keyboard()
    desk = window.findChild(app.IdleLock)._desk
    balie = window.current_page()

    # 1. The queue at 21:00: the cursor waits in the search field.
    assert keys.focus() is balie.picker.query
    keys.type("hen")  # a regular: Henk Bakker ("Kapitein")
    keys.enter()
    searched(balie.picker)  # Enter waited for the search of what was typed
    record = _record(window)
    assert record.record.name.startswith("Henk Bakker")
    keys.press("Ctrl+T")
    keys.press("Ctrl+I")
    assert "ingecheckt" in record.tonight_text.text()
    if record.fee_button.isEnabled():
        keys.press("Ctrl+J")
        assert not record.fee_button.isEnabled()
    keys.press("Escape")
    assert keys.focus() is balie.picker.query and balie.picker.query.selectedText() == "hen"

    keys.type("bogdan")  # the banned man: the ban in red before any bed
    keys.enter()
    searched(balie.picker)
    record = _record(window)
    assert record.restriction_banner.isVisible() and "Agressie" in record.restriction_banner.text()
    keys.press("Escape")

    keys.type("Mirela")  # a newcomer without ID: first name, alias, estimated year
    keys.press("Ctrl+N")
    form = balie.dialog
    assert isinstance(form, PersonFormDialog) and form.first_name.text() == "Mirela"
    keys.press("Alt+R")
    keys.type("Mira")
    keys.press("Alt+G")
    keys.type("1990")
    keys.enter()
    if form.isVisible() and form.save_anyway.isVisible():  # a similar person shown first
        keys.press("Alt+N")
    record = _record(window)
    assert record.record.details.alias == "Mira" and record.missing.isVisible()
    keys.press("Ctrl+T")
    assert "gereserveerd" in record.tonight_text.text() or record.error.isVisible()
    keys.press("Escape")

    # 2. 23:30, the night lists: the occupancy list and the roll-call, one key each.
    keys.press("Ctrl+2")
    board = window.current_page()
    wait_for(lambda: board.shown_night is not None and not board.reader.is_reading())
    saved = []
    board._open_file = lambda path: saved.append(path) or True
    keys.tab_to(board.findChild(QPushButton, "printList"))
    keys.press("Space")
    keys.tab_to(board.findChild(QPushButton, "printRollCall"))
    keys.press("Space")
    assert len(saved) == 2 and all(path.read_bytes().startswith(b"%PDF") for path in saved)

    # 9. 14:00 at the inloop: a visit in two keys after the name, shower and meal, a locker.
    keys.press("Ctrl+9")
    inloop = window.current_page()
    keys.type("daan visser")
    keys.enter()
    searched(inloop.picker)
    visit = inloop.selected_visit()
    assert visit is not None and visit.name == "Daan Visser"
    keys.press("Alt+2")  # Douche
    keys.press("Alt+1")  # Maaltijd
    keys.press("Ctrl+L")
    keys.type("12")
    keys.press("Tab")
    keys.type("zwarte sporttas")
    keys.enter()
    [row] = [v for v in todays_visitors(desk, inloop.facility_id()).visits if v.person_id == visit.person_id]
    assert row.services_text == "Douche, Maaltijd" and row.lockers == ("12",)

    # His card, from his record: the name is chosen by keyboard, Enter issues and prints it.
    keys.press("Ctrl+1")
    keys.type("daan visser")
    keys.enter()
    searched(window.page("balie").picker)
    record = _record(window)
    keys.press("Ctrl+K")
    card_dialog = record.child
    assert isinstance(card_dialog, CardDialog)
    keys.enter()
    [card] = cards_of(desk, visit.person_id)
    assert card.valid
    keys.press("Escape")
    keys.press("Escape")

    # 16:30 the handover about his appointment; 21:00 the night shift reads it.
    keys.press("Ctrl+O")
    keys.type("Daan heeft morgen om 9 uur een afspraak in het ziekenhuis.")
    keys.press("Ctrl+Return")
    facility_id = balie.handover.facility_id()
    keys.press("Ctrl+R")
    assert unread_count(desk, facility_id) == 0

    # 21:10 he shows his card: the scan opens his record; his bed and check-in in two keys.
    keys.type(card.number)
    keys.enter()
    searched(balie.picker)  # the card is looked up on the database worker
    record = _record(window)
    assert record.person_id == visit.person_id
    keys.press("Ctrl+T")
    keys.press("Ctrl+I")
    assert "ingecheckt" in record.tonight_text.text()

    # Next week: his plan is started and scored from the record's plan tab.
    keys.press("Alt+P")
    assert record.tabs.currentWidget() is record.plan
    keys.tab_to(record.plan.buttons["start"])
    keys.press("Space")
    keys.enter()
    assert record.plan.view is not None and record.plan.view.plan_id is not None
    keys.tab_to(record.plan.buttons["score"])
    keys.press("Space")
    keys.type("3")  # the first life domain: 3
    keys.enter()
    assert any(scores and scores[-1] == 3 for scores in record.plan.chart.rows.values())
    keys.press("Escape")

    with capsys.disabled():
        print(f"\nKeyboard walk of scenarios 1, 2 and 9: {keys.count} keys, no click")
    assert keys.count < 400
