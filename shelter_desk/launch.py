"""The desk's start in two steps: the sign-in window at once, the desk opened behind it.

Loading SQLAlchemy, the models and the Balie page, opening the database and its first check of the
day take about a second. The sign-in window does not wait for them: this module loads Qt only, shows
the sign-in, and runs the rest on a thread of its own while the worker types (shelter_desk.app,
loaded on that thread, holds the database side). Enter then waits only for what is left, saying so.
The opening never touches a widget; what it finds reaches the window's thread through signals.

A database that fails its check is refused untouched, as before: the opening checks before it
writes, whichever thread it runs on. Two read-only steps start beside it at once, as both spend
their time outside Python: the file's check (on the first start of the day SQLite reads the whole
file), which the opening then waits for before it writes anything, and the look-up of the keyring.
"""

from __future__ import annotations

import gc
import importlib
import sys
import threading
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QSettings, Qt, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.file_check import check_in_background, forget_background_check
from shelter_desk.persistence.keys import find_keyring_in_background
from shelter_desk.persistence.location import DatabaseLocation
from shelter_desk.ui.app_icon import application_icon, icon_source
from shelter_desk.ui.error_handling import LOG, install_exception_hook, show_error
from shelter_desk.ui.styles import HINT_STYLE
from shelter_desk.ui.trust.sign_in_form import SignInForm

if TYPE_CHECKING:  # loaded on the opening's thread, never here
    from shelter_desk.app import OpenedDesk
    from shelter_desk.ui.main_window import MainWindow

ORGANISATION = "Shelter Desk"
APPLICATION = "shelter-desk"
REGION_KEY = "desk/region_id"  # this workstation's own region (see Desk.region_id)
DESKTOP_ID = "org.shelterdesk.ShelterDesk"  # resources/desktop/<id>.desktop and .metainfo.xml
WAITING = "Even geduld, de database wordt geopend…"
MAKING = "Even geduld, de nieuwe database wordt aangemaakt…"
PASSPHRASE_ATTEMPTS = 5

# What the sign-in window ends with besides Accepted (signed in) and Rejected (stopped).
NEEDS_ADMINISTRATOR, OPENING_FAILED = 2, 3


def workstation_settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


def workstation_region(settings: QSettings) -> int | None:
    """This workstation's own region (set in Regio vannacht, or remembered from the bed board)."""
    value = settings.value(REGION_KEY)
    try:
        return int(str(value)) if value not in (None, "") else None
    except ValueError:
        return None


