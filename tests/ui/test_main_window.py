"""The shell: every section reachable by mouse and shortcut, honest placeholders, remembered layout."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from shelter_desk.domain.errors import DeskError
from shelter_desk.ui.background import database_worker
from shelter_desk.ui.main_window import MainWindow
from shelter_desk.ui.sections import SECTIONS

NIGHT = date(2026, 11, 24)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "werkplek.ini"), QSettings.Format.IniFormat)


def _window(qtbot, settings, *, demo=False) -> MainWindow:
    window = MainWindow(database_label="/tmp/desk.sqlite", is_demo=demo, shelter_night=NIGHT, settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def test_the_shell_offers_every_section_in_dutch(qtbot, settings):
    window = _window(qtbot, settings)
    titles = [window.navigation.item(i).text().split("   ")[0] for i in range(window.navigation.count())]
    assert titles == [
        "Balie",
        "Bedden",
        "Winterregeling",
        "Postadressen",
        "Overdrachten",
        "Rapportages",
        "Beheer",
        "Regio vannacht",
        "Inloop",
        "Plannen",
    ]


def test_every_section_has_a_shortcut_shown_in_the_list(qtbot, settings):
    window = _window(qtbot, settings)
    assert [s.shortcut for s in SECTIONS if not s.shortcut] == []
    assert window.navigation.item(window.section_keys().index("plannen")).text() == "Plannen   (Ctrl+0)"


def test_each_section_has_its_own_keyboard_shortcut(qtbot, settings):
    window = _window(qtbot, settings)
    for section in reversed([s for s in SECTIONS if s.shortcut]):
        QTest.keySequence(window.windowHandle(), QKeySequence(section.shortcut))
        assert window.current_section() == section.key


def test_a_section_not_built_yet_says_so_plainly(qtbot, settings):
    window = _window(qtbot, settings)
    window.open_section("winter")
    notice = window.current_page().findChild(QLabel, "placeholderNotice")
    assert notice is not None and "nog niet gebouwd" in notice.text()


def test_the_status_bar_shows_the_database_and_the_shelter_night(qtbot, settings):
    window = _window(qtbot, settings)
    assert "/tmp/desk.sqlite" in window.database_status.text()
    assert window.night_status.text() == "Nacht van dinsdag 24 op woensdag 25 november 2026"


def test_a_demo_database_is_marked_in_the_title_and_status_bar(qtbot, settings):
    window = _window(qtbot, settings, demo=True)
    assert "DEMO" in window.windowTitle()
    assert window.findChild(QLabel, "demoBadge") is not None


def test_a_real_database_carries_no_demo_mark(qtbot, settings):
    window = _window(qtbot, settings)
    assert "DEMO" not in window.windowTitle()
    assert window.findChild(QLabel, "demoBadge") is None


def test_the_workstation_remembers_window_size_but_reopens_on_the_balie(qtbot, settings):
    window = _window(qtbot, settings)
    window.resize(720, 540)
    window.open_section("postadressen")
    window.close()
    again = _window(qtbot, settings)
    assert again.current_section() == "balie"
    assert (again.width(), again.height()) == (720, 540)


def test_a_long_database_path_is_shortened_in_the_middle_with_the_full_path_as_tooltip(qtbot, settings):
    long_path = "/home/balie/" + "heel-lange-map/" * 8 + "shelter-desk.sqlite"
    window = MainWindow(database_label=long_path, is_demo=False, shelter_night=NIGHT, settings=settings)
    qtbot.addWidget(window)
    assert "…" in window.database_status.text() and window.database_status.text().endswith("shelter-desk.sqlite")
    assert window.database_status.toolTip() == long_path


def test_the_winter_banner_is_read_on_the_database_worker_not_the_windows_thread(qtbot, settings):
    read_on: list[str] = []

    def banner() -> str:
        read_on.append(threading.current_thread().name)
        return "WINTERREGELING ACTIEF vannacht"

    window = MainWindow(
        database_label="/tmp/desk.sqlite", is_demo=False, shelter_night=NIGHT, settings=settings, banner=banner
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.banner.text() == "WINTERREGELING ACTIEF vannacht")
    assert window.banner.isVisible()
    assert read_on and threading.main_thread().name not in read_on


def test_a_winter_banner_that_cannot_be_read_keeps_what_it_said(qtbot, settings):
    server_gone = threading.Event()

    def banner() -> str:
        if server_gone.is_set():
            raise DeskError("De database is niet bereikbaar.")
        return "WINTERREGELING ACTIEF vannacht"

    window = MainWindow(
        database_label="/tmp/desk.sqlite", is_demo=False, shelter_night=NIGHT, settings=settings, banner=banner
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.banner.isVisible())
    server_gone.set()
    window.refresh_banner()
    database_worker().waitForDone(5000)
    qtbot.wait(50)
    assert window.banner.isVisible() and window.banner.text() == "WINTERREGELING ACTIEF vannacht"
