"""The one place that wires concrete pieces together: database, services and the Qt window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.location import DatabaseLocation, log_folder
from shelter_desk.services.database_setup import open_and_prepare, summarise
from shelter_desk.services.demo import load_demo
from shelter_desk.services.nights import current_shelter_night
from shelter_desk.services.desk import Desk
from shelter_desk.ui.admin_page import AdminPage
from shelter_desk.ui.bed_board_page import BedBoardPage
from shelter_desk.ui.desk_page import DeskPage
from shelter_desk.ui.error_handling import configure_logging, install_exception_hook, show_error
from shelter_desk.ui.main_window import MainWindow
from shelter_desk.ui.winter_page import WinterPage, winter_banner_text

ORGANISATION = "Shelter Desk"
APPLICATION = "shelter-desk"


def workstation_settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName(APPLICATION)
        app.setOrganizationName(ORGANISATION)
        QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
        translator = QTranslator(app)
        # Qt's own buttons and dialogs in Dutch ("Annuleren", "Ja"), when the translation ships.
        if translator.load("qtbase_nl", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(translator)
    assert isinstance(app, QApplication)
    return app


def build_main_window(location: DatabaseLocation, *, demo: bool, settings: QSettings) -> MainWindow:
    """Open the database (loading the demo once if asked) and build the window on it."""
    db = open_and_prepare(location)
    try:
        night = current_shelter_night(db)
        if demo:
            load_demo(db, night)
        summary = summarise(db)
    except BaseException:
        db.close()
        raise
    desk = Desk(db)
    winter_page = WinterPage(desk)
    window = MainWindow(
        database_label=summary.label, is_demo=summary.is_demo, shelter_night=night, settings=settings,
        pages={"balie": DeskPage(desk), "bedden": BedBoardPage(desk), "winter": winter_page,
               "beheer": AdminPage(desk)},
        banner=lambda: winter_banner_text(desk),
    )
    winter_page.changed.connect(window.refresh_banner)
    window.destroyed.connect(db.close)
    return window


def run_gui(location: DatabaseLocation, *, demo: bool) -> int:
    app = ensure_application()
    configure_logging(log_folder())
    install_exception_hook()
    try:
        window = build_main_window(location, demo=demo, settings=workstation_settings())
    except DeskError as error:
        show_error(None, error.message, title="Database niet geopend")
        return 1
    window.show()
    return app.exec()
