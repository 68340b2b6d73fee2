"""The one place that wires concrete pieces together: database, services and the Qt window."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget
from shiboken6 import isValid as shiboken_valid

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Role
from shelter_desk.launch import REGION_KEY, workstation_region
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.file_check import WRONG_KEY
from shelter_desk.persistence.location import DatabaseLocation, log_folder
from shelter_desk.persistence.log_chain_keys import chain_key
from shelter_desk.persistence.snapshots import snapshot_store_for
from shelter_desk.persistence.types import utc_now
from shelter_desk.services.beds import end_stays_of_people_who_stopped_coming, keep_stays_running, region_tonight
from shelter_desk.services.kernel import (
    DatabaseSummary,
    Desk,
    current_shelter_night,
    offline_since,
    open_and_prepare,
    read_settings,
    summarise,
    unlock,
)
from shelter_desk.services.trust import (
    announce_presence,
    backup_state,
    backup_warning,
    chain_warning,
    daily_backup,
    default_backup_folder,
    has_accounts,
    leave,
)
from shelter_desk.services.trust import sign_in as sign_in_with_password
from shelter_desk.ui.background import database_worker
from shelter_desk.ui.collector import collect_on_the_window_thread
from shelter_desk.ui.error_handling import LOG, configure_logging, quietly
from shelter_desk.ui.feedback import save_folder
from shelter_desk.ui.machine_faults import DeskFolder, Finished, age_text, fallback_folder, folder_notice, show_notice
from shelter_desk.ui.main_window import LOCKED_TEXT, SWITCHING_TEXT, MainWindow
from shelter_desk.ui.offline import OfflineState
from shelter_desk.ui.record.front_desk_page import FrontDeskPage
from shelter_desk.ui.shared.records import RecordWindow, register_record_window
from shelter_desk.ui.trust.passphrase_dialog import ask_passphrase as ask_passphrase  # the start asks with it
from shelter_desk.ui.trust.sign_in_dialog import FirstAdministratorDialog, SignInDialog
from shelter_desk.ui.winter.banner import winter_banner_text

BACKGROUND_AFTER_MS = 250  # the daily backup and the search index start once the window has painted
COPY_FIRST_MS, COPY_EVERY_MS = 2_000, 120_000  # the local roll-call copy: soon after the start, then every 2 min


SignIn = Callable[[Desk, bool], bool]


def _demo_password() -> str:
    """The demo's password, loaded with the demo's loader only when a demo is open."""
    from shelter_desk.services.demo import DEMO_PASSWORD

    return DEMO_PASSWORD


def ask_sign_in(desk: Desk, demo: bool) -> bool:
    """The first administrator on a new database, then the sign-in; False when the user stops."""
    if not has_accounts(desk.db):
        if FirstAdministratorDialog(desk).exec() != QDialog.DialogCode.Accepted:
            return False
        return True
    hint = (
        f"Demodatabase: meld u aan als balie, begeleider, coordinator of beheerder met wachtwoord '{_demo_password()}'."
        if demo
        else ""
    )
    return SignInDialog(desk, hint=hint).exec() == QDialog.DialogCode.Accepted


@dataclass
class OpenedDesk:
    """The desk's database opened and checked, nobody signed in yet: what the start does while
    the worker types (on a thread of its own, see shelter_desk.launch), no widget touched."""

    desk: Desk
    summary: DatabaseSummary
    night: date
    accounts: bool  # False: a new database, whose first administrator is made at the start

    @property
    def hint(self) -> str:
        """The sign-in's line for the demo: which accounts and password work."""
        if not self.summary.is_demo:
            return ""
        return f"Demodatabase: meld u aan als balie, coordinator of beheerder met wachtwoord '{_demo_password()}'."

    def sign_in(self, username: str, password: str) -> str | None:
        """Sign in on the opened desk; the Dutch refusal, or None when signed in."""
        try:
            sign_in_with_password(self.desk, username, password)
        except DeskError as refused:
            return refused.message
        return None

    def first_administrator(self) -> bool:
        """The first administrator of a new database (a dialog); False when the user stops."""
        return FirstAdministratorDialog(self.desk).exec() == QDialog.DialogCode.Accepted

    def close(self) -> None:
        self.desk.db.close()


