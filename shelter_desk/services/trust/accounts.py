"""Accounts and signing in: argon2 password hashes, roles, and a brake on guessing.

Five wrong passwords in a row block the account for 30 seconds, doubling with every further
miss up to 15 minutes. An unknown user name gets the same answer, after the same time, and the
same brake as a wrong password: nothing tells a guesser which names exist.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import DeskUser, Permission, Role, check_new_password
from shelter_desk.domain.text_input import clean_line
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.lookups import get_or_refuse
from shelter_desk.persistence.models import AccessLogEntry, UserAccount
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk

FREE_ATTEMPTS = 5
FIRST_BLOCK = timedelta(seconds=30)
LONGEST_BLOCK = timedelta(minutes=15)
WRONG = "Gebruikersnaam of wachtwoord klopt niet."
UNKNOWN_USER = "onbekende of uitgeschakelde gebruiker"
DURING_BLOCK = "poging tijdens blokkade"

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
    cleaned = clean_line(username, "De gebruikersnaam", 80).lower()
    if not cleaned or " " in cleaned:
        raise DeskError("Een gebruikersnaam is één woord zonder spaties.")
    return cleaned


def _add(session: Session, username: str, display_name: str, role: Role, password: str) -> UserAccount:
    name = _clean_username(username)
    display_name = clean_line(display_name, "De naam", 120)
    if not display_name:
        raise DeskError("Vul de naam in zoals collega's die kennen.")
    if session.scalar(select(UserAccount.id).where(UserAccount.username == name)) is not None:
        raise DeskError(f"Gebruikersnaam '{name}' bestaat al.")
    account = UserAccount(
        username=name, display_name=display_name.strip(), role=role.value, password_hash=_hasher.hash(password)
    )
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
        log_access(
            session, desk, Action.CREATE, detail=f"eerste beheerder {account.username}", username=account.username
        )
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
    """(refusal, None) or (None, the user): decides and logs without raising.

    Every path costs one argon2 verification (against a dummy hash when there is no such active
    account) and ends in the same words, so neither the time nor the message tells a guesser
    whether a user name exists. Misses under an unknown name are counted from the access log and
    braked exactly like misses on a real account.
    """
    now = desk.now()
    account = session.scalar(select(UserAccount).where(UserAccount.username == name))
    known = account is not None and account.active
    if account is not None and known:
        failures, blocked_until = account.failed_attempts, account.blocked_until
    else:
        failures, last_miss = _misses_of_unknown(session, name[:80])
        blocked_until = _block_end(failures, last_miss) if last_miss is not None else None
    matches = _verify(account.password_hash if account is not None and known else _dummy_hash(), password)
    if blocked_until is not None and now < blocked_until:
        log_access(session, desk, Action.SIGN_IN_FAILED, detail=DURING_BLOCK, username=name[:80])
        return _blocked(blocked_until - now), None
    if account is None or not known or not matches:
        failures += 1
        if account is not None and known:
            account.failed_attempts, account.blocked_until = failures, _block_end(failures, now)
            detail = f"poging {failures}"
        else:
            detail = f"{UNKNOWN_USER}, poging {failures}"
        log_access(session, desk, Action.SIGN_IN_FAILED, detail=detail, username=name[:80])
        blocked_until = _block_end(failures, now)
        return (_blocked(blocked_until - now) if blocked_until is not None else WRONG), None
    account.failed_attempts, account.blocked_until = 0, None
    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
    log_access(session, desk, Action.SIGN_IN, username=name)
    return None, DeskUser(account.id, account.username, account.display_name, Role(account.role))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_dummy_hashes: dict[int, str] = {}


def _dummy_hash() -> str:
    """A hash made with the current hasher's cost, so that checking it takes as long as a real one."""
    key = id(_hasher)
    if key not in _dummy_hashes:
        _dummy_hashes[key] = _hasher.hash("geen-account-" + secrets.token_hex(16))
    return _dummy_hashes[key]


def _misses_of_unknown(session: Session, name: str) -> tuple[int, datetime | None]:
    """How often an unknown (or disabled) user name missed, and when last: read from the access log."""
    count, last = session.execute(
        select(func.count(), func.max(AccessLogEntry.at)).where(
            AccessLogEntry.action == Action.SIGN_IN_FAILED.value,
            AccessLogEntry.username == name,
            AccessLogEntry.detail.like(f"{UNKNOWN_USER}%"),
        )
    ).one()
    return int(count or 0), last


def _block_end(failures: int, last_miss: datetime) -> datetime | None:
    extra = failures - FREE_ATTEMPTS
    return last_miss + min(FIRST_BLOCK * (2**extra), LONGEST_BLOCK) if extra >= 0 else None


def _blocked(wait: timedelta) -> str:
    return f"{WRONG} Te vaak mis. Probeer het over {math.ceil(wait.total_seconds())} seconden opnieuw."


def list_accounts(desk: Desk) -> list[AccountView]:
    desk.require(Permission.ADMINISTER)
    with desk.db.read() as session:
        return [
            AccountView(a.id, a.username, a.display_name, Role(a.role), a.active)
            for a in session.scalars(select(UserAccount).order_by(UserAccount.username))
        ]


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
