"""The window on the most common desk laptop: 1366×768 minus the taskbar, and the same screen at
150 % display scaling (911×485 device-independent pixels). Every button of every section is on
screen or reachable by scrolling; at 100 % nothing needs sideways scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget

from shelter_desk import app
from shelter_desk.persistence.location import resolve_location
from shelter_desk.services.demo.loader import DEMO_PASSWORD
from shelter_desk.services.trust.accounts import sign_in
from shelter_desk.ui import feedback
from shelter_desk.ui.main_window import MainWindow

LAPTOP = (1366, 728)
LAPTOP_AT_150_PERCENT = (911, 485)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> MainWindow:
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    built = app.build_main_window(
        resolve_location(None, demo=True),
        demo=True,
        settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
        sign_in=lambda desk, demo: bool(sign_in(desk, "beheerder", DEMO_PASSWORD)),
    )  # sees every button
    assert built is not None
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    return built


def _open(qtbot, window: MainWindow, key: str) -> None:  # type: ignore[no-untyped-def]
    """Open a section and let its reads on the database worker arrive (they rebuild the tiles)."""
    window.open_section(key)
    reader = getattr(window.current_page(), "reader", None)
    if reader is not None:
        qtbot.waitUntil(lambda: not reader.is_reading())
    QApplication.processEvents()


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _unreachable(window: MainWindow) -> list[str]:
    """Visible buttons of the current section that scrolling cannot bring inside the window."""
    lost = []
    for button in window.current_page().findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or not button.width():
            continue
        scrolls = []
        parent = button.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                scrolls.append(parent)
            parent = parent.parentWidget()
        for scroll in scrolls:  # innermost first, as a user would scroll
            scroll.ensureWidgetVisible(button, 0, 0)
        QApplication.processEvents()
        rect = _rect_in(button, window)
        shown = rect.intersected(window.rect())
        for scroll in scrolls:
            shown = shown.intersected(_rect_in(scroll.viewport(), window))
        # Whole, or for a button wider than the view (a full-width row), enough of it to click.
        if shown.height() < rect.height() or shown.width() < min(rect.width(), 60):
            lost.append(f"{button.text() or button.objectName()} at {rect.getRect()}")
    return lost


@pytest.mark.parametrize("size", [LAPTOP, LAPTOP_AT_150_PERCENT], ids=["100%", "150%"])
def test_every_button_of_every_section_is_on_screen_or_reachable_by_scrolling(qtbot, window, size):
    window.resize(*size)
    QApplication.processEvents()
    assert (window.width(), window.height()) == size  # no section forces the window wider or taller
    for key in window.section_keys():
        _open(qtbot, window, key)
        assert _unreachable(window) == [], key


def test_at_100_percent_no_section_needs_sideways_scrolling(qtbot, window):
    window.resize(*LAPTOP)
    for key in window.section_keys():
        _open(qtbot, window, key)
        scroll = window.pages.currentWidget()
        assert isinstance(scroll, QScrollArea)
        assert scroll.horizontalScrollBar().maximum() == 0, key
