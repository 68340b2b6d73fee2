"""Postal addresses and the mail log: register, review, mail in, hand out, end.

A location gives at most `postal.max_per_location` addresses; beyond that a request waits on the
list. Mail is handed out only to the person it is for, by a named staff member, after the ID was
checked. An address ends only when no mail waits; ending is logged and has a letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from shelter_desk.domain.dutch_dates import add_months
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.organisation_settings import OrganisationSettings
from shelter_desk.domain.people import display_name
from shelter_desk.domain.postal import (
    EndReason,
    PostalStatus,
    SenderKind,
    check_end,
    check_registration,
    missing_address_parts,
    waiting_too_long,
)
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.domain.text_input import check_night, clean_line, clean_text
from shelter_desk.persistence.locks import POSTAL_ADDRESSES, lock_for
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import Facility, MailItem, Person, PostalAddress
from shelter_desk.reports.letter_data import Letter, Letterhead, OverviewRow
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.database_setup import demo_marked
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings


@dataclass(frozen=True)
class PostalView:
    postal_id: int
    person_id: int
    person: str
    born: date | None
    location: str
    location_address: str
    provider: str
    status: PostalStatus
    start_date: date
    review_date: date
    consent_by: str
    consent_on: date
    end_date: date | None
    end_reason: EndReason | None
    mail_waiting: int


@dataclass(frozen=True)
class MailView:
    mail_id: int
    person_id: int
    person: str
    received_on: date
    sender_kind: SenderKind
    sender: str
    registered: bool
    picked_up_on: date | None
    handed_by: str
    returned_on: date | None


def default_review_date(desk: Desk, start: date) -> date:
    """The review date an address starting on `start` gets unless the desk chooses another."""
    desk.require(Permission.DESK_WORK)
    check_night(start, desk.today(), "De begindatum")
    return _next_review(read_settings(desk.db), start)


def _next_review(settings: OrganisationSettings, start: date) -> date:
    return add_months(start, settings.postal_review_months)


def address_of(facility: Facility) -> str:
    return ", ".join(part for part in (facility.street, f"{facility.postcode} {facility.city}".strip()) if part)


def register_postal_address(
    desk: Desk,
    person_id: int,
    facility_id: int,
    start: date,
    consent_by: str,
    consent_on: date,
    review: date | None = None,
) -> int:
    """Register (or, when the location is full, put on the waiting list) a postal address."""
    desk.require(Permission.DESK_WORK)
    check_night(start, desk.today(), "De begindatum")
    check_night(consent_on, desk.today(), "De datum van de toestemming")
    with desk.db.write() as session:
        row = store_postal_address(session, desk, person_id, facility_id, start, consent_by, consent_on, review)
        status = PostalStatus(row.status)
        log_access(
            session,
            desk,
            Action.UPDATE,
            person_id,
            ("postadres",),
            "wachtlijst" if status is PostalStatus.REQUESTED else "",
        )
        return row.id


def store_postal_address(
    session: Session,
    desk: Desk,
    person_id: int,
    facility_id: int,
    start: date,
    consent_by: str,
    consent_on: date,
    review: date | None = None,
) -> PostalAddress:
    """The registration's rules and row inside the caller's transaction (not logged here): the
    location's full address, one address per person, and the maximum (beyond it: the waiting list)."""
    settings = read_settings(session)
    review = review or _next_review(settings, start)
    check_registration(start, review, desk.today(), consent_by)
    limit = settings.postal_max_per_location
    lock_for(session, POSTAL_ADDRESSES)
    live_person(session, person_id, "registreer het postadres op dat record")
    facility = session.get(Facility, facility_id)
    if facility is None:
        raise DeskError("Deze locatie bestaat niet (meer); kies een adresgever uit de lijst.")
    missing = missing_address_parts(facility.street, facility.postcode, facility.city)
    if missing:
        raise DeskError(
            f"Het adres van {facility.name} is niet volledig: {', '.join(missing)} ontbreekt. "
            "Een beheerder vult het aan onder Beheer (straat, huisnummer, postcode, plaats); daarna "
            "kan het postadres worden geregistreerd."
        )
    existing = session.scalar(
        select(PostalAddress).where(
            PostalAddress.person_id == person_id, PostalAddress.status != PostalStatus.ENDED.value
        )
    )
    if existing is not None:
        raise DeskError(
            f"Deze persoon heeft al een postadres ({PostalStatus(existing.status).value}) sinds "
            f"{dutch_date(existing.start_date)}. Beëindig dat eerst."
        )
    active = (
        session.scalar(
            select(func.count())
            .select_from(PostalAddress)
            .where(PostalAddress.facility_id == facility_id, PostalAddress.status == PostalStatus.ACTIVE.value)
        )
        or 0
    )
    status = PostalStatus.ACTIVE if active < limit else PostalStatus.REQUESTED
    row = PostalAddress(
        person_id=person_id,
        facility_id=facility_id,
        status=status.value,
        start_date=start,
        review_date=review,
        consent_by=clean_line(consent_by, "Toestemming gegeven door", 120),
        consent_on=consent_on,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError as error:
        raise DeskError("Deze persoon kreeg net bij een andere balie een postadres.") from error
    return row


def activate_from_waiting_list(desk: Desk, postal_id: int) -> None:
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        settings = read_settings(session)
        limit = settings.postal_max_per_location
        lock_for(session, POSTAL_ADDRESSES)
        row = _postal(session, postal_id)
        if row.status != PostalStatus.REQUESTED.value:
            raise DeskError("Dit postadres staat niet op de wachtlijst.")
        active = (
            session.scalar(
                select(func.count())
                .select_from(PostalAddress)
                .where(PostalAddress.facility_id == row.facility_id, PostalAddress.status == PostalStatus.ACTIVE.value)
            )
            or 0
        )
        if active >= limit:
            raise DeskError(f"De locatie heeft al {active} postadressen (maximum {limit}).")
        row.status = PostalStatus.ACTIVE
        row.start_date = max(row.start_date, desk.today())
        row.review_date = max(row.review_date, _next_review(settings, row.start_date))
        log_access(session, desk, Action.UPDATE, row.person_id, ("postadres",), "van de wachtlijst actief")


def record_review(desk: Desk, postal_id: int) -> date:
    """The person showed up in person: the next review date moves on; returns it."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        row = _postal(session, postal_id)
        if row.status != PostalStatus.ACTIVE.value:
            raise DeskError("Alleen een actief postadres kan worden verlengd.")
        row.review_date = _next_review(read_settings(session), desk.today())
        log_access(session, desk, Action.UPDATE, row.person_id, ("postadres controledatum",))
        return row.review_date


def log_mail(
    desk: Desk, person_id: int, received_on: date, sender_kind: SenderKind, sender: str = "", registered: bool = False
) -> int:
    desk.require(Permission.DESK_WORK)
    check_night(received_on, desk.today(), "De ontvangstdatum")
    if received_on > desk.today():
        raise DeskError("Post kan niet in de toekomst binnenkomen.")
    with desk.db.write() as session:
        postal = session.scalar(
            select(PostalAddress).where(
                PostalAddress.person_id == person_id, PostalAddress.status == PostalStatus.ACTIVE.value
            )
        )
        if postal is None:
            raise DeskError("Deze persoon heeft geen actief postadres hier. Stuur de post terug naar de afzender.")
        item = MailItem(
            postal_address_id=postal.id,
            person_id=person_id,
            received_on=received_on,
            sender_kind=sender_kind.value,
            sender=clean_line(sender, "De afzender", 120),
            registered=registered,
            logged_by=desk.worker,
        )
        session.add(item)
        session.flush()
        log_access(session, desk, Action.CREATE, person_id, ("post",), f"poststuk {item.id} binnen")
        return item.id


def hand_out(desk: Desk, person_id: int, mail_ids: list[int], handed_by: str, id_checked: bool) -> None:
    """The person collects mail: only their own, by a named staff member, after checking ID."""
    desk.require(Permission.DESK_WORK)
    handed_by = clean_line(handed_by, "Meegegeven door", 120)
    if not handed_by.strip():
        raise DeskError("Vul in welke medewerker de post afgeeft.")
    if not id_checked:
        raise DeskError("Post wordt alleen afgegeven na controle van het ID-bewijs. Vink aan dat het ID is gezien.")
    if not mail_ids:
        raise DeskError("Kies de post die wordt opgehaald.")
    with desk.db.write() as session:
        items = session.scalars(select(MailItem).where(MailItem.id.in_(mail_ids))).all()
        if len(items) != len(set(mail_ids)):
            raise DeskError("Een deel van deze post bestaat niet (meer); ververs de lijst.")
        if any(item.person_id != person_id for item in items):
            raise DeskError(
                "Een deel van deze post is voor iemand anders. Post wordt alleen aan de persoon zelf "
                "afgegeven; er is niets afgegeven."
            )
        if any(item.picked_up_on or item.returned_on for item in items):
            raise DeskError("Een deel van deze post is al afgegeven of teruggestuurd; er is niets afgegeven.")
        for item in items:
            item.picked_up_on, item.handed_by, item.id_checked = desk.today(), handed_by.strip(), True
        log_access(session, desk, Action.DISCLOSE, person_id, detail=f"{len(items)} poststuk(ken) afgegeven")


def return_to_sender(desk: Desk, mail_id: int) -> None:
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        item = session.get(MailItem, mail_id)
        if item is None or item.picked_up_on or item.returned_on:
            raise DeskError("Dit poststuk wacht niet (meer).")
        item.returned_on = desk.today()
        log_access(session, desk, Action.UPDATE, item.person_id, ("post",), f"poststuk {item.id} teruggestuurd")


def end_postal_address(desk: Desk, postal_id: int, end: date, reason: EndReason, remark: str = "") -> None:
    """End an address; waiting mail must be handed out or returned first."""
    desk.require(Permission.DESK_WORK)
    check_night(end, desk.today(), "De einddatum")
    with desk.db.write() as session:
        row = _postal(session, postal_id)
        if row.status == PostalStatus.ENDED.value:
            raise DeskError("Dit postadres is al beëindigd.")
        check_end(row.start_date, end)
        waiting = session.scalar(
            select(func.count())
            .select_from(MailItem)
            .where(
                MailItem.postal_address_id == postal_id, MailItem.picked_up_on.is_(None), MailItem.returned_on.is_(None)
            )
        )
        if waiting:
            raise DeskError(
                f"Er wacht nog {waiting} poststuk(ken). Geef die af of stuur ze terug voordat het postadres eindigt."
            )
        remark = clean_text(remark, "De toelichting")
        if reason is EndReason.OTHER and not remark.strip():
            raise DeskError("Bij reden 'anders': licht kort toe.")
        row.status, row.end_date, row.end_reason, row.end_remark = (PostalStatus.ENDED, end, reason, remark.strip())
        log_access(session, desk, Action.UPDATE, row.person_id, ("postadres beëindigd",))


def _postal(session: Session, postal_id: int) -> PostalAddress:
    return get_or_refuse(session, PostalAddress, postal_id, POSTAL_GONE)


POSTAL_GONE = "Dit postadres bestaat niet."


def postal_addresses(desk: Desk, *, include_ended: bool = False) -> list[PostalView]:
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return _views(session, include_ended=include_ended)


def _views(session: Session, *, include_ended: bool = False, postal_id: int | None = None) -> list[PostalView]:
    waiting = dict(
        session.execute(
            select(MailItem.postal_address_id, func.count())
            .where(MailItem.picked_up_on.is_(None), MailItem.returned_on.is_(None))
            .group_by(MailItem.postal_address_id)
        ).all()
    )
    query = (
        select(PostalAddress, Person, Facility)
        .join(Person, Person.id == PostalAddress.person_id)
        .join(Facility, Facility.id == PostalAddress.facility_id)
    )
    if not include_ended:
        query = query.where(PostalAddress.status != PostalStatus.ENDED.value)
    if postal_id is not None:
        query = query.where(PostalAddress.id == postal_id)
    rows = session.execute(query.order_by(Facility.name, PostalAddress.start_date)).all()
    return [
        PostalView(
            p.id,
            person.id,
            display_name(person.first_name, person.name_prefix, person.last_name, person.alias),
            person.date_of_birth,
            f.name,
            address_of(f),
            f.provider,
            PostalStatus(p.status),
            p.start_date,
            p.review_date,
            p.consent_by,
            p.consent_on,
            p.end_date,
            EndReason(p.end_reason) if p.end_reason else None,
            waiting.get(p.id, 0),
        )
        for p, person, f in rows
    ]


def postal_address(desk: Desk, postal_id: int) -> PostalView:
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return _view(session, postal_id)


def _view(session: Session, postal_id: int) -> PostalView:
    found = _views(session, include_ended=True, postal_id=postal_id)
    if not found:
        raise DeskError(POSTAL_GONE)
    return found[0]


def mail_waiting(desk: Desk, person_id: int | None = None) -> list[MailView]:
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return _waiting_mail(session, person_id)


def _waiting_mail(session: Session, person_id: int | None = None) -> list[MailView]:
    query = (
        select(MailItem, Person)
        .join(Person, Person.id == MailItem.person_id)
        .where(MailItem.picked_up_on.is_(None), MailItem.returned_on.is_(None))
    )
    if person_id is not None:
        query = query.where(MailItem.person_id == person_id)
    rows = session.execute(query.order_by(MailItem.received_on)).all()
    return [
        MailView(
            m.id,
            p.id,
            display_name(p.first_name, p.name_prefix, p.last_name, p.alias),
            m.received_on,
            SenderKind(m.sender_kind),
            m.sender,
            m.registered,
            m.picked_up_on,
            m.handed_by,
            m.returned_on,
        )
        for m, p in rows
    ]


def mail_waiting_too_long(desk: Desk) -> list[MailView]:
    """Mail older than the setting (default 14 days): practice proposes ending those addresses."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        days = read_settings(session).postal_mail_waiting_days
        return [m for m in _waiting_mail(session) if waiting_too_long(m.received_on, desk.today(), days)]


def reviews_due(desk: Desk) -> list[PostalView]:
    """Active addresses whose review date has passed without the person showing up."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        return [v for v in _views(session) if v.status is PostalStatus.ACTIVE and v.review_date < desk.today()]


def _letterhead(view: PostalView) -> Letterhead:
    return Letterhead(view.provider or view.location, view.location, view.location_address)


def _born(view: PostalView) -> str:
    return f"{view.born:%d-%m-%Y}" if view.born else "onbekend"


def confirmation_letter(desk: Desk, postal_id: int) -> bytes:
    """The address giver's declaration of consent, for the BRP and for benefits and insurance."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        view = _view(session, postal_id)
        demo = demo_marked(session)
        log_access(session, desk, Action.PRINT, view.person_id, detail="verklaring adresgever")
    letter = Letter(
        letterhead=_letterhead(view),
        title="Verklaring van de adresgever (briefadres / postadres)",
        paragraphs=(
            f"Ondergetekende verklaart namens {view.provider or view.location} toestemming te geven dat "
            f"{view.person} het onderstaande adres gebruikt als briefadres, zodat hij of zij post kan ontvangen "
            "en ingeschreven kan worden in de Basisregistratie Personen (BRP).",
            "De adresgever zorgt dat de post de betrokkene bereikt. Deze verklaring kan worden gebruikt bij de "
            "gemeente, het UWV, de zorgverzekeraar en andere instanties.",
        ),
        facts=(
            ("Naam", view.person),
            ("Geboortedatum", _born(view)),
            ("Briefadres", view.location_address),
            ("Ingangsdatum", dutch_date(view.start_date)),
            ("Toestemming gegeven door", view.consent_by),
            ("Toestemming op", dutch_date(view.consent_on)),
            ("Eerstvolgende controle", dutch_date(view.review_date)),
        ),
        place=view.location_address.split(" ")[-1] if view.location_address else "",
        dated=desk.today(),
        signatures=("Namens de adresgever", "Betrokkene"),
        is_demo=demo,
    )
    from shelter_desk.reports.postal_letters import render_letter  # reportlab loads when printing

    return render_letter(letter)


def end_notice_letter(desk: Desk, postal_id: int) -> bytes:
    """The notice to the municipality that a postal address has ended."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        view = _view(session, postal_id)
        demo = demo_marked(session)
        log_access(session, desk, Action.PRINT, view.person_id, detail="melding beëindiging")
    if view.status is not PostalStatus.ENDED or view.end_date is None:
        raise DeskError("Dit postadres is nog niet beëindigd.")
    letter = Letter(
        letterhead=_letterhead(view),
        title="Melding beëindiging briefadres",
        paragraphs=(
            f"Hierbij meldt {view.provider or view.location} dat het briefadres van {view.person} "
            "op het onderstaande adres is beëindigd. De adresgever trekt daarmee de toestemming in.",
        ),
        facts=(
            ("Naam", view.person),
            ("Geboortedatum", _born(view)),
            ("Briefadres", view.location_address),
            ("Ingangsdatum", dutch_date(view.start_date)),
            ("Einddatum", dutch_date(view.end_date)),
            ("Reden", view.end_reason.label if view.end_reason else ""),
        ),
        place=view.location_address.split(" ")[-1] if view.location_address else "",
        dated=desk.today(),
        signatures=("Namens de adresgever",),
        is_demo=demo,
    )
    from shelter_desk.reports.postal_letters import render_letter  # reportlab loads when printing

    return render_letter(letter)


def overview_pdf(desk: Desk) -> bytes:
    desk.require(Permission.EXPORT)
    with desk.db.write() as session:
        rows, demo = _overview_rows(session, desk, "overzicht postadressen (pdf)"), demo_marked(session)
    from shelter_desk.reports.postal_letters import render_overview_pdf  # reportlab loads when printing

    return render_overview_pdf(rows, desk.now(), demo)


def overview_csv(desk: Desk) -> bytes:
    desk.require(Permission.EXPORT)
    with desk.db.write() as session:
        rows = _overview_rows(session, desk, "overzicht postadressen (csv)")
    from shelter_desk.reports.postal_letters import render_overview_csv  # reportlab loads when printing

    return render_overview_csv(rows)


def _overview_rows(session: Session, desk: Desk, what: str) -> list[OverviewRow]:
    """The export's rows; each person on it gets a log line (NEN 7513: export)."""
    views = _views(session)
    for view in views:
        log_access(session, desk, Action.EXPORT, view.person_id, ("postadres",), what)
    return [OverviewRow(v.location, v.person, _born(v), v.start_date, v.review_date, v.status.value) for v in views]
