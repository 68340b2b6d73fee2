"""Who may do what: the four roles of a shelter and the permissions every service checks.

Front desk (balie) does the evening's work; a counsellor (begeleider) also keeps the personal
plan; a coordinator also decides (merges, overrules, winter activation, exports, the access log);
an administrator also manages facilities, users and settings. Each role includes the ones below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from shelter_desk.domain.errors import DeskError


class Role(StrEnum):
    FRONT_DESK = "balie"
    COUNSELLOR = "begeleider"  # the personal plan besides the desk work
    COORDINATOR = "coordinator"
    ADMINISTRATOR = "beheerder"

    @property
    def label(self) -> str:
        return {
            "balie": "Baliemedewerker",
            "begeleider": "Begeleider",
            "coordinator": "Coördinator",
            "beheerder": "Beheerder",
        }[self]

    @property
    def name_in_text(self) -> str:
        """'coördinator' as a sentence names the role."""
        return {"balie": "balie", "begeleider": "begeleider", "coordinator": "coördinator", "beheerder": "beheerder"}[
            self
        ]

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def includes(self, other: Role) -> bool:
        """Each role includes the ones below it."""
        return self.rank >= other.rank


class Permission(StrEnum):
    """What a service asks of the signed-in worker; each permission names the lowest role that has it."""

    DESK_WORK = "baliewerk"  # search, register, beds, check-in, turnaways, occupancy lists
    DECIDE = "dit besluit"  # merge / undo merge, overrule a refusal, lift restrictions, winter arrangement
    EXPORT = "deze export"  # exports and the access log of a person
    ADMINISTER = "beheer"  # facilities, beds, users, organisation settings, retention
    ALL_REGIONS = "het overzicht van alle regio's"  # tonight's beds beyond the desk's own region
    STREET_WORK = "straatcontacten"  # winter outreach: who was met outside, and where they went
    PLAN_WORK = "het persoonlijk plan"  # the plan's scores, goals and notes: special categories (AVG art. 9)

    @property
    def minimum_role(self) -> Role:
        return _MINIMUM_ROLE[self]


_MINIMUM_ROLE = {
    Permission.DESK_WORK: Role.FRONT_DESK,
    Permission.DECIDE: Role.COORDINATOR,
    Permission.EXPORT: Role.COORDINATOR,
    Permission.ADMINISTER: Role.ADMINISTRATOR,
    # A front desk in Assen may reserve a free bed at De Breehof in Emmen, another region. Nobody sleeps
    # outside for want of looking one region further, so the front desk may look at every region.
    Permission.ALL_REGIONS: Role.FRONT_DESK,
    # Street contacts are recorded by the outreach (GGD, Meldpunt OGGZ), whose accounts are
    # coordinators: a street contact can reserve a bed anywhere and names people met outside.
    Permission.STREET_WORK: Role.COORDINATOR,
    # The plan's life domains include mental health, addiction and justice: counsellors and up.
    Permission.PLAN_WORK: Role.COUNSELLOR,
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
    needed = permission.minimum_role
    if user.role.rank < needed.rank:
        allowed = [role.name_in_text for role in Role if role.includes(needed)]
        roles = allowed[0] if len(allowed) == 1 else ", ".join(allowed[:-1]) + " of " + allowed[-1]
        raise DeskError(
            f"Voor {permission.value} is de rol {roles} nodig; u bent aangemeld als {user.role.label.lower()}."
        )


MIN_PASSWORD_LENGTH = 10


def check_new_password(password: str, repeated: str | None = None) -> None:
    """A new password: long enough, and typed the same twice when asked twice."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DeskError(f"Kies een wachtwoord van minstens {MIN_PASSWORD_LENGTH} tekens.")
    if repeated is not None and repeated != password:
        raise DeskError("De twee wachtwoorden zijn niet gelijk.")
