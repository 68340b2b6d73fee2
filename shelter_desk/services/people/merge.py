"""Merging two records of one person, and undoing that merge exactly.

A merge moves every row that points at the absorbed person (stays, bed-nights, notes,
restrictions, and whatever later features add: found from the foreign keys, not from a list) to
the kept person, fills the kept record's empty fields from the absorbed one, and marks the
absorbed record as merged. What moved and what changed is written in a `person_merge` row.

Undo moves those same rows back (rows added to the kept record since stay where they are),
restores the absorbed record as it was, and restores each field of the kept record that still
holds what the merge put there (a correction typed after the merge is kept).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.people import display_name
from shelter_desk.domain.roles import Permission
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.domain.text_input import clean_text
from shelter_desk.persistence.locks import BED_NIGHTS, PERSON_MERGES, lock_for
from shelter_desk.persistence.lookups import live_person
from shelter_desk.persistence.models import OCCUPYING, BedNight, Person, PersonMerge
from shelter_desk.persistence.person_references import person_reference_columns
from shelter_desk.services.kernel.access_log import Action, log_access
from shelter_desk.services.kernel.desk import Desk

# Fields the merge may fill on the kept record; identity and bookkeeping columns are not copied.
_FIELDS = (
    "first_name",
    "name_prefix",
    "last_name",
    "alias",
    "date_of_birth",
    "date_of_birth_approximate",
    "gender",
    "bsn",
    "nationality",
    "origin_municipality_code",
    "safety_notes",
    "last_street",
    "last_postcode",
    "last_city",
    "phone",
    "homelessness_route",
    "consent",
    "consent_date",
)
_UNKNOWN_VALUES = (None, "", "onbekend", "niet_gevraagd")
_MERGE_THE_KEPT = "voeg het bewaarde record samen"


@dataclass(frozen=True)
class MergeView:
    merge_id: int
    kept_person_id: int
    absorbed_person_id: int
    absorbed_name: str
    merged_at: datetime
    reason: str
    undone_at: datetime | None


def _encode(value: object) -> object:
    return {"date": value.isoformat()} if isinstance(value, date) else value


def _decode(value: object) -> object:
    return date.fromisoformat(value["date"]) if isinstance(value, dict) else value


def _text(value: object) -> str | None:
    """A name field of a snapshot: text, or None when it was empty."""
    return value if isinstance(value, str) else None


def _fields(person: Person) -> dict[str, object]:
    return {name: _encode(getattr(person, name)) for name in _FIELDS}


def _name(person: Person) -> str:
    return display_name(person.first_name, person.name_prefix, person.last_name, person.alias)


def merge_persons(desk: Desk, keep_id: int, absorb_id: int, reason: str = "") -> int:
    """Merge `absorb_id` into `keep_id`; returns the merge id. Refusals save nothing."""
    desk.require(Permission.DECIDE)
    if keep_id == absorb_id:
        raise DeskError("Een record kan niet met zichzelf worden samengevoegd.")
    with desk.db.write() as session:
        lock_for(session, PERSON_MERGES, BED_NIGHTS)  # merged once; no bed-night added meanwhile
        kept = live_person(session, keep_id, _MERGE_THE_KEPT)
        absorbed = live_person(session, absorb_id, _MERGE_THE_KEPT)
        if kept.bsn and absorbed.bsn and kept.bsn != absorbed.bsn:
            raise DeskError("De records hebben verschillende BSN's: dat zijn twee verschillende personen.")
        shared_nights = session.scalars(
            select(BedNight.night)
            .where(BedNight.person_id == keep_id, OCCUPYING)
            .intersect(select(BedNight.night).where(BedNight.person_id == absorb_id, OCCUPYING))
        ).all()
        if shared_nights:
            raise DeskError(
                f"Beide records hadden een bed in de nacht van {dutch_date(min(shared_nights))}: "
                "dat kunnen niet dezelfde persoon zijn. Er is niets samengevoegd."
            )
        kept_before, absorbed_before = _fields(kept), _fields(absorbed)
        moved: dict[str, list[int]] = {}
        for column in person_reference_columns():
            key = f"{column.table.name}.{column.name}"
            ids = list(session.scalars(select(column.table.c.id).where(column == absorb_id)))
            if ids:
                try:
                    session.execute(
                        update(column.table).where(column.table.c.id.in_(ids)).values({column.name: keep_id})
                    )
                except IntegrityError as error:  # e.g. both have an open postal address
                    raise DeskError(
                        "Deze records kunnen niet worden samengevoegd: beide hebben iets wat maar één "
                        f"keer per persoon mag ({column.table.name}). Beëindig er eerst één."
                    ) from error
                moved[key] = ids
        # The BSN is unique: take it off the absorbed record before the kept one receives it.
        bsn = absorbed.bsn
        absorbed.bsn = None
        absorbed.merged_into_id = keep_id
        session.flush()
        for name in _FIELDS:
            ours, theirs = getattr(kept, name), getattr(absorbed, name) if name != "bsn" else bsn
            if name == "safety_notes" and ours and theirs and theirs not in ours:
                setattr(kept, name, f"{ours}\n{theirs}")
            elif ours in _UNKNOWN_VALUES and theirs not in _UNKNOWN_VALUES:
                setattr(kept, name, theirs)
                if name == "date_of_birth":
                    kept.date_of_birth_approximate = absorbed.date_of_birth_approximate
        merge = PersonMerge(
            kept_person_id=keep_id,
            absorbed_person_id=absorb_id,
            reason=clean_text(reason, "De reden van het samenvoegen"),
            moved_rows=json.dumps(moved),
            kept_before=json.dumps(kept_before),
            kept_after=json.dumps(_fields(kept)),
            absorbed_before=json.dumps(absorbed_before),
            merged_at=desk.now(),
        )
        session.add(merge)
        session.flush()
        merge_id = merge.id
        for person_id in (keep_id, absorb_id):
            log_access(
                session, desk, Action.MERGE, person_id, detail=f"samenvoeging {merge_id}: {absorb_id} in {keep_id}"
            )
    desk.search.recompute_last_stays((keep_id,))
    return merge_id


def undo_merge(desk: Desk, merge_id: int) -> None:
    """Give both records back their own rows and fields, keeping what was added since the merge."""
    desk.require(Permission.DECIDE)
    with desk.db.write() as session:
        lock_for(session, PERSON_MERGES, BED_NIGHTS)  # merged once; no bed-night added meanwhile
        merge = session.get(PersonMerge, merge_id)
        if merge is None:
            raise DeskError("Deze samenvoeging bestaat niet.")
        if merge.undone_at is not None:
            raise DeskError("Deze samenvoeging is al ongedaan gemaakt.")
        kept = session.get(Person, merge.kept_person_id)
        absorbed = session.get(Person, merge.absorbed_person_id)
        assert kept is not None and absorbed is not None
        if kept.merged_into_id is not None:
            raise DeskError("Het bewaarde record is later zelf samengevoegd; maak eerst die samenvoeging ongedaan.")
        columns = {f"{c.table.name}.{c.name}": c for c in person_reference_columns()}
        for key, ids in json.loads(merge.moved_rows).items():
            column = columns[key]
            session.execute(
                update(column.table)
                .where(column.table.c.id.in_(ids), column == kept.id)
                .values({column.name: absorbed.id})
            )
        before, after = json.loads(merge.kept_before), json.loads(merge.kept_after)
        current = _fields(kept)
        if current["bsn"] == after["bsn"] and before["bsn"] != after["bsn"]:
            kept.bsn = None
            session.flush()
        for name in _FIELDS:
            if current[name] == after[name]:
                setattr(kept, name, _decode(before[name]))
        session.flush()
        for name, value in json.loads(merge.absorbed_before).items():
            setattr(absorbed, name, _decode(value))
        absorbed.merged_into_id = None
        merge.undone_at = desk.now()
        session.flush()
        for person_id in (kept.id, absorbed.id):
            log_access(session, desk, Action.UNDO_MERGE, person_id, detail=f"samenvoeging {merge_id}")
        moved_people = (kept.id, absorbed.id)
    desk.search.recompute_last_stays(moved_people)


def merges_of(desk: Desk, person_id: int) -> list[MergeView]:
    """The merges into this person, newest first, undone ones included."""
    desk.require(Permission.DESK_WORK)
    with desk.db.read() as session:
        rows = session.scalars(
            select(PersonMerge).where(PersonMerge.kept_person_id == person_id).order_by(PersonMerge.merged_at.desc())
        ).all()
        views = []
        for merge in rows:
            before = {k: _decode(v) for k, v in json.loads(merge.absorbed_before).items()}
            name = display_name(
                _text(before["first_name"]),
                _text(before["name_prefix"]),
                _text(before["last_name"]),
                _text(before["alias"]),
            )
            views.append(
                MergeView(
                    merge.id,
                    merge.kept_person_id,
                    merge.absorbed_person_id,
                    name,
                    merge.merged_at,
                    merge.reason,
                    merge.undone_at,
                )
            )
        return views
