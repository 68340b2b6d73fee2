"""A person's night at a glance, for the desk: the bed they hold, the bed to offer, what is owed.

A regular steps up, the desk opens him and one key gives him his bed of last night
when it is free (else a fitting free bed in the same facility, else anywhere in the region).
A proposal fits: it is a walk-in place (never a short stay or trajectory room, which need an
intake decision), never the bed of a regular still expected tonight (until the no-show hour),
never an age-limited place for someone whose age is unknown, and for someone under a safety ban
the ban's alternative location first. The desk's own region comes first; a bed elsewhere or of
another kind says why ("Emmen: Assen is vol", "jongerenbed: 19 jaar"). When nothing can be
proposed, the desk is told why and what it can do: a refusal always says what can be done
(winter nights included).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.bed_assignment import age_on_night, refusals
from shelter_desk.domain.dutch_dates import DateOfBirth
from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.safety import keep_apart_message
from shelter_desk.domain.stays import BedNightStatus, BedState, FeeStatus, StayProgress, stay_progress
from shelter_desk.domain.text_input import check_night
from shelter_desk.persistence.models import OCCUPYING, Bed, BedNight, Facility, Person, Region, Restriction, Stay
from shelter_desk.services.beds.assignment import owed_cents
from shelter_desk.services.beds.board import (
    BedSuggestion,
    FacilityBoard,
    assignment_facts,
    free_beds_for,
    home_region_id,
    read_boards,
    regulars_waiting,
)
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings
from shelter_desk.services.kernel.winter_nights import winter_regions_on
from shelter_desk.services.safety.separation import keep_apart_conflicts, may_see_names


@dataclass(frozen=True)
class PersonTonight:
    night: date
    bed_night_id: int | None
    where: str  # "Nachtopvang Havenkade Assen, bed 3" or ""
    status: BedNightStatus | None  # None: no bed held tonight
    fee: FeeStatus
    fee_cents: int
    outstanding_cents: int  # all owed contributions, tonight's included
    offer: BedSuggestion | None  # what one key would give, when no bed is held yet
    # Without an offer: why not, and what the desk can do (never empty then).
    no_offer_reason: str = ""
    referral: str = ""  # where to refer the person when no bed fits, for the turnaway ("" when none)
    stay: StayProgress | None = None  # how far tonight's stay is towards its facility's maximum


@dataclass(frozen=True)
class _Proposal:
    offer: BedSuggestion | None
    reason: str = ""
    referral: str = ""


def person_tonight(desk: Desk, person_id: int, night: date) -> PersonTonight:
    desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        settings = read_settings(session)
        row = session.execute(
            select(BedNight, Bed.label, Facility, Stay.start_night)
            .join(Bed, Bed.id == BedNight.bed_id)
            .join(Facility, Facility.id == Bed.facility_id)
            .join(Stay, Stay.id == BedNight.stay_id)
            .where(BedNight.person_id == person_id, BedNight.night == night, OCCUPYING)
        ).first()
        owed = owed_cents(session, person_id)
        if row is not None:
            bed_night, label, place, start_night = row
            facility = place.name
            warning = settings.stay_warning_percentage / 100
            return PersonTonight(
                night,
                bed_night.id,
                f"{facility}, bed {label}",
                BedNightStatus(bed_night.status),
                FeeStatus(bed_night.fee_status),
                bed_night.fee_cents,
                owed,
                None,
                stay=stay_progress(start_night, night, place.max_stay, warning),
            )
        proposal = _proposal(
            session, person_id, night, f"{settings.night_no_show_hour:%H:%M}", desk.now(), home_region_id(session, desk)
        )
        return PersonTonight(
            night, None, "", None, FeeStatus.NONE, 0, owed, proposal.offer, proposal.reason, proposal.referral
        )


def propose_bed(desk: Desk, person_id: int, night: date) -> BedSuggestion | None:
    """Last night's bed if free and allowed; else a fitting bed in that facility; else anywhere."""
    user = desk.require(Permission.DESK_WORK)
    check_night(night, desk.today(), "De nacht")
    with desk.db.read() as session:
        settings = read_settings(session)
        offer = _proposal(
            session, person_id, night, f"{settings.night_no_show_hour:%H:%M}", desk.now(), home_region_id(session, desk)
        ).offer
        if offer is not None:
            # A keep-apart is a warning on the proposal: a coordinator may still give the bed, with a reason.
            conflicts = keep_apart_conflicts(session, person_id, offer.facility_id, night)
            if conflicts:
                warning = keep_apart_message(conflicts, may_see_names(user))
                offer = replace(offer, why="; ".join(part for part in (offer.why, warning) if part))
        return offer


