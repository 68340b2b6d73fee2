"""Keyboard everywhere: one Alt+letter per control in every section and dialog,
a default button in every dialog, Enter acting in the pickers of dialogs, and the F1 overview."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QPushButton

from shelter_desk import app
from shelter_desk.services.demo.loader import DEMO_PASSWORD
from shelter_desk.services.trust.accounts import sign_in
from shelter_desk.ui import feedback
from shelter_desk.ui.keyboard import duplicate_mnemonics, mnemonic
from shelter_desk.ui.main_window import MainWindow
from tests.ui.waiting import searched, wait_for


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, demo_location) -> MainWindow:
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    built = app.build_main_window(
        demo_location,
        demo=True,
        settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
        sign_in=lambda desk, demo: bool(sign_in(desk, "beheerder", DEMO_PASSWORD)),
    )
    assert built is not None
    qtbot.addWidget(built)
    built.resize(1366, 728)
    built.show()
    qtbot.waitExposed(built)
    return built


def test_the_mnemonic_of_a_text_is_the_letter_after_a_single_ampersand():
    assert mnemonic("&Opslaan") == "o" and mnemonic("Verblijf b&eëindigen") == "e"
    assert mnemonic("Jan && Piet") is None and mnemonic("Jan && &Piet") == "p"


def test_no_section_offers_the_same_alt_letter_twice(window):
    for key in window.section_keys():
        window.open_section(key)
        QApplication.processEvents()
        assert duplicate_mnemonics(window.current_page()) == {}, key


def test_no_alt_letter_is_claimed_twice_in_the_whole_window_with_any_section_open(window):
    """The status bar shows beside every section: its controls count with each section's."""
    assert window.switch_button.isVisibleTo(window)
    for key in window.section_keys():
        window.open_section(key)
        QApplication.processEvents()
        page = window.current_page()
        tabs = getattr(page, "tabs", None)
        for index in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(index)
                QApplication.processEvents()
            assert duplicate_mnemonics(window) == {}, key


def test_another_worker_is_asked_for_by_its_shortcut_not_by_an_alt_letter(qtbot, window):
    seen = []

    def answer() -> None:
        seen.append(window.cover.text())
        dialog = QApplication.activeModalWidget()
        dialog.username.setText("beheerder")
        dialog.password.setText(DEMO_PASSWORD)
        dialog.attempt()

    assert mnemonic(window.switch_button.text()) is None
    QTimer.singleShot(50, answer)
    QTest.keySequence(window.windowHandle(), QKeySequence("Ctrl+Shift+M"))
    assert len(seen) == 1 and seen[0].startswith("Een andere medewerker meldt zich aan")


def test_every_tab_of_beheer_offers_unique_alt_letters(window):
    window.open_section("beheer")
    page = window.current_page()
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert duplicate_mnemonics(page) == {}, page.tabs.tabText(index)


@pytest.mark.parametrize("key", ["postadressen", "overdrachten", "bedden"])
def test_every_action_button_of_the_section_has_an_alt_letter(window, key):
    window.open_section(key)
    QApplication.processEvents()
    page = window.current_page()
    tiles = set(page.tiles.buttons()) if hasattr(page, "tiles") else set()
    without = [
        b.text()
        for b in page.findChildren(QPushButton)
        if b.isVisibleTo(page) and b not in tiles and mnemonic(b.text()) is None
    ]
    assert without == []


def _dialogs(window: MainWindow) -> list[QDialog]:
    """The dialogs a desk worker opens most, opened the way the worker does."""
    opened: list[QDialog] = []
    window.open_section("balie")
    balie = window.current_page()
    opened.append(balie.new_person())
    balie.picker.query.setText("henk")
    searched(balie.picker)
    opened.append(balie.open_person(balie.picker.model.hit(0).person_id))
    window.open_section("bedden")
    board = window.current_page()
    wait_for(lambda: board.shown_night is not None)  # read on the database worker
    board.findChild(QPushButton, "turnawayButton").click()
    opened.append(board.dialog)
    window.open_section("postadressen")
    postal = window.current_page()
    postal.register()
    opened.append(postal.dialog)
    window.open_section("overdrachten")
    transfers = window.current_page()
    transfers.new_investigation()
    opened.append(transfers.dialog)
    return opened


def test_dialogs_have_unique_alt_letters_and_a_default_button_for_enter(window):
    for dialog in _dialogs(window):
        QApplication.processEvents()
        assert duplicate_mnemonics(dialog) == {}, dialog.windowTitle()
        buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog)]
        if dialog.objectName() != "personDialog":  # the record itself: Esc closes, Ctrl+keys act
            assert any(b.isDefault() for b in buttons), dialog.windowTitle()
        dialog.close()


def test_escape_in_a_dialogs_person_search_closes_the_dialog_at_once(qtbot, window):
    window.open_section("overdrachten")
    page = window.current_page()
    page.new_investigation()
    dialog = page.dialog
    qtbot.keyClicks(dialog.picker.query, "henk")
    qtbot.keyClick(dialog.picker.query, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_f1_shows_every_section_shortcut_and_the_alt_letters_of_the_open_section(qtbot, window):
    window.open_section("bedden")
    qtbot.keyClick(window.current_page(), Qt.Key.Key_F1)
    overview = window.shortcut_overview
    assert overview is not None and overview.isVisible()
    text = overview.text.toPlainText()
    for shortcut in ("Ctrl+1", "Ctrl+7", "Pijltjestoetsen", "Ctrl+P", "Alt+I", "Inchecken"):
        assert shortcut in text
    assert isinstance(overview.findChild(QAbstractButton), QAbstractButton)