def open_desk(location: DatabaseLocation, *, demo: bool, region_id: int | None) -> OpenedDesk:
    """Open the database (its check first: a bad file is refused untouched), load the demo once
    if asked, and make the desk on it. No widget: this may run beside the sign-in window."""
    db = open_and_prepare(location)
    try:
        night = current_shelter_night(db)
        if demo:
            from shelter_desk.services.demo import load_demo  # the demo's loader: only for the demo

            load_demo(db, night)
        summary = summarise(db)
        idle = read_settings(db).security_idle_minutes
        desk = Desk(
            db,
            idle_limit=timedelta(minutes=idle),
            region_id=region_id,
            snapshots=snapshot_store_for(db.location),
        )
        chain_key(db.location)  # the access log's key (the keyring loads slowly): the sign-in logs with it
        return OpenedDesk(desk, summary, night, accounts=has_accounts(db))
    except BaseException:
        db.close()
        raise


def unlock_and_open(
    location: DatabaseLocation, ask: Callable[[bool], str | None], *, demo: bool, region_id: int | None
) -> OpenedDesk | None:
    """The start's opening: the key (asked through `ask` when no keyring or environment has it),
    then the desk. None when no passphrase was given."""
    unlocked = unlock(location, ask)
    if unlocked is None:
        return None
    return open_desk(unlocked, demo=demo, region_id=region_id)


def is_wrong_key(error: BaseException, location: DatabaseLocation) -> bool:
    """A mistyped passphrase of an encrypted database: the start asks again."""
    return isinstance(error, DeskError) and WRONG_KEY in error.message and location.encrypted


def build_main_window(
    location: DatabaseLocation, *, demo: bool, settings: QSettings, sign_in: SignIn = ask_sign_in
) -> MainWindow | None:
    """Open the database (loading the demo once if asked), sign in, and build the window on it.

    None when the user stopped at the sign-in.
    """
    opened = open_desk(location, demo=demo, region_id=workstation_region(settings))
    try:
        if not sign_in(opened.desk, opened.summary.is_demo):
            opened.close()
            return None
    except BaseException:
        opened.close()
        raise
    return window_for(opened, settings)


def _person_record(desk: Desk, person_id: int, parent: QWidget | None) -> RecordWindow:
    """The person record, its module (and the features it reaches) loaded when first opened."""
    from shelter_desk.ui.record.person_view import PersonDialog

    return PersonDialog(desk, person_id, parent)