def _proposal(
    session: Session, person_id: int, night: date, no_show_hour: str, at: datetime, home_region: int | None
) -> _Proposal:
    person = session.get(Person, person_id)
    if person is None:
        return _Proposal(None, "Deze persoon bestaat niet (meer).")
    last = session.execute(
        select(Bed)
        .join(BedNight, BedNight.bed_id == Bed.id)
        .where(BedNight.person_id == person_id, BedNight.night == night - timedelta(days=1), OCCUPYING)
    ).scalar_one_or_none()
    if (
        last is not None
        and last.facility.kind.walk_in
        and not refusals(assignment_facts(session, person, last, night, at=at))
    ):
        return _Proposal(
            BedSuggestion(
                last.facility_id,
                last.facility.name,
                last.facility.kind,
                last.id,
                last.label,
                1,
                "zelfde bed als vorige nacht",
            )
        )
    held = regulars_waiting(session, night, at, person_id)
    options = free_beds_for(session, person_id, night, held=held, at=at)
    bans = _safety_bans_with_alternative(session, person_id, night)
    for reason, alternative in bans:
        offered = next((o for o in options if o.facility_id == alternative.id and not o.question), None)
        if offered is not None:
            return _Proposal(replace(offered, why=f"uitwijklocatie bij veiligheidsbeperking: {reason}"))
    home = last.facility_id if last is not None else None
    region = last.facility.region_id if last is not None else home_region
    # Last night's place, then the desk's (or the person's) own region, night shelters first.
    fitting = sorted(
        (o for o in options if not o.question),
        key=lambda option: (
            option.facility_id != home,
            option.region_id != region,
            not option.kind.allocated_per_night,
        ),
    )
    if fitting:
        return _Proposal(replace(fitting[0], why=_why(session, person, fitting[0], night, last, region, held)))
    return _nothing_fits(session, person, night, options, held, bans, no_show_hour, at)


def _why(
    session: Session,
    person: Person,
    offer: BedSuggestion,
    night: date,
    last: Bed | None,
    region_id: int | None,
    held: dict[int, str],
) -> str:
    """Why this bed, when it is not the obvious one: another region or place, or a youth bed.

    "Emmen: Assen is vol", "Crisisopvang: Nachtopvang Assen is vol", "jongerenbed: 19 jaar".
    """
    reasons = []
    age = None
    if person.date_of_birth is not None:
        age = age_on_night(DateOfBirth(person.date_of_birth, person.date_of_birth_approximate), night)
    if offer.kind is FacilityKind.YOUTH_SHELTER or offer.ages.maximum is not None:
        reasons.append(f"jongerenbed: {age} jaar" if age is not None else "jongerenbed")
    if region_id is not None and offer.region_id != region_id:
        names = {
            row.id: row.name
            for row in session.execute(
                select(Region.id, Region.name).where(Region.id.in_([region_id, offer.region_id]))
            )
        }
        here, there = (names.get(r, "").removeprefix("Regio ") for r in (region_id, offer.region_id))
        boards = [b for b in read_boards(session, night) if b.region_id == region_id and b.kind.walk_in]
        reasons.append(f"{there}: {here} {_fullness(boards, held, age)}")
    elif last is not None and offer.facility_id != last.facility_id:
        boards = read_boards(session, night, {last.facility_id})
        reasons.append(f"{offer.facility}: {last.facility.name} {_fullness(boards, held, age)}")
    elif offer.kind in (FacilityKind.CRISIS, FacilityKind.WINTER):
        boards = [
            b
            for b in read_boards(session, night)
            if b.region_id == offer.region_id and b.kind is FacilityKind.NIGHT_SHELTER
        ]
        reasons.append(f"{offer.kind.value}: de nachtopvang {_fullness(boards, held, age)}")
    return "; ".join(reasons)


