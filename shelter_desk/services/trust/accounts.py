"""Accounts and signing in: argon2 password hashes, roles, and a brake on guessing.

Five wrong passwords in a row block the account for 30 seconds, doubling with every further
miss up to 15 minutes. An unknown user name gets the same answer as a wrong password.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import DeskUser, Permission, Role, check_new_password
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.models import UserAccount
from shelter_desk.services.trust.access_log import Action, log_access
from shelter_desk.services.desk import Desk

FREE_ATTEMPTS = 5
FIRST_BLOCK = timedelta(seconds=30)
LONGEST_BLOCK = timedelta(minutes=15)
WRONG = "Gebruikersnaam of wachtwoord klopt niet."

_hasher = PasswordHasher()


@dataclass(frozen=True)
class AccountView:
    user_id: int
    username: str
    display_name: str
    role: Role
    active: bool


def has_accounts(db: Database) -> bool:
    with db.read() as session:
        return bool(session.scalar(select(func.count()).select_from(UserAccount)))


def _clean_username(username: str) -> str:
    cleaned = username.strip().lower()
    if not cleaned or " " in cleaned:
        raise DeskError("Een gebruikersnaam is één woord zonder spaties.")
    return cleaned


def _add(session: Session, username: str, display_name: str, role: Role, password: str) -> UserAccount:
    name = _clean_username(username)
    if not display_name.strip():
        raise DeskError("Vul de naam in zoals collega's die kennen.")
    if session.scalar(select(UserAccount.id).where(UserAccount.username == name)) is not None:
        raise DeskError(f"Gebruikersnaam '{name}' bestaat al.")
    account = UserAccount(username=name, display_name=display_name.strip(), role=role.value,
                          password_hash=_hasher.hash(password))
    session.add(account)
    session.flush()
    return account


def create_first_administrator(desk: Desk, username: str, display_name: str, password: str, repeated: str) -> DeskUser:
    """The very first account of a new database; refused once any account exists."""
    check_new_password(password, repeated)
    with desk.db.write() as session:
        if session.scalar(select(func.count()).select_from(UserAccount)):
            raise DeskError("Er zijn al gebruikers; de eerste beheerder bestaat al.")
        account = _add(session, username, display_name, Role.ADMINISTRATOR, password)
        user = DeskUser(account.id, account.username, account.display_name, Role.ADMINISTRATOR)
        log_access(session, desk, Action.CREATE, detail=f"eerste beheerder {account.username}", username=account.username)
    desk.sign_in(user)
    return user


def create_account(desk: Desk, username: str, display_name: str, role: Role, password: str) -> int:
    desk.require(Permission.ADMINISTER)
    check_new_password(password)
    with desk.db.write() as session:
        account = _add(session, username, display_name, role, password)
        log_access(session, desk, Action.CREATE, detail=f"gebruiker {account.username} ({role.label})")
        return account.id


def create_demo_accounts(db: Database, password: str) -> None:
    """Demo databases only: one account per role, all with the demo password."""
    with db.write() as session:
        for role in Role:
            if session.scalar(select(UserAccount.id).where(UserAccount.username == role.value)) is None:
                _add(session, role.value, f"Demo {role.label.lower()}", role, password)


def sign_in(desk: Desk, username: str, password: str) -> DeskUser:
    """Check the password; on success the desk is signed in. Every attempt is logged."""
    name = username.strip().lower()
    now = desk.now()
    unknown = False
    with desk.db.write() as session:
        account = session.scalar(select(UserAccount).where(UserAccount.username == name))
        if account is None or not account.active:
            # Logged and committed first: raising inside the transaction would roll the line back.
            log_access(session, desk, Action.SIGN_IN_FAILED, detail="onbekende of uitgeschakelde gebruiker",
                       username=name[:80])
            unknown = True
    if unknown:
        raise DeskError(WRONG)
    with desk.db.write() as session:
        account = session.scalar(select(UserAccount).where(UserAccount.username == name))
        assert account is not None
        if account.blocked_until is not None and now < account.blocked_until:
            wait = math.ceil((account.blocked_until - now).total_seconds())
            raise DeskError(f"Te vaak een verkeerd wachtwoord. Probeer het over {wait} seconden opnieuw.")
        try:
            _hasher.verify(account.password_hash, password)
        except (VerificationError, InvalidHashError):
            account.failed_attempts += 1
            extra = account.failed_attempts - FREE_ATTEMPTS
            if extra >= 0:
                account.blocked_until = now + min(FIRST_BLOCK * (2 ** extra), LONGEST_BLOCK)
            log_access(session, desk, Action.SIGN_IN_FAILED, detail=f"poging {account.failed_attempts}", username=name)
            failed = True
        else:
            failed = False
            account.failed_attempts, account.blocked_until = 0, None
            if _hasher.check_needs_rehash(account.password_hash):
                account.password_hash = _hasher.hash(password)
            user = DeskUser(account.id, account.username, account.display_name, Role(account.role))
            log_access(session, desk, Action.SIGN_IN, username=name)
    # Committed above, so the failed attempt counts even though we refuse now.
    if failed:
        raise DeskError(WRONG)
    desk.sign_in(user)
    return user


def list_accounts(desk: Desk) -> list[AccountView]:
    desk.require(Permission.ADMINISTER)
    with desk.db.read() as session:
        return [AccountView(a.id, a.username, a.display_name, Role(a.role), a.active)
                for a in session.scalars(select(UserAccount).order_by(UserAccount.username))]


def set_password(desk: Desk, user_id: int, password: str, repeated: str) -> None:
    """Administrators reset anyone's password; everyone may change their own."""
    user = desk.require(Permission.DESK_WORK)
    if user.user_id != user_id:
        desk.require(Permission.ADMINISTER)
    check_new_password(password, repeated)
    with desk.db.write() as session:
        account = session.get(UserAccount, user_id)
        if account is None:
            raise DeskError("Deze gebruiker bestaat niet.")
        account.password_hash = _hasher.hash(password)
        account.failed_attempts, account.blocked_until = 0, None
        log_access(session, desk, Action.UPDATE, fields=("wachtwoord",), detail=f"gebruiker {account.username}")


def set_active(desk: Desk, user_id: int, active: bool) -> None:
    user = desk.require(Permission.ADMINISTER)
    if user.user_id == user_id and not active:
        raise DeskError("U kunt uw eigen account niet uitschakelen.")
    with desk.db.write() as session:
        account = session.get(UserAccount, user_id)
        if account is None:
            raise DeskError("Deze gebruiker bestaat niet.")
        account.active = active
        log_access(session, desk, Action.UPDATE, fields=("actief",), detail=f"gebruiker {account.username}")
