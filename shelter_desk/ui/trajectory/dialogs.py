"""The forms of the way to a home: the admission decision, an application and its steps, a housing
referral and its steps (the offer of a freed bed is the bed board's: ui/beds/waiting_list.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from shelter_desk.domain.trajectory import (
    AdmissionOutcome,
    ApplicationDecision,
    ApplicationStatus,
    HousingStatus,
    Referrer,
    SleepingSituation,
    reasons_for,
)
from shelter_desk.services.beds import list_facilities
from shelter_desk.services.kernel import Desk
from shelter_desk.services.trajectory import (
    apply_for_place,
    close_application,
    decide_application,
    decision_facilities,
    housing_programmes,
    moved_via,
    record_admission,
    record_intake,
    refer_to_housing,
    set_priority,
    update_housing,
)
from shelter_desk.ui.dialog_parts import date_edit, ok_cancel, pydate
from shelter_desk.ui.feedback import attempt
from shelter_desk.ui.styles import HINT_STYLE, error_label


class FormDialog(QDialog):
    """A small form with a red refusal line and one action button; the action runs the service call."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.error = error_label()

    def finish(self, action: Callable[[], object], ok_text: str = "Opslaan") -> None:
        box, self.ok = ok_cancel(self, ok_text, lambda: self._save(action))
        self.form.addRow(self.error)
        self.form.addRow(box)

    def _save(self, action: Callable[[], object]) -> None:
        if attempt(self.error, action):
            self.accept()


