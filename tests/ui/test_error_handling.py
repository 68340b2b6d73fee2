"""An unexpected error: a short Dutch dialog with a reference, the traceback in the log, input kept."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLineEdit

from shelter_desk.domain.errors import DeskError
from shelter_desk.ui import error_handling


def _raise_and_report(error: BaseException) -> str:
    try:
        raise error
    except BaseException:
        return error_handling.report_unexpected(*sys.exc_info())


def test_an_unexpected_error_is_logged_with_the_reference_the_user_sees(qtbot, tmp_path, monkeypatch):
    log = error_handling.configure_logging(tmp_path / "logs")
    shown: list[str] = []
    monkeypatch.setattr(error_handling, "show_error", lambda parent, text, title="": shown.append(text))
    typing = QLineEdit()
    qtbot.addWidget(typing)
    qtbot.keyClicks(typing, "Jan van der Berg, 3-4-1968")

    reference = _raise_and_report(ZeroDivisionError("kapot"))

    assert reference.startswith("SD-")
    assert reference in shown[0] and "onverwachts" in shown[0]
    written = log.read_text(encoding="utf-8")
    assert reference in written and "ZeroDivisionError: kapot" in written and "Traceback" in written
    assert typing.text() == "Jan van der Berg, 3-4-1968"


def test_an_expected_refusal_is_shown_as_it_is_without_a_reference(qtbot, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(error_handling, "show_error", lambda parent, text, title="": shown.append(text))
    assert _raise_and_report(DeskError("Dit bed is net vergeven.")) == ""
    assert shown == ["Dit bed is net vergeven."]


def test_an_unreachable_database_that_reaches_the_hook_is_no_dialog(qtbot, monkeypatch):
    from shelter_desk.domain.errors import DatabaseUnreachable

    shown: list[str] = []
    monkeypatch.setattr(error_handling, "show_error", lambda parent, text, title="": shown.append(text))
    assert _raise_and_report(DatabaseUnreachable("De databaseserver regio:5432 is niet bereikbaar.")) == ""
    assert shown == []  # the window's offline banner says it


def test_work_a_timer_runs_quietly_logs_its_failure_and_opens_no_dialog(qtbot, tmp_path, monkeypatch):
    from shelter_desk.domain.errors import DatabaseUnreachable

    log = error_handling.configure_logging(tmp_path / "logs")
    shown: list[str] = []
    monkeypatch.setattr(error_handling, "show_error", lambda parent, text, title="": shown.append(text))

    def fails(error: BaseException):
        def run() -> None:
            raise error

        return run

    error_handling.quietly("Aanwezigheid melden", fails(DatabaseUnreachable("weg")))()
    error_handling.quietly("Winterbanner bijwerken", fails(DeskError("Meld u opnieuw aan.")))()
    error_handling.quietly("Toegangslogboek controleren", fails(ZeroDivisionError("kapot")))()
    assert shown == []
    written = log.read_text(encoding="utf-8")
    assert "Winterbanner bijwerken niet gelukt: Meld u opnieuw aan." in written
    assert "Toegangslogboek controleren: onverwachte fout SD-" in written and "ZeroDivisionError: kapot" in written
