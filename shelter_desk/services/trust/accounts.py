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
from shelter_desk.persistence.lookups import get_or_refuse
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
    """Check the password; on success the desk is signed in. Every attempt is logged.

    The attempt and its log line are committed before a refusal is raised (raising inside the
    transaction would roll the line and the failed-attempt count back).
    """
    with desk.db.write() as session:
        refusal, user = _attempt_sign_in(session, desk, username.strip().lower(), password)
    if refusal is not None or user is None:
        raise DeskError(refusal or WRONG)
    desk.sign_in(user)
    return user


def _attempt_sign_in(session: Session, desk: Desk, name: str, password: str) -> tuple[str | None, DeskUser | None]:
    """(refusal, None) or (None, the user): decides and logs without raising."""
    now = desk.now()
    account = session.scalar(select(UserAccount).where(UserAccount.username == name))
    if account is None or not account.active:
        log_access(session, desk, Action.SIGN_IN_FAILED, detail="onbekende of uitgeschakelde gebruiker",
                   username=name[:80])
        return WRONG, None
    if account.blocked_until is not None and now < account.blocked_until:
        wait = math.ceil((account.blocked_until - now).total_seconds())
        log_access(session, desk, Action.SIGN_IN_FAILED, detail="poging tijdens blokkade", username=name)
        return f"Te vaak een verkeerd wachtwoord. Probeer het over {wait} seconden opnieuw.", None
    try:
        _hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError):
        account.failed_attempts += 1
        extra = account.failed_attempts - FREE_ATTEMPTS
        if extra >= 0:
            account.blocked_until = now + min(FIRST_BLOCK * (2 ** extra), LONGEST_BLOCK)
        log_access(session, desk, Action.SIGN_IN_FAILED, detail=f"poging {account.failed_attempts}", username=name)
        return WRONG, None
    account.failed_attempts, account.blocked_until = 0, None
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
    log_access(session, desk, Action.SIGN_IN, username=name)
    return None, DeskUser(account.id, account.username, account.display_name, Role(account.role))


def list_accounts(desk: Desk) -> list[AccountView]:
    desk.require(Permission.ADMINISTER)
    with desk.db.read() as session:
        return [AccountView(a.id, a.username, a.display_name, Role(a.role), a.active)
                for a in session.scalars(select(UserAccount).order_by(UserAccount.username))]


def set_password(desk: Desk, user_id: int, password: str, repeated: str) -> None:
    """Administrators reset anyone's password; everyone may change their own."""
    user = desk.require(Permission.DESK_WORK)
    if user.user_id != user_id and not user.role.includes(Permission.ADMINISTER.minimum_role):
        raise DeskError("Alleen een beheerder kan het wachtwoord van een ander wijzigen.")
    check_new_password(password, repeated)
    with desk.db.write() as session:
        account = get_or_refuse(session, UserAccount, user_id, "Deze gebruiker bestaat niet.")
        account.password_hash = _hasher.hash(password)
        account.failed_attempts, account.blocked_until = 0, None
        log_access(session, desk, Action.UPDATE, fields=("wachtwoord",), detail=f"gebruiker {account.username}")


def set_active(desk: Desk, user_id: int, active: bool) -> None:
    user = desk.require(Permission.ADMINISTER)
    if user.user_id == user_id and not active:
        raise DeskError("U kunt uw eigen account niet uitschakelen.")
    with desk.db.write() as session:
        account = get_or_refuse(session, UserAccount, user_id, "Deze gebruiker bestaat niet.")
        account.active = active
        log_access(session, desk, Action.UPDATE, fields=("actief",), detail=f"gebruiker {account.username}")
