"""Offline is a state of the desk, not a popup: the whole window against a real PostgreSQL server
that this test stops and starts again (a throw-away cluster of its own, never the shared one).

The server goes: one red banner says since when, that nothing is saved, and from which local copy
the roll-call prints; every background timer runs into the outage and none opens a dialog; a
handover note typed meanwhile says "niet opgeslagen" and stays; the roll-call prints from the copy.
The server comes back: the desk resumes by itself and the banner goes.
"""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from shelter_desk import app
from shelter_desk.persistence.location import resolve_location
from shelter_desk.services.demo.loader import DEMO_PASSWORD
from shelter_desk.services.trust.accounts import sign_in
from shelter_desk.ui import feedback
from shelter_desk.ui.beds import region_page
from shelter_desk.ui.main_window import MainWindow

SCREEN = (1366, 768)


@pytest.fixture(scope="module")
def server():
    pytest.importorskip("psycopg")
    from tests.pg_server import PASSWORD, PASSWORD_ROLE, ServerUnavailable, start_cluster

    try:
        cluster = start_cluster()
    except ServerUnavailable as error:
        pytest.skip(f"the PostgreSQL test server does not start: {error}")
    # The desk's URL carries a password: the local roll-call copy's key is derived from it.
    cluster.psql(f"CREATE DATABASE regio OWNER {PASSWORD_ROLE}")
    yield cluster, cluster.url("regio", user=PASSWORD_ROLE, password=PASSWORD)
    cluster.stop()


@pytest.fixture
def window(qtbot, server, tmp_path, monkeypatch):
    cluster, url = server
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    monkeypatch.setattr(region_page, "open_with_system", lambda path: True)  # no PDF viewer offscreen
    built = app.build_main_window(
        resolve_location(url),
        demo=True,
        settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
        sign_in=lambda desk, demo: bool(sign_in(desk, "balie", DEMO_PASSWORD)),
    )
    assert built is not None
    qtbot.addWidget(built)
    built.resize(*SCREEN)
    built.show()
    qtbot.waitExposed(built)
    yield built
    if not cluster.is_running():
        cluster.resume()


def _dialogs_open() -> list[str]:
    modal = QApplication.activeModalWidget()
    boxes = [w.text() for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    return ([modal.windowTitle()] if modal is not None else []) + boxes


def _every_timer_fires(window: MainWindow) -> None:
    """Heartbeat, winter banner, region polling, idle lock, probe: each runs once, now."""
    for timer in window.findChildren(QTimer):
        timer.timeout.emit()


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(path.read_bytes())).pages).split())


def _counts(path) -> tuple[str, str]:
    text = _text(path)
    inside = re.search(r"Binnen \(ingecheckt\): (\d+)", text)
    expected = re.search(r"Verwacht / niet binnen \([^)]*\): (\d+)", text)
    assert inside and expected, text
    return inside.group(1), expected.group(1)


def test_a_stopped_server_is_one_banner_no_dialog_and_the_desk_resumes_by_itself(qtbot, window, server, tmp_path):
    cluster, _url = server
    window.open_section("regio")
    region = window.current_page()
    qtbot.waitUntil(lambda: region.overview is not None, timeout=10_000)  # read: the local copy is kept
    facility = region.overview.facilities[0].name
    region.select_facility(facility)
    live = _counts(region.print_roll_call())  # while the server is there
    assert not window.is_offline()

    cluster.halt()
    _every_timer_fires(window)
    qtbot.waitUntil(window.is_offline, timeout=10_000)
    _every_timer_fires(window)  # and again, while offline: still nothing but the banner
    qtbot.wait(100)
    assert _dialogs_open() == []
    banner = window.offline_banner.text()
    assert re.search(r"GEEN VERBINDING MET DE DATABASE sinds \d\d:\d\d — er wordt niets opgeslagen", banner)
    assert re.search(r"De appèllijst \(Regio vannacht, Ctrl\+8\) print uit de lokale kopie van \d\d:\d\d\.", banner)

    printed = region.print_roll_call()  # from the local copy, counted as the live one
    assert _counts(printed) == live and "Stand van" in _text(printed)

    window.open_section("balie")
    qtbot.wait(50)  # the layout settles before the picture
    window.grab().save(str(tmp_path / "offline.png"))
    handover = window.current_page().handover
    dialog = handover.write()
    dialog.text.setPlainText("Kamer 3: verwarming doet het niet, storing gemeld.")
    dialog.save()  # Ctrl+Enter
    assert dialog.isVisible() and dialog.text.toPlainText() == "Kamer 3: verwarming doet het niet, storing gemeld."
    assert dialog.error.text().startswith("Niet opgeslagen") and "niet bereikbaar" in dialog.error.text()
    dialog.reject()

    cluster.resume()
    qtbot.waitUntil(lambda: not window.is_offline(), timeout=20_000)  # the probe, every 5 seconds
    assert window.offline_banner.isHidden() and "weer bereikbaar" in window.statusBar().currentMessage()
    assert _dialogs_open() == []


def test_the_local_copy_is_kept_without_anyone_opening_regio_vannacht(qtbot, window, server):
    from shelter_desk.persistence.snapshots import snapshot_path

    _cluster, url = server
    copy = snapshot_path(resolve_location(url))
    qtbot.waitUntil(copy.exists, timeout=10_000)
    assert not window.is_built("regio")


def test_the_probe_alone_brings_a_desk_back_when_its_database_file_returns(qtbot, migrated_template, tmp_path):
    import shutil

    from shelter_desk.domain.roles import DeskUser, Role
    from shelter_desk.persistence.engine import Database, create_database_engine
    from shelter_desk.services.kernel.connection import probe_connection
    from shelter_desk.services.kernel.desk import Desk
    from shelter_desk.ui.offline import OfflineState

    share = tmp_path / "netwerkmap"
    share.mkdir()
    shutil.copyfile(migrated_template, share / "desk.sqlite")
    location = resolve_location(str(share / "desk.sqlite"), plain=True)
    db = Database(create_database_engine(location), location)
    desk = Desk(db, user=DeskUser(1, "balie", "Balie", Role.FRONT_DESK))
    window = MainWindow(
        database_label=location.label,
        is_demo=False,
        shelter_night=desk.tonight(),
        settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
    )
    qtbot.addWidget(window)
    state = OfflineState(desk, window, probe_ms=100)
    window.destroyed.connect(db.close)

    share.rename(tmp_path / "weg")  # the network share went away
    db.engine.dispose()  # and with it the open connections
    assert not probe_connection(desk)
    qtbot.waitUntil(window.is_offline, timeout=3_000)
    assert "geen lokale kopie van de appèllijst" in window.offline_banner.text()
    assert state.probe_timer.isActive()
    (tmp_path / "weg").rename(share)
    qtbot.waitUntil(lambda: not window.is_offline(), timeout=5_000)  # nobody did anything but wait
    assert not state.probe_timer.isActive()
