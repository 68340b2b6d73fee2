"""The window on the most common desk laptop: 1366×768 minus the taskbar, and the same screen at
150 % display scaling (911×485 device-independent pixels), measured with the demo's data, the
first row of every list chosen and a long Dutch message on screen. Every button of every section
is on screen or reachable by scrolling; at 100 % nothing needs sideways scrolling."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QApplication, QDialog, QScrollArea, QWidget
from shiboken6 import isValid as shiboken_valid

from shelter_desk import app
from shelter_desk.services.demo.loader import DEMO_PASSWORD
from shelter_desk.services.trust.accounts import sign_in
from shelter_desk.ui import feedback
from shelter_desk.ui.main_window import MainWindow
from shelter_desk.ui.section_page import SectionPage

LAPTOP = (1366, 728)
LAPTOP_AT_150_PERCENT = (911, 485)
LONG_MESSAGE = (
    "Het bed is niet gegeven: Jan van der Berg heeft vannacht al een bed in Nachtopvang Havenkade Assen. "
    "Vink aan dat u de persoon heeft gesproken en probeer het daarna opnieuw; de coördinator ziet dit ook."
)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, demo_location) -> MainWindow:
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    built = app.build_main_window(
        demo_location,
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
    page = window.current_page()
    reader = getattr(page, "reader", None)
    if reader is not None:
        qtbot.waitUntil(lambda: not reader.is_reading())
    QApplication.processEvents()
    _fill(window, page)
    if reader is not None:  # a chosen row may read its details on the database worker
        qtbot.waitUntil(lambda: not reader.is_reading())
    qtbot.wait(100)  # the message's lines are laid out, then the page's scroll range follows


def _fill(window: MainWindow, page: QWidget) -> None:
    """What a busy evening puts on a page: a row chosen in every list, and a long message."""
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisibleTo(page) and model is not None and model.rowCount() and not view.currentIndex().isValid():
            view.setCurrentIndex(model.index(0, 0))
    if isinstance(page, SectionPage):
        page.refuse(LONG_MESSAGE)
    window.say(LONG_MESSAGE)
    QApplication.processEvents()


def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def _unreachable(window: MainWindow) -> list[str]:
    """Visible buttons of the current section that scrolling cannot bring inside the window."""
    lost = []
    for button in window.current_page().findChildren(QAbstractButton):
        if not shiboken_valid(button) or not button.isVisibleTo(window) or not button.width():
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


def test_a_long_message_wraps_over_the_whole_width_and_nothing_in_the_status_bar_covers_it(qtbot, window):
    window.resize(*LAPTOP)
    window.say(LONG_MESSAGE)
    QApplication.processEvents()
    message = window.status_message
    assert message.isVisible() and message.wordWrap() and message.width() > window.width() * 0.9
    assert message.height() >= message.heightForWidth(message.width())  # every line shown
    badge = window.findChild(QWidget, "demoBadge")
    assert not _rect_in(message, window).intersects(_rect_in(badge, window))


def test_a_message_on_screen_costs_a_section_at_most_a_few_lines_of_scrolling_at_100_percent(qtbot, window):
    window.resize(*LAPTOP)
    scrolling = {}
    for key in window.section_keys():
        _open(qtbot, window, key)
        scroll = window.pages.currentWidget()
        assert isinstance(scroll, QScrollArea)
        if scroll.verticalScrollBar().maximum() > 0:
            scrolling[key] = scroll.verticalScrollBar().maximum()
    assert all(pixels <= 60 for pixels in scrolling.values()), scrolling


def test_the_first_start_opens_maximised_on_the_available_screen(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "first.ini"), QSettings.Format.IniFormat)
    window = MainWindow(database_label="x", is_demo=False, shelter_night=date(2026, 12, 7), settings=settings)
    qtbot.addWidget(window)
    window.show_on_screen()
    qtbot.waitExposed(window)
    assert window.isMaximized()
    assert window.screen().availableGeometry().contains(window.frameGeometry().topLeft())


def test_a_small_dialog_is_wide_enough_for_its_whole_title(qtbot, window):
    dialog = QDialog(window)
    dialog.setWindowTitle("Kluisje voor Aleksandra Wiśniewska-Kowalczyk (Ola)")
    dialog.resize(200, 120)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() >= dialog.fontMetrics().horizontalAdvance(dialog.windowTitle()) + 100
    dialog.close()
