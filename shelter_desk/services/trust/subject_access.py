"""Inzage: everything held about one person, and who looked at it, for the person (AVG art. 15 and 20).

Every table that holds a row about the person is read through one list (`SECTIONS`): the record
itself, notes, restrictions, stays and their nights, turnaways, postal address and mail, the
regiobinding investigation with its facts and transfers, plans with goals, actions and
assessments, client cards, drop-in visits and services, belongings, merges, and the handover
entries that mention the person. A test holds that every table pointing at a person is in the
list, so a new table cannot be left out. References are shown by name (a facility, a
municipality), every column of every row is included (a hash is not personal data).

Shared texts: a handover entry may be about several people. Their names (first name, last
name, alias, and the full name as the desk shows it) are replaced by "[andere persoon]" in
the text given to this person; other texts are about this person alone and are given whole.

The access log lines of the record come with the worker's name and role (from the account) and
the result of checking the whole log's keyed chain. Making the inzage is itself logged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission, Role
from shelter_desk.persistence.models import (
    AccessLogEntry,
    Base,
    Bed,
    Facility,
    HandoverPerson,
    IncidentPerson,
    Municipality,
    Person,
    Region,
    UserAccount,
)
from shelter_desk.reports.inzage_data import Inzage, LogLine, Section, Value, inzage_json
from shelter_desk.services.kernel.access_log import Action, check_chain, log_access
from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk

OTHER_PERSON = "[andere persoon]"
REDACTION = (
    "Overdrachtsregels en incidenten kunnen over meer personen gaan. De namen van de andere personen "
    "die daarbij genoemd zijn (voornaam, achternaam, roepnaam en de volledige naam) zijn vervangen door "
    f"'{OTHER_PERSON}'; bij een afspraak om niet samen geplaatst te worden staat niet wie de ander is. "
    "Alle andere teksten gaan alleen over u en staan er volledig in."
)


@dataclass(frozen=True)
class _Part:
    table: str
    title: str
    key: str  # the column that selects the rows ("person_id"; "id" for the record itself)
    parent: str | None = None  # the rows' `key` points at rows of this table already taken
    hidden: frozenset[str] = frozenset()  # columns naming someone else, never given to this person


SECTIONS: tuple[_Part, ...] = (
    _Part("person", "Persoonsgegevens", "id"),
    _Part("person_note", "Notities", "person_id"),
    _Part("restriction", "Toegangsbeperkingen", "person_id"),
    _Part("stay", "Verblijven", "person_id"),
    _Part("bed_night", "Nachten", "person_id"),
    _Part("turnaway", "Afwijzingen (geen bed)", "person_id"),
    _Part("postal_address", "Postadres", "person_id"),
    _Part("mail_item", "Post", "person_id"),
    _Part("investigation", "Onderzoek regiobinding", "person_id"),
    _Part("investigation_fact", "Feiten van het onderzoek", "investigation_id", "investigation"),
    _Part("transfer", "Overdracht naar een andere gemeente", "person_id"),
    _Part("plan", "Persoonlijk plan", "person_id"),
    _Part("plan_goal", "Doelen", "plan_id", "plan"),
    _Part("plan_action", "Acties", "goal_id", "plan_goal"),
    _Part("assessment", "Zelfredzaamheid (metingen)", "person_id"),
    _Part("assessment_score", "Scores per leefgebied", "assessment_id", "assessment"),
    _Part("client_card", "Klantenpassen", "person_id"),
    _Part("dropin_visit", "Inloop: bezoeken", "person_id"),
    _Part("dropin_service", "Inloop: diensten", "visit_id", "dropin_visit"),
    _Part("locker_item", "Spullen in bewaring", "person_id"),
    _Part("person_merge", "Samengevoegde dossiers", "kept_person_id"),
    _Part("person_merge", "Samengevoegd in een ander dossier", "absorbed_person_id"),
    _Part("handover_person", "Koppeling aan overdrachtsregels", "person_id"),
    _Part("handover_entry", "Overdrachtsregels over u", "id", "handover_person"),
    _Part("admission_decision", "Besluiten over toelating tot de opvang", "person_id"),
    _Part("place_application", "Aanmeldingen voor een plek (KDO, trajectkamer)", "person_id"),
    _Part("housing_referral", "Verwijzingen naar een woning", "person_id"),
    _Part("street_contact", "Contacten op straat (winterregeling)", "person_id"),
    _Part("person_consent", "Toestemmingen", "person_id"),
    _Part("escalation", "Veiligheidsnetwerk", "person_id"),
    _Part("incident_person", "Betrokken bij incidenten", "person_id"),
    _Part("incident", "Incidenten waarbij u betrokken was", "id", "incident_person"),
    # Who the other person is stays out of the client's copy: only that such an agreement exists.
    _Part("keep_apart", "Afspraken om u niet samen te plaatsen", "person_id", hidden=frozenset({"other_person_id"})),
    _Part(
        "keep_apart",
        "Afspraken om een ander niet met u samen te plaatsen",
        "other_person_id",
        hidden=frozenset({"person_id"}),
    ),
)
# The column of a linking table that holds the ids of the rows its child part gives.
_LINKED = {"handover_person": "entry_id", "incident_person": "incident_id"}
# Tables that point at a person but are no record about them: the access log is its own part.
NOT_SECTIONS = {"access_log": "given as the access-log part, with the chain check"}
_HIDDEN = {"previous_hash", "hash", "password_hash"}
_LABELS = {
    "id": "Nummer",
    "first_name": "Voornaam",
    "name_prefix": "Tussenvoegsel",
    "last_name": "Achternaam",
    "alias": "Roepnaam / alias",
    "date_of_birth": "Geboortedatum",
    "date_of_birth_approximate": "Geboortedatum bij benadering",
    "gender": "Geslacht",
    "bsn": "BSN",
    "nationality": "Nationaliteit",
    "origin_municipality_code": "Gemeente van herkomst",
    "safety_notes": "Veiligheidsnotitie",
    "last_street": "Laatste adres: straat",
    "last_postcode": "Laatste adres: postcode",
    "last_city": "Laatste adres: plaats",
    "phone": "Telefoon",
    "homelessness_route": "Route naar dakloosheid",
    "consent": "Toestemming gegevens delen",
    "consent_date": "Datum toestemming",
    "merged_into_id": "Samengevoegd in dossier",
    "created_at": "Vastgelegd op",
    "updated_at": "Laatst gewijzigd op",
    "text": "Tekst",
    "written_by": "Geschreven door",
    "written_at": "Geschreven op",
    "facility_id": "Locatie",
    "alternative_facility_id": "Andere locatie",
    "starts_on": "Vanaf",
    "ends_on": "Tot en met",
    "reason": "Reden",
    "is_safety": "Om veiligheidsredenen",
    "lifted_at": "Opgeheven op",
    "start_night": "Eerste nacht",
    "planned_end_night": "Geplande laatste nacht",
    "end_night": "Laatste nacht",
    "outflow": "Bestemming na vertrek",
    "outflow_to_origin": "Terug naar gemeente van herkomst",
    "stay_id": "Verblijf",
    "bed_id": "Bed",
    "night": "Nacht",
    "status": "Status",
    "check_in_at": "Binnengekomen",
    "reserved_at": "Gereserveerd op",
    "check_out_at": "Vertrokken",
    "fee_cents": "Bijdrage (centen)",
    "fee_status": "Bijdrage betaald",
    "override_reason": "Reden afwijking regel",
    "description": "Omschrijving",
    "remark": "Opmerking",
    "referred_to": "Verwezen naar",
    "recorded_by": "Vastgelegd door",
    "recorded_at": "Vastgelegd op",
    "start_date": "Begindatum",
    "review_date": "Controledatum",
    "consent_by": "Toestemming adresgever door",
    "consent_on": "Toestemming op",
    "end_date": "Einddatum",
    "end_reason": "Reden einde",
    "end_remark": "Opmerking bij einde",
    "postal_address_id": "Postadres",
    "received_on": "Ontvangen op",
    "sender_kind": "Soort afzender",
    "sender": "Afzender",
    "registered": "Aangetekend",
    "picked_up_on": "Opgehaald op",
    "handed_by": "Uitgereikt door",
    "id_checked": "ID gecontroleerd",
    "returned_on": "Teruggestuurd op",
    "logged_by": "Ingeboekt door",
    "region_id": "Regio",
    "reported_on": "Gemeld op",
    "provision_on": "Voorziening op",
    "due_on": "Uiterlijk op",
    "decided_on": "Besloten op",
    "decided_centre_code": "Besluit: centrumgemeente",
    "reasoning": "Motivering",
    "decided_by": "Besloten door",
    "investigation_id": "Onderzoek",
    "municipality_code": "Gemeente",
    "factors": "Factoren",
    "registration_years": "Jaren ingeschreven",
    "contra_indication": "Contra-indicatie",
    "note": "Notitie",
    "to_centre_code": "Naar centrumgemeente",
    "contact": "Contactpersoon",
    "channel": "Via",
    "requested_on": "Gevraagd op",
    "answered_on": "Beantwoord op",
    "refusal_reason": "Reden weigering",
    "to_dispute_committee": "Naar geschillencommissie",
    "moved_on": "Verhuisd op",
    "counsellor": "Begeleider",
    "started_on": "Begonnen op",
    "review_on": "Evaluatie op",
    "reviewed_on": "Geëvalueerd op",
    "closed_on": "Afgesloten op",
    "plan_id": "Plan",
    "domain": "Leefgebied",
    "created_on": "Aangemaakt op",
    "goal_id": "Doel",
    "owner": "Wie",
    "done_on": "Gedaan op",
    "assessed_on": "Gemeten op",
    "assessed_by": "Gemeten door",
    "assessment_id": "Meting",
    "score": "Score (1–5)",
    "number": "Pasnummer",
    "name_choice": "Naam op de pas",
    "issued_at": "Uitgegeven op",
    "issued_by": "Uitgegeven door",
    "revoked_at": "Ingetrokken op",
    "revoke_reason": "Reden intrekken",
    "revoked_by": "Ingetrokken door",
    "day": "Dag",
    "arrived_at": "Binnengekomen",
    "visit_id": "Bezoek",
    "service": "Dienst",
    "quantity": "Aantal",
    "given_at": "Gegeven op",
    "given_by": "Gegeven door",
    "label": "Label",
    "stored_on": "In bewaring sinds",
    "keep_until": "Bewaard tot",
    "stored_by": "In bewaring genomen door",
    "cleared_on": "Afgehandeld op",
    "cleared_by": "Afgehandeld door",
    "kept_person_id": "Bewaard dossier",
    "absorbed_person_id": "Opgenomen dossier",
    "moved_rows": "Verplaatste gegevens",
    "kept_before": "Bewaard dossier vooraf",
    "kept_after": "Bewaard dossier daarna",
    "absorbed_before": "Opgenomen dossier vooraf",
    "merged_at": "Samengevoegd op",
    "undone_at": "Ongedaan gemaakt op",
    "entry_id": "Overdrachtsregel",
    "must_read": "Moet gelezen worden",
}
_FACILITY_COLUMNS = {"facility_id", "alternative_facility_id"}
_MUNICIPALITY_COLUMNS = {"origin_municipality_code", "decided_centre_code", "municipality_code", "to_centre_code"}


@dataclass(frozen=True)
class InzageFiles:
    name: str
    pdf: bytes
    json: bytes


def inzage(desk: Desk, person_id: int) -> InzageFiles:
    """The PDF and the JSON of everything held about the person, and its access log; logged."""
    desk.require(Permission.EXPORT)
    with desk.db.write() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise DeskError("Deze persoon bestaat niet (meer) in de database.")
        name = display_name(person.first_name, person.name_prefix, person.last_name, person.alias)
        sections = _sections(session, person_id)
        lines = _log_lines(session, person_id)
        problem = check_chain(session, desk.db.location, whole=True)
        statement = (
            f"Het hele toegangslogboek is bij het maken van deze inzage gecontroleerd: de beveiligde keten "
            f"klopt (niets gewijzigd, ingevoegd of verwijderd). Hieronder staan alle {len(lines)} regels over u."
            if problem is None
            else problem.message()
        )
        log_access(session, desk, Action.DISCLOSE, person_id, detail="inzage: alle gegevens en het logboek (PDF, JSON)")
    data = Inzage(person_id, name, desk.now(), desk.worker, sections, lines, problem is None, statement, REDACTION)
    from shelter_desk.reports.inzage_pdf import render_inzage  # reportlab loads when printing

    return InzageFiles(name, render_inzage(data), inzage_json(data))


def _sections(session: Session, person_id: int) -> list[Section]:
    names = _Names(session)
    taken: dict[str, list[dict[str, Any]]] = {}
    sections = []
    for part in SECTIONS:
        table: Table = Base.metadata.tables[part.table]
        if part.parent is None:
            where = table.c[part.key] == person_id
        else:
            parent_ids = [row[_LINKED.get(part.parent, "id")] for row in taken[part.parent]]
            where = table.c[part.key].in_(parent_ids)
        rows = [dict(row._mapping) for row in session.execute(select(table).where(where).order_by(table.c.id))]
        taken[part.table] = taken.get(part.table, []) + rows
        if part.table == "handover_entry":
            rows = [_redacted(session, row, person_id) for row in rows]
        elif part.table == "incident":
            rows = [_incident_redacted(session, row, person_id) for row in rows]
        columns = [
            (c.name, _LABELS.get(c.name, c.name.replace("_", " "))) for c in table.columns if _shown(part, c.name)
        ]
        shown = [{key: names.resolve(key, row[key]) for key, _label in columns} for row in rows]
        sections.append(Section(part.table, part.title, columns, shown))
    return sections


def _shown(part: _Part, column: str) -> bool:
    return column not in _HIDDEN | part.hidden and not (column == part.key and part.key != "id")


class _Names:
    """References shown by name: a facility, a municipality, a region, a bed."""

    def __init__(self, session: Session) -> None:
        self.facilities = dict(session.execute(select(Facility.id, Facility.name)).all())
        self.municipalities = dict(session.execute(select(Municipality.code, Municipality.name)).all())
        self.regions = dict(session.execute(select(Region.id, Region.name)).all())
        self.beds = {
            bed_id: f"{self.facilities.get(facility_id, '')} bed {label}".strip()
            for bed_id, facility_id, label in session.execute(select(Bed.id, Bed.facility_id, Bed.label))
        }

    def resolve(self, column: str, value: Any) -> Value:
        if value is None:
            return None
        if column in _FACILITY_COLUMNS:
            return self.facilities.get(value, str(value))
        if column in _MUNICIPALITY_COLUMNS:
            return f"{value} {self.municipalities.get(value, '')}".strip()
        if column == "region_id":
            return self.regions.get(value, str(value))
        if column == "bed_id":
            return self.beds.get(value, str(value))
        if hasattr(value, "value") and isinstance(value.value, str):  # a stored enum
            return str(value.value)
        if isinstance(value, str | int | bool) or hasattr(value, "isoformat"):
            return value  # type: ignore[no-any-return]
        return str(value)


def _redacted(session: Session, row: dict[str, Any], person_id: int) -> dict[str, Any]:
    others = session.scalars(
        select(Person)
        .join(HandoverPerson, HandoverPerson.person_id == Person.id)
        .where(HandoverPerson.entry_id == row["id"], Person.id != person_id)
    ).all()
    return {**row, "text": _without_others(str(row.get("text") or ""), others)}


def _incident_redacted(session: Session, row: dict[str, Any], person_id: int) -> dict[str, Any]:
    """An incident's texts with the other clients involved named "[andere persoon]", as a handover."""
    others = session.scalars(
        select(Person)
        .join(IncidentPerson, IncidentPerson.person_id == Person.id)
        .where(IncidentPerson.incident_id == row["id"], Person.id != person_id)
    ).all()
    texts = ("what_happened", "what_was_done", "unknown_person")
    return {**row, **{key: _without_others(str(row.get(key) or ""), others) for key in texts}}