def window_for(opened: OpenedDesk, settings: QSettings) -> MainWindow:
    """The main window on a desk someone signed in to (on the window's thread), the Balie open."""
    desk, db, night, summary = opened.desk, opened.desk.db, opened.night, opened.summary
    register_record_window(_person_record)

    start_step = _StartStep(desk)

    # Each page is built, and its module loaded, when its section is first opened (the Balie at
    # once): the time to a usable window holds one page, not ten.
    def bed_board() -> QWidget:
        from shelter_desk.ui.beds.board_page import BedBoardPage

        return BedBoardPage(desk, remember_region=remember_region)

    def winter() -> QWidget:
        from shelter_desk.ui.winter.page import WinterPage

        page = WinterPage(desk)
        page.changed.connect(window.refresh_banner)
        return page

    def postal() -> QWidget:
        from shelter_desk.ui.postal.page import PostalPage

        return PostalPage(desk)

    def transfers() -> QWidget:
        from shelter_desk.ui.transfers.page import TransfersPage

        return TransfersPage(desk)

    def reports() -> QWidget:
        from shelter_desk.ui.monitor.page import ReportsPage

        return ReportsPage(desk)

    def admin() -> QWidget:
        from shelter_desk.ui.admin.page import AdminPage

        return AdminPage(desk)

    def region() -> QWidget:
        from shelter_desk.ui.beds.region_page import RegionTonightPage

        return RegionTonightPage(desk, remember_region=remember_region)

    def drop_in() -> QWidget:
        from shelter_desk.ui.dropin.page import DropInPage

        return DropInPage(desk)

    def plans() -> QWidget:
        from shelter_desk.ui.plans.page import PlansPage

        return PlansPage(desk)

    def remember_region(region_id: int) -> None:
        settings.setValue(REGION_KEY, region_id)

    collect_on_the_window_thread()  # the desk's threads (search index, backup, watch, worker) start now
    window = MainWindow(
        database_label=summary.label,
        is_demo=summary.is_demo,
        shelter_night=night,
        settings=settings,
        pages={
            "balie": lambda: FrontDeskPage(desk),
            "bedden": start_step.before(bed_board),
            "winter": start_step.before(winter),
            "postadressen": start_step.before(postal),
            "overdrachten": start_step.before(transfers),
            "rapportages": start_step.before(reports),
            "beheer": start_step.before(admin),
            "regio": start_step.before(region),
            "inloop": start_step.before(drop_in),
            "plannen": start_step.before(plans),
        },
        banner=lambda: winter_banner_text(desk),
        user=lambda: desk.user,
    )
    QTimer.singleShot(BACKGROUND_AFTER_MS, window, start_step.queue)
    _warn_about_the_access_log(desk, window)
    window.offline_state = OfflineState(desk, window)
    _keep_the_roll_call_copy(desk, window)
    lock = IdleLock(desk, window)
    window.switch_worker_requested.connect(lock.switch_worker)
    _keep_presence(desk, window)
    _keep_stays_running_each_night(desk, window)
    # Never before the window: the daily copy and the search index are made once it has painted
    # (a search meanwhile asks the database directly); both finish before the database closes.
    backup_done = Finished(window)
    backup_done.done.connect(quietly("Back-ups nagaan", lambda: _warn_about_backups(desk, window)))
    backup = threading.Thread(target=_daily_backup, args=(db, backup_done.done.emit), name="daily-backup")
    QTimer.singleShot(BACKGROUND_AFTER_MS, window, backup.start)
    # The index lives as long as the desk: once built, the garbage collector stops walking it
    # (at 300 000 persons a full pass over it took longer than any desk action).
    desk.search.build_in_background(after=BACKGROUND_AFTER_MS / 1000, then=gc.freeze)
    window.destroyed.connect(lambda: backup.join() if backup.is_alive() else None)
    window.destroyed.connect(desk.search.wait_until_built)
    # A read still running on the database worker ends before its database closes (at most the
    # client deadline, persistence.deadlines, when the server hangs).
    window.destroyed.connect(lambda: database_worker().waitForDone(15_000))
    window.destroyed.connect(db.close)
    QTimer.singleShot(
        BACKGROUND_AFTER_MS,
        window,
        quietly("Mappen controleren", lambda: _say_which_folders_cannot_be_written(desk, window)),
    )
    return window


def show_log_warning(parent: QWidget, text: str) -> None:
    # Not modal: a timer's warning must not stop the window (and the desk's timers) until OK.
    show_notice(parent, "Toegangslogboek niet in orde", text, QMessageBox.Icon.Critical)


def _warn_about_the_access_log(desk: Desk, window: MainWindow) -> None:
    """A coordinator or administrator who signs in hears at once when the access log was tampered with.

    The check runs from the signed head on (only the lines since the last check), so it is quick
    on a log of years; the warning is itself logged.
    """
    if desk.user is None or not desk.user.role.includes(Role.COORDINATOR):
        return

    def check() -> None:
        try:
            text = chain_warning(desk)
        except DeskError as refused:  # locked meanwhile (idle): a timer never raises at the worker
            LOG.info("Toegangslogboek niet gecontroleerd: %s", refused.message)
            return
        if text:
            LOG.error("Toegangslogboek: %s", text)
            show_log_warning(window, text)

    # Once the window has painted: the check reads the chain's key (the keyring loads slowly).
    QTimer.singleShot(BACKGROUND_AFTER_MS, window, quietly("Toegangslogboek controleren", check))


def _daily_backup(db: Database, then: Callable[[], object] = lambda: None) -> None:
    """A missing backup must not keep the desk closed: log it (it is recorded too) and carry on."""
    try:
        if db.location.path is not None:
            daily_backup(db, default_backup_folder(db), utc_now())
    except DeskError as error:
        LOG.warning("Automatische back-up mislukt: %s", error.message)
    finally:
        try:
            then()
        except RuntimeError:  # the window (and its signal) closed meanwhile: nobody left to tell
            pass


