"""The facilities the desk can choose from, as plain choices for lists and dialogs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from shelter_desk.domain.facilities import AgeRange, FacilityKind
from shelter_desk.domain.roles import Permission
from shelter_desk.persistence.models import Facility
from shelter_desk.services.kernel.desk import Desk


@dataclass(frozen=True)
class FacilityChoice:
    facility_id: int
    name: str
    kind: FacilityKind
    ages: AgeRange
    city: str


def list_facilities(desk: Desk) -> list[FacilityChoice]:
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        rows = session.scalars(select(Facility).where(Facility.active.is_(True)).order_by(Facility.name)).all()
        return [FacilityChoice(f.id, f.name, f.kind, AgeRange(f.min_age, f.max_age), f.city) for f in rows]
