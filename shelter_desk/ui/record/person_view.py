"""A person's record: restrictions in red on top, what is still missing, all details, stays,
notes, and merges (with undo). Editing, restricting and merging open their own dialogs."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.consent import ConsentState
from shelter_desk.domain.dutch_dates import format_dutch_date
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_night, local_time_text
from shelter_desk.domain.stays import BedNightStatus, FeeStatus, StayFlag, format_euros
from shelter_desk.reports.catalogue import catalogues
from shelter_desk.services.beds import assign_bed, check_in, person_tonight, set_fee_status
from shelter_desk.services.documents import client_transfer_letter_pdf, house_rules_pdf, postal_consent_pdf
from shelter_desk.services.handover import handover_about
from shelter_desk.services.kernel import Desk
from shelter_desk.services.people import (
    ConsentView,
    PersonRecord,
    RestrictionView,
    add_note,
    consents_of,
    lift_restriction,
    load_person,
    merges_of,
    restrictions_of,
    undo_merge,
)
from shelter_desk.services.safety import escalations_of
from shelter_desk.services.trust import InzageFiles, access_log_pdf, inzage
from shelter_desk.ui.beds.dialogs import AssignDialog
from shelter_desk.ui.cards.card_dialog import CardDialog
from shelter_desk.ui.changes import follow
from shelter_desk.ui.dialog_parts import elided, fit_to_screen
from shelter_desk.ui.feedback import OpenFile, attempt, open_with_system, save_and_open, save_file
from shelter_desk.ui.handover.panel import entry_text
from shelter_desk.ui.people.consent_dialog import ConsentDialog
from shelter_desk.ui.people.merge_dialog import MergeDialog
from shelter_desk.ui.people.restriction_dialog import RestrictionDialog
from shelter_desk.ui.permissions import gate
from shelter_desk.ui.plans.plan_panel import PlanPanel
from shelter_desk.ui.printing import print_document
from shelter_desk.ui.safety.panel import SafetyPanel
from shelter_desk.ui.shared.person_form import PersonFormDialog
from shelter_desk.ui.shared.records import RecordWindow, register_record_window
from shelter_desk.ui.styles import EXPIRED_STYLE, MISSING_STYLE, NOTICE_STYLE, RESTRICTION_BANNER_STYLE, error_label
from shelter_desk.ui.trajectory.panel import TrajectoryPanel

NAME_ROWS = ("Naam", "Roepnaam / alias")
DETAIL_WIDTH = 360
TITLE_WIDTH = 560  # pixels for the name in the heading; longer names end in … (full name on hover)


def restriction_text(view: RestrictionView) -> str:
    kind = "VEILIGHEID" if view.is_safety else "beperking"
    text = (
        f"{kind}: {view.facility}, {format_dutch_date(view.starts_on)} t/m "
        f"{format_dutch_date(view.ends_on)} — {view.reason}"
    )
    if view.alternative:
        text += f". Uitwijken naar: {view.alternative}"
    return text


def _first_line(text: str, limit: int = 120) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


class PersonDialog(RecordWindow):
    """Non-modal, so the desk can keep it open beside the search. `changed` after any save."""

    def __init__(
        self, desk: Desk, person_id: int, parent: QWidget | None = None, open_file: OpenFile = open_with_system
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self.person_id = person_id
        self.open_file = open_file  # how a saved PDF is opened when there is no printer (tests record it)
        self.child: QDialog | None = None
        self.setObjectName("personDialog")
        fit_to_screen(self, 1080, 680)

        self.title = QLabel()
        self.title.setObjectName("personTitle")
        # The heading is elided to fit; it must never set the window's width (a 1366 px laptop at 150 %).
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.restriction_banner = QLabel()
        self.restriction_banner.setObjectName("restrictionBanner")
        self.restriction_banner.setStyleSheet(RESTRICTION_BANNER_STYLE)
        self.restriction_banner.setWordWrap(True)
        # In the safety network: what the desk must do when the person turns up ("bel X").
        self.network_banner = QLabel()
        self.network_banner.setObjectName("networkBanner")
        self.network_banner.setStyleSheet(EXPIRED_STYLE)
        self.network_banner.setWordWrap(True)
        self.network_banner.hide()
        self.missing = QLabel()
        self.missing.setObjectName("missingItems")
        self.missing.setStyleSheet(MISSING_STYLE)
        self.missing.setWordWrap(True)
        # Handover entries about this person the next shift must read, and this worker has not yet.
        self.must_read = QLabel()
        self.must_read.setObjectName("mustReadAboutPerson")
        self.must_read.setStyleSheet(MISSING_STYLE)
        self.must_read.setWordWrap(True)
        self.merged_notice = QLabel()
        self.merged_notice.setWordWrap(True)
        self.error = error_label()

        self.details_box = QGroupBox("Gegevens")
        self.details_form = QFormLayout(self.details_box)
        self.consent_button = QPushButton("Toestemming vastleggen / verlengen…", self.details_box)
        self.consent_button.setObjectName("consentButton")
        self.consent_button.clicked.connect(self.record_consent)
        self.stays = QListWidget()
        self.stays.setWordWrap(True)
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.note_input = QLineEdit()
        self.note_input.setObjectName("noteInput")
        self.note_input.setPlaceholderText("Nieuwe notitie, Enter slaat op")
        self.note_input.returnPressed.connect(self._add_note)
        self.restrictions = QListWidget()
        self.restrictions.setObjectName("restrictionList")
        self.restrictions.setWordWrap(True)
        self.merges = QListWidget()
        self.merges.setWordWrap(True)
        self.merges.setObjectName("mergeList")

        self.tonight_box = QGroupBox("Vannacht")
        self.tonight_text = QLabel()
        self.tonight_text.setObjectName("tonightText")
        self.tonight_text.setWordWrap(True)
        self.bed_button = QPushButton("Bed voor vannacht (Ctrl+T)")
        self.bed_button.setObjectName("bedTonightButton")
        self.check_in_button = QPushButton("Inchecken (Ctrl+I)")
        self.check_in_button.setObjectName("checkInButton")
        self.fee_button = QPushButton("Bijdrage betaald (Ctrl+J)")
        self.fee_button.setObjectName("feePaidButton")
        self.fee_button.clicked.connect(self.fee_paid)
        self.bed_button.clicked.connect(self.bed_tonight)
        self.check_in_button.clicked.connect(self.check_in_tonight)
        tonight_layout = QHBoxLayout(self.tonight_box)
        tonight_layout.addWidget(self.tonight_text, 1)
        tonight_layout.addWidget(self.bed_button)
        tonight_layout.addWidget(self.check_in_button)
        tonight_layout.addWidget(self.fee_button)
        QShortcut(QKeySequence("Ctrl+T"), self, self.bed_tonight)
        QShortcut(QKeySequence("Ctrl+J"), self, self.fee_paid)
        QShortcut(QKeySequence("Ctrl+I"), self, self.check_in_tonight)

        self.edit_button = QPushButton("&Bewerken (Ctrl+E)")
        self.restrict_button = QPushButton("Beperking (Ctrl+B)")
        self.restrict_button.setToolTip("Een beperking (toegangsverbod) toevoegen")
        self.merge_button = QPushButton("Samenvoegen (Ctrl+M)")
        self.merge_button.setToolTip("Dit record samenvoegen met een dubbel record van dezelfde persoon")
        self.lift_button = QPushButton("Gekozen beperking opheffen")
        self.undo_button = QPushButton("Gekozen samenvoeging ongedaan maken")
        self.undo_button.setObjectName("undoMergeButton")
        self.card_button = QPushButton("Clientkaart (Ctrl+K)")
        self.card_button.setObjectName("clientCardButton")
        self.card_button.clicked.connect(self.client_card)
        QShortcut(QKeySequence("Ctrl+K"), self, self.client_card)
        # The client's documents in the record's document language, each through the one print path.
        self.documents_button = QPushButton("Documenten")
        self.documents_button.setObjectName("clientDocumentsButton")
        self.documents_button.setToolTip("Huisregels, toestemming briefadres of overdrachtsbrief, in de eigen taal")
        documents_menu = QMenu(self.documents_button)
        documents: tuple[tuple[str, Callable[[Desk, int], bytes]], ...] = (
            ("Huisregels (om te tekenen)", house_rules_pdf),
            ("Toestemming briefadres (exemplaar cliënt)", postal_consent_pdf),
            ("Overdrachtsbrief (exemplaar cliënt)", client_transfer_letter_pdf),
        )
        for label, make in documents:
            documents_menu.addAction(f"{label} afdrukken", partial(self.print_client_document, label, make))
        saving = documents_menu.addMenu("Opslaan als PDF")
        for label, make in documents:
            saving.addAction(label, partial(self.print_client_document, label, make, to_paper=False))
        self.documents_button.setMenu(documents_menu)
        self.notice = QLabel("")
        self.notice.setObjectName("personNotice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        self.log_button = QPushButton("Logboek")
        self.log_button.setObjectName("accessLogButton")
        self.log_button.setToolTip(
            "Het toegangslogboek van deze persoon als PDF: wie het dossier wanneer inzag of wijzigde"
        )
        self.log_button.clicked.connect(self.print_access_log)
        self.inzage_button = QPushButton("Inzage")
        self.inzage_button.setObjectName("inzageButton")
        self.inzage_button.setToolTip(
            "Inzage voor de persoon (AVG art. 15/20): alles wat is vastgelegd en wie het inzag, als PDF en JSON"
        )
        self.inzage_button.clicked.connect(self.make_inzage)
        close_button = QPushButton("Sluiten (Esc)")
        self.edit_button.clicked.connect(self.edit)
        self.restrict_button.clicked.connect(self.restrict)
        self.merge_button.clicked.connect(self.merge)
        self.lift_button.clicked.connect(self._lift)
        self.undo_button.clicked.connect(self.undo_selected_merge)
        close_button.clicked.connect(self.close)
        QShortcut(QKeySequence("Ctrl+E"), self, self.edit)
        QShortcut(QKeySequence("Ctrl+B"), self, self.restrict)
        QShortcut(QKeySequence("Ctrl+M"), self, self.merge)

        history_page = QWidget()
        history = QVBoxLayout(history_page)
        history.setContentsMargins(0, 0, 0, 0)
        for title, widget in (("Verblijven", self.stays), ("Notities", self.notes)):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(widget)
            history.addWidget(box)
        box_layout.addWidget(self.note_input)  # under the notes
        # The handover entries that name this person, newest first (reading them is logged).
        self.handover = QListWidget()
        self.handover.setObjectName("personHandover")
        self.handover.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("personTabs")
        self.tabs.addTab(history_page, "&Verblijven en notities")
        self.tabs.addTab(self.handover, "&Dienstoverdracht")
        # The plan is read (and its reading logged) only when the desk opens its tab.
        self.plan = PlanPanel(desk, person_id)
        self.plan.changed.connect(self.changed)
        self.tabs.addTab(self.plan, "&Persoonlijk plan")
        # Admission, applications and housing: read when the desk opens its tab.
        self.trajectory = TrajectoryPanel(desk, person_id)
        self.trajectory.changed.connect(self.changed)
        self.tabs.addTab(self.trajectory, "Toelating en &wonen")
        # Incidents and keep-aparts: read when the tab is opened, like the plan.
        self.safety = SafetyPanel(desk, person_id)
        self.safety.changed.connect(self._after_change)
        self.tabs.addTab(self.safety, "Veilig&heid")
        self.tabs.currentChanged.connect(self._tab_opened)
        # Ctrl+Tab anywhere in the record turns the tabs (Alt+V, Alt+D, Alt+P, Alt+W open one directly).
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1), ("Ctrl+Shift+Backtab", -1)):
            QShortcut(QKeySequence(keys), self, lambda step=step: self.turn_tab(step))
        restrictions_box = QGroupBox("Beperkingen")
        restrictions_layout = QVBoxLayout(restrictions_box)
        restrictions_layout.addWidget(self.restrictions)
        restrictions_layout.addWidget(self.lift_button)
        merges_box = QGroupBox("Samenvoegingen")
        merges_layout = QVBoxLayout(merges_box)
        merges_layout.addWidget(self.merges)
        merges_layout.addWidget(self.undo_button)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.details_box)
        left.addWidget(restrictions_box)
        left.addWidget(merges_box)
        columns.addLayout(left, 1)
        columns.addWidget(self.tabs, 1)
        actions = QHBoxLayout()
        for button in (
            self.edit_button,
            self.restrict_button,
            self.merge_button,
            self.card_button,
            self.documents_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.log_button)
        actions.addWidget(self.inzage_button)
        actions.addWidget(close_button)

        # The record scrolls between what must always show (name, restrictions) and the buttons,
        # so a long record or a small screen never pushes the buttons off the screen.
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.tonight_box)
        body_layout.addLayout(columns, 1)
        scroll = QScrollArea()
        scroll.setObjectName("personScroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.restriction_banner)
        layout.addWidget(self.must_read)
        layout.addWidget(self.network_banner)
        layout.addWidget(self.merged_notice)
        layout.addWidget(self.missing)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addLayout(actions)
        self.refresh()
        follow(self, desk, self.refresh_live)

    # -- showing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        record = load_person(self._desk, self.person_id)
        night = self._desk.tonight()
        self.record = record
        self.setWindowTitle(f"Persoon: {record.name[:80]}")
        name = elided(self.title, record.name, TITLE_WIDTH)
        self.title.setText(f"<h2>{html.escape(name)}</h2>{html.escape(record.age)}")
        all_restrictions = restrictions_of(self._desk, self.person_id)
        in_force = [r for r in all_restrictions if r.in_force_on(night)]
        self.restriction_banner.setText("\n".join(restriction_text(r) for r in in_force))
        self.restriction_banner.setVisible(bool(in_force))
        instructions = [e.desk_instruction for e in escalations_of(self._desk, self.person_id) if e.open]
        self.network_banner.setText("\n".join(f"Veiligheidsnetwerk: {text}" for text in instructions))
        self.network_banner.setVisible(bool(instructions))
        self.missing.setText("Nog in te vullen: " + ", ".join(record.missing) if record.missing else "")
        self.missing.setVisible(bool(record.missing))
        self.merged_notice.setText(
            "Dit record is samengevoegd met een ander record en is alleen nog te lezen."
            if record.merged_into_id
            else ""
        )
        self.merged_notice.setVisible(record.merged_into_id is not None)
        for button in (self.edit_button, self.restrict_button, self.card_button, self.note_input):
            button.setEnabled(record.merged_into_id is None)
        # What this worker's role may not do is greyed out with the reason on hover.
        gate(self.merge_button, self._desk, Permission.DECIDE, record.merged_into_id is None)
        gate(self.lift_button, self._desk, Permission.DECIDE)
        gate(self.undo_button, self._desk, Permission.DECIDE)
        gate(self.log_button, self._desk, Permission.EXPORT)
        gate(self.inzage_button, self._desk, Permission.EXPORT)
        self._show_details(record, consents_of(self._desk, self.person_id))
        self._show_tonight(night, record.merged_into_id is None)
        self._fill(
            self.stays,
            [
                (
                    None,
                    f"{s.facility}: {format_dutch_date(s.start_night)}"
                    f"{' – ' + format_dutch_date(s.end_night) if s.end_night else ' (loopt)'}, {s.nights} nacht(en)"
                    + (f"; uitstroom: {s.outflow.label.lower()}" if s.outflow else ""),
                )
                for s in record.stays
            ]
            or [(None, "Nog geen verblijven.")],
        )
        self._fill(
            self.notes, [(None, f"{local_time_text(n.written_at)} {n.written_by}: {n.text}") for n in record.notes]
        )
        about = handover_about(self._desk, self.person_id)
        self._fill(
            self.handover,
            [(e.entry_id, entry_text(e, with_location=True)) for e in about]
            or [(None, "Geen overdrachtsnotities over deze persoon.")],
        )
        self.tabs.setTabText(1, f"&Dienstoverdracht ({len(about)})" if about else "&Dienstoverdracht")
        unread = [e for e in about if e.needs_my_reading]
        self.must_read.setText(
            f"Moet gelezen (Alt+D): {len(unread)} overdrachtsnotitie(s) over deze persoon — "
            + "; ".join(_first_line(e.text) for e in unread[:2])
            if unread
            else ""
        )
        self.must_read.setVisible(bool(unread))
        if self.tabs.currentWidget() is self.plan:
            self.plan.refresh()
        self._fill(
            self.restrictions,
            [
                (
                    r.restriction_id,
                    restriction_text(r)
                    + (" (opgeheven)" if r.lifted else "" if r.in_force_on(night) else " (niet van kracht)"),
                )
                for r in all_restrictions
            ],
        )
        self._fill(
            self.merges,
            [
                (
                    m.merge_id,
                    f"{local_time_text(m.merged_at)}: {m.absorbed_name} opgenomen"
                    f"{' — ' + m.reason if m.reason else ''}"
                    f"{' (ongedaan gemaakt)' if m.undone_at else ''}",
                )
                for m in merges_of(self._desk, self.person_id)
            ],
        )

    def refresh_live(self) -> None:
        """After a change at any desk: tonight's bed and the restrictions in force, read again
        without opening (and so logging) the record once more."""
        night = self._desk.tonight()
        in_force = [r for r in restrictions_of(self._desk, self.person_id) if r.in_force_on(night)]
        self.restriction_banner.setText("\n".join(restriction_text(r) for r in in_force))
        self.restriction_banner.setVisible(bool(in_force))
        self._show_tonight(night, self.record.merged_into_id is None)

    def _tab_opened(self, index: int) -> None:
        if self.tabs.widget(index) is self.plan:
            attempt(self.error, self.plan.refresh)
        elif self.tabs.widget(index) is self.trajectory:
            attempt(self.error, self.trajectory.refresh)
        elif self.tabs.widget(index) is self.safety:
            attempt(self.error, self.safety.refresh)

    def show_trajectory(self) -> TrajectoryPanel:
        self.tabs.setCurrentWidget(self.trajectory)
        return self.trajectory

    def show_safety(self) -> SafetyPanel:
        self.tabs.setCurrentWidget(self.safety)
        return self.safety

    def turn_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def show_plan(self) -> PlanPanel:
        self.tabs.setCurrentWidget(self.plan)
        return self.plan

    def _show_tonight(self, night: date, live: bool) -> None:
        self.tonight = person_tonight(self._desk, self.person_id, night)
        t = self.tonight
        lines = [dutch_night(night).capitalize() + ":"]
        if t.bed_night_id is not None:
            lines.append(f"{t.where} — {t.status}")
            if t.fee is FeeStatus.OWED:
                lines.append(f"Bijdrage vannacht {format_euros(t.fee_cents)}: nog te betalen (Ctrl+J: betaald)")
            elif t.fee is not FeeStatus.NONE:
                lines.append(f"Bijdrage vannacht: {t.fee.label}")
            if t.stay is not None and t.stay.maximum is not None:
                warn = t.stay.flag is not StayFlag.NONE
                lines.append(("LET OP — " if warn else "") + f"Verblijf: {t.stay.describe()}")
        elif t.offer is not None:
            why = "; ".join(
                part for part in (f"{t.offer.free_beds} vrij" if t.offer.free_beds > 1 else "", t.offer.why) if part
            )
            lines.append(
                f"Nog geen bed. Voorstel: {t.offer.facility}, bed {t.offer.bed}" + (f" ({why})" if why else "")
            )
        else:
            lines.append("Nog geen bed, en geen bed voor te stellen:")
            lines.append(t.no_offer_reason)
        if t.outstanding_cents:
            lines.append(
                f"Openstaande bijdragen in totaal: {format_euros(t.outstanding_cents)} "
                "(nooit een reden om een bed te weigeren)"
            )
        self.tonight_text.setText("\n".join(lines))
        # Enabled even without an offer: Ctrl+T then says why and what the desk can do.
        self.bed_button.setEnabled(live and t.bed_night_id is None)
        self.check_in_button.setEnabled(live and t.status == BedNightStatus.RESERVED)
        self.fee_button.setEnabled(live and t.bed_night_id is not None and t.fee is FeeStatus.OWED)

    def bed_tonight(self) -> None:
        """One key: the proposed bed; without a proposal (or when refused) the assign dialog opens."""
        if not self.bed_button.isEnabled():
            self.error.setText(
                f"Heeft vannacht al een bed: {self.tonight.where}."
                if self.tonight.bed_night_id
                else "Een bed geven kan hier alleen voor de nacht van vandaag; gebruik het beddenbord."
            )
            self.error.show()
            return
        offer = self.tonight.offer
        if offer is None:
            # Nothing to give: never silence. Say why, and what can be done instead.
            self.error.setText("Geen bed voor te stellen. " + self.tonight.no_offer_reason)
            self.error.show()
            return
        self._change(lambda: assign_bed(self._desk, self.person_id, offer.bed_id, self.tonight.night))
        if self.error.isVisible():  # refused after all (another desk was quicker): choose in the dialog
            dialog = AssignDialog(
                self._desk,
                offer.bed_id,
                f"{offer.facility} {offer.bed}",
                self.tonight.night,
                self,
                person_id=self.person_id,
            )
            self._open_child(dialog)

    def fee_paid(self) -> None:
        """One key: tonight's contribution is paid (the board need not be opened for it)."""
        bed_night_id = self.tonight.bed_night_id
        if self.fee_button.isEnabled() and bed_night_id is not None:
            self._change(lambda: set_fee_status(self._desk, bed_night_id, FeeStatus.PAID))

    def check_in_tonight(self) -> None:
        bed_night_id = self.tonight.bed_night_id
        if self.check_in_button.isEnabled() and bed_night_id is not None:
            self._change(lambda: check_in(self._desk, bed_night_id))

    def _show_details(self, record: PersonRecord, consents: list[ConsentView]) -> None:
        if self.details_form.indexOf(self.consent_button) >= 0:
            self.details_form.takeRow(self.consent_button)  # kept: the rows below are rebuilt
        while self.details_form.rowCount():
            self.details_form.removeRow(0)
        d = record.details
        rows = (
            ("Naam", " ".join(p for p in (d.first_name, d.name_prefix, d.last_name) if p) or "—"),
            ("Roepnaam / alias", d.alias or "—"),
            ("Geboortedatum", d.date_of_birth.describe() if d.date_of_birth else "onbekend"),
            ("Geslacht", d.gender.label),
            ("BSN", d.bsn or "onbekend"),
            ("Nationaliteit", d.nationality or "onbekend"),
            ("Taal voor documenten", catalogues().language(d.document_language).label),
            ("Gemeente van herkomst", record.origin or "onbekend"),
            ("Laatste adres", ", ".join(p for p in (d.last_street, d.last_postcode, d.last_city) if p) or "onbekend"),
            ("Telefoon", d.phone or "—"),
            ("Reden dakloosheid", d.homelessness_route.label),
            (
                "Toestemming delen",
                d.consent.label + (f" ({format_dutch_date(d.consent_date)})" if d.consent_date else ""),
            ),
            ("Veiligheidsnotities", d.safety_notes or "—"),
        )
        for label, value in rows:
            text = QLabel()
            # A name without spaces cannot wrap: it is shortened, the full text on hover.
            text.setText(elided(text, value, DETAIL_WIDTH) if " " not in value.strip() or label in NAME_ROWS else value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details_form.addRow(label, text)
        # Consent per purpose: an expired one in amber, to be asked again.
        for consent in consents:
            if consent.state is ConsentState.NONE:
                continue
            text = QLabel(consent.text)
            text.setObjectName(f"consent:{consent.purpose.value}")
            text.setWordWrap(True)
            if consent.state is ConsentState.EXPIRED or consent.ends_soon:
                text.setStyleSheet(EXPIRED_STYLE)
            self.details_form.addRow(f"Toestemming {consent.purpose.label}", text)
        self.consent_button.setEnabled(record.merged_into_id is None)
        self.details_form.addRow("", self.consent_button)

    @staticmethod
    def _fill(widget: QListWidget, rows: list[tuple[int | None, str]]) -> None:
        widget.clear()
        for key, text in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            widget.addItem(item)
        if widget.count():
            widget.setCurrentRow(0)

    # -- acting --------------------------------------------------------------------------------

    def _open_child(self, dialog: QDialog) -> None:
        self.child = dialog
        dialog.accepted.connect(self._after_change)
        dialog.open()

    def _after_change(self) -> None:
        self.refresh()
        self.changed.emit()

    def edit(self) -> None:
        if self.record.merged_into_id is None:
            form = PersonFormDialog(self._desk, self, person_id=self.person_id, details=self.record.details)
            form.open_existing.connect(self.open_person)
            self._open_child(form)

    def open_on(self, field: str) -> QDialog | None:
        """Open the record on the field a data-quality point is about: the edit form with that field
        in focus, or the stays for an unknown destination (corrected on the bed board's list)."""
        if field == "outflow":
            self.tabs.setCurrentIndex(0)
            self.stays.setFocus()
            return None
        widgets = {"origin": "municipality", "consent": "consent", "date_of_birth": "date_of_birth"}
        if field not in widgets or self.record.merged_into_id is not None:
            return None
        self.edit()
        form = self.child
        if isinstance(form, PersonFormDialog):
            getattr(form, widgets[field]).setFocus()
        return form

    def record_consent(self) -> QDialog:
        """Consent per purpose; an expired one is renewed by recording it again from today."""
        expired = next(
            (c.purpose for c in consents_of(self._desk, self.person_id) if c.state is ConsentState.EXPIRED), None
        )
        dialog = ConsentDialog(self._desk, self.person_id, self, expired)
        self._open_child(dialog)
        return dialog

    def restrict(self) -> None:
        if self.record.merged_into_id is None:
            self._open_child(RestrictionDialog(self._desk, self.person_id, self))

    def merge(self) -> None:
        if self.merge_button.isEnabled():  # Ctrl+M as well as the button: not for every role
            self._open_child(MergeDialog(self._desk, self.person_id, self.record.name, self))

    def client_card(self) -> None:
        if self.record.merged_into_id is None:
            has_alias = bool(self.record.details.alias)
            self._open_child(CardDialog(self._desk, self.person_id, self.record.name, self, has_alias=has_alias))

    def _add_note(self) -> None:
        self._change(lambda: add_note(self._desk, self.person_id, self.note_input.text()))
        if not self.error.isVisible():
            self.note_input.clear()

    def _lift(self) -> None:
        item = self.restrictions.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole) is not None:
            self._change(lambda: lift_restriction(self._desk, item.data(Qt.ItemDataRole.UserRole)))

    def undo_selected_merge(self) -> None:
        item = self.merges.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole) is not None:
            self._change(lambda: undo_merge(self._desk, item.data(Qt.ItemDataRole.UserRole)))

    def print_access_log(self) -> None:
        """For an AVG access request: who saw or changed this record (coordinators)."""
        self._print(
            f"toegangslogboek-persoon-{self.person_id}.pdf",
            lambda: access_log_pdf(self._desk, self.person_id, self.record.name),
            "Het toegangslogboek",
        )

    def make_inzage(self) -> None:
        """For the person: everything held and who looked, as a PDF (opened) and a JSON file beside it."""
        made: list[InzageFiles] = []

        def pdf() -> bytes:
            made.append(inzage(self._desk, self.person_id))  # one inzage, one log line, two files
            return made[0].pdf

        name = f"inzage-persoon-{self.person_id}"
        if save_and_open(f"{name}.pdf", pdf, self.error, open_with_system) is not None and made:
            save_file(f"{name}.json", lambda: made[0].json, self.error)

    def print_client_document(
        self, label: str, make: Callable[[Desk, int], bytes], *, to_paper: bool = True
    ) -> Path | None:
        """One of the client's documents, in the record's document language (printed, or saved as PDF)."""
        kind = label.split(" (")[0]
        name = f"{kind.lower().replace(' ', '-')}-persoon-{self.person_id}.pdf"
        return self._print(name, lambda: make(self._desk, self.person_id), kind, to_paper=to_paper)

    def _print(self, name: str, make: Callable[[], bytes], what: str, *, to_paper: bool = True) -> Path | None:
        self.error.hide()
        self.notice.hide()
        return print_document(
            self, name, make, what, say=self._say, refuse=self._refuse, open_file=self.open_file, to_paper=to_paper
        )

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _change(self, action: Callable[[], object]) -> None:
        """Run a change to this record; refusals go to the red line, success re-reads the record."""
        if attempt(self.error, action):
            self._after_change()


register_record_window(PersonDialog)  # every page opens the record through ui.shared.records
