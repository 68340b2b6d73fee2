"""Person record → "Inzage": a coordinator saves the PDF (opened) and the JSON beside it; the front desk cannot."""

from __future__ import annotations

import json

import pytest

from shelter_desk.domain.roles import Role
from shelter_desk.ui import feedback
from shelter_desk.ui.record import person_view
from shelter_desk.ui.record.person_view import PersonDialog


def _record(qtbot, desk, person, tmp_path, monkeypatch):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    opened: list = []
    monkeypatch.setattr(person_view, "open_with_system", opened.append)
    dialog = PersonDialog(desk, person)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, opened


@pytest.mark.role(Role.COORDINATOR)
def test_the_inzage_saves_the_pdf_opened_and_the_json_beside_it(qtbot, desk, region, tmp_path, monkeypatch):
    dialog, opened = _record(qtbot, desk, region.people["jan"], tmp_path, monkeypatch)
    dialog.inzage_button.click()
    person = region.people["jan"]
    assert opened == [tmp_path / "docs" / f"inzage-persoon-{person}.pdf"]
    document = json.loads((tmp_path / "docs" / f"inzage-persoon-{person}.json").read_text(encoding="utf-8"))
    assert document["naam"] == "Jan Berg" and document["toegangslog"]["regels"]


def test_the_front_desk_sees_the_inzage_greyed_out(qtbot, desk, region, tmp_path, monkeypatch):
    dialog, _opened = _record(qtbot, desk, region.people["jan"], tmp_path, monkeypatch)
    assert not dialog.inzage_button.isEnabled()