def _fullness(boards: list[FacilityBoard], held: dict[int, str], age: int | None) -> str:
    """Why these places give no bed: full (for the person's age), their free beds wait for
    regulars, or none fits the person (a restriction)."""
    free = [c for b in boards for c in b.beds if c.state is BedState.FREE and (age is None or b.ages.admits(age))]
    if not free:
        return "is vol"
    if all(c.bed_id in held for c in free):
        return "is vol (de vrije bedden wachten op vaste gasten)"
    return "heeft geen passend vrij bed"


def _safety_bans_with_alternative(session: Session, person_id: int, night: date) -> list[tuple[str, Facility]]:
    rows = session.execute(
        select(Restriction.reason, Facility)
        .join(Facility, Facility.id == Restriction.alternative_facility_id)
        .where(
            Restriction.person_id == person_id,
            Restriction.is_safety.is_(True),
            Restriction.lifted_at.is_(None),
            Restriction.starts_on <= night,
            Restriction.ends_on >= night,
        )
    ).all()
    return [(reason, facility) for reason, facility in rows]


def _address(facility: Facility) -> str:
    return ", ".join(part for part in (facility.street, f"{facility.postcode} {facility.city}".strip()) if part)


def _nothing_fits(
    session: Session,
    person: Person,
    night: date,
    options: list[BedSuggestion],
    held: dict[int, str],
    bans: list[tuple[str, Facility]],
    no_show_hour: str,
    at: datetime,
) -> _Proposal:
    """Why no bed can be proposed, and what the desk can do instead, in Dutch."""
    lines: list[str] = []
    referral = ""
    asks = [o for o in options if o.question]
    if asks:
        lines.append(
            asks[0].question
            + " Vul de leeftijd in (Bewerken); daarna geeft Ctrl+T het bed. Mogelijk: "
            + ", ".join(f"{o.facility} ({o.free_beds} vrij)" for o in asks)
            + "."
        )
    for reason, alternative in bans:
        address = _address(alternative) or "adres onbekend"
        phone = f", tel. {alternative.phone}" if alternative.phone else " (geen telefoonnummer bekend in het systeem)"
        referral = f"{alternative.name}, {address}{phone}"
        lines.append(
            f"Veiligheidsbeperking ({reason}): de uitwijklocatie {alternative.name} heeft vannacht geen "
            f"vrij bed. Verwijs door naar {referral}."
        )
    boards = [b for b in read_boards(session, night) if b.kind.walk_in]
    held_free = [b.name for b in boards for c in b.beds if c.state is BedState.FREE and c.bed_id in held]
    if held_free:
        lines.append(
            f"{len(held_free)} vrije bedden worden tot {no_show_hour} vastgehouden voor vaste gasten die "
            f"vannacht nog komen ({', '.join(sorted(set(held.values())))}); daarna komen ze vrij."
        )
    refused: list[str] = []
    for board in boards:
        free = [c for c in board.beds if c.state is BedState.FREE and c.bed_id not in held]
        if not free:
            continue
        bed = session.get(Bed, free[0].bed_id)
        assert bed is not None
        for refusal in refusals(assignment_facts(session, person, bed, night, at=at)):
            if refusal.message not in refused:
                refused.append(refusal.message)
    lines += refused[:3]
    if not lines:
        lines.append("Alle passende bedden in de regio zijn vannacht bezet.")
    if winter_regions_on(session, night):
        lines.append(
            "Winterregeling: niemand wordt weggestuurd. Laat een coördinator extra bedden openen of een "
            "plek elders regelen; lukt dat niet, registreer de afwijzing met reden en verwijzing."
        )
    else:
        lines.append("Registreer een afwijzing (reden en verwijzing) via het beddenbord.")
    return _Proposal(None, "\n".join(lines), referral)
