"""The document language at the desk: chosen on the intake form, shown on the record."""

from __future__ import annotations

import pytest

from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.services.people import load_person, register_person
from shelter_desk.ui.record.person_view import PersonDialog
from shelter_desk.ui.shared.person_form import PersonFormDialog


@pytest.fixture
def form(qtbot, desk):
    dialog = PersonFormDialog(desk)
    qtbot.addWidget(dialog)
    return dialog


def test_the_intake_form_offers_every_shipped_language_with_dutch_first(form):
    labels = [form.document_language.itemText(i) for i in range(form.document_language.count())]
    assert labels[0] == "Nederlands" and "Pools (Polski)" in labels and "Arabisch (العربية)" in labels
    assert form.details().document_language == "nl"


def test_the_language_chosen_at_intake_is_saved(qtbot, form, desk):
    form.first_name.setText("Łukasz")
    form.last_name.setText("Wiśniewski")
    form.document_language.setCurrentIndex(form.document_language.findData("pl"))
    with qtbot.waitSignal(form.saved) as saved:
        form._save(accept_similar=True)
    assert load_person(desk, saved.args[0]).details.document_language == "pl"


def test_the_record_shows_the_document_language(qtbot, desk):
    person = register_person(desk, PersonDetails(first_name="Ion", last_name="Pop", document_language="ro"))
    dialog = PersonDialog(desk, person)
    qtbot.addWidget(dialog)
    shown = [label.text() for label in dialog.details_box.findChildren(type(dialog.title))]
    assert "Taal voor documenten" in " ".join(shown) and "Roemeens (Română)" in shown
