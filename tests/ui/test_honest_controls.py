"""One rule over every section and role: a control the signed-in role may not use is greyed
out with the reason on hover, also after the section has read and shown its data."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from shelter_desk import app
from shelter_desk.services.demo.loader import DEMO_PASSWORD
from shelter_desk.services.trust.accounts import sign_in
from shelter_desk.ui import feedback
from shelter_desk.ui.permissions import may
from shelter_desk.ui.section_page import SectionPage


@pytest.mark.parametrize("username", ["balie", "coordinator"])
def test_every_control_a_role_may_not_use_is_greyed_with_the_reason_in_every_section(
    qtbot, tmp_path, monkeypatch, demo_location, username
):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    window = app.build_main_window(
        demo_location,
        demo=True,
        settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
        sign_in=lambda desk, demo: bool(sign_in(desk, username, DEMO_PASSWORD)),
    )
    assert window is not None
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitExposed(window)
    desk = window.findChild(app.IdleLock)._desk
    checked = 0
    for key in window.section_keys():
        window.open_section(key)
        if window.current_section() != key:
            continue  # a section the role may not open at all
        page = window.current_page()
        reader = getattr(page, "reader", None)
        if reader is not None:
            qtbot.waitUntil(lambda reader=reader: not reader.is_reading())
        QApplication.processEvents()
        if not isinstance(page, SectionPage):
            continue
        for widget, permission in page._gates:
            if not may(desk, permission):
                checked += 1
                assert not widget.isEnabled(), (key, widget.objectName() or getattr(widget, "text", str)())
                assert widget.toolTip().startswith("Alleen voor"), (key, widget.objectName())
    if username == "balie":
        assert checked > 5
