"""Beheer, second tab: accounts and roles, backups and restore, and the retention period."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_desk.domain.roles import Permission, Role
from shelter_desk.domain.shelter_night import AMSTERDAM, dutch_date
from shelter_desk.services.handover import purge_expired_handover
from shelter_desk.services.kernel import Desk
from shelter_desk.services.trust import (
    BackupState,
    anonymise,
    backup_now,
    backup_state,
    create_account,
    default_backup_folder,
    list_accounts,
    restore,
    retention_candidates,
    set_active,
)
from shelter_desk.ui.machine_faults import age_text
from shelter_desk.ui.permissions import may
from shelter_desk.ui.section_page import SectionPage
from shelter_desk.ui.styles import HINT_STYLE


class TrustPanel(SectionPage):
    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)

        self.users = QListWidget()
        self.users.setObjectName("userList")
        self.username, self.display_name, self.password = QLineEdit(), QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, role.value)
        add_user = QPushButton("Gebruiker toevoegen")
        add_user.setObjectName("addUser")
        add_user.clicked.connect(self.add_user)
        toggle = QPushButton("Gekozen gebruiker aan/uit")
        toggle.clicked.connect(self.toggle_user)
        users_box = QGroupBox("Gebruikers en rollen")
        users_layout = QVBoxLayout(users_box)
        users_layout.addWidget(self.users)
        form = QFormLayout()
        form.addRow("Gebruikersnaam", self.username)
        form.addRow("Naam", self.display_name)
        form.addRow("Rol", self.role)
        form.addRow("Wachtwoord (min. 10)", self.password)
        users_layout.addLayout(form)
        row = QHBoxLayout()
        row.addWidget(add_user)
        row.addWidget(toggle)
        users_layout.addLayout(row)

        backup_box = QGroupBox("Back-ups")
        backup_layout = QVBoxLayout(backup_box)
        hint = QLabel(
            "Bij elke start wordt (hooguit één keer per dag) automatisch een back-up gemaakt. "
            "Terugzetten kan alleen als geen andere balie de database open heeft."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        make = QPushButton("Nu een back-up maken")
        make.setObjectName("makeBackup")
        make.clicked.connect(self.make_backup)
        put_back = QPushButton("Back-up terugzetten…")
        put_back.clicked.connect(self.choose_restore)
        self.backup_state = QLabel()
        self.backup_state.setObjectName("backupState")
        self.backup_state.setWordWrap(True)
        # Room for the last good copy and a failure: a wrapped label is otherwise squeezed to one line.
        self.backup_state.setMinimumHeight(self.backup_state.fontMetrics().lineSpacing() * 5)
        self.backup_state.setAlignment(Qt.AlignmentFlag.AlignTop)
        backup_layout.addWidget(hint)
        backup_layout.addWidget(self.backup_state)
        backup_layout.addWidget(make)
        backup_layout.addWidget(put_back)

        self.candidates = QListWidget()
        self.candidates.setObjectName("retentionCandidates")
        self.candidates.setSelectionMode(QListWidget.SelectionMode.MultiSelection)
        find = QPushButton("Personen buiten de bewaartermijn zoeken")
        find.clicked.connect(self.find_candidates)
        wipe = QPushButton("Gekozen personen anonimiseren")
        wipe.setObjectName("anonymise")
        wipe.clicked.connect(self.anonymise_selected)
        retention_box = QGroupBox("Bewaartermijn")
        retention_layout = QVBoxLayout(retention_box)
        retention_layout.addWidget(find)
        retention_layout.addWidget(self.candidates)
        retention_layout.addWidget(wipe)
        purge = QPushButton("Verlopen dienstoverdracht verwijderen")
        purge.setObjectName("purgeHandover")
        purge.setToolTip("Verwijdert overdrachtsnotities ouder dan de instelling 'Dienstoverdracht bewaren (dagen)'.")
        purge.clicked.connect(self.purge_handover)
        retention_layout.addWidget(purge)

        self.gate(Permission.ADMINISTER, users_box, add_user, toggle, put_back)
        self.gate(Permission.EXPORT, make)
        self.gate(Permission.DECIDE, find, wipe)

        layout = QVBoxLayout(self)
        columns = QHBoxLayout()
        columns.addWidget(users_box, 1)
        right = QVBoxLayout()
        right.addWidget(backup_box)
        right.addWidget(retention_box, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status_area())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if may(self._desk, Permission.ADMINISTER):  # only administrators see the accounts
            self.attempt(self.load_users)
        if may(self._desk, Permission.EXPORT):
            self.attempt(self.show_backup_state)

    def show_backup_state(self) -> None:
        state = backup_state(self._desk, default_backup_folder(self._desk.db))
        self.backup_state.setText(backup_state_text(state, self._desk.now()))

    def load_users(self) -> None:
        self.users.clear()
        for account in list_accounts(self._desk):
            item = QListWidgetItem(
                f"{account.username} — {account.display_name} ({account.role.label})"
                + ("" if account.active else " — uitgeschakeld")
            )
            item.setData(Qt.ItemDataRole.UserRole, (account.user_id, account.active))
            self.users.addItem(item)

    def add_user(self) -> None:
        if self.attempt(
            lambda: create_account(
                self._desk,
                self.username.text(),
                self.display_name.text(),
                Role(self.role.currentData()),
                self.password.text(),
            )
        ):
            for field in (self.username, self.display_name, self.password):
                field.clear()
            self.attempt(self.load_users)

    def toggle_user(self) -> None:
        item = self.users.currentItem()
        if item is not None:
            user_id, active = item.data(Qt.ItemDataRole.UserRole)
            if self.attempt(lambda: set_active(self._desk, user_id, not active)):
                self.attempt(self.load_users)

    def make_backup(self) -> None:
        def run() -> None:
            path = backup_now(self._desk, default_backup_folder(self._desk.db))
            self.tell(f"Back-up gemaakt: {path}")

        self.attempt(run)
        self.attempt(self.show_backup_state)  # a failure is recorded too

    def choose_restore(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Back-up kiezen", str(default_backup_folder(self._desk.db)), "Shelter Desk-back-ups (*.sqlite)"
        )
        if name:
            self.restore_from(Path(name))

    def restore_from(self, path: Path) -> None:
        def run() -> None:
            aside = restore(self._desk, path)
            self.tell(
                f"Back-up teruggezet. De vorige stand staat in {aside}. Start Shelter Desk opnieuw om verder te werken."
            )

        self.attempt(run)

    def find_candidates(self) -> None:
        def run() -> None:
            self.candidates.clear()
            for candidate in retention_candidates(self._desk):
                item = QListWidgetItem(f"{candidate.name} — laatste contact {dutch_date(candidate.last_contact)}")
                item.setData(Qt.ItemDataRole.UserRole, candidate.person_id)
                self.candidates.addItem(item)
            self.tell(f"{self.candidates.count()} personen buiten de bewaartermijn.")

        self.attempt(run)

    def purge_handover(self) -> None:
        self.attempt(
            lambda: self.tell(f"{purge_expired_handover(self._desk)} verlopen overdrachtsnotities verwijderd.")
        )

    def anonymise_selected(self) -> None:
        chosen = [item.data(Qt.ItemDataRole.UserRole) for item in self.candidates.selectedItems()]
        if chosen and self.attempt(lambda: self.tell(f"{anonymise(self._desk, chosen)} personen geanonimiseerd.")):
            self.find_candidates()


def backup_state_text(state: BackupState, now: datetime) -> str:
    """The last good backup (when, how old, where) and a failure since, for Beheer."""
    age = state.age(now)
    if state.last_good_at is None or age is None:
        text = f"Nog geen goede back-up in {state.folder}."
    else:
        text = (
            f"Laatste goede back-up: {state.last_good_at.astimezone(AMSTERDAM):%d-%m-%Y %H:%M} "
            f"({age_text(age)} oud), in {state.folder}."
        )
    if state.failing() and state.last_failure_at is not None:
        text += (
            f"\nLaatste poging mislukt op {state.last_failure_at.astimezone(AMSTERDAM):%d-%m-%Y %H:%M}: "
            f"{state.last_failure}"
        )
    return text
