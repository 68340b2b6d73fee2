"""Who may do what: the three roles of a shelter and the permissions every service checks.

Front desk (balie) does the evening's work; a coordinator also decides (merges, overrules,
winter activation, exports, the access log); an administrator also manages facilities, users
and settings. Each role includes the ones below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum

from shelter_desk.domain.errors import DeskError


class Role(StrEnum):
    FRONT_DESK = "balie"
    COORDINATOR = "coordinator"
    ADMINISTRATOR = "beheerder"

    @property
    def label(self) -> str:
        return {"balie": "Baliemedewerker", "coordinator": "Coördinator", "beheerder": "Beheerder"}[self]

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class Permission(IntEnum):
    """Each permission's value is the rank of the lowest role that has it."""

    DESK_WORK = 0  # search, register, beds, check-in, turnaways, occupancy lists
    DECIDE = 1  # merge / undo merge, overrule a refusal, lift restrictions, winter arrangement
    EXPORT = 1  # exports and the access log of a person (coordinator or administrator)
    ADMINISTER = 2  # facilities, beds, users, organisation settings, retention


PERMISSION_TEXT = {
    Permission.DESK_WORK: "baliewerk",
    Permission.DECIDE: "dit besluit",
    Permission.ADMINISTER: "beheer",
}


@dataclass(frozen=True)
class DeskUser:
    """The person signed in at this desk, and until when their session holds without activity."""

    user_id: int
    username: str
    display_name: str
    role: Role
    expires_at: datetime | None = None  # None: no idle limit (command line, tests)


def check_permission(user: DeskUser | None, permission: Permission, now: datetime) -> None:
    if user is None:
        raise DeskError("U bent niet aangemeld. Meld u aan; er is niets opgeslagen.")
    if user.expires_at is not None and now > user.expires_at:
        raise DeskError("Uw sessie is verlopen (te lang niets gedaan). Meld u opnieuw aan; er is niets opgeslagen.")
    if user.role.rank < int(permission):
        needed = "coördinator of beheerder" if int(permission) == 1 else "beheerder"
        raise DeskError(f"Voor {PERMISSION_TEXT.get(permission, 'deze handeling')} is de rol {needed} nodig; "
                        f"u bent aangemeld als {user.role.label.lower()}.")


MIN_PASSWORD_LENGTH = 10


def check_new_password(password: str, repeated: str | None = None) -> None:
    """A new password: long enough, and typed the same twice when asked twice."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DeskError(f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens.")
    if repeated is not None and repeated != password:
        raise DeskError("De twee wachtwoorden zijn niet gelijk.")
