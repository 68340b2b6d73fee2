"""The main window: section navigation, the status bar with database and night, remembered layout."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_desk import __version__
from shelter_desk.domain.shelter_night import dutch_night
from shelter_desk.ui.sections import SECTIONS, PlaceholderPage, Section

GEOMETRY_KEY = "main_window/geometry"
SECTION_KEY = "main_window/section"

PageFactory = Callable[[Section], QWidget]


def shorten_middle(text: str, limit: int = 60) -> str:
    if len(text) <= limit:
        return text
    keep = (limit - 1) // 2
    return f"{text[:keep]}…{text[-keep:]}"


class MainWindow(QMainWindow):
    def __init__(
        self,
        *,
        database_label: str,
        is_demo: bool,
        shelter_night: date,
        settings: QSettings,
        pages: dict[str, QWidget] | None = None,
        banner: Callable[[], str] | None = None,
    ) -> None:
        super().__init__()
        self._settings = settings
        self.is_demo = is_demo
        title = f"Shelter Desk {__version__}"
        self.setWindowTitle(f"{title} — DEMO (fictieve gegevens)" if is_demo else title)

        self.navigation = QListWidget()
        self.navigation.setObjectName("sectionNavigation")
        self.navigation.setFixedWidth(220)
        self.navigation.setStyleSheet("QListWidget::item { padding: 8px 6px; }")
        self.pages = QStackedWidget()
        given = pages or {}
        for section in SECTIONS:
            item = QListWidgetItem(section.caption)
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            item.setToolTip(section.purpose)
            self.navigation.addItem(item)
            self.pages.addWidget(given.get(section.key) or PlaceholderPage(section))
            if section.shortcut:
                QShortcut(QKeySequence(section.shortcut), self, self._opener(section.key))
        self.navigation.currentRowChanged.connect(self._show_row)

        # A banner above everything while something holds for the whole desk (the winter arrangement).
        self.banner = QLabel()
        self.banner.setObjectName("mainBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #1e3a8a; color: white; padding: 8px; font-weight: bold; }")
        self._banner_text = banner or (lambda: "")
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.banner)
        layout = QHBoxLayout()
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)
        self.refresh_banner()
        self._banner_timer = QTimer(self, interval=60_000)
        self._banner_timer.timeout.connect(self.refresh_banner)
        self._banner_timer.start()

        # Long paths are shortened in the middle so the night and the DEMO mark stay visible.
        self.database_status = QLabel(f"Database: {shorten_middle(database_label)}")
        self.database_status.setToolTip(database_label)
        self.night_status = QLabel()
        self.set_shelter_night(shelter_night)
        self.statusBar().addWidget(self.database_status, 1)
        if is_demo:
            demo = QLabel("DEMO — fictieve personen")
            demo.setObjectName("demoBadge")
            demo.setStyleSheet("QLabel { background: #b45309; color: white; padding: 1px 8px; font-weight: bold; }")
            self.statusBar().addPermanentWidget(demo)
        self.statusBar().addPermanentWidget(self.night_status)

        self._restore()

    # Sections -------------------------------------------------------------------------------
    def section_keys(self) -> list[str]:
        return [section.key for section in SECTIONS]

    def current_section(self) -> str:
        return SECTIONS[self.navigation.currentRow()].key

    def open_section(self, key: str) -> None:
        self.navigation.setCurrentRow(self.section_keys().index(key))

    def _opener(self, key: str) -> Callable[[], None]:
        return lambda: self.open_section(key)

    def refresh_banner(self) -> None:
        text = self._banner_text()
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self.refresh_banner()
        self.pages.setCurrentIndex(row)
        page = self.pages.currentWidget()
        if page is None:
            return
        focus = page.focusProxy() or page
        focus.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_shelter_night(self, night: date) -> None:
        self.night_status.setText(dutch_night(night).capitalize())

    # Per-workstation memory -----------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self._settings.value(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        key = self._settings.value(SECTION_KEY, SECTIONS[0].key)
        self.open_section(key if key in self.section_keys() else SECTIONS[0].key)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(SECTION_KEY, self.current_section())
        self._settings.sync()
        super().closeEvent(event)
