"""Which nights the winter arrangement covers, per region: one query the bed rules all share."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.persistence.models import WinterActivation


def winter_activation_on(session: Session, region_id: int, night: date) -> WinterActivation | None:
    return session.scalar(select(WinterActivation).where(
        WinterActivation.region_id == region_id, WinterActivation.first_night <= night,
        WinterActivation.last_night >= night))


def winter_regions_on(session: Session, night: date) -> dict[int, int]:
    """Region id → phase, for every region whose arrangement covers `night`."""
    return dict(session.execute(select(WinterActivation.region_id, WinterActivation.phase).where(
        WinterActivation.first_night <= night, WinterActivation.last_night >= night)).all())
