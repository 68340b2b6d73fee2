"""Roles made visible: what a role may not use is greyed out with the reason on
hover, the signed-in worker shows in the status bar with a quick switch, and the lock screen
covers the window and its open dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from shelter_desk import app
from shelter_desk.services.demo.loader import DEMO_PASSWORD
from shelter_desk.services.trust.accounts import sign_in
from shelter_desk.ui import feedback
from shelter_desk.ui.main_window import MainWindow
from tests.ui.waiting import searched


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, demo_location) -> MainWindow:
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    built = app.build_main_window(
        demo_location,
        demo=True,
        settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
        sign_in=lambda desk, demo: bool(sign_in(desk, "balie", DEMO_PASSWORD)),
    )
    assert built is not None
    qtbot.addWidget(built)
    built.resize(1366, 728)
    built.show()
    qtbot.waitExposed(built)
    return built


def _section_item(window, key):
    return window.navigation.item(window.section_keys().index(key))


def test_the_status_bar_names_the_signed_in_worker_and_role(window):
    assert (
        window.user_status.text() == "Aangemeld: Demo baliemedewerker (Baliemedewerker)"
        or window.user_status.text().endswith("(Baliemedewerker)")
    )
    assert window.switch_button.isVisible()


def test_the_front_desk_sees_beheer_greyed_out_with_the_reason_and_its_shortcut_does_not_open_it(window):
    item = _section_item(window, "beheer")
    assert not item.isSelected() and "Alleen voor coördinatoren en beheerders" in item.toolTip()
    QTest.keySequence(window.windowHandle(), QKeySequence("Ctrl+7"))
    assert window.current_section() == "balie"


def test_the_front_desk_sees_why_the_winter_activation_and_exports_are_greyed_out(window):
    window.open_section("winter")
    winter = window.current_page()
    activate = winter.decision.activate_button
    assert not activate.isEnabled() and "Alleen voor" in activate.toolTip()
    window.open_section("rapportages")
    reports = window.current_page()
    assert reports.compute_button.isEnabled() and not reports.pdf_button.isEnabled()


def test_the_lock_covers_the_window_and_the_open_person_window(qtbot, window):
    lock = window.findChild(app.IdleLock)
    desk = lock._desk
    balie = window.current_page()
    balie.picker.query.setText("henk")
    searched(balie.picker)
    person = balie.open_person(balie.picker.model.hit(0).person_id)
    qtbot.waitExposed(person)
    desk.lock()
    seen = {}

    def answer() -> None:
        seen["covered"] = window.is_covered()
        seen["person shown"] = person.isVisible()
        dialog = QApplication.activeModalWidget()
        dialog.password.setText(DEMO_PASSWORD)
        dialog.attempt()

    QTimer.singleShot(50, answer)
    lock.check()
    assert seen == {"covered": True, "person shown": False}
    assert not window.is_covered() and person.isVisible()


def test_another_worker_signs_in_from_the_status_bar_and_gets_their_role(qtbot, window):
    lock = window.findChild(app.IdleLock)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog.username.text() == "" and window.is_covered()
        dialog.username.setText("coordinator")
        dialog.password.setText(DEMO_PASSWORD)
        dialog.attempt()

    QTimer.singleShot(50, answer)
    window.switch_button.click()
    assert lock._desk.user.username == "coordinator" and window.user_status.text().endswith("(Coördinator)")
    window.open_section("beheer")
    assert window.current_section() == "beheer"


def test_after_signing_in_again_the_keys_go_where_the_worker_was_typing(qtbot, window):
    lock = window.findChild(app.IdleLock)
    balie = window.current_page()
    window.activateWindow()
    qtbot.waitActive(window)
    balie.picker.query.setFocus()
    qtbot.keyClicks(balie.picker.query, "he")

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.password.setText(DEMO_PASSWORD)
        dialog.attempt()

    lock._desk.lock()
    QTimer.singleShot(50, answer)
    lock.check()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is balie.picker.query, timeout=2000)
    qtbot.keyClicks(QApplication.focusWidget(), "nk")
    assert balie.picker.query.text() == "henk"
