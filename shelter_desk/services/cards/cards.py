"""Client cards: issue (revoking the card it replaces), revoke, print, and open a record by a scan.

A person has at most one valid card: a new card revokes the old one as replaced, and a card
reported lost is revoked as lost. A revoked number stays in the table so that its scan is
refused with what happened to it, never mistaken for someone else's card.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shelter_desk.domain.cards import (
    CardName,
    RevokeReason,
    checked_card_number,
    format_card_number,
    name_on_card,
    new_card_number,
)
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import AMSTERDAM, dutch_date
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import ClientCard, Facility, Person
from shelter_desk.reports.client_card_data import CardData
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.database_setup import demo_marked
from shelter_desk.services.kernel.desk import Desk

_MAX_DRAWS = 20  # a clash among 900 million numbers is rare; twenty in a row means something is broken


@dataclass(frozen=True)
class CardView:
    card_id: int
    person_id: int
    number: str
    number_text: str
    name: str
    location: str
    issued_at: datetime
    issued_by: str
    revoked_at: datetime | None
    revoke_reason: RevokeReason | None

    @property
    def valid(self) -> bool:
        return self.revoked_at is None


def _view(card: ClientCard, person: Person) -> CardView:
    return CardView(
        card.id,
        card.person_id,
        card.number,
        format_card_number(card.number),
        _printed_name(card, person),
        card.facility.name,
        card.issued_at,
        card.issued_by,
        card.revoked_at,
        card.revoke_reason,
    )


def _printed_name(card: ClientCard, person: Person) -> str:
    """The name the card carries; a record edited since may no longer hold it (then say so)."""
    try:
        return name_on_card(card.name_choice, person.first_name, person.name_prefix, person.last_name, person.alias)
    except DeskError:
        return "(naam niet meer in het record)"


def issue_card(desk: Desk, person_id: int, name_choice: CardName, facility_id: int) -> CardView:
    """A new card for the person; a card they still had is revoked as replaced in the same step."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        person = live_person(session, person_id, "geef de kaart uit vanaf dat record")
        name_on_card(name_choice, person.first_name, person.name_prefix, person.last_name, person.alias)
        facility = get_or_refuse(session, Facility, facility_id, "Kies de locatie die de kaart uitgeeft.")
        now = desk.now()
        for old in session.scalars(
            select(ClientCard).where(ClientCard.person_id == person_id, ClientCard.revoked_at.is_(None))
        ):
            old.revoked_at, old.revoke_reason, old.revoked_by = now, RevokeReason.REPLACED, desk.worker
        taken = set(session.scalars(select(ClientCard.number)))
        for _ in range(_MAX_DRAWS):
            number = new_card_number()
            if number not in taken:
                break
        else:
            raise DeskError("Er kon geen vrij kaartnummer worden gemaakt. Probeer het nog eens.")
        card = ClientCard(
            person_id=person_id,
            number=number,
            name_choice=name_choice,
            facility=facility,
            issued_at=now,
            issued_by=desk.worker,
        )
        session.add(card)
        try:
            session.flush()
        except IntegrityError as error:  # another desk drew the same number in the same instant
            raise DeskError("Dit kaartnummer werd net aan iemand anders gegeven. Probeer het nog eens.") from error
        log_access(session, desk, Action.CREATE, person_id, ("clientkaart",), f"kaart {format_card_number(number)}")
        return _view(card, person)


def revoke_card(desk: Desk, card_id: int, reason: RevokeReason) -> None:
    """A lost or withdrawn card stops opening the record; its number is refused from now on."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        card = get_or_refuse(session, ClientCard, card_id, "Deze kaart bestaat niet.")
        if card.revoked_at is not None:
            raise DeskError(
                f"Kaart {format_card_number(card.number)} is al ingetrokken "
                f"({card.revoke_reason.label if card.revoke_reason else 'ingetrokken'})."
            )
        card.revoked_at, card.revoke_reason, card.revoked_by = desk.now(), reason, desk.worker
        log_access(
            session,
            desk,
            Action.UPDATE,
            card.person_id,
            ("clientkaart",),
            f"kaart {format_card_number(card.number)} {reason.label}",
        )


def cards_of(desk: Desk, person_id: int) -> list[CardView]:
    """The person's cards, newest first (the valid one, if any, on top)."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        person = get_or_refuse(session, Person, person_id, "Deze persoon bestaat niet (meer).")
        cards = session.scalars(
            select(ClientCard)
            .where(ClientCard.person_id == person_id)
            .order_by(ClientCard.issued_at.desc(), ClientCard.id.desc())
        )
        return [_view(card, person) for card in cards]


def person_for_card(desk: Desk, scanned: str) -> int:
    """The person a scanned or typed card number belongs to; a Dutch refusal for a bad or revoked card.

    The record it opens is logged by `load_person` as usual; a refused scan is not a read.
    """
    desk.require(Permission.DESK_WORK)
    number = checked_card_number(scanned)
    with desk.db.read() as session:
        card = session.scalar(select(ClientCard).where(ClientCard.number == number))
        if card is None:
            raise DeskError(
                f"Kaartnummer {format_card_number(number)} is bij ons niet bekend. "
                "Zoek de persoon op naam en geef zo nodig een nieuwe kaart."
            )
        if card.revoked_at is not None:
            when = dutch_date(card.revoked_at.astimezone(AMSTERDAM).date())
            reason = card.revoke_reason.label if card.revoke_reason else "ingetrokken"
            raise DeskError(
                f"Kaart {format_card_number(number)} is niet meer geldig: {reason} op {when}. "
                "Zoek de persoon op naam; neem de oude kaart in."
            )
        person_id = card.person_id
        # A card issued before a merge opens the record it was merged into.
        person = session.get(Person, person_id)
        while person is not None and person.merged_into_id is not None:
            person_id = person.merged_into_id
            person = session.get(Person, person_id)
        return person_id


def card_pdf(desk: Desk, card_id: int) -> bytes:
    """The credit-card-size PDF of a valid card, for the card printer; the printing is logged."""
    desk.require(Permission.DESK_WORK)
    with desk.db.write() as session:
        card = get_or_refuse(session, ClientCard, card_id, "Deze kaart bestaat niet.")
        if card.revoked_at is not None:
            raise DeskError("Deze kaart is ingetrokken en wordt niet meer afgedrukt. Geef een nieuwe kaart uit.")
        person = live_person(session, card.person_id, "geef de kaart uit vanaf dat record")
        name = name_on_card(card.name_choice, person.first_name, person.name_prefix, person.last_name, person.alias)
        facility = card.facility
        data = CardData(
            organisation=facility.provider or facility.name,
            location=facility.name
            if facility.provider
            else ", ".join(p for p in (facility.street, facility.city) if p),
            name=name,
            number=card.number,
            number_text=format_card_number(card.number),
            issued_on=card.issued_at.astimezone(AMSTERDAM).date(),
            is_demo=demo_marked(session),
        )
        log_access(
            session, desk, Action.PRINT, card.person_id, ("clientkaart",), f"kaart {format_card_number(card.number)}"
        )
    from shelter_desk.reports.client_card_pdf import render_client_card  # reportlab loads when printing

    return render_client_card(data)
