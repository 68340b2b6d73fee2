"""The record shows each consent with its end (an expired one in amber) and the safety network's instruction."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QLabel

from shelter_desk.domain.consent import ConsentPurpose
from shelter_desk.services.people import record_consent
from shelter_desk.ui.record.person_view import PersonDialog
from shelter_desk.ui.styles import EXPIRED_STYLE

TODAY = date(2026, 11, 24)


def test_an_expired_consent_is_shown_in_amber_and_a_valid_one_plainly(qtbot, desk, region):
    jan = region.people["jan"]
    record_consent(desk, jan, ConsentPurpose.MUNICIPALITY, True, date(2024, 11, 24), TODAY - timedelta(days=1))
    record_consent(desk, jan, ConsentPurpose.POSTAL, True, TODAY)
    dialog = PersonDialog(desk, jan)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    expired = dialog.findChild(QLabel, "consent:gemeente")
    valid = dialog.findChild(QLabel, "consent:postadres")
    assert expired.text() == "VERLOPEN op 23-11-2026: opnieuw vragen" and expired.styleSheet() == EXPIRED_STYLE
    assert valid.text() == "geldig t/m 23-11-2028" and valid.styleSheet() == ""
    dialog.resize(1300, 1100)
    dialog.grab().save("/tmp/i25_consent.png")


def test_a_person_in_the_safety_network_shows_the_desk_what_to_do(qtbot, coordinator_desk, desk, region):
    from shelter_desk.domain.safety import EscalationTerms, SafetyNetwork
    from shelter_desk.services.safety import escalate

    henk = region.people["henk"]
    escalate(
        coordinator_desk,
        EscalationTerms(henk, SafetyNetwork.MELDPUNT_OGGZ, TODAY, "Petra Smit", "", "", "Bel Petra Smit (06-1234)."),
    )
    dialog = PersonDialog(desk, henk)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.network_banner.isVisible()
    assert dialog.network_banner.text() == "Veiligheidsnetwerk: Bel Petra Smit (06-1234)."


def test_an_expired_consent_is_renewed_from_the_record(qtbot, desk, region):
    from shelter_desk.domain.consent import ConsentState
    from shelter_desk.services.people import consents_of
    from shelter_desk.ui.people.consent_dialog import ConsentDialog

    jan = region.people["jan"]
    record_consent(desk, jan, ConsentPurpose.MUNICIPALITY, True, date(2024, 11, 24), TODAY - timedelta(days=1))
    dialog = PersonDialog(desk, jan)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    consent = dialog.record_consent()
    assert isinstance(consent, ConsentDialog)
    assert consent.purpose.currentData() == ConsentPurpose.MUNICIPALITY  # the expired one, to renew
    consent.ok.click()
    assert not consent.isVisible()
    municipality = next(c for c in consents_of(desk, jan) if c.purpose is ConsentPurpose.MUNICIPALITY)
    assert municipality.state is ConsentState.VALID and municipality.ends_on == date(2028, 11, 23)
    assert dialog.findChild(QLabel, "consent:gemeente").text() == "geldig t/m 23-11-2028"
