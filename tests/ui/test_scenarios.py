"""The evenings of SCENARIOS.md walked through the whole window, on the demo database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from shelter_desk import app
from shelter_desk.persistence.location import resolve_location
from shelter_desk.services.trust.accounts import sign_in
from shelter_desk.services.admin.demo import DEMO_PASSWORD
from shelter_desk.services.beds.occupancy import Layout
from shelter_desk.ui import feedback


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    built = app.build_main_window(
        resolve_location(None, demo=True), demo=True,
        settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
        sign_in=lambda desk, demo: bool(sign_in(desk, "coordinator", DEMO_PASSWORD)))
    qtbot.addWidget(built)
    built.resize(1280, 800)
    built.show()
    qtbot.waitExposed(built)
    return built


def test_scenario_1_a_regular_gets_his_bed_and_is_checked_in_with_a_few_keys(qtbot, window):
    window.open_section("balie")
    balie = window.current_page()
    qtbot.keyClicks(balie.picker.query, "hen")  # Henk Bakker ("Kapitein"), a regular not yet in tonight
    qtbot.keyClick(balie.picker.query, Qt.Key.Key_Return)
    person = balie.dialog
    assert person.record.name.startswith("Henk Bakker")
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+T"))
    QTest.keySequence(person.windowHandle(), QKeySequence("Ctrl+I"))
    assert "ingecheckt" in person.tonight_text.text() and "zelfde bed" not in person.tonight_text.text()
    window.open_section("bedden")
    board = window.current_page()
    occupants = {cell.occupant for b in board.boards for cell in b.beds}
    assert any(name.startswith("Henk Bakker") for name in occupants)


def test_scenario_2_the_night_list_prints_from_the_board_in_one_click(qtbot, window):
    window.open_section("bedden")
    board = window.current_page()
    board._open_file = lambda path: None  # no PDF viewer offscreen
    path = board.print_list(Layout.OCCUPANCY)
    assert path is not None and path.read_bytes().startswith(b"%PDF")


def test_scenario_7_the_half_year_monitor_computes_on_the_demo(qtbot, window):
    window.open_section("rapportages")
    reports = window.current_page()
    reports.compute()
    assert reports.figures.topLevelItemCount() > 5 and not reports.error.isVisible()


def test_an_idle_desk_locks_and_the_same_worker_signs_in_again_with_the_window_kept(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    lock = window.findChild(app.IdleLock)
    desk = lock._desk
    window.open_section("balie")
    balie = window.current_page()
    qtbot.keyClicks(balie.picker.query, "half getypt")
    desk.lock()
    assert desk.is_locked()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog.username.text() == "coordinator"  # the worker who was signed in
        dialog.password.setText(DEMO_PASSWORD)
        dialog.attempt()

    QTimer.singleShot(50, answer)
    lock.check()
    assert not desk.is_locked() and balie.picker.query.text() == "half getypt"


def test_scenario_2_by_keyboard_alone_from_the_section_key_to_a_beds_actions(qtbot, window):
    from PySide6.QtWidgets import QApplication, QPushButton

    QTest.keySequence(window.windowHandle(), QKeySequence("Ctrl+2"))
    board = window.current_page()
    assert board.facility.hasFocus()
    for _ in range(3):  # the facility, "alle voorzieningen", then the board's one tab stop
        if isinstance(QApplication.focusWidget(), QPushButton) and QApplication.focusWidget().isCheckable():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    tile = QApplication.focusWidget()
    assert tile in board.tiles.buttons()
    qtbot.keyClick(tile, Qt.Key.Key_Right)
    assert board.selected is not None and board.selected.label == "2"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert board.bed_menu is not None and board.bed_menu.actions()