def _without_others(text: str, others: Sequence[Person]) -> str:
    for other in others:
        full = display_name(other.first_name, other.name_prefix, other.last_name, None)
        parts = sorted(
            {p for p in (full, other.alias, other.last_name, other.first_name) if p and len(p) >= 2},
            key=len,
            reverse=True,  # the full name first, so "Jan Berg" becomes one mark, not two
        )
        for part in parts:
            text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", OTHER_PERSON, text, flags=re.IGNORECASE)
    return text


def _log_lines(session: Session, person_id: int) -> list[LogLine]:
    accounts: dict[str, tuple[str, str | None]] = {COMMAND_LINE.username: ("", COMMAND_LINE.role.value)}
    accounts |= {
        username: (shown, role)
        for username, shown, role in session.execute(
            select(UserAccount.username, UserAccount.display_name, UserAccount.role)
        )
    }
    lines = []
    for entry in session.scalars(
        select(AccessLogEntry).where(AccessLogEntry.person_id == person_id).order_by(AccessLogEntry.id)
    ):
        worker, role = accounts.get(entry.username, ("", None))
        lines.append(
            LogLine(
                entry.id,
                entry.at,
                entry.username,
                worker,
                Role(role).label if role else "",
                entry.workstation,
                entry.action,
                entry.fields,
                entry.detail,
            )
        )
    return lines
