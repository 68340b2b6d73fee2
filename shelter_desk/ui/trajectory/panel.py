"""The way to a home in the person's record: the admission decisions (with the letter), the
applications for KDO and trajectkamers with their place on the waiting list, and the housing
referrals with the days from the first night to a home."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.dutch_dates import format_dutch_date
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.trajectory import AdmissionOutcome, ApplicationStatus
from shelter_desk.services.kernel import Desk
from shelter_desk.services.trajectory import (
    AdmissionView,
    ApplicationView,
    HousingReferralView,
    admission_letter,
    admissions_of,
    applications_of,
    housing_of,
)
from shelter_desk.ui import printing
from shelter_desk.ui.feedback import OpenFile, attempt, open_with_system, save_and_open
from shelter_desk.ui.permissions import gate
from shelter_desk.ui.styles import HINT_STYLE, NOTICE_STYLE, RESTRICTION_RED, error_label
from shelter_desk.ui.trajectory.dialogs import (
    AdmissionDialog,
    ApplicationDecisionDialog,
    ApplicationDialog,
    CloseApplicationDialog,
    HousingDialog,
    HousingStepDialog,
    IntakeDialog,
    PriorityDialog,
)

LIST_HEIGHT = 110


def admission_text(view: AdmissionView) -> str:
    text = f"{format_dutch_date(view.requested_on)} — {view.outcome.label} ({view.facility}): {view.reason.label}"
    if view.referred_to:
        text += f" → {view.referred_to}"
    if view.investigation_due:
        text += f". Onderzoek klaar uiterlijk {format_dutch_date(view.investigation_due)}"
    return text


def application_text(view: ApplicationView) -> str:
    text = f"{view.facility}: {view.status.label.lower()} sinds {format_dutch_date(view.applied_on)}"
    if view.place is not None:
        text += f" — plaats {view.place} op de wachtlijst, {view.days_waiting} dagen wachtend"
    elif view.status is ApplicationStatus.APPLIED:
        intake = f"intake {format_dutch_date(view.intake_on)}" if view.intake_on else "nog geen intake"
        text += f" — {intake}"
    if view.priority:
        text += f" (voorrang {view.priority:+d}: {view.priority_reason})"
    if view.close_reason or view.decision_reason:
        text += f". Reden: {view.close_reason or view.decision_reason}"
    return text


def housing_text(view: HousingReferralView) -> str:
    steps = [f"aangevraagd {format_dutch_date(view.requested_on)}"]
    for label, day in (
        ("urgentie", view.urgency_on),
        ("woning aangeboden", view.offered_on),
        ("verhuisd", view.moved_on),
        ("afgewezen", view.refused_on),
    ):
        if day is not None:
            steps.append(f"{label} {format_dutch_date(day)}")
    return f"{view.programme}: {view.status.label.lower()} ({', '.join(steps)})"


class TrajectoryPanel(QWidget):
    """Read when its tab is opened (`refresh`); `changed` after any save."""

    changed = Signal()
    # How a printer is chosen and which exist (tests put a PDF file "printer" in their place).
    choose_printer: printing.ChoosePrinter = staticmethod(printing.ask_printer)
    printers: Callable[[], list[str]] = staticmethod(printing.available_printers)

    def __init__(
        self, desk: Desk, person_id: int, parent: QWidget | None = None, open_file: OpenFile = open_with_system
    ) -> None:
        super().__init__(parent)
        self._desk, self.person_id, self._open_file = desk, person_id, open_file
        self.dialog: QDialog | None = None
        self.error = error_label()
        self.notice = QLabel()
        self.notice.setObjectName("trajectoryNotice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setWordWrap(True)
        self.notice.hide()

        self.admission_due = QLabel()
        self.admission_due.setObjectName("admissionDue")
        self.admission_due.setWordWrap(True)
        self.admissions = QListWidget()
        self.admissions.setObjectName("admissionList")
        self.admissions.setWordWrap(True)
        self.admit_button = QPushButton("Besluit vastleggen…")
        self.admit_button.setObjectName("admitButton")
        self.letter_button = QPushButton("Brief (PDF)")
        self.letter_button.setObjectName("admissionLetterButton")
        self.admit_button.clicked.connect(lambda: self._open(AdmissionDialog(desk, person_id, self)))
        self.paper_letter_button = QPushButton("Afdrukken…")
        self.paper_letter_button.setObjectName("admissionLetterPaper")
        self.letter_button.clicked.connect(lambda: self.print_letter())
        self.paper_letter_button.clicked.connect(lambda: self.print_letter(on_paper=True))

        self.applications = QListWidget()
        self.applications.setObjectName("applicationList")
        self.applications.setWordWrap(True)
        self.apply_button = QPushButton("Aanmelden…")
        self.apply_button.setObjectName("applyButton")
        self.intake_button = QPushButton("Intake…")
        self.decide_button = QPushButton("Besluit…")
        gate(self.decide_button, desk, Permission.DECIDE)
        self.priority_button = QPushButton("Voorrang…")
        gate(self.priority_button, desk, Permission.DECIDE)
        self.close_button = QPushButton("Intrekken / verlopen…")
        self.apply_button.clicked.connect(lambda: self._open(ApplicationDialog(desk, person_id, self)))
        self.intake_button.clicked.connect(lambda: self._on_application(IntakeDialog))
        self.decide_button.clicked.connect(lambda: self._on_application(ApplicationDecisionDialog))
        self.priority_button.clicked.connect(lambda: self._on_application(PriorityDialog))
        self.close_button.clicked.connect(lambda: self._on_application(CloseApplicationDialog))

        self.time_to_home = QLabel()
        self.time_to_home.setObjectName("timeToHome")
        self.time_to_home.setStyleSheet(HINT_STYLE)
        self.referrals = QListWidget()
        self.referrals.setObjectName("housingList")
        self.referrals.setWordWrap(True)
        self.refer_button = QPushButton("Verwijzen…")
        self.refer_button.setObjectName("referButton")
        self.step_button = QPushButton("Volgende stap / verhuisd…")
        self.step_button.setObjectName("housingStepButton")
        self.refer_button.clicked.connect(lambda: self._open(HousingDialog(desk, person_id, self)))
        self.step_button.clicked.connect(self._housing_step)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for title, widgets, buttons in (
            (
                "Toelating (eerste opvang)",
                (self.admission_due, self.admissions),
                (self.admit_button, self.letter_button, self.paper_letter_button),
            ),
            (
                "Aanmeldingen KDO en trajectkamers",
                (self.applications,),
                (self.apply_button, self.intake_button, self.decide_button, self.priority_button, self.close_button),
            ),
            ("Naar een woning", (self.time_to_home, self.referrals), (self.refer_button, self.step_button)),
        ):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            for widget in widgets:
                if isinstance(widget, QListWidget):
                    widget.setMaximumHeight(LIST_HEIGHT)  # three boxes fit the record's tab on a laptop
                box_layout.addWidget(widget)
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            box_layout.addLayout(row)
            layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addStretch(1)

    def refresh(self) -> None:
        history = admissions_of(self._desk, self.person_id)
        self.admission_due.setText(
            "Nog geen (recent) toelatingsbesluit: leg het besluit op deze vraag om opvang vast."
            if history.decision_due
            else ""
        )
        self.admission_due.setStyleSheet(f"QLabel {{ color: {RESTRICTION_RED}; }}")
        self.admission_due.setVisible(history.decision_due)
        self._fill(self.admissions, [(v.decision_id, admission_text(v)) for v in history.decisions])
        for index, view in enumerate(history.decisions):
            if view.outcome is not AdmissionOutcome.ADMITTED:
                self.admissions.item(index).setForeground(Qt.GlobalColor.darkRed)
        self._fill(
            self.applications,
            [(v.application_id, application_text(v)) for v in applications_of(self._desk, self.person_id)],
        )
        housing = housing_of(self._desk, self.person_id)
        self._fill(self.referrals, [(v.referral_id, housing_text(v)) for v in housing.referrals])
        self._programmes = {v.referral_id: v.programme for v in housing.referrals}
        if housing.days_to_home is not None and housing.first_night and housing.home_on:
            self.time_to_home.setText(
                f"Van de eerste nacht ({format_dutch_date(housing.first_night)}) naar een woning "
                f"({format_dutch_date(housing.home_on)}): {housing.days_to_home} dagen."
            )
        elif housing.first_night:
            self.time_to_home.setText(f"Eerste nacht in de opvang: {format_dutch_date(housing.first_night)}.")
        else:
            self.time_to_home.setText("Nog geen nacht in de opvang.")

    @staticmethod
    def _fill(widget: QListWidget, rows: list[tuple[int, str]]) -> None:
        widget.clear()
        for key, text in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            widget.addItem(item)
        if not rows:
            widget.addItem(QListWidgetItem("— nog niets —"))

    @staticmethod
    def _chosen(widget: QListWidget) -> int | None:
        item = widget.currentItem() or (widget.item(0) if widget.count() == 1 else None)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.accepted.connect(self._saved)
        dialog.open()

    def _saved(self) -> None:
        attempt(self.error, self.refresh)
        self.changed.emit()

    def _on_application(self, make: Callable[[Desk, int, QWidget], QDialog]) -> None:
        chosen = self._chosen(self.applications)
        if chosen is None:
            self.error.setText("Kies eerst een aanmelding in de lijst.")
            self.error.show()
            return
        self._open(make(self._desk, chosen, self))

    def _housing_step(self) -> None:
        chosen = self._chosen(self.referrals)
        if chosen is None:
            self.error.setText("Kies eerst een woonverwijzing in de lijst.")
            self.error.show()
            return
        self._open(HousingStepDialog(self._desk, chosen, self._programmes[chosen], self))

    def print_letter(self, on_paper: bool = False) -> None:
        """The chosen admission decision saved and opened, or on paper through the one print path."""
        self.notice.hide()
        chosen = self._chosen(self.admissions)
        if chosen is None:
            self.error.setText("Kies eerst een besluit in de lijst.")
            self.error.show()
            return
        name, make = f"toelatingsbesluit-{chosen}.pdf", lambda: admission_letter(self._desk, chosen)
        if not on_paper:
            save_and_open(name, make, self.error, self._open_file)
            return
        self.error.hide()
        printing.print_document(
            self,
            name,
            make,
            "Het toelatingsbesluit",
            say=self._say,
            refuse=self._refuse,
            open_file=self._open_file,
            choose=self.choose_printer,
            printers=self.printers,
        )

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
