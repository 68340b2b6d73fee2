"""Investigation and warm transfer: first shelter here, then where recovery is likeliest.

The desk records the facts per municipality in play; the proposal is the domain's and shows its
reasons; the coordinator decides with written reasoning. A transfer needs the person's consent
to share data before anything leaves; the person keeps the bed here until they have moved, and
the move ends the stay here with destination "opvang in een andere gemeente".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_desk.domain.consent import ConsentPurpose, require_valid
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.domain.stays import Outflow
from shelter_desk.domain.text_input import check_night, clean_line, clean_text
from shelter_desk.domain.transfers import (
    Factor,
    MunicipalityFacts,
    Proposal,
    TransferStatus,
    check_in_order,
    investigation_due,
    propose,
)
from shelter_desk.persistence.lookups import get_or_refuse, live_person
from shelter_desk.persistence.models import (
    Facility,
    Investigation,
    InvestigationFact,
    Municipality,
    Person,
    Region,
    Stay,
    Transfer,
)
from shelter_desk.reports.letter_data import Letter, Letterhead
from shelter_desk.services.beds.stays import close_stay
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.database_setup import demo_marked
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people.consents import consent_fact


@dataclass(frozen=True)
class FactInput:
    municipality_code: str
    factors: frozenset[Factor]
    registration_years: int = 0
    contra_indication: str = ""
    note: str = ""


@dataclass(frozen=True)
class InvestigationView:
    investigation_id: int
    person_id: int
    person: str
    region: str
    region_centre_code: str
    reported_on: date
    provision_on: date | None
    due_on: date
    decided_on: date | None
    decided_centre: str
    reasoning: str
    facts: tuple[FactInput, ...]
    overdue: bool


@dataclass(frozen=True)
class TransferView:
    transfer_id: int
    person_id: int
    person: str
    to_centre: str
    status: TransferStatus
    requested_on: date
    answered_on: date | None
    moved_on: date | None
    contact: str
    channel: str
    refusal_reason: str
    to_dispute_committee: bool


def start_investigation(desk: Desk, person_id: int, reported_on: date, provision_on: date | None = None) -> int:
    """Open the investigation in the region where the person reported (the desk's night shelter region)."""
    desk.require(Permission.DESK_WORK)
    check_night(reported_on, desk.today(), "De meldingsdatum")
    if provision_on is not None:
        check_night(provision_on, desk.today(), "De datum van de voorziening")
    check_in_order(reported_on, provision_on or reported_on, "De voorziening")
    with desk.db.write() as session:
        live_person(session, person_id, "start het onderzoek op dat record")
        if (
            session.scalar(
                select(Investigation.id).where(Investigation.person_id == person_id, Investigation.decided_on.is_(None))
            )
            is not None
        ):
            raise DeskError("Voor deze persoon loopt al een onderzoek.")
        region_id = _home_region(session, person_id, desk.region_id)
        row = Investigation(
            person_id=person_id,
            region_id=region_id,
            reported_on=reported_on,
            provision_on=provision_on,
            due_on=investigation_due(reported_on),
        )
        session.add(row)
        session.flush()
        log_access(session, desk, Action.UPDATE, person_id, ("onderzoek regiobinding",))
        return row.id


def _home_region(session: Session, person_id: int, desk_region_id: int | None) -> int:
    """Where the person reported: the region of their latest stay; without any stay, this desk's own.

    Never a guess: with several regions and a desk that does not know its own yet, the desk is
    asked to choose a facility of its own region on the bed board first.
    """
    row = session.execute(
        select(Facility.region_id)
        .join(Stay, Stay.facility_id == Facility.id)
        .where(Stay.person_id == person_id)
        .order_by(Stay.start_night.desc())
        .limit(1)
    ).first()
    if row is not None:
        return row[0]
    if desk_region_id is not None and session.get(Region, desk_region_id) is not None:
        return desk_region_id
    regions = session.scalars(select(Region.id).limit(2)).all()
    if not regions:
        raise DeskError("Er is nog geen regio met voorzieningen.")
    if len(regions) == 1:
        return regions[0]
    raise DeskError(
        "Deze persoon heeft nog geen verblijf en deze balie weet haar eigen regio nog niet. Kies op "
        "het beddenbord een voorziening van de eigen regio; het onderzoek begint dan in die regio."
    )


def record_facts(desk: Desk, investigation_id: int, facts: list[FactInput]) -> None:
    """Replace the facts of an undecided investigation."""
    desk.require(Permission.DESK_WORK)
    codes = [f.municipality_code for f in facts]
    if len(codes) != len(set(codes)):
        raise DeskError("Elke gemeente komt maar één keer voor in het onderzoek.")
    with desk.db.write() as session:
        row = _investigation(session, investigation_id)
        if row.decided_on is not None:
            raise DeskError("Over dit onderzoek is al besloten.")
        for code in codes:
            if session.get(Municipality, code) is None:
                raise DeskError(f"Gemeentecode '{code}' staat niet in de gemeentelijst.")
        row.facts.clear()
        session.flush()
        for fact in facts:
            row.facts.append(
                InvestigationFact(
                    municipality_code=fact.municipality_code,
                    factors=",".join(sorted(fact.factors)),
                    registration_years=fact.registration_years,
                    contra_indication=clean_text(fact.contra_indication, "De contra-indicatie"),
                    note=clean_text(fact.note, "De notitie bij de gemeente"),
                )
            )
        log_access(session, desk, Action.UPDATE, row.person_id, ("onderzoek regiobinding",))


def proposal(desk: Desk, investigation_id: int) -> Proposal:
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        row = _investigation(session, investigation_id)
        facts = []
        for fact in row.facts:
            municipality = session.get(Municipality, fact.municipality_code)
            assert municipality is not None
            centre = (
                session.get(Municipality, municipality.centre_municipality_code)
                if municipality.centre_municipality_code
                else None
            )
            facts.append(
                MunicipalityFacts(
                    municipality.code,
                    municipality.name,
                    centre.code if centre else None,
                    centre.name if centre else "",
                    frozenset(Factor(v) for v in fact.factors.split(",") if v),
                    fact.registration_years,
                    fact.contra_indication,
                )
            )
    return propose(facts)


def decide(desk: Desk, investigation_id: int, centre_code: str, reasoning: str) -> None:
    """The coordinator's decision: which centrumgemeente, and why (required)."""
    desk.require(Permission.DECIDE)
    reasoning = clean_text(reasoning, "De onderbouwing")
    if not reasoning.strip():
        raise DeskError("Schrijf de afweging op: een besluit zonder onderbouwing wordt niet opgeslagen.")
    with desk.db.write() as session:
        row = _investigation(session, investigation_id)
        if row.decided_on is not None:
            raise DeskError("Over dit onderzoek is al besloten.")
        centre = session.get(Municipality, centre_code)
        if centre is None or centre.centre_municipality_code != centre.code:
            raise DeskError("Kies een centrumgemeente.")
        check_in_order(row.reported_on, desk.today(), "Het besluit")
        row.decided_on, row.decided_centre_code, row.reasoning, row.decided_by = (
            desk.today(),
            centre_code,
            reasoning.strip(),
            desk.worker,
        )
        log_access(session, desk, Action.UPDATE, row.person_id, ("besluit regiobinding",))


def request_transfer(desk: Desk, investigation_id: int, contact: str, channel: str) -> int:
    """A warm transfer to the decided centrumgemeente; needs the person's consent to share data."""
    desk.require(Permission.DECIDE)
    with desk.db.write() as session:
        row = _investigation(session, investigation_id)
        if row.decided_centre_code is None:
            raise DeskError("Neem eerst een besluit over de regio.")
        home = session.get(Region, row.region_id)
        assert home is not None
        if row.decided_centre_code == home.centre_municipality_code:
            raise DeskError("Het besluit is deze regio: er valt niets over te dragen.")
        person = session.get(Person, row.person_id)
        assert person is not None
        # Consent to share with the municipality, still in force today (it ends: asked again after its period).
        consent_on = require_valid(
            consent_fact(session, person.id, ConsentPurpose.MUNICIPALITY), desk.today(), "De warme overdracht"
        )
        contact = clean_line(contact, "De contactpersoon", 200)
        channel = clean_line(channel, "Het kanaal", 200)
        if not contact.strip():
            raise DeskError("Vul de contactpersoon bij de ontvangende gemeente in.")
        transfer = Transfer(
            person_id=row.person_id,
            investigation_id=row.id,
            to_centre_code=row.decided_centre_code,
            contact=contact.strip(),
            channel=channel.strip(),
            consent_on=consent_on,
            requested_on=desk.today(),
        )
        session.add(transfer)
        session.flush()
        log_access(session, desk, Action.DISCLOSE, row.person_id, detail=f"overdracht aangevraagd ({transfer.id})")
        return transfer.id


def answer_transfer(
    desk: Desk, transfer_id: int, accepted: bool, on: date, reason: str = "", to_dispute_committee: bool = False
) -> None:
    desk.require(Permission.DECIDE)
    check_night(on, desk.today(), "De datum")
    with desk.db.write() as session:
        transfer = _transfer(session, transfer_id)
        if transfer.status != TransferStatus.REQUESTED.value:
            raise DeskError("Deze overdracht is al beantwoord.")
        check_in_order(transfer.requested_on, on, "Het antwoord")
        reason = clean_text(reason, "De reden van weigering")
        if not accepted and not reason.strip():
            raise DeskError("Vul de reden van de weigering in.")
        transfer.status = TransferStatus.ACCEPTED if accepted else TransferStatus.REFUSED
        transfer.answered_on, transfer.refusal_reason = on, reason.strip()
        transfer.to_dispute_committee = to_dispute_committee and not accepted
        log_access(
            session,
            desk,
            Action.UPDATE,
            transfer.person_id,
            ("overdracht",),
            f"overdracht {transfer_id} {'geaccepteerd' if accepted else 'geweigerd'}",
        )


def person_moved(desk: Desk, transfer_id: int, on: date) -> None:
    """The person has moved: the transfer is done and the stay here ends (other municipality's shelter)."""
    desk.require(Permission.DECIDE)
    check_night(on, desk.today(), "De datum")
    with desk.db.write() as session:  # the stays end and the transfer closes together, or nothing changes
        tonight = desk.tonight(session)
        transfer = _transfer(session, transfer_id)
        if transfer.status != TransferStatus.ACCEPTED.value:
            raise DeskError("Alleen een geaccepteerde overdracht kan worden afgerond.")
        check_in_order(transfer.answered_on, on, "De verhuizing")
        person = get_or_refuse(session, Person, transfer.person_id, "Deze persoon bestaat niet meer.")
        origin = session.get(Municipality, person.origin_municipality_code) if person.origin_municipality_code else None
        to_origin = origin is not None and origin.centre_municipality_code == transfer.to_centre_code
        for stay in session.scalars(
            select(Stay).where(Stay.person_id == transfer.person_id, Stay.end_night.is_(None))
        ).all():
            close_stay(
                session,
                stay,
                max(stay.start_night, on - timedelta(days=1)),
                Outflow.OTHER_MUNICIPALITY_SHELTER,
                tonight,
                to_origin=to_origin,
            )
        transfer.status, transfer.moved_on = TransferStatus.MOVED, on
        log_access(
            session,
            desk,
            Action.UPDATE,
            transfer.person_id,
            ("overdracht", "verblijf"),
            f"overdracht {transfer_id}: verhuisd op {on:%d-%m-%Y}",
        )


def _investigation(session: Session, investigation_id: int) -> Investigation:
    return get_or_refuse(session, Investigation, investigation_id, "Dit onderzoek bestaat niet.")


def _transfer(session: Session, transfer_id: int) -> Transfer:
    return get_or_refuse(session, Transfer, transfer_id, "Deze overdracht bestaat niet.")


def list_investigations(desk: Desk, *, open_only: bool = True) -> list[InvestigationView]:
    desk.require(Permission.DESK_WORK)
    today = desk.today()
    with desk.db.read() as session:
        query = (
            select(Investigation, Person, Region)
            .join(Person, Person.id == Investigation.person_id)
            .join(Region, Region.id == Investigation.region_id)
            .order_by(Investigation.due_on, Investigation.id)  # ties keep their place after a save
        )
        if open_only:
            query = query.where(Investigation.decided_on.is_(None))
        views = []
        for row, person, region in session.execute(query):
            centre = session.get(Municipality, row.decided_centre_code) if row.decided_centre_code else None
            views.append(
                InvestigationView(
                    row.id,
                    person.id,
                    display_name(person.first_name, person.name_prefix, person.last_name, person.alias),
                    region.name,
                    region.centre_municipality_code,
                    row.reported_on,
                    row.provision_on,
                    row.due_on,
                    row.decided_on,
                    centre.name if centre else "",
                    row.reasoning,
                    tuple(
                        FactInput(
                            f.municipality_code,
                            frozenset(Factor(v) for v in f.factors.split(",") if v),
                            f.registration_years,
                            f.contra_indication,
                            f.note,
                        )
                        for f in row.facts
                    ),
                    row.decided_on is None and row.due_on < today,
                )
            )
        return views


def transfers(desk: Desk, *, open_only: bool = True) -> list[TransferView]:
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        query = (
            select(Transfer, Person, Municipality)
            .join(Person, Person.id == Transfer.person_id)
            .join(Municipality, Municipality.code == Transfer.to_centre_code)
            .order_by(Transfer.requested_on)
        )
        if open_only:
            query = query.where(Transfer.status.in_((TransferStatus.REQUESTED.value, TransferStatus.ACCEPTED.value)))
        return [
            TransferView(
                t.id,
                p.id,
                display_name(p.first_name, p.name_prefix, p.last_name, p.alias),
                m.name,
                TransferStatus(t.status),
                t.requested_on,
                t.answered_on,
                t.moved_on,
                t.contact,
                t.channel,
                t.refusal_reason,
                t.to_dispute_committee,
            )
            for t, p, m in session.execute(query)
        ]


def transfer_letter(desk: Desk, transfer_id: int) -> bytes:
    """Only what the receiving shelter needs: identity, contact, the decision; no notes, no history."""
    desk.require(Permission.DECIDE)
    with desk.db.write() as session:
        transfer = _transfer(session, transfer_id)
        person = session.get(Person, transfer.person_id)
        investigation = session.get(Investigation, transfer.investigation_id)
        centre = session.get(Municipality, transfer.to_centre_code)
        assert person is not None and investigation is not None and centre is not None
        require_valid(
            consent_fact(session, person.id, ConsentPurpose.MUNICIPALITY), desk.today(), "De overdrachtsbrief"
        )
        home = session.get(Region, investigation.region_id)
        facility = session.scalar(
            select(Facility)
            .where(Facility.region_id == investigation.region_id, Facility.street != "")
            .order_by(Facility.name)
            .limit(1)
        )
        name = display_name(person.first_name, person.name_prefix, person.last_name, person.alias)
        log_access(session, desk, Action.DISCLOSE, person.id, detail=f"overdrachtsbrief naar {centre.name}")
        letterhead = Letterhead(
            facility.provider if facility else (home.name if home else ""),
            f"Centrumgemeente {home.name if home else ''}",
            f"{facility.street}, {facility.postcode} {facility.city}" if facility else "",
        )
        born = person.date_of_birth.strftime("%d-%m-%Y") if person.date_of_birth else "onbekend"
        demo = demo_marked(session)
    letter = Letter(
        letterhead=letterhead,
        title=f"Warme overdracht naar centrumgemeente {centre.name}",
        paragraphs=(
            f"Na eerste opvang en onderzoek (Wmo 2015, art. 2.3.2) is besloten dat {name} de beste kans op herstel "
            f"heeft in de regio {centre.name}. De persoon heeft toestemming gegeven om de gegevens hieronder te delen.",
            "Wij vragen u de opvang over te nemen en ons te laten weten wanneer de persoon bij u kan komen. "
            "Tot de verhuizing blijft de persoon bij ons in de opvang.",
        ),
        facts=(
            ("Naam", name),
            ("Geboortedatum", born),
            ("Aangemeld bij ons", dutch_date(investigation.reported_on)),
            (
                "Besluit",
                f"{dutch_date(investigation.decided_on) if investigation.decided_on else ''}: regio {centre.name}",
            ),
            ("Toestemming gegevens delen", dutch_date(transfer.consent_on)),
            ("Contactpersoon bij u", transfer.contact),
            ("Via", transfer.channel or "—"),
        ),
        place=facility.city if facility else "",
        dated=desk.today(),
        signatures=("Namens de coördinator",),
        is_demo=demo,
    )
    from shelter_desk.reports.postal_letters import render_letter  # reportlab loads when printing

    return render_letter(letter)