def _warn_about_backups(desk: Desk, window: MainWindow) -> None:
    """After the day's backup attempt: a coordinator sees the last good backup's age in the status
    bar, and hears when it is older than the setting (with the folder and the last failure)."""
    if desk.user is None or not desk.user.role.includes(Role.COORDINATOR) or desk.db.location.path is None:
        return
    age = backup_state(desk, default_backup_folder(desk.db)).age(desk.now())
    label = QLabel("Back-up: " + ("geen" if age is None else f"{age_text(age)} oud"))
    label.setObjectName("backupAge")
    label.setToolTip("De leeftijd van de laatste goede back-up (Beheer zegt meer).")
    window.statusBar().addPermanentWidget(label)
    text = backup_warning(desk, default_backup_folder(desk.db))
    if text:
        LOG.warning("Back-up: %s", text)
        show_notice(window, "Geen recente back-up", text)


def _say_which_folders_cannot_be_written(desk: Desk, window: MainWindow) -> None:
    """Once at start: the folders this desk writes to that it cannot, and what that stops."""
    folders = [
        DeskFolder(log_folder(), "het logboek voor de beheerder bijhouden", fallback_folder("logboek")),
        DeskFolder(save_folder(), "afdrukken (PDF's) opslaan", fallback_folder("afdrukken")),
    ]
    if desk.db.location.path is not None:
        folders.append(DeskFolder(default_backup_folder(desk.db), "de dagelijkse back-up maken"))
    if desk.snapshots is not None:
        folders.append(
            DeskFolder(
                desk.snapshots.path.parent,
                "de lokale kopie van de appèllijst bijhouden (voor een storing van het netwerk)",
            )
        )
    text = folder_notice(folders)
    if text:
        show_notice(window, "Mappen niet beschrijfbaar", text)


def start_logging() -> None:
    """The log in the user's log folder, else in the temporary folder: the start never stops on it
    (the folder notice says which folder could not be written, once the window is up)."""
    for folder in (log_folder(), fallback_folder("logboek")):
        try:
            configure_logging(folder)
            return
        except OSError:
            continue


class _StartStep:
    """The start's stays step on the database worker: queued once the Balie has painted and its
    search has the cursor (the step is Python-heavy and would slow that), and in any case before
    the first other page is built: one worker thread, first come first served, so every read of
    those pages comes after it and sees the stays made true."""

    def __init__(self, desk: Desk) -> None:
        self._desk = desk
        self._queued = False

    def queue(self) -> None:
        if not self._queued:
            self._queued = True
            _on_the_database_worker(
                "Verblijven bijwerken bij de start", lambda: _end_stays_of_people_who_stopped_coming(self._desk)
            )

    def before(self, page: Callable[[], QWidget]) -> Callable[[], QWidget]:
        def build() -> QWidget:
            self.queue()
            return page()

        return build


def _end_stays_of_people_who_stopped_coming(desk: Desk) -> None:
    """Once at start-up, after sign-in (on the database worker, see _StartStep): the desk's
    picture of who still has a stay starts true.

    The sweep is a write the desk asks for here (and at each no-show release), never a side
    effect of reading the board; the coordinator finds what it ended on the board's list.
    """
    ended = end_stays_of_people_who_stopped_coming(desk)
    if ended:
        LOG.info("%d verblijven beëindigd: gestopt met komen", len(ended))
    written = keep_stays_running(desk)
    if written:
        LOG.info("%d nachten van lopende verblijven vastgehouden", written)


def _keep_stays_running_each_night(desk: Desk, window: MainWindow) -> None:
    """When the shelter night turns while the desk is open, the daily step runs again (a scheduled
    write, never a read's side effect): residents stay in, running stays keep holding their beds.

    The start ran it already; each tick asks the database on the database worker, never on the
    window's thread, so a slow or hung server never holds the window.
    """
    last: list[date | None] = [None]

    def turn() -> None:
        with desk.in_background():
            tonight = desk.tonight()
            if last[0] is not None and tonight != last[0]:
                keep_stays_running(desk)
            last[0] = tonight

    timer = QTimer(window, interval=5 * 60_000)
    timer.timeout.connect(lambda: _on_the_database_worker("Dagelijkse stap voor lopende verblijven", turn))
    timer.start()


