"""Roles and permissions: each role includes the ones below it, and every permission is its own."""

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import DeskUser, Permission, Role, check_permission
from tests.conftest import EVENING


def _user(role: Role) -> DeskUser:
    return DeskUser(1, "u", "U", role)


def test_every_permission_is_distinct():
    assert len({p.value for p in Permission}) == len(Permission)
    assert Permission.EXPORT is not Permission.DECIDE


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.FRONT_DESK, {Permission.DESK_WORK, Permission.ALL_REGIONS}),
        (Role.COUNSELLOR, {Permission.DESK_WORK, Permission.ALL_REGIONS, Permission.PLAN_WORK}),
        (
            Role.COORDINATOR,
            {
                Permission.DESK_WORK,
                Permission.DECIDE,
                Permission.EXPORT,
                Permission.ALL_REGIONS,
                Permission.STREET_WORK,
                Permission.PLAN_WORK,
            },
        ),
        (Role.ADMINISTRATOR, set(Permission)),
    ],
)
def test_each_role_has_the_permissions_of_the_roles_below_it(role, allowed):
    for permission in Permission:
        if permission in allowed:
            check_permission(_user(role), permission, EVENING)
        else:
            with pytest.raises(DeskError, match="is de rol"):
                check_permission(_user(role), permission, EVENING)


def test_the_refusal_names_the_role_needed_and_the_role_signed_in():
    with pytest.raises(DeskError) as refusal:
        check_permission(_user(Role.FRONT_DESK), Permission.EXPORT, EVENING)
    assert refusal.value.message == (
        "Voor deze export is de rol coördinator of beheerder nodig; u bent aangemeld als baliemedewerker."
    )


def test_the_plan_needs_a_counsellor_and_the_refusal_names_every_role_that_may():
    with pytest.raises(DeskError) as refusal:
        check_permission(_user(Role.FRONT_DESK), Permission.PLAN_WORK, EVENING)
    assert refusal.value.message == (
        "Voor het persoonlijk plan is de rol begeleider, coördinator of beheerder nodig; "
        "u bent aangemeld als baliemedewerker."
    )


def test_nobody_signed_in_is_refused():
    with pytest.raises(DeskError, match="niet aangemeld"):
        check_permission(None, Permission.DESK_WORK, EVENING)
