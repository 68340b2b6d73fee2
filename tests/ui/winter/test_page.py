"""A cold snap on screen: forecast → recommendation → activation → admission → end → leftovers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.restrictions import RestrictionTerms
from shelter_desk.domain.roles import Role
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.people.records import register_person
from shelter_desk.services.people.restrictions import add_restriction
from shelter_desk.services.winter.arrangement import activations
from shelter_desk.ui import feedback
from shelter_desk.ui.main_window import MainWindow
from shelter_desk.ui.winter.banner import winter_banner_text
from shelter_desk.ui.winter.page import WinterPage
from tests.ui.paper import print_to_file
from tests.ui.waiting import searched, suggested

NIGHT = date(2026, 11, 24)


@pytest.fixture
def page(qtbot, desk, region, tmp_path, monkeypatch):
    monkeypatch.setattr(feedback, "save_folder", lambda: tmp_path / "docs")
    opened: list = []
    widget = WinterPage(desk, open_file=opened.append)
    widget.opened = opened
    widget.questions = []  # the confirmations asked, answered yes
    widget.confirm = lambda title, question, yes: widget.questions.append(question) or True
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _type_forecast(page, row, temperature, wind):
    page.forecast.table.item(row, 1).setText(temperature)
    page.forecast.table.item(row, 2).setText(wind)


def test_the_forecast_shows_felt_temperatures_and_recommends_activation(page):
    _type_forecast(page, 1, "-3", "25")
    _type_forecast(page, 2, "-8", "15")
    assert page.forecast.table.item(1, 3).text().startswith("−9,8 °C")
    assert page.forecast.table.item(1, 4).text() == "fase 1"
    assert page.forecast.table.item(2, 4).text() == "fase 2"
    assert "Activering aanbevolen (fase 2)" in page.forecast.advice.text()
    assert page.decision.first_night.date().toPython() == NIGHT + timedelta(days=1)
    assert page.decision.last_night.date().toPython() == NIGHT + timedelta(days=2)


def test_absurd_wind_is_refused_in_dutch(page):
    _type_forecast(page, 0, "-5", "300")
    assert "niet aannemelijk" in page.forecast.error.text()


@pytest.mark.role(Role.COORDINATOR)
def test_activation_then_admission_then_end_then_leftovers(qtbot, page, desk, region):
    _type_forecast(page, 0, "-3", "25")
    _type_forecast(page, 1, "-8", "15")
    page.decision.remark.setText("vorst, GGD zoekt actief")
    page.decision.activate_button.click()
    [activation] = activations(desk)
    assert (activation.first_night, activation.last_night, int(activation.phase)) == (
        NIGHT,
        NIGHT + timedelta(days=1),
        2,
    )
    assert "WINTERREGELING ACTIEF" in page.banner.text()

    # A woman without ID and with a non-safety ban gets an overflow bed, without a contribution.
    woman = register_person(desk, PersonDetails(alias="Mira"))
    add_restriction(desk, woman, RestrictionTerms(None, NIGHT, NIGHT + timedelta(days=9), "Drugs", False))
    assign_bed(desk, woman, region.beds["NU1"], NIGHT)

    page.activations.change_night.setDate(page.activations.change_night.date())  # tonight
    page.findChild(type(page.decision.activate_button), "endButton").click()
    assert activations(desk)[0].last_night == NIGHT
    page.refresh()
    assert "Mira — Nachtopvang Assen, bed U1" in page.leftovers.list.item(0).text()
    page.leftovers.list.itemActivated.emit(page.leftovers.list.item(0))  # act where you read
    assert page.dialog.objectName() == "personDialog" and page.dialog.person_id == woman


@pytest.mark.role(Role.COORDINATOR)
def test_the_main_window_shows_the_winter_banner_while_tonight_is_covered(qtbot, page, desk, tmp_path):
    _type_forecast(page, 0, "-12", "10")
    page.decision.activate_button.click()
    window = MainWindow(
        database_label="x",
        is_demo=False,
        shelter_night=NIGHT,
        settings=QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat),
        banner=lambda: winter_banner_text(desk),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: "fase 2" in window.banner.text())  # read on the database worker
    assert window.banner.isVisible()


@pytest.mark.role(Role.COORDINATOR)
def test_a_winter_location_with_its_watch_prints_the_winter_night_list(qtbot, page, desk):
    _type_forecast(page, 0, "-12", "10")
    page.decision.activate_button.click()
    page.locations.new_location.setText("Sporthal De Kolk")
    page.locations.new_places.setValue(12)
    page.locations.add_location()
    page.locations.security.setText("Securitas: P. de Boer")
    page.locations.waking_watch.setText("Anja Meijer")
    path = page.locations.print_night_list()
    assert path is not None and page.opened == [path] and path.read_bytes().startswith(b"%PDF")


@pytest.mark.role(Role.COORDINATOR)
def test_the_season_report_is_saved_and_opened(page, desk):
    _type_forecast(page, 0, "-12", "10")
    page.decision.activate_button.click()
    path = page.activations.print_season_report()
    assert path is not None and path.name == "seizoensrapport-winter-2026-2027.pdf" and page.opened == [path]


@pytest.mark.role(Role.COORDINATOR)
def test_the_season_report_prints_on_the_chosen_printer_and_the_pdf_is_kept(page, desk, tmp_path):
    _type_forecast(page, 0, "-12", "10")
    page.decision.activate_button.click()
    paper = tmp_path / "printer.pdf"

    print_to_file(page, paper)
    page.findChild(QPushButton, "paperSeasonReport").click()
    assert paper.exists() and len(PdfReader(str(paper)).pages) >= 1
    assert page.notice.text().startswith("Seizoensrapport afgedrukt op ")
    assert page.last_saved is not None and page.last_saved.name == "seizoensrapport-winter-2026-2027.pdf"
    assert page.opened == []


@pytest.mark.role(Role.COORDINATOR)
def test_the_season_report_with_a_knmi_file_holds_the_check(page, desk):
    from io import BytesIO

    from pypdf import PdfReader

    from shelter_desk.paths import resource

    path = page.activations.print_season_report(resource("winter", "voorbeeld-knmi-etmgeg.txt"))
    assert path is not None and path.name == "seizoensrapport-winter-2026-2027-gecontroleerd.pdf"
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(path.read_bytes())).pages)
    assert "Verwachting en waarneming" in text and "voorbeeld-knmi-etmgeg.txt" in text


@pytest.mark.role(Role.COORDINATOR)
def test_a_forecast_chosen_as_observation_is_refused_on_the_page(page, desk):
    from shelter_desk.paths import resource

    assert page.activations.print_season_report(resource("winter", "voorbeeld-weerlive.json")) is None
    assert "geen waarneming" in page.error.text()


@pytest.mark.role(Role.COORDINATOR)
def test_activation_asks_once_naming_region_and_nights_and_a_no_changes_nothing(qtbot, page, desk):
    _type_forecast(page, 0, "-12", "10")
    page.confirm = lambda title, question, yes: page.questions.append(question) or False
    page.decision.activate_button.click()
    assert activations(desk) == []
    [question] = page.questions
    assert page.forecast.region.currentText() in question and "24 november 2026" in question and "fase 2" in question


@pytest.mark.role(Role.COORDINATOR)
def test_activation_confirms_in_the_status_area_and_saving_the_watch_says_so(qtbot, page, desk):
    _type_forecast(page, 0, "-12", "10")
    page.decision.activate_button.click()
    assert page.notice.isVisible() and "geactiveerd" in page.notice.text()
    page.locations.new_location.setText("Sporthal De Kolk")
    page.locations.add_location()
    page.locations.security.setText("Securitas: P. de Boer")
    assert page.locations.save_staffing()
    assert "Bezetting van Sporthal De Kolk" in page.notice.text() and "opgeslagen" in page.notice.text()


def test_a_weerlive_file_fills_the_coming_nights_which_can_then_be_corrected_by_hand(page):
    from shelter_desk.paths import resource

    assert page.forecast.load_file(resource("winter", "voorbeeld-weerlive.json"))
    assert page.forecast.unit.currentText() == "km/h"
    assert [(page.forecast.table.item(row, 1).text(), page.forecast.table.item(row, 2).text()) for row in range(5)] == [
        ("-3", "25"),
        ("-8", "15"),
        ("-4", "11"),
        ("1", "18"),
        ("", ""),
    ]
    assert [page.forecast.table.item(row, 4).text() for row in range(4)] == [
        "fase 1",
        "fase 2",
        "fase 1",
        "geen winterregeling",
    ]
    assert "4 nachten ingevuld uit voorbeeld-weerlive.json" in page.notice.text()
    assert "Niet overgenomen (buiten de komende 5 nachten): 23 november 2026." in page.notice.text()
    page.forecast.table.item(0, 1).setText("3")  # the coordinator corrects the first night by hand
    assert page.forecast.table.item(0, 4).text() == "geen winterregeling"
    assert page.forecast.table.item(0, 3).text() == "−2,1 °C"
    assert page.decision.first_night.date().toPython() == NIGHT + timedelta(days=1)
    page.grab().save("/tmp/winter27_page_file.png")


def test_a_file_with_a_bad_line_is_refused_and_leaves_the_typed_nights_alone(page, tmp_path):
    _type_forecast(page, 0, "-3", "25")
    bad = tmp_path / "verwachting.csv"
    bad.write_text("datum;min;wind (Bft)\n24-11-2026;-8;3\n;-3;4\n", encoding="utf-8")
    assert not page.forecast.load_file(bad)
    assert page.error.text() == (
        "Het bestand is niet ingelezen; er is niets overgenomen.\nRegel 3: de datum ontbreekt."
    )
    assert (page.forecast.table.item(0, 1).text(), page.forecast.unit.currentText()) == ("-3", "km/h")
    page.grab().save("/tmp/winter27_page_refused.png")


def test_a_file_without_any_of_the_coming_nights_fills_nothing(page, tmp_path):
    _type_forecast(page, 0, "-3", "25")
    old = tmp_path / "oktober.csv"
    old.write_text("datum;min;wind (m/s)\n01-10-2026;4;3\n02-10-2026;5;3\n", encoding="utf-8")
    assert not page.forecast.load_file(old)
    assert page.error.text() == (
        "Geen van de nachten in oktober.csv (1 oktober 2026 t/m 2 oktober 2026) valt in "
        "de komende 5 nachten; er is niets ingevuld."
    )
    assert (page.forecast.table.item(0, 1).text(), page.forecast.unit.currentText()) == ("-3", "km/h")


@pytest.mark.role(Role.COORDINATOR)
def test_the_whole_province_is_activated_and_ended_in_one_act(page, desk):
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QApplication

    from shelter_desk.services.winter import add_winter_location

    add_winter_location(desk, "0114", "Winteropvang Emmen", 4)
    page.refresh()
    assert {code: box.isChecked() for code, box in page.decision.region_checks.items()} == {"0106": True, "0114": False}
    page.decision.province_button.click()
    _type_forecast(page, 0, "-3", "25")
    _type_forecast(page, 1, "-8", "15")
    page.decision.remark.setText("vorst; Meldpunt OGGZ")
    page.decision.activate_button.click()
    assert "Regio Assen, Regio Emmen" in page.questions[-1]
    assert sorted((a.region, a.first_night, a.last_night) for a in activations(desk)) == [
        ("Regio Assen", NIGHT, NIGHT + timedelta(days=1)),
        ("Regio Emmen", NIGHT, NIGHT + timedelta(days=1)),
    ]
    QApplication.processEvents()  # the new regions' boxes show when the event loop runs
    assert all(box.isVisible() for box in page.decision.region_checks.values())
    page.grab().save("/tmp/winter27_page_province.png")

    for row in range(page.activations.list.count()):
        page.activations.list.selectionModel().select(
            page.activations.list.model().index(row, 0), QItemSelectionModel.SelectionFlag.Select
        )
    page.activations.end_button.click()  # after tonight, in both regions
    assert {a.last_night for a in activations(desk)} == {NIGHT}
    assert page.notice.text() == "2 activeringen beëindigd na 24 november 2026."


@pytest.mark.role(Role.COORDINATOR)
def test_activating_with_no_region_ticked_is_refused(page, desk):
    for box in page.decision.region_checks.values():
        box.setChecked(False)
    _type_forecast(page, 0, "-3", "25")
    page.decision.activate_button.click()
    assert page.error.text() == "Vink minstens één regio aan." and activations(desk) == []


@pytest.mark.role(Role.COORDINATOR)
def test_a_street_contact_placed_from_the_page_is_listed_and_counted(page, desk, region, qtbot):
    from shelter_desk.domain.winter import ActivationTerms, WinterPhase
    from shelter_desk.services.winter import activate

    activate(desk, "0106", ActivationTerms(NIGHT, NIGHT, WinterPhase.TWO, "vorst"))
    dialog = page.street.record()
    qtbot.keyClicks(dialog.picker.query, "Henk Bakker")
    searched(dialog.picker)
    dialog.picker.results.selectRow(0)
    suggested(dialog)  # the search and the facilities that fit are read on the database worker
    dialog.place.setText("Portiek Kerkplein")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("geaccepteerd"))
    assert dialog.bed_offered.isChecked() and dialog.facility.isEnabled()
    assert dialog.facility.currentText().startswith("Nachtopvang Assen")
    dialog.record()
    assert not dialog.isVisible()
    assert "Henk Bakker: bed aangenomen → Nachtopvang Assen" in page.street.list.item(0).text()
    assert page.street.counts.text() == "Gezien 1 · bed aangeboden 1 · geplaatst 1 · geweigerd 0"
    page.grab().save("/tmp/i27_winter_page.png")


@pytest.mark.role(Role.COORDINATOR)
def test_a_street_contact_without_place_or_person_is_refused_in_the_dialog(page, desk, region):
    from shelter_desk.domain.winter import ActivationTerms, WinterPhase
    from shelter_desk.services.winter import activate

    activate(desk, "0106", ActivationTerms(NIGHT, NIGHT, WinterPhase.TWO, "vorst"))
    dialog = page.street.record()
    suggested(dialog)
    dialog.grab().save("/tmp/i27_street_dialog.png")
    dialog.record()
    assert dialog.isVisible() and "Vul in waar de persoon is gezien" in dialog.error.text()
    assert page.street.list.count() == 0


def test_a_front_desk_worker_sees_the_street_contacts_button_greyed_out(page):
    assert not page.street.button.isEnabled()
    assert page.street.list.count() == 0


@pytest.mark.role(Role.COORDINATOR)
def test_someone_met_outside_is_registered_from_the_dialog_and_placed(page, desk, region, qtbot):
    from PySide6.QtCore import Qt

    from shelter_desk.domain.winter import ActivationTerms, WinterPhase
    from shelter_desk.services.winter import activate

    activate(desk, "0106", ActivationTerms(NIGHT, NIGHT, WinterPhase.TWO, "vorst"))
    dialog = page.street.record()
    qtbot.keyClicks(dialog.picker.query, "Gerrit Smit")
    form = dialog.new_person()
    assert form.first_name.text() == "Gerrit" and form.last_name.text() == "Smit"
    qtbot.keyClicks(form.date_of_birth, "07-07-1966")
    qtbot.keyClick(form.date_of_birth, Qt.Key.Key_Return)
    assert not form.isVisible() and dialog.registered_label.text() == "Ingeschreven: Gerrit Smit"
    dialog.place.setText("Bushokje Stationsplein")
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("geaccepteerd"))
    suggested(dialog)
    dialog.record()
    assert "Gerrit Smit: bed aangenomen → Nachtopvang Assen" in page.street.list.item(0).text()


def test_a_forecast_number_is_typed_into_its_cell_without_the_mouse(qtbot, page):
    page.forecast.table.setFocus()  # as Tab reaches it
    qtbot.keyClick(page.forecast.table, "-")  # the first key opens the cell's editor with it
    [editor] = [e for e in page.forecast.table.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert editor.text() == "-"
    qtbot.keyClicks(editor, "7")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.forecast.table.item(0, 1).text() == "-7")  # the editor commits queued