def _text(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(64)
    return edit


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


class AdmissionDialog(FormDialog):
    """The decision on a request for shelter; the reasons follow the chosen decision."""

    def __init__(self, desk: Desk, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Besluit op een vraag om opvang", parent)
        self.setMinimumWidth(560)
        self.facility = QComboBox()
        self.facility.setObjectName("admissionFacility")
        for facility in list_facilities(desk):
            self.facility.addItem(facility.name, facility.facility_id)
        self.requested = date_edit(desk.today())
        self.outcome = QComboBox()
        self.outcome.setObjectName("admissionOutcome")
        for outcome in AdmissionOutcome:
            self.outcome.addItem(outcome.label, outcome.value)
        self.reason = QComboBox()
        self.reason.setObjectName("admissionReason")
        self.sleeping = QComboBox()
        self.sleeping.setObjectName("sleepingSituation")
        for situation in SleepingSituation:
            self.sleeping.addItem(situation.label, situation.value)
        self.referred_to = QLineEdit()
        self.referred_to.setObjectName("referredTo")
        self.referred_to.setPlaceholderText("bij doorverwijzen: naar welke opvang of organisatie")
        self.remark = _text("toelichting (bij weigeren verplicht; komt in de brief)")
        self.remark.setObjectName("admissionRemark")
        self.outcome.currentIndexChanged.connect(self._fill_reasons)
        self._fill_reasons()
        self.form.addRow("Gevraagd bij", self.facility)
        self.form.addRow("Gevraagd op", self.requested)
        self.form.addRow("Besluit", self.outcome)
        self.form.addRow("Reden", self.reason)
        self.form.addRow("Sliep hiervoor", self.sleeping)
        self.form.addRow("Doorverwezen naar", self.referred_to)
        self.form.addRow("Toelichting", self.remark)
        self.form.addRow(
            _hint(
                "Geen regiobinding en geen ID zijn nooit een reden om eerste opvang te weigeren "
                "(Wmo 2015 art. 2.3.3): wie vraagt, krijgt eerste opvang terwijl het onderzoek loopt."
            )
        )
        self.finish(
            lambda: record_admission(
                desk,
                person_id,
                self.facility.currentData(),
                pydate(self.requested.date()),
                AdmissionOutcome(self.outcome.currentData()),
                self.reason.currentData(),
                SleepingSituation(self.sleeping.currentData()),
                self.remark.toPlainText(),
                self.referred_to.text(),
            ),
            "Besluit vastleggen",
        )

    def _fill_reasons(self) -> None:
        self.reason.clear()
        for reason in reasons_for(AdmissionOutcome(self.outcome.currentData())):
            self.reason.addItem(reason.label, reason.value)


class ApplicationDialog(FormDialog):
    def __init__(self, desk: Desk, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Aanmelden voor KDO of trajectkamer", parent)
        self.facility = QComboBox()
        self.facility.setObjectName("applicationFacility")
        for facility_id, name in decision_facilities(desk):
            self.facility.addItem(name, facility_id)
        self.referrer = QComboBox()
        self.referrer.setObjectName("applicationReferrer")
        for referrer in Referrer:
            self.referrer.addItem(referrer.label, referrer.value)
        self.applied = date_edit(desk.today())
        self.motivation = _text("waarom deze plaats, en waarom nu")
        self.motivation.setObjectName("applicationMotivation")
        self.form.addRow("Voorziening", self.facility)
        self.form.addRow("Verwijzer", self.referrer)
        self.form.addRow("Aangemeld op", self.applied)
        self.form.addRow("Motivatie", self.motivation)
        self.finish(
            lambda: apply_for_place(
                desk,
                person_id,
                self.facility.currentData(),
                Referrer(self.referrer.currentData()),
                pydate(self.applied.date()),
                self.motivation.toPlainText(),
            ),
            "Aanmelden",
        )


class IntakeDialog(FormDialog):
    def __init__(self, desk: Desk, application_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Intake", parent)
        self.day = date_edit(desk.today())
        self.note = _text("wat kwam uit de intake")
        self.form.addRow("Intake op", self.day)
        self.form.addRow("Notitie", self.note)
        self.finish(lambda: record_intake(desk, application_id, pydate(self.day.date()), self.note.toPlainText()))


class ApplicationDecisionDialog(FormDialog):
    """The coordinator's decision, or the priority on the waiting list (with its reason)."""

    def __init__(self, desk: Desk, application_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Besluit over de aanmelding", parent)
        self.decision = QComboBox()
        self.decision.setObjectName("applicationDecision")
        for decision in ApplicationDecision:
            self.decision.addItem(decision.label, decision.value)
        self.day = date_edit(desk.today())
        self.reason = _text("reden (verplicht bij afwijzen of doorverwijzen)")
        self.form.addRow("Besluit", self.decision)
        self.form.addRow("Datum", self.day)
        self.form.addRow("Reden", self.reason)
        self.finish(
            lambda: decide_application(
                desk,
                application_id,
                ApplicationDecision(self.decision.currentData()),
                pydate(self.day.date()),
                self.reason.toPlainText(),
            ),
            "Besluiten",
        )


class PriorityDialog(FormDialog):
    def __init__(self, desk: Desk, application_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Voorrang op de wachtlijst", parent)
        self.priority = QSpinBox()
        self.priority.setRange(-9, 9)
        self.reason = _text("waarom eerder (of later) dan op volgorde van aanmelding")
        self.form.addRow("Voorrang (0 = op volgorde)", self.priority)
        self.form.addRow("Reden", self.reason)
        self.finish(lambda: set_priority(desk, application_id, self.priority.value(), self.reason.toPlainText()))


class CloseApplicationDialog(FormDialog):
    def __init__(self, desk: Desk, application_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Van de wachtlijst af", parent)
        self.status = QComboBox()
        for status in (ApplicationStatus.WITHDRAWN, ApplicationStatus.EXPIRED):
            self.status.addItem(status.label, status.value)
        self.day = date_edit(desk.today())
        self.reason = _text("reden")
        self.form.addRow("Hoe", self.status)
        self.form.addRow("Datum", self.day)
        self.form.addRow("Reden", self.reason)
        self.finish(
            lambda: close_application(
                desk,
                application_id,
                ApplicationStatus(self.status.currentData()),
                pydate(self.day.date()),
                self.reason.toPlainText(),
            )
        )


class HousingDialog(FormDialog):
    def __init__(self, desk: Desk, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__("Verwijzen naar een woonprogramma", parent)
        self.programme = QComboBox()
        self.programme.setObjectName("housingProgramme")
        self.programme.addItems(housing_programmes(desk))
        self.day = date_edit(desk.today())
        self.remark = _text("toelichting (optioneel)")
        self.form.addRow("Programma", self.programme)
        self.form.addRow("Aangevraagd op", self.day)
        self.form.addRow("Toelichting", self.remark)
        self.finish(
            lambda: refer_to_housing(
                desk, person_id, self.programme.currentText(), pydate(self.day.date()), self.remark.toPlainText()
            )
        )


class HousingStepDialog(FormDialog):
    """The next step of a referral, or the move itself (which ends the running stay)."""

    MOVED = "verhuisd"

    def __init__(self, desk: Desk, referral_id: int, programme: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Woonverwijzing {programme}", parent)
        self.step = QComboBox()
        self.step.setObjectName("housingStep")
        for status in (HousingStatus.URGENCY, HousingStatus.OFFERED, HousingStatus.REFUSED):
            self.step.addItem(status.label, status.value)
        self.step.addItem(f"Verhuisd via {programme} (beëindigt het verblijf)", self.MOVED)
        self.day = date_edit(desk.today())
        self.form.addRow("Stap", self.step)
        self.form.addRow("Datum (bij verhuizen: de laatste nacht)", self.day)
        self.finish(lambda: self._save_step(desk, referral_id))

    def _save_step(self, desk: Desk, referral_id: int) -> None:
        if self.step.currentData() == self.MOVED:
            moved_via(desk, referral_id, pydate(self.day.date()))
        else:
            update_housing(desk, referral_id, HousingStatus(self.step.currentData()), pydate(self.day.date()))
