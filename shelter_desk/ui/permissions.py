"""Roles made visible: a control the signed-in worker may not use is disabled, and hovering it
says which role may and who is signed in (instead of a refusal after the click)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from shelter_desk.domain.roles import Permission, Role
from shelter_desk.services.kernel import Desk

_PLURAL = {
    Role.FRONT_DESK: "baliemedewerkers",
    Role.COUNSELLOR: "begeleiders",
    Role.COORDINATOR: "coördinatoren",
    Role.ADMINISTRATOR: "beheerders",
}


def role_of(desk: Desk) -> Role | None:
    return desk.user.role if desk.user is not None else None


def may(desk: Desk, permission: Permission) -> bool:
    role = role_of(desk)
    return role is not None and role.includes(permission.minimum_role)


def reason_not_allowed(desk: Desk, permission: Permission) -> str:
    return reason_for(role_of(desk), permission)


def reason_for(role: Role | None, permission: Permission) -> str:
    """'Alleen voor coördinatoren en beheerders; u bent aangemeld als Baliemedewerker.'"""
    minimum = permission.minimum_role
    allowed = [_PLURAL[each] for each in Role if each.includes(minimum)]
    who = f"u bent aangemeld als {role.label}" if role else "u bent niet aangemeld"
    named = allowed[0] if len(allowed) == 1 else ", ".join(allowed[:-1]) + " en " + allowed[-1]
    return f"Alleen voor {named}; {who}."


def gate(widget: QWidget, desk: Desk, permission: Permission, enabled: bool = True) -> None:
    """Enable `widget` when `enabled` and the worker's role allows `permission`; otherwise the
    tooltip says why it is greyed out."""
    allowed = may(desk, permission)
    widget.setEnabled(enabled and allowed)
    base = widget.property("baseToolTip")
    if base is None:
        base = widget.toolTip()
        widget.setProperty("baseToolTip", base)
    widget.setToolTip(str(base) if allowed else reason_not_allowed(desk, permission))