def awaits_its_first_administrator(location: DatabaseLocation, *, demo: bool) -> bool:
    """A file not made yet (a demo comes with its accounts): nobody can sign in to it."""
    if demo or location.path is None:
        return False
    return not location.path.exists() or location.path.stat().st_size == 0


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName(APPLICATION)
        app.setOrganizationName(ORGANISATION)
        app.setDesktopFileName(DESKTOP_ID)  # Wayland and the task bar find the icon through it
        app.setWindowIcon(application_icon())
        QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
        translator = QTranslator(app)
        # Qt's own buttons and dialogs in Dutch ("Annuleren", "Ja"), when the translation ships.
        if translator.load("qtbase_nl", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(translator)
    assert isinstance(app, QApplication)
    return app


class Opening(QObject):
    """Loads the database side, unlocks and opens the desk on a thread of its own.

    `opened` carries the OpenedDesk, `failed` the exception (None: stopped at the passphrase);
    both arrive on the window's thread. A passphrase is asked there too, the thread waiting.
    """

    opened = Signal(object)
    failed = Signal(object)
    _passphrase_wanted = Signal(bool)

    def __init__(self, location: DatabaseLocation, *, demo: bool, region_id: int | None) -> None:
        super().__init__()
        self._location, self._demo, self._region_id = location, demo, region_id
        self.app: ModuleType | None = None
        self.result: OpenedDesk | None = None
        self.retry = False  # a mistyped passphrase: ask again
        self._answer: str | None = None
        self._answered = threading.Event()
        self._stopped = False
        self._passphrase_wanted.connect(self._ask_passphrase, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._run, name="desk-opening", daemon=True)

    def start(self) -> None:
        location = self._location
        if location.path is not None and (not location.encrypted or location.key):
            # The key is known without asking: the file's check need not wait for the imports.
            check_in_background(location.path, location.key if location.encrypted else None)
        self._thread.start()
        # Once the sign-in is on screen (the timer fires in its event loop): loading keyring is
        # Python work that would otherwise delay the window taking keys.
        QTimer.singleShot(0, find_keyring_in_background)

    def wait(self) -> None:
        """Until the opening ends; a passphrase it still asks for is answered 'none' (stopped)."""
        self._stopped = True
        while self._thread.is_alive():
            QApplication.processEvents()
            self._thread.join(0.02)

    def _run(self) -> None:
        try:
            app = importlib.import_module("shelter_desk.app")  # the database side: here, not at start
            self.app = app
            app.start_logging()
            # Kept here, not only sent: the window's thread may have stopped listening (Stoppen).
            self.result = opened = app.unlock_and_open(
                self._location, self._passphrase, demo=self._demo, region_id=self._region_id
            )
            if opened is None:
                self.failed.emit(None)
                return
        except BaseException as error:  # noqa: BLE001 - said on the window's thread, which decides
            self.retry = self.app is not None and self.app.is_wrong_key(error, self._location)
            self.failed.emit(error)
            return
        self.opened.emit(opened)

    def _passphrase(self, is_new: bool) -> str | None:
        """On the opening's thread: ask on the window's thread and wait for the answer."""
        self._answered.clear()
        self._passphrase_wanted.emit(is_new)
        self._answered.wait()
        return self._answer

    def _ask_passphrase(self, is_new: bool) -> None:
        assert self.app is not None
        try:
            self._answer = None if self._stopped else self.app.ask_passphrase(is_new)
        finally:
            self._answered.set()


class StartSignIn(SignInForm):
    """The sign-in shown at once; Enter before the desk is open waits for it, saying so."""

    def __init__(self, opening: Opening, *, new_database: bool) -> None:
        super().__init__(self._sign_in)
        self._opening = opening
        self._waiting_to_sign_in = False
        self.failure: BaseException | None = None
        self.waiting = QLabel(MAKING if new_database else WAITING)
        self.waiting.setObjectName("waitingForTheDatabase")
        self.waiting.setStyleSheet(HINT_STYLE)
        self.waiting.setVisible(new_database)
        self.add_line(self.waiting)
        self._set_typing(not new_database)  # a new database: nobody can sign in yet
        opening.opened.connect(self._on_opened)
        opening.failed.connect(self._on_failed)

    def is_open(self) -> bool:
        return self._opening.result is not None

    def attempt(self) -> None:
        if not self.is_open():
            self._waiting_to_sign_in = True
            self.error.hide()
            self.waiting.setText(WAITING)
            self.waiting.show()
            self._set_typing(False)
            return
        super().attempt()

    def _sign_in(self, username: str, password: str) -> str | None:
        assert self._opening.result is not None
        return self._opening.result.sign_in(username, password)

    def _set_typing(self, enabled: bool) -> None:
        for widget in (self.username, self.password, self.ok):
            widget.setEnabled(enabled)

    def _on_opened(self, opened: OpenedDesk) -> None:
        if not opened.accounts:
            self.done(NEEDS_ADMINISTRATOR)
            return
        self.set_hint(opened.hint)
        self.waiting.hide()
        self._set_typing(True)
        if self._waiting_to_sign_in:
            self._waiting_to_sign_in = False
            self.attempt()
        elif not self.username.hasFocus() and not self.password.hasFocus():
            self.username.setFocus()

    def _on_failed(self, error: BaseException | None) -> None:
        self.failure = error
        self.done(OPENING_FAILED)


def _sign_in_at_start(
    location: DatabaseLocation, *, demo: bool, settings: QSettings
) -> tuple[Opening, OpenedDesk] | int:
    """The sign-in window while the desk opens: the opening and the desk signed in to, or the
    exit code when the start ends here (stopped, or the database refused)."""
    try:
        return _sign_in_while_opening(location, demo=demo, settings=settings)
    finally:
        forget_background_check()  # a check the opening did not take stands in for no later one


def _sign_in_while_opening(
    location: DatabaseLocation, *, demo: bool, settings: QSettings
) -> tuple[Opening, OpenedDesk] | int:
    region_id = workstation_region(settings)
    for _attempt in range(PASSPHRASE_ATTEMPTS):
        opening = Opening(location, demo=demo, region_id=region_id)
        dialog = StartSignIn(opening, new_database=awaits_its_first_administrator(location, demo=demo))
        opening.start()
        outcome = dialog.exec()
        if outcome == OPENING_FAILED:
            opening.wait()
            if dialog.failure is None:
                return 0  # stopped at the passphrase
            if not isinstance(dialog.failure, DeskError):
                raise dialog.failure
            show_error(None, dialog.failure.message, title="Database niet geopend")
            if opening.retry:
                continue
            return 1
        break
    else:
        return 1
    opening.wait()
    opened = opening.result
    if opened is None:  # stopped before the desk was open
        return 0
    if outcome == NEEDS_ADMINISTRATOR:
        outcome = QDialog.DialogCode.Accepted if opened.first_administrator() else QDialog.DialogCode.Rejected
    if outcome != QDialog.DialogCode.Accepted:
        opened.close()
        return 0
    return opening, opened


def run_gui(location: DatabaseLocation, *, demo: bool, settings: QSettings | None = None) -> int:
    """Sign-in window first, desk opened behind it; then the main window. The process's exit code."""
    app = ensure_application()
    install_exception_hook()
    settings = settings if settings is not None else workstation_settings()
    # The opening allocates much on its own thread; a collection there could free a Qt object
    # away from the window's thread. The window's collector (ui.collector) takes over later.
    collecting = gc.isenabled()
    gc.disable()
    try:
        signed_in = _sign_in_at_start(location, demo=demo, settings=settings)
    except BaseException:
        if collecting:
            gc.enable()
        raise
    if not isinstance(signed_in, tuple):
        if collecting:
            gc.enable()  # no window: collection as before
        return signed_in
    opening, opened = signed_in
    assert opening.app is not None
    window: MainWindow = opening.app.window_for(opened, settings)
    # Qt's objects and the modules live as long as the desk: keep the garbage collector from
    # walking them again and again (its full passes were the p90 spikes of the benchmarks); the
    # search index is frozen the same way once its background build is done.
    gc.freeze()
    window.show_on_screen()  # maximised on the available screen the first time, else as left
    if app.windowIcon().pixmap(32, 32).isNull():
        # A bundle or package without Qt's SVG plugins (or the SVG): the desk works, unrecognisable.
        LOG.warning("The application icon cannot be drawn from %s", icon_source())
    code = app.exec()
    # Delete the window now, so the database closes cleanly (checkpointed, no log left behind:
    # the next start can skip the whole-file check) and this desk leaves the presence list.
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code
