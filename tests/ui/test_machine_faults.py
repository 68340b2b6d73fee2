"""The desk starts on a machine with faults and says so once: a folder it cannot write (the log,
the backups) is named with what it stops, and a coordinator hears when there is no recent good
backup. The read-only folders are real read-only file systems (tests/small_disk.py)."""

from __future__ import annotations

import tempfile
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from shelter_desk import app
from shelter_desk.persistence.location import resolve_location
from shelter_desk.services.demo.loader import DEMO_PASSWORD
from shelter_desk.services.trust.accounts import sign_in
from shelter_desk.ui.error_handling import LOG


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "werkplek.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def notices(monkeypatch):
    shown: list[tuple[str, str, bool]] = []
    monkeypatch.setattr(
        app,
        "show_notice",
        lambda parent, title, text: shown.append((title, text, threading.current_thread() is threading.main_thread())),
    )
    return shown


@pytest.fixture
def own_temporary_folder(tmp_path, monkeypatch):
    """The fallback folders (log, printouts) in this test's folder, and the log handlers it adds removed."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tijdelijk"))
    (tmp_path / "tijdelijk").mkdir()
    before = list(LOG.handlers)
    yield tmp_path / "tijdelijk"
    for handler in LOG.handlers[:]:
        if handler not in before:
            LOG.removeHandler(handler)
            handler.close()


def _as_demo_coordinator(desk, demo):
    sign_in(desk, "coordinator", DEMO_PASSWORD)
    return True


def test_the_desk_starts_with_a_read_only_log_folder_and_says_so_once(
    qtbot, settings, notices, small_disk, monkeypatch, own_temporary_folder
):
    read_only = small_disk(1, read_only=True, name="logmap")
    monkeypatch.setattr(app, "log_folder", lambda: read_only / "logs")
    app.start_logging()  # no exception: the log goes to the temporary folder
    used = [Path(h.baseFilename).parent for h in LOG.handlers if isinstance(h, RotatingFileHandler)]
    assert own_temporary_folder / "shelter-desk-logboek" in used
    window = app.build_main_window(
        resolve_location(None, demo=True), demo=True, settings=settings, sign_in=_as_demo_coordinator
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: any(title == "Mappen niet beschrijfbaar" for title, _text, _main in notices))
    qtbot.wait(300)
    folder_notices = [text for title, text, _main in notices if title == "Mappen niet beschrijfbaar"]
    assert len(folder_notices) == 1
    assert str(read_only / "logs") in folder_notices[0] and "logboek" in folder_notices[0]
    assert str(own_temporary_folder / "shelter-desk-logboek") in folder_notices[0]
    window.close()


def test_a_coordinator_is_warned_at_sign_in_when_backups_fail(
    qtbot, settings, notices, small_disk, tmp_path, own_temporary_folder
):
    backups = small_disk(1, read_only=True, name="backups")  # beside the database: its backup folder
    location = resolve_location(str(tmp_path / "regio.sqlite"), demo=True)
    window = app.build_main_window(location, demo=True, settings=settings, sign_in=_as_demo_coordinator)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: any(title == "Geen recente back-up" for title, _text, _main in notices), timeout=10_000)
    qtbot.waitUntil(lambda: len(notices) == 2)
    warning = next((text, main) for title, text, main in notices if title == "Geen recente back-up")
    assert "nog geen goede back-up" in warning[0] and str(backups) in warning[0]
    assert "kan niet worden beschreven" in warning[0]  # the reason of the last failure
    assert warning[1], "shown from the window's thread, not the backup's"
    folder_notice = next(text for title, text, _main in notices if title == "Mappen niet beschrijfbaar")
    assert str(backups) in folder_notice and "back-up" in folder_notice
    assert list(backups.iterdir()) == []
    assert window.findChild(QLabel, "backupAge").text() == "Back-up: geen"  # the status bar says it too
    window.grab().save("/tmp/backup-warning-window.png")
    window.close()


def test_the_status_bar_shows_the_age_of_todays_good_backup(qtbot, settings, notices, tmp_path, own_temporary_folder):
    location = resolve_location(str(tmp_path / "regio.sqlite"), demo=True)
    window = app.build_main_window(location, demo=True, settings=settings, sign_in=_as_demo_coordinator)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.findChild(QLabel, "backupAge") is not None, timeout=10_000)
    assert window.findChild(QLabel, "backupAge").text() == "Back-up: 0 minuten oud"
    assert notices == []
    window.close()


def test_a_front_desk_worker_is_not_given_the_backup_warning(
    qtbot, settings, notices, small_disk, monkeypatch, tmp_path, own_temporary_folder
):
    small_disk(1, read_only=True, name="backups")
    asked: list[object] = []
    warn = app._warn_about_backups
    monkeypatch.setattr(app, "_warn_about_backups", lambda desk, window: (asked.append(desk), warn(desk, window)))
    location = resolve_location(str(tmp_path / "regio.sqlite"), demo=True)

    def as_front_desk(desk, demo):
        sign_in(desk, "balie", DEMO_PASSWORD)
        return True

    window = app.build_main_window(location, demo=True, settings=settings, sign_in=as_front_desk)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(notices) and bool(asked), timeout=10_000)  # the backup attempt is over
    assert [title for title, _text, _main in notices] == ["Mappen niet beschrijfbaar"]
    window.close()


def test_a_printout_goes_to_the_temporary_folder_when_the_documents_folder_is_read_only(
    qtbot, small_disk, monkeypatch, own_temporary_folder
):
    from shelter_desk.ui import feedback

    documents = small_disk(1, read_only=True, name="documenten")
    monkeypatch.setattr(feedback, "save_folder", lambda: documents)
    error = QLabel()
    qtbot.addWidget(error)
    path = feedback.save_file("appellijst.pdf", lambda: b"%PDF-1.4", error)
    assert path == own_temporary_folder / "shelter-desk-afdrukken" / "appellijst.pdf"
    assert path.read_bytes() == b"%PDF-1.4" and error.isHidden()


def test_the_desk_starts_with_a_read_only_roll_call_copy_folder_and_says_so(
    qtbot, settings, notices, small_disk, own_temporary_folder
):
    from shelter_desk.persistence.snapshots import snapshot_path

    location = resolve_location(None, demo=True)
    copies = small_disk(1, read_only=True, at=snapshot_path(location).parent)
    window = app.build_main_window(location, demo=True, settings=settings, sign_in=_as_demo_coordinator)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: any(title == "Mappen niet beschrijfbaar" for title, _text, _main in notices))
    text = next(text for title, text, _main in notices if title == "Mappen niet beschrijfbaar")
    assert str(copies) in text and "lokale kopie van de appèllijst" in text
    window.close()


def test_a_log_on_a_full_disk_says_so_once_and_the_desk_goes_on(small_disk, capsys, own_temporary_folder):
    from tests.small_disk import fill_up

    folder = small_disk(1)
    path = app.configure_logging(folder / "logs")
    fill_up(folder, leave=0)
    for number in range(200):
        LOG.warning("regel %d %s", number, "x" * 200)
    complaints = [line for line in capsys.readouterr().err.splitlines() if "kan niet worden geschreven" in line]
    assert len(complaints) == 1 and str(path) in complaints[0]
