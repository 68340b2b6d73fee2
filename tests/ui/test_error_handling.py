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