def _on_the_database_worker(what: str, work: Callable[[], object]) -> None:
    """Background work of a timer on the desk's one database worker; a failure is logged (offline
    or locked: the next tick tries again), never a dialog."""

    def run() -> None:
        try:
            work()
        except DeskError as error:
            LOG.warning("%s niet gelukt: %s", what, error.message)
        except Exception:  # noqa: BLE001 - a timer's work must not end the worker thread
            LOG.exception("%s niet gelukt", what)

    database_worker().start(run)


def _keep_presence(desk: Desk, window: MainWindow) -> None:
    """Tell other desks this one is open (restores wait for it), every minute, until it closes.

    The first time too on the database worker, once the Balie has painted: a write on the
    window's thread would wait for the start's stays step while the Balie should take keys."""
    QTimer.singleShot(
        BACKGROUND_AFTER_MS,
        window,
        lambda: _on_the_database_worker("Aanwezigheid melden", lambda: announce_presence(desk)),
    )
    timer = QTimer(window, interval=60_000)
    # A heartbeat that fails (the database is away) says nothing itself: the offline banner does.
    timer.timeout.connect(lambda: _on_the_database_worker("Aanwezigheid melden", lambda: _heartbeat(desk)))
    timer.start()
    window.destroyed.connect(lambda: leave(desk))


def _heartbeat(desk: Desk) -> None:
    with desk.in_background():  # a heartbeat is not the worker's activity: the idle clock stays
        announce_presence(desk)


def _keep_the_roll_call_copy(desk: Desk, window: MainWindow) -> None:
    """Keep this computer's roll-call copy of the own region recent, whether or not anyone opens
    Regio vannacht (whose every read keeps it too): the offline banner promises a copy of HH:MM.

    Once when the window is up, then every few minutes; not while the database is away (the copy
    must stay the last true one) nor while the desk is locked (no worker, no names read).
    """

    def keep() -> None:
        if offline_since(desk) is None and not desk.is_locked():
            with desk.in_background():
                region_tonight(desk, desk.tonight())

    def kept() -> None:  # on the database worker: a region's read never holds the window
        _on_the_database_worker("Lokale kopie van de appèllijst bijwerken", keep)

    QTimer.singleShot(COPY_FIRST_MS, window, kept)
    timer = QTimer(window, interval=COPY_EVERY_MS)
    timer.timeout.connect(kept)
    timer.start()


class IdleLock(QObject):
    """Keys and clicks keep the session alive; after the idle time the desk asks to sign in again."""

    def __init__(self, desk: Desk, window: MainWindow) -> None:
        super().__init__(window)
        self._desk, self._window = desk, window
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._timer = QTimer(self, interval=15_000)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        self._asking = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress) and not self._asking:
            self._desk.touch()
        return False

    def check(self) -> None:
        if self._asking or not self._desk.is_locked():
            return
        self._ask_sign_in(same_worker=True)

    def switch_worker(self) -> None:
        """'Andere medewerker': sign the current worker out and let a colleague sign in."""
        if self._asking:
            return
        self._desk.lock()
        self._ask_sign_in(same_worker=False)

    def _ask_sign_in(self, *, same_worker: bool) -> None:
        """Cover the window and its open dialogs (no personal data behind the lock) until someone
        signs in; then show them again with that worker's role."""
        self._asking = True
        window = self._window
        # Where the worker was typing gets the keys again after signing in (none lost to a
        # window or dialog that is not active).
        focused = QApplication.focusWidget()
        hidden = [dialog for dialog in window.findChildren(QDialog) if dialog.isVisible()]
        for dialog in hidden:
            dialog.hide()
        window.set_covered(True, LOCKED_TEXT if same_worker else SWITCHING_TEXT)
        try:
            while True:
                dialog = SignInDialog(self._desk, window, locked=True)
                if not same_worker:
                    dialog.setWindowTitle("Andere medewerker — aanmelden")
                    dialog.username.clear()
                    dialog.username.setFocus()
                self.sign_in_dialog = dialog
                if dialog.exec() == QDialog.DialogCode.Accepted:
                    break  # the window stays covered until someone signs in
        finally:
            self._asking = False
            window.set_covered(False)
            for dialog in hidden:
                dialog.show()
            window.apply_role()
            if focused is not None and shiboken_valid(focused) and focused.isVisible():
                focused.window().activateWindow()
                focused.setFocus(Qt.FocusReason.OtherFocusReason)
