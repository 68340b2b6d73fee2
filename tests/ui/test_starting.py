"""Starting the desk: the demo database is made once and reopened; a bad file is refused untouched."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog

from shelter_desk import app, launch
from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.location import resolve_location, with_key
from shelter_desk.services.demo.loader import DEMO_PASSWORD
from shelter_desk.services.kernel.database_setup import open_and_prepare, summarise
from shelter_desk.services.trust.accounts import create_first_administrator, sign_in


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "werkplek.ini"), QSettings.Format.IniFormat)


def _as_demo_coordinator(desk, demo):
    sign_in(desk, "coordinator", DEMO_PASSWORD)
    return True


def _as_first_administrator(desk, demo):
    create_first_administrator(desk, "anja", "Anja Meijer", "lang-genoeg-1", "lang-genoeg-1")
    return True


def test_a_fresh_demo_start_creates_the_database_in_the_user_data_folder(qtbot, settings):
    location = resolve_location(None, demo=True)
    assert not location.path.exists()
    window = app.build_main_window(location, demo=True, settings=settings, sign_in=_as_demo_coordinator)
    qtbot.addWidget(window)
    assert location.path.exists()
    assert "DEMO" in window.windowTitle()


def test_the_second_start_reopens_the_demo_without_duplicating_it(qtbot, settings):
    location = resolve_location(None, demo=True)
    for _ in range(2):
        window = app.build_main_window(location, demo=True, settings=settings, sign_in=_as_demo_coordinator)
        qtbot.addWidget(window)
        window.close()
        window.deleteLater()
    db = open_and_prepare(location)
    try:
        summary = summarise(db)
    finally:
        db.close()
    assert summary.persons == 30 and summary.facilities == 9  # seven with beds and two drop-ins


def test_a_real_start_is_empty_and_unmarked(qtbot, settings):
    window = app.build_main_window(
        with_key(resolve_location(None), "wachtwoordzin-voor-de-test"),
        demo=False,
        settings=settings,
        sign_in=_as_first_administrator,
    )
    qtbot.addWidget(window)
    assert "DEMO" not in window.windowTitle()


def test_the_daily_backup_is_made_once_the_window_is_up_not_before(qtbot, settings, tmp_path):
    location = resolve_location(str(tmp_path / "regio.sqlite"), demo=True)
    window = app.build_main_window(location, demo=True, settings=settings, sign_in=_as_demo_coordinator)
    qtbot.addWidget(window)
    backups = tmp_path / "backups"
    assert not list(backups.glob("shelter-desk-*.sqlite"))  # the window did not wait for it
    window.show()
    qtbot.waitUntil(lambda: len(list(backups.glob("shelter-desk-*.sqlite"))) == 1, timeout=10_000)
    window.close()


def test_a_corrupt_file_shows_the_dutch_error_and_stays_byte_for_byte_the_same(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "kapot.sqlite"
    original = b"SQLite format 3\x00" + bytes(range(256)) * 64
    path.write_bytes(original)
    shown: list[str] = []
    monkeypatch.setattr(launch, "show_error", lambda parent, text, title="": shown.append(text))
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    assert launch.run_gui(resolve_location(str(path), plain=True), demo=False, settings=settings) == 1
    assert len(shown) == 1 and "beschadigd" in shown[0] and "niet gewijzigd" in shown[0]
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kapot.sqlite"]


def test_building_the_window_on_a_corrupt_file_raises_the_dutch_refusal(qtbot, tmp_path, settings):
    path = tmp_path / "kapot.sqlite"
    path.write_bytes(b"niet een database")
    with pytest.raises(DeskError, match="geen Shelter Desk-database"):
        app.build_main_window(resolve_location(str(path), plain=True), demo=False, settings=settings)


def test_stopping_at_the_sign_in_opens_no_window(qtbot, settings):
    assert (
        app.build_main_window(
            resolve_location(None, demo=True), demo=True, settings=settings, sign_in=lambda desk, demo: False
        )
        is None
    )


def test_a_coordinator_is_warned_at_start_when_the_log_triggers_were_dropped(qtbot, settings, monkeypatch):
    import sqlite3

    shown: list[str] = []
    monkeypatch.setattr(app, "show_log_warning", lambda parent, text: shown.append(text))
    location = resolve_location(None, demo=True)
    # Closed and deleted here, so not handed to qtbot (which would close it again at teardown).
    window = app.build_main_window(location, demo=True, settings=settings, sign_in=_as_demo_coordinator)
    window.close()
    window.deleteLater()
    qtbot.wait(10)
    assert shown == []
    with sqlite3.connect(location.path) as connection:
        connection.execute("DROP TRIGGER access_log_no_update")
    window = app.build_main_window(location, demo=True, settings=settings, sign_in=_as_demo_coordinator)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(shown))
    assert "access_log_no_update" in shown[0] and "niet meer betrouwbaar" in shown[0]


# -- the start in two steps: the sign-in window first, the desk opened behind it -----------------


def _starting(location, *, demo=False):
    opening = launch.Opening(location, demo=demo, region_id=None)
    dialog = launch.StartSignIn(opening, new_database=launch.awaits_its_first_administrator(location, demo=demo))
    dialog.show()
    return opening, dialog


def test_the_sign_in_takes_typing_while_the_desk_still_opens(qtbot):
    opening, dialog = _starting(resolve_location(None, demo=True), demo=True)
    qtbot.addWidget(dialog)
    opening.start()
    assert dialog.username.isEnabled() and dialog.password.isEnabled()
    qtbot.keyClicks(dialog.username, "coordinator")
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    qtbot.waitUntil(dialog.is_open, timeout=60_000)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert opening.result.desk.user.username == "coordinator"
    opening.result.close()


def test_enter_before_the_desk_is_open_waits_saying_so_then_signs_in(qtbot):
    opening, dialog = _starting(resolve_location(None, demo=True), demo=True)
    qtbot.addWidget(dialog)
    dialog.username.setText("balie")
    dialog.password.setText(DEMO_PASSWORD)
    dialog.attempt()  # Enter, with the opening not even started
    assert dialog.waiting.isVisibleTo(dialog) and "even geduld" in dialog.waiting.text().lower()
    assert not dialog.password.isEnabled()
    opening.start()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=60_000)
    assert opening.result.desk.user.username == "balie"
    opening.result.close()


def test_a_new_database_asks_for_its_first_administrator_once_it_is_made(qtbot, tmp_path):
    opening, dialog = _starting(resolve_location(str(tmp_path / "nieuw.sqlite"), plain=True))
    qtbot.addWidget(dialog)
    assert not dialog.username.isEnabled() and "aangemaakt" in dialog.waiting.text()
    opening.start()
    qtbot.waitUntil(lambda: dialog.result() == launch.NEEDS_ADMINISTRATOR, timeout=60_000)
    assert opening.result is not None and not opening.result.accounts
    opening.result.close()


def test_a_file_that_fails_its_check_ends_the_sign_in_and_stays_untouched(qtbot, tmp_path):
    path = tmp_path / "kapot.sqlite"
    path.write_bytes(b"niet een database")
    opening, dialog = _starting(resolve_location(str(path), plain=True))
    qtbot.addWidget(dialog)
    opening.start()
    qtbot.waitUntil(lambda: dialog.result() == launch.OPENING_FAILED, timeout=60_000)
    assert isinstance(dialog.failure, DeskError) and "geen Shelter Desk-database" in dialog.failure.message
    assert path.read_bytes() == b"niet een database" and [p.name for p in tmp_path.iterdir()] == ["kapot.sqlite"]


def test_the_passphrase_of_an_encrypted_database_is_asked_on_the_window_thread(qtbot, tmp_path, monkeypatch):
    import threading

    monkeypatch.delenv("SHELTER_DESK_KEY", raising=False)
    asked: list[tuple[bool, bool]] = []

    def passphrase(is_new):
        asked.append((is_new, threading.current_thread() is threading.main_thread()))
        return "een-lange-wachtwoordzin"

    monkeypatch.setattr(app, "ask_passphrase", passphrase)
    opening, dialog = _starting(resolve_location(str(tmp_path / "versleuteld.sqlite")))
    qtbot.addWidget(dialog)
    opening.start()
    qtbot.waitUntil(lambda: dialog.result() == launch.NEEDS_ADMINISTRATOR, timeout=60_000)
    assert asked == [(True, True)] and opening.result.desk.db.location.key == "een-lange-wachtwoordzin"
    opening.result.close()


def test_stopping_at_the_passphrase_ends_the_start_without_a_file(qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv("SHELTER_DESK_KEY", raising=False)
    monkeypatch.setattr(app, "ask_passphrase", lambda is_new: None)
    path = tmp_path / "versleuteld.sqlite"
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    assert launch.run_gui(resolve_location(str(path)), demo=False, settings=settings) == 0
    assert not path.exists()


def test_the_whole_start_signs_in_and_leaves_the_cursor_in_the_balie_search(qtbot, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: list[str] = []

    def type_when_the_sign_in_shows():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, launch.StartSignIn):
            QTimer.singleShot(5, type_when_the_sign_in_shows)
            return
        seen.append("sign-in")
        dialog.username.setText("balie")
        dialog.password.setText(DEMO_PASSWORD)
        dialog.attempt()  # Enter at once: it waits for the opening
        QTimer.singleShot(5, close_when_the_search_has_the_cursor)

    def close_when_the_search_has_the_cursor():
        focus = QApplication.focusWidget()
        if focus is None or focus.objectName() != "personSearch":
            QTimer.singleShot(5, close_when_the_search_has_the_cursor)
            return
        seen.append("search")
        focus.window().close()

    QTimer.singleShot(0, type_when_the_sign_in_shows)
    QTimer.singleShot(120_000, QApplication.quit)  # never hang the run
    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    assert launch.run_gui(resolve_location(None, demo=True), demo=True, settings=settings) == 0
    assert seen == ["sign-in", "search"]
