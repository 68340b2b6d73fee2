"""Housing outflow: referrals to the region's housing programmes, followed to the move, and the time
from the first night in shelter to a home.

The programmes are an organisation setting (`housing.programmes`). "Verhuisd via <programma>"
ends the person's running stays with destination "eigen woning" (through the one step every
ended stay passes, `beds.stays.close_stay`) and closes the referral.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.name_lists import parse_name_list
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.stays import Outflow
from shelter_desk.domain.text_input import check_night, clean_text
from shelter_desk.domain.trajectory import HousingStatus, check_housing_step
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import HousingReferral, Stay
from shelter_desk.services.beds.stays import close_stay
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings

REFERRAL_GONE = "Deze woonverwijzing bestaat niet (meer)."


@dataclass(frozen=True)
class HousingReferralView:
    referral_id: int
    programme: str
    status: HousingStatus
    requested_on: date
    urgency_on: date | None
    offered_on: date | None
    moved_on: date | None
    refused_on: date | None
    remark: str


@dataclass(frozen=True)
class HousingSummary:
    referrals: tuple[HousingReferralView, ...]  # newest first
    first_night: date | None  # the first night in shelter
    home_on: date | None  # the day of the move into a home
    days_to_home: int | None


def housing_programmes(desk: Desk) -> list[str]:
    """The programmes the organisation refers to, as configured."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return _programmes(session)


def _programmes(session: Session) -> list[str]:
    return list(parse_name_list(read_settings(session).housing_programmes, "Woonprogramma's"))


def refer_to_housing(desk: Desk, person_id: int, programme: str, requested_on: date, remark: str = "") -> int:
    """A referral to one of the programmes; one open referral per programme."""
    desk.require(Permission.DESK_WORK)
    check_night(requested_on, desk.today(), "De aanvraagdatum")
    remark = clean_text(remark, "De toelichting")
    with desk.db.write() as session:
        live_person(session, person_id, "verwijs door vanaf dat record")
        known = {name.lower(): name for name in _programmes(session)}
        if programme.strip().lower() not in known:
            raise DeskError(
                f"‘{programme}’ staat niet in de lijst met woonprogramma's ({', '.join(known.values())}); "
                "een beheerder kan het toevoegen onder Beheer → Instellingen."
            )
        name = known[programme.strip().lower()]
        if session.scalar(
            select(HousingReferral.id).where(
                HousingReferral.person_id == person_id,
                HousingReferral.programme == name,
                HousingReferral.status.in_([s.value for s in HousingStatus if s.open]),
            )
        ):
            raise DeskError(f"Er loopt al een verwijzing naar {name} voor deze persoon.")
        row = HousingReferral(
            person_id=person_id,
            programme=name,
            status=HousingStatus.REQUESTED,
            requested_on=requested_on,
            remark=remark,
            created_by=desk.worker,
        )
        session.add(row)
        session.flush()
        log_access(session, desk, Action.CREATE, person_id, ("woonverwijzing",), name)
        return row.id


def update_housing(desk: Desk, referral_id: int, status: HousingStatus, on: date) -> None:
    """The next step of a referral: urgency granted, a home offered, or refused."""
    desk.require(Permission.DESK_WORK)
    check_night(on, desk.today(), "De datum")
    status = HousingStatus(status)
    with desk.db.write() as session:
        row = get_or_refuse(session, HousingReferral, referral_id, REFERRAL_GONE)
        check_housing_step(row.status, status)
        if on < row.requested_on:
            raise DeskError("De datum kan niet vóór de aanvraag liggen.")
        row.status = status
        if status is HousingStatus.URGENCY:
            row.urgency_on = on
        elif status is HousingStatus.OFFERED:
            row.offered_on = on
        else:
            row.refused_on = on
        log_access(session, desk, Action.UPDATE, row.person_id, ("woonverwijzing",), status.value)


def moved_via(desk: Desk, referral_id: int, last_night: date) -> None:
    """The person moved into a home through the programme: running stays end after `last_night`."""
    desk.require(Permission.DESK_WORK)
    check_night(last_night, desk.today(), "De laatste nacht")
    with desk.db.write() as session:
        row = get_or_refuse(session, HousingReferral, referral_id, REFERRAL_GONE)
        if not row.status.open:
            raise DeskError(f"Deze verwijzing is al afgesloten ({row.status.label.lower()}).")
        if last_night + timedelta(days=1) < row.requested_on:
            raise DeskError("De verhuizing kan niet vóór de aanvraag liggen.")
        tonight = desk.tonight(session)
        ended = None
        for stay in session.scalars(
            select(Stay).where(Stay.person_id == row.person_id, Stay.end_night.is_(None)).order_by(Stay.id)
        ):
            close_stay(session, stay, max(last_night, stay.start_night), Outflow.OWN_HOME, tonight)
            ended = stay.id
        row.status, row.moved_on, row.stay_id = HousingStatus.MOVED, last_night + timedelta(days=1), ended
        log_access(
            session,
            desk,
            Action.UPDATE,
            row.person_id,
            ("woonverwijzing", "uitstroom"),
            f"verhuisd via {row.programme}",
        )


def housing_of(desk: Desk, person_id: int) -> HousingSummary:
    """The person's referrals and the time from the first night in shelter to a home."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        rows = session.scalars(
            select(HousingReferral)
            .where(HousingReferral.person_id == person_id)
            .order_by(HousingReferral.requested_on.desc(), HousingReferral.id.desc())
        ).all()
        first = session.scalar(select(func.min(Stay.start_night)).where(Stay.person_id == person_id))
        views = tuple(
            HousingReferralView(
                r.id,
                r.programme,
                r.status,
                r.requested_on,
                r.urgency_on,
                r.offered_on,
                r.moved_on,
                r.refused_on,
                r.remark,
            )
            for r in rows
        )
    home = min((v.moved_on for v in views if v.moved_on is not None), default=None)
    days = (home - first).days if home is not None and first is not None else None
    return HousingSummary(views, first, home, days)
