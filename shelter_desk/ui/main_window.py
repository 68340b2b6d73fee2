"""The main window: section navigation, the status bar with database and night, remembered layout,
and the banners over everything: the offline state (red) and the winter arrangement (blue)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_desk import __version__
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import DeskUser
from shelter_desk.domain.shelter_night import dutch_night
from shelter_desk.ui.background import BackgroundReader
from shelter_desk.ui.error_handling import quietly
from shelter_desk.ui.keyboard import ShortcutOverview
from shelter_desk.ui.permissions import reason_for
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.sections import SECTIONS, PlaceholderPage, Section
from shelter_desk.ui.styles import RESTRICTION_BANNER_STYLE

GEOMETRY_KEY = "main_window/geometry"
NAVIGATION_WIDTH = 180
STATUS_SECONDS = 20
LOCKED_TEXT = "Shelter Desk is vergrendeld.\n\nMeld u aan om verder te werken."
SWITCHING_TEXT = "Een andere medewerker meldt zich aan.\n\nDe vorige medewerker is afgemeld."
# The status bar is visible beside every section, so its button takes no Alt+letter (every letter
# of its name is some section's); signing out by accident (Alt+letter, Enter) is also harder so.
SWITCH_WORKER_KEY = "Ctrl+Shift+M"
# The most common desk laptop: 1366×768 with a taskbar of 40 px.
DESK_SCREEN = QSize(1366, 728)

# A section's page, or what makes it: a page is built when it is first opened, not at the start.
PageSource = QWidget | Callable[[], QWidget]


def shorten_middle(text: str, limit: int = 60) -> str:
    if len(text) <= limit:
        return text
    keep = (limit - 1) // 2
    return f"{text[:keep]}…{text[-keep:]}"


def _scrolling(key: str) -> QScrollArea:
    """A frameless scroll area for a section page: on a small or scaled screen the page scrolls
    instead of pushing the window (and its buttons) past the edge of the screen."""
    scroll = QScrollArea()
    scroll.setObjectName(f"section_{key}")
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    return scroll


# Room beside a dialog's title for the window frame's icon and buttons.
TITLE_FRAME = 140


def show_whole_title(dialog: QDialog) -> None:
    """A small dialog is made wide enough for its whole title (the frame would cut it off),
    never wider than the screen."""
    needed = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle()) + TITLE_FRAME
    screen = dialog.screen()
    if screen is not None:
        needed = min(needed, screen.availableGeometry().width())
    if dialog.width() < needed:
        dialog.resize(needed, dialog.height())


class _PageLayout(QVBoxLayout):
    """Says it has no height-for-width: a scroll area whose page has it (any wrapped label, such as
    a message on show) sizes the page by its preferred heights, and a page that fits scrolled as
    soon as a message appeared. The page inside still wraps its labels to its width."""

    def hasHeightForWidth(self) -> bool:
        return False


class _PageHolder(QWidget):
    """A section page inside its scroll area."""

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.page = page
        layout = _PageLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)

    def minimumSizeHint(self) -> QSize:
        """The page's minimum, plus the lines its wrapped labels (a long message) need beyond one
        at the width they are shown: those get their lines, and what does not fit scrolls
        instead of being cut off."""
        hint = super().minimumSizeHint()
        extra = 0
        for label in self.page.findChildren(QLabel):
            if label.wordWrap() and label.isVisibleTo(self.page) and label.width() > 0:
                extra += max(0, label.heightForWidth(label.width()) - label.minimumSizeHint().height())
        return QSize(hint.width(), hint.height() + extra)


class MainWindow(QMainWindow):
    switch_worker_requested = Signal()  # "Andere medewerker": the app signs the worker out and asks who is next

    def __init__(
        self,
        *,
        database_label: str,
        is_demo: bool,
        shelter_night: date,
        settings: QSettings,
        pages: dict[str, PageSource] | None = None,
        banner: Callable[[], str] | None = None,
        user: Callable[[], DeskUser | None] | None = None,
    ) -> None:
        super().__init__()
        self._settings = settings
        self._user = user or (lambda: None)
        self.is_demo = is_demo
        title = f"Shelter Desk {__version__}"
        self.setWindowTitle(f"{title} — DEMO (fictieve gegevens)" if is_demo else title)

        self.navigation = QListWidget()
        self.navigation.setObjectName("sectionNavigation")
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setStyleSheet("QListWidget::item { padding: 8px 6px; }")
        self.pages = QStackedWidget()
        self._sources = dict(pages or {})
        # A page's maker may hold the window (the winter page refreshes its banner): let go of the
        # makers of pages never opened when the window goes, so nothing keeps it alive after.
        self.destroyed.connect(self._sources.clear)
        for section in SECTIONS:
            item = QListWidgetItem(section.caption)
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            item.setToolTip(section.purpose)
            self.navigation.addItem(item)
            self.pages.addWidget(_scrolling(section.key))
            if section.shortcut:
                QShortcut(QKeySequence(section.shortcut), self, self._opener(section.key))
        self.navigation.currentRowChanged.connect(self._show_row)
        QShortcut(QKeySequence(Qt.Key.Key_F1), self, self.show_shortcuts)
        self.shortcut_overview: ShortcutOverview | None = None

        # While the database cannot be reached: one red banner over everything (ui/offline.py fills it).
        self.offline_banner = QLabel()
        self.offline_banner.setObjectName("offlineBanner")
        self.offline_banner.setWordWrap(True)
        self.offline_banner.setStyleSheet(RESTRICTION_BANNER_STYLE)
        self.offline_banner.hide()
        self.offline_state: QObject | None = None  # what keeps the banner true (app.py wires it)
        # A banner above everything while something holds for the whole desk (the winter arrangement).
        self.banner = QLabel()
        self.banner.setObjectName("mainBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel { background: #1e3a8a; color: white; padding: 8px; font-weight: bold; }")
        self.banner.hide()  # until its read (on the database worker) says there is one
        self._banner_text = banner or (lambda: "")
        self._banner_reader = BackgroundReader(self)
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.offline_banner)
        outer.addWidget(self.banner)
        layout = QHBoxLayout()
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        outer.addLayout(layout, 1)
        # A page's confirmation or refusal, for a while, over the whole width above the status bar:
        # it wraps, so a long Dutch message is never cut off under the DEMO badge or the worker's name.
        self.status_message = QLabel()
        self.status_message.setObjectName("statusMessage")
        self.status_message.setWordWrap(True)
        self.status_message.setStyleSheet("QLabel { padding: 2px 6px; border-top: 1px solid #9ca3af; }")
        self.status_message.hide()
        outer.addWidget(self.status_message)
        # The lock screen: while someone must sign in, nothing of the window's content shows.
        self.cover = QLabel(LOCKED_TEXT)
        self.cover.setObjectName("lockCover")
        self.cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cover.setStyleSheet("QLabel { background: #1f2937; color: white; font-size: 16pt; }")
        self.screens = QStackedWidget()
        self.screens.addWidget(central)
        self.screens.addWidget(self.cover)
        self.setCentralWidget(self.screens)
        self.refresh_banner()
        self._banner_timer = QTimer(self, interval=60_000)
        self._banner_timer.timeout.connect(quietly("Winterbanner bijwerken", self.refresh_banner))
        self._banner_timer.start()

        # Long paths are shortened in the middle so the night and the DEMO mark stay visible.
        self.database_status = QLabel(f"Database: {shorten_middle(database_label)}")
        self.database_status.setToolTip(database_label)
        # The database path gives way first when the status bar is full: who is signed in must show.
        self.database_status.setMinimumWidth(60)
        self.database_status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.night_status = QLabel()
        self.set_shelter_night(shelter_night)
        self.statusBar().addWidget(self.database_status, 1)
        self._message_timer = QTimer(self, singleShot=True, interval=STATUS_SECONDS * 1000)
        self._message_timer.timeout.connect(lambda: self.say(""))
        if is_demo:
            demo = QLabel("DEMO — fictieve personen")
            demo.setObjectName("demoBadge")
            demo.setStyleSheet("QLabel { background: #b45309; color: white; padding: 1px 8px; font-weight: bold; }")
            self.statusBar().addPermanentWidget(demo)
        self.statusBar().addPermanentWidget(self.night_status)
        self.user_status = QLabel()
        self.user_status.setObjectName("userStatus")
        self.switch_button = QPushButton(f"Andere medewerker ({SWITCH_WORKER_KEY})")
        self.switch_button.setObjectName("switchWorker")
        self.switch_button.setToolTip("Afmelden en een collega laten aanmelden (het venster blijft zoals het is)")
        self.switch_button.clicked.connect(self.switch_worker_requested)
        QShortcut(QKeySequence(SWITCH_WORKER_KEY), self, self.switch_worker_requested.emit)
        self.statusBar().addPermanentWidget(self.user_status)
        self.statusBar().addPermanentWidget(self.switch_button)

        self._restore()
        self.apply_role()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # a closing dialog gives the keys back (see eventFilter)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """When a dialog of this window closes and no window is left active (some platforms leave
        none), this window takes the keyboard back, with the focus where the worker left it."""
        if event.type() == QEvent.Type.Hide and isinstance(watched, QDialog) and watched.parent() is not None:
            QTimer.singleShot(0, self, self._take_keys_back)
        elif event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            show_whole_title(watched)
        return False

    def _take_keys_back(self) -> None:
        if QApplication.activeWindow() is not None or not self.isVisible() or self.is_covered():
            return
        still_open = [dialog for dialog in self.findChildren(QDialog) if dialog.isVisible()]
        if still_open:  # the newest dialog still open (a saved intake opened the new record)
            still_open[-1].activateWindow()
            return
        self.activateWindow()
        if self.focusWidget() is None:
            self.current_page().setFocus(Qt.FocusReason.OtherFocusReason)

    # Sections -------------------------------------------------------------------------------
    def section_keys(self) -> list[str]:
        return [section.key for section in SECTIONS]

    def page(self, key: str) -> QWidget:
        """The page of a section (inside its scroll area), built now if it was not yet."""
        row = self.section_keys().index(key)
        scroll = self.pages.widget(row)
        assert isinstance(scroll, QScrollArea)
        holder = scroll.widget()
        return holder.page if isinstance(holder, _PageHolder) else self._build_page(SECTIONS[row], scroll)

    def is_built(self, key: str) -> bool:
        """Whether the section's page exists yet (pages are built when first opened)."""
        scroll = self.pages.widget(self.section_keys().index(key))
        return isinstance(scroll, QScrollArea) and scroll.widget() is not None

    def _build_page(self, section: Section, scroll: QScrollArea) -> QWidget:
        # The start shows one section; the others are built when first needed, which keeps the
        # queries and widgets of nine pages out of the time to a usable window.
        source = self._sources.pop(section.key, None)
        page = source if isinstance(source, QWidget) else source() if source is not None else PlaceholderPage(section)
        if isinstance(page, SectionPage):
            page.said.connect(self.say)
        scroll.setWidget(_PageHolder(page))
        scroll.setFocusProxy(page)  # a SectionPage applies the role of who is signed in when shown
        return page

    def current_page(self) -> QWidget:
        return self.page(self.current_section())

    def current_section(self) -> str:
        return SECTIONS[self.navigation.currentRow()].key

    def open_section(self, key: str) -> None:
        row = self.section_keys().index(key)
        item = self.navigation.item(row)
        if item is not None and not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            self.say(f"{SECTIONS[row].title}: {item.toolTip()}")  # a shortcut to a section not for this role
            return
        self.navigation.setCurrentRow(row)

    def set_covered(self, covered: bool, text: str = LOCKED_TEXT) -> None:
        """Hide (or show again) everything but the lock notice (`text` says why), e.g. while signing in again."""
        self.cover.setText(text)
        self.screens.setCurrentIndex(1 if covered else 0)

    def is_covered(self) -> bool:
        return self.screens.currentWidget() is self.cover

    def apply_role(self) -> None:
        """Show who is signed in, and grey out what their role may not use (with the reason on hover)."""
        user = self._user()
        self.user_status.setText(f"Aangemeld: {user.display_name} ({user.role.label})" if user else "Niet aangemeld")
        self.switch_button.setVisible(user is not None)
        for row, section in enumerate(SECTIONS):
            item = self.navigation.item(row)
            allowed = user is None or user.role.includes(section.permission.minimum_role)
            flags = item.flags()
            item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled if allowed else flags & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(section.purpose if allowed else reason_for(user.role if user else None, section.permission))
        if user is not None and not user.role.includes(SECTIONS[self.navigation.currentRow()].permission.minimum_role):
            self.open_section(SECTIONS[0].key)
        page = self.current_page()
        if isinstance(page, SectionPage):
            page.apply_role()

    def _opener(self, key: str) -> Callable[[], None]:
        return lambda: self.open_section(key)

    def say(self, text: str) -> None:
        """A page's confirmation or refusal, also in the status bar for a while."""
        self.status_message.setText(text)
        self.status_message.setToolTip(text)
        self.status_message.setVisible(bool(text))
        if text:
            self._message_timer.start()

    def show_shortcuts(self) -> ShortcutOverview:
        """F1: the keys of the whole window and of the open section."""
        page = self.current_page()
        section = SECTIONS[self.navigation.currentRow()]
        overview = ShortcutOverview(
            section.title,
            [(s.shortcut, s.title) for s in SECTIONS],
            list(page.keys) if isinstance(page, SectionPage) else [],
            page,
            self,
        )
        self.shortcut_overview = overview
        overview.open()
        return overview

    def refresh_banner(self) -> None:
        """Read the winter banner again, on the database worker (a switch of section or the
        minute's timer never waits for it); without the database it keeps what it said (and the
        offline banner above it says why), never a dialog from a timer or a switch of section."""
        self._banner_reader.run(self._banner_text, self._show_banner, self._banner_not_read)

    def _show_banner(self, text: object) -> None:
        assert isinstance(text, str)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _banner_not_read(self, error: BaseException) -> None:
        if not isinstance(error, DeskError):
            raise error

    def set_offline(self, text: str) -> None:
        """Show the offline banner with `text`, or hide it when `text` is empty."""
        self.offline_banner.setText(text)
        self.offline_banner.setVisible(bool(text))

    def is_offline(self) -> bool:
        return not self.offline_banner.isHidden()

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self.refresh_banner()
        self.pages.setCurrentIndex(row)
        page = self.current_page()
        focus = page.focusProxy() or page
        focus.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target = focus
        while (proxy := target.focusProxy()) is not None:
            target = proxy
        if isinstance(target, QLineEdit):
            target.selectAll()  # back on a section's search: the next name replaces the last one

    def set_shelter_night(self, night: date) -> None:
        self.night_status.setText(dutch_night(night).capitalize())

    # Per-workstation memory -----------------------------------------------------------------
    def show_on_screen(self) -> None:
        """Show the window: as this workstation left it, or the first time maximised on the
        screen's available area (the status bar never under the taskbar)."""
        if self._settings.value(GEOMETRY_KEY) is None:
            screen = self.screen()
            if screen is not None:
                self.setGeometry(screen.availableGeometry())
            self.showMaximized()
        else:
            self.show()

    def _restore(self) -> None:
        """The window's size and place as this workstation left it; always opening on the Balie
        (the evening starts with someone at the counter, not where the last shift was)."""
        geometry = self._settings.value(GEOMETRY_KEY)
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableSize() if self.screen() else DESK_SCREEN
            self.resize(min(screen.width(), DESK_SCREEN.width()), min(screen.height(), DESK_SCREEN.height()))
        self.open_section(SECTIONS[0].key)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.sync()
        super().closeEvent(event)
