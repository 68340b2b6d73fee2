"""Retention: people without any activity for longer than the retention period are anonymised.

Default 10 years after last contact, as GGD practice keeps social-care records (the Wmo keeps a
municipality's data 15 years, art. 5.3.4, but a shelter's record is care, not a municipal
decision). Anonymising removes what identifies a person (names, BSN, contact, address, the full
birth date) from the record, from every record merged into it, from the merge snapshots, and
every piece of free text written next to it (notes, restriction and overrule reasons, turnaway
descriptions, street contacts' places and descriptions, investigation notes, postal remarks,
incidents it was involved in, keep-apart reasons); it keeps what the monitor counts (stays,
bed-nights, birth year, gender, municipality of origin). It is logged and cannot be undone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from shelter_desk.domain.cards import RevokeReason
from shelter_desk.domain.dutch_dates import add_months
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import DUTCH_MONTHS
from shelter_desk.domain.stays import Outflow
from shelter_desk.persistence.lookups import get_or_refuse
from shelter_desk.persistence.models import (
    Assessment,
    Base,
    BedNight,
    ClientCard,
    DropInVisit,
    HandoverEntry,
    HandoverPerson,
    Incident,
    IncidentPerson,
    Investigation,
    InvestigationFact,
    LockerItem,
    Person,
    PersonMerge,
    Plan,
    PlanAction,
    PlanGoal,
    Stay,
    StreetContact,
)
from shelter_desk.persistence.person_references import person_reference_columns
from shelter_desk.services.beds.stays import close_stay, last_night_held
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.kernel.settings import read_settings

ANONYMOUS = "geanonimiseerd"
SCRUBBED = "[geanonimiseerd]"

# Every text column of a table that points at a person, by what anonymising does with it. Free
# text is where a desk worker writes a name, a date or a story: it goes. The rest is structure
# the monitor counts, or the name of the staff member who wrote it. A test holds this table to
# the schema: a new text column next to a person must be put in one of the two.
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "person_note": ("text",),
    "restriction": ("reason",),
    "person_merge": ("reason",),
    "bed_night": ("override_reason",),
    "turnaway": ("description", "remark", "referred_to"),
    "postal_address": ("consent_by", "end_remark"),
    "mail_item": ("sender", "handed_by"),
    "investigation": ("reasoning",),
    "investigation_fact": ("contra_indication", "note"),
    "transfer": ("contact", "channel", "refusal_reason"),
    "assessment": ("note",),
    "locker_item": ("description",),
    "admission_decision": ("remark", "referred_to"),
    "place_application": ("motivation", "intake_note", "decision_reason", "priority_reason", "close_reason"),
    "housing_referral": ("remark",),
    "street_contact": ("place", "postcode", "description", "remark"),
    "keep_apart": ("reason",),
    "escalation": ("case_manager", "phone", "next_step", "desk_instruction", "outcome"),
}
KEPT: dict[str, tuple[str, ...]] = {
    "person_note": ("written_by",),
    "person_merge": ("moved_rows", "kept_before", "kept_after", "absorbed_before"),  # row ids; snapshots scrubbed
    "bed_night": ("status", "fee_status"),
    "turnaway": ("reason", "recorded_by"),
    "postal_address": ("status", "end_reason"),
    "mail_item": ("sender_kind", "logged_by"),
    "investigation": ("decided_centre_code", "decided_by"),
    "investigation_fact": ("municipality_code", "factors"),
    "transfer": ("to_centre_code", "status"),
    "stay": ("outflow",),
    "assessment": ("assessed_by",),
    "plan": ("counsellor",),
    "client_card": ("number", "name_choice", "issued_by", "revoke_reason", "revoked_by"),  # revoked with the person
    "dropin_visit": ("recorded_by",),
    "locker_item": ("label", "outcome", "stored_by", "cleared_by"),
    "admission_decision": ("outcome", "reason", "sleeping_situation", "decided_by"),  # counted nationally
    "place_application": ("referrer", "decision", "decided_by", "status", "created_by"),
    "housing_referral": ("programme", "status", "created_by"),  # the programme is the outflow figure
    "street_contact": ("outcome", "recorded_by"),
    "keep_apart": ("scope", "recorded_by"),
    "person_consent": ("purpose", "recorded_by"),
    "escalation": ("network", "recorded_by", "closed_by"),
}
# The person's own fields in a merge snapshot, as `_scrub_person` leaves them.
_SNAPSHOT_BLANKS: dict[str, object] = {
    "first_name": None,
    "name_prefix": None,
    "last_name": None,
    "alias": ANONYMOUS,
    "bsn": None,
    "nationality": None,
    "document_language": "nl",
    "safety_notes": "",
    "last_street": "",
    "last_postcode": "",
    "last_city": "",
    "phone": "",
}


@dataclass(frozen=True)
class RetentionCandidate:
    person_id: int
    name: str
    last_contact: date


def retention_candidates(desk: Desk) -> list[RetentionCandidate]:
    """People whose last contact (registration, stay, bed-night, drop-in visit) lies before the retention period.

    Reading or correcting a record is not contact with the person and does not count.
    """
    desk.require(Permission.DECIDE)
    with desk.db.read() as session:
        return _candidates(session, desk)


def _candidates(session: Session, desk: Desk) -> list[RetentionCandidate]:
    years = read_settings(session).privacy_retention_years
    today = desk.today()
    limit = add_months(today, -12 * years)
    last_night = dict(
        session.execute(select(BedNight.person_id, func.max(BedNight.night)).group_by(BedNight.person_id)).all()
    )
    last_stay = dict(
        session.execute(
            select(Stay.person_id, func.max(func.coalesce(Stay.end_night, Stay.start_night))).group_by(Stay.person_id)
        ).all()
    )
    last_visit = dict(
        session.execute(
            select(DropInVisit.person_id, func.max(DropInVisit.day))
            .where(DropInVisit.person_id.is_not(None))
            .group_by(DropInVisit.person_id)
        ).all()
    )
    last_street = dict(  # met outside on a winter night: a contact like a night in a bed
        session.execute(
            select(StreetContact.person_id, func.max(StreetContact.night))
            .where(StreetContact.person_id.is_not(None))
            .group_by(StreetContact.person_id)
        ).all()
    )
    candidates = []
    for person in session.scalars(
        select(Person).where(Person.merged_into_id.is_(None), Person.alias.is_distinct_from(ANONYMOUS))
    ):
        contacts = [
            person.created_at.date(),
            last_night.get(person.id),
            last_stay.get(person.id),
            last_visit.get(person.id),
            last_street.get(person.id),
        ]
        last = max(c for c in contacts if c is not None)
        if last < limit:
            candidates.append(
                RetentionCandidate(
                    person.id, display_name(person.first_name, person.name_prefix, person.last_name, person.alias), last
                )
            )
    return sorted(candidates, key=lambda c: c.last_contact)


def anonymise(desk: Desk, person_ids: list[int]) -> int:
    """Anonymise the given candidates (re-checked now); returns how many were anonymised."""
    desk.require(Permission.DECIDE)
    with desk.db.write() as session:
        tonight = desk.tonight(session)
        # Re-checked in the same transaction that anonymises: nobody's contact can slip in between.
        allowed = {c.person_id for c in _candidates(session, desk)}
        refused = [pid for pid in person_ids if pid not in allowed]
        if refused:
            raise DeskError(
                f"{len(refused)} van de gekozen personen hebben recent contact gehad en vallen niet "
                "(meer) onder de bewaartermijn. Er is niets geanonimiseerd."
            )
        for person_id in person_ids:
            get_or_refuse(session, Person, person_id, "Deze persoon bestaat niet meer.")
            # A stay left open for years (nobody ended it) ends too, with the destination the desk knows.
            for stay in session.scalars(select(Stay).where(Stay.person_id == person_id, Stay.end_night.is_(None))):
                close_stay(
                    session,
                    stay,
                    min(last_night_held(session, stay.id) or stay.start_night, tonight),
                    Outflow.LEFT_UNANNOUNCED,
                    tonight,
                )
            records = _records_of(session, person_id)
            # Other people's records may name this person (a note, a handover entry, an incident):
            # the name, alias, BSN and birth date there become "[geanonimiseerd]", the rest stays.
            _scrub_mentions(session, _mention_patterns(records))
            for person in records:
                _scrub_person(person)
            _scrub_references(session, [person.id for person in records])
            # Handover entries naming the person: the whole text goes (it is about them), the count stays.
            session.execute(
                update(HandoverEntry)
                .where(
                    HandoverEntry.id.in_(select(HandoverPerson.entry_id).where(HandoverPerson.person_id == person_id))
                )
                .values(text="[geanonimiseerd]")
            )
            # Incidents the person was involved in: their story goes (it is about them), the count stays.
            session.execute(
                update(Incident)
                .where(Incident.id.in_(select(IncidentPerson.incident_id).where(IncidentPerson.person_id == person_id)))
                .values(what_happened=SCRUBBED, what_was_done=SCRUBBED, unknown_person="")
            )
            # The plan's own words go; its scores stay for the monitor's averages.
            goals = select(PlanGoal.id).where(PlanGoal.plan_id.in_(select(Plan.id).where(Plan.person_id == person_id)))
            session.execute(update(PlanAction).where(PlanAction.goal_id.in_(goals)).values(text="[geanonimiseerd]"))
            session.execute(update(PlanGoal).where(PlanGoal.id.in_(goals)).values(text="[geanonimiseerd]"))
            session.execute(update(Assessment).where(Assessment.person_id == person_id).values(note=""))
            session.execute(
                update(LockerItem).where(LockerItem.person_id == person_id).values(description="[geanonimiseerd]")
            )
            # A card that still opens an anonymised record would lead nowhere: it is withdrawn.
            session.execute(
                update(ClientCard)
                .where(ClientCard.person_id == person_id, ClientCard.revoked_at.is_(None))
                .values(revoked_at=desk.now(), revoke_reason=RevokeReason.WITHDRAWN, revoked_by=desk.worker)
            )
            log_access(session, desk, Action.ANONYMISE, person_id, detail="bewaartermijn verstreken")
    # The scrubbed pages must not wait in SQLite's write-ahead log (behind the old ones) until the
    # desk closes: checkpointed into the file and the log truncated, now (secure_delete zeroes what
    # was freed). Outside the transaction: a checkpoint cannot run inside one.
    desk.db.checkpoint()
    return len(person_ids)


# Free text that may name anyone, besides the columns next to a person (FREE_TEXT): a mention of
# an anonymised person there is replaced, not the whole text (it is about someone else too).
OTHER_FREE_TEXT: dict[str, tuple[str, ...]] = {
    "person": ("safety_notes",),
    "handover_entry": ("text",),
    "incident": ("what_happened", "what_was_done", "unknown_person"),
    "plan_goal": ("text",),
    "plan_action": ("text",),
}
# A first name alone is not replaced: "Jan" or "Mo" would take words of every other note with it.
_SHORTEST_NAME = 4


def _mention_patterns(records: list[Person]) -> tuple[list[str], re.Pattern[str] | None]:
    """What identifies these records in free text: the full name (with and without prefix), the last
    name, the alias, the BSN with or without separators, the birth date as desks write it. Returns the
    plain fragments to look for in SQL first and the one pattern that replaces them."""
    fragments: set[str] = set()
    patterns: list[str] = []
    for person in records:
        names = {
            " ".join(part for part in (person.first_name, person.name_prefix, person.last_name) if part),
            " ".join(part for part in (person.first_name, person.last_name) if part),
            " ".join(part for part in (person.name_prefix, person.last_name) if part),
            person.last_name or "",
            person.alias or "",
        }
        for name in names:
            name = name.strip()
            if len(name) >= _SHORTEST_NAME or (name == (person.alias or "") and len(name) >= 3):
                if name.lower() == ANONYMOUS:
                    continue
                fragments.add(name.lower())
                patterns.append(r"\s+".join(re.escape(word) for word in name.split()))
        if person.bsn:
            fragments.add(person.bsn[-3:])
            patterns.append(r"[\s.\-]?".join(person.bsn))
        born = person.date_of_birth
        if born is not None and not person.date_of_birth_approximate:
            fragments.add(str(born.year))
            day, month, year = born.day, born.month, born.year
            patterns += [
                rf"0?{day}[-/.]0?{month}[-/.]{year}",
                rf"{year}-{month:02d}-{day:02d}",
                rf"0?{day}\s+{DUTCH_MONTHS[month - 1]}\s+{year}",
            ]
    if not patterns:
        return [], None
    patterns.sort(key=len, reverse=True)  # the full name before the last name inside it
    return sorted(fragments), re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)


def _scrub_mentions(session: Session, found: tuple[list[str], re.Pattern[str] | None]) -> None:
    """Replace every mention in every free-text column; SQL narrows the rows, the pattern decides."""
    fragments, pattern = found
    if pattern is None:
        return
    tables = Base.metadata.tables
    for table_name, columns in (*FREE_TEXT.items(), *OTHER_FREE_TEXT.items()):
        table = tables[table_name]
        for name in columns:
            column = table.c[name]
            candidates = session.execute(
                select(table.c.id, column).where(
                    or_(*(func.lower(column).contains(f, autoescape=True) for f in fragments))
                )
            ).all()
            for row_id, text in candidates:
                replaced = pattern.sub(SCRUBBED, text or "")
                if replaced != text:
                    session.execute(update(table).where(table.c.id == row_id).values({name: replaced}))


def _records_of(session: Session, person_id: int) -> list[Person]:
    """The person and every record merged into them (directly or through an earlier merge)."""
    found: list[Person] = []
    todo = [person_id]
    while todo:
        current = todo.pop()
        person = session.get(Person, current)
        if person is None or person in found:
            continue
        found.append(person)
        todo.extend(session.scalars(select(Person.id).where(Person.merged_into_id == current)))
    return found


def _scrub_person(person: Person) -> None:
    person.first_name = person.name_prefix = person.last_name = None
    person.alias = ANONYMOUS
    person.bsn = None
    person.phone = person.last_street = person.last_postcode = person.last_city = ""
    person.safety_notes = ""
    person.nationality = None
    person.document_language = "nl"
    if person.date_of_birth is not None:  # the birth year stays for age groups in the monitor
        person.date_of_birth = date(person.date_of_birth.year, 1, 1)
        person.date_of_birth_approximate = True


def _scrub_snapshot(text: str) -> str:
    fields = json.loads(text)
    for name, blank in _SNAPSHOT_BLANKS.items():
        if name in fields:
            fields[name] = blank
    born = fields.get("date_of_birth")
    if isinstance(born, dict):  # {"date": "1957-08-13"}: the year stays, as on the record
        fields["date_of_birth"] = {"date": f"{born['date'][:4]}-01-01"}
        fields["date_of_birth_approximate"] = True
    return json.dumps(fields)


def _scrub_references(session: Session, person_ids: list[int]) -> None:
    """Blank the free text of every row that points at these records (found from the foreign keys)."""
    tables = Base.metadata.tables
    for column in person_reference_columns():
        free = FREE_TEXT.get(column.table.name, ())
        if free:
            session.execute(
                update(column.table).where(column.in_(person_ids)).values({name: SCRUBBED for name in free})
            )
    investigations = select(Investigation.id).where(Investigation.person_id.in_(person_ids))
    session.execute(
        update(InvestigationFact)
        .where(InvestigationFact.investigation_id.in_(investigations))
        .values({name: SCRUBBED for name in FREE_TEXT["investigation_fact"]})
    )
    merges = tables["person_merge"]
    session.execute(
        update(merges)
        .where(or_(merges.c.kept_person_id.in_(person_ids), merges.c.absorbed_person_id.in_(person_ids)))
        .values({name: SCRUBBED for name in FREE_TEXT["person_merge"]})
    )
    for merge in session.scalars(
        select(PersonMerge).where(
            or_(PersonMerge.kept_person_id.in_(person_ids), PersonMerge.absorbed_person_id.in_(person_ids))
        )
    ):
        merge.kept_before = _scrub_snapshot(merge.kept_before)
        merge.kept_after = _scrub_snapshot(merge.kept_after)
        merge.absorbed_before = _scrub_snapshot(merge.absorbed_before)
