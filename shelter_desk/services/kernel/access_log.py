"""The access log in the style of NEN 7513: who did what with whose record, when, from where.

Entries are written in the same transaction as what they describe, so a logged change happened
and a change that happened is logged. The table is append-only (database triggers) and every
entry's HMAC covers the one before it, keyed with a key that is not in the database
(`persistence/log_chain_keys.py`; a server's: the region key): someone who edits a line cannot
recompute the chain. The database holds each key's fingerprint and from which line it chained,
and a signed, fixed boundary after the unkeyed pre-upgrade lines; a desk without the key is told
so, never warned of tampering. A signed head beside the file and this computer's own mark name
the newest line, so lines cut off the end, or a head put back, are found too. A break once found
stays reported until an administrator acknowledges it with a reason (`acknowledge_chain_break`).
`check_chain` verifies from the head on (at sign-in) or the whole log (`verify_chain`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import event, insert, select, text
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.shelter_night import local_time_text
from shelter_desk.persistence.engine import is_read_session
from shelter_desk.persistence.location import DatabaseLocation
from shelter_desk.persistence.locks import ACCESS_LOG, lock_for
from shelter_desk.persistence.log_chain_keys import (
    LOG_KEY_FILE_ENV,
    LogHead,
    chain_key,
    chain_keys,
    entry_mac,
    fingerprint,
    read_head,
    read_mark,
    show_fingerprint,
    write_head,
)
from shelter_desk.persistence.models import AccessLogEntry, DatabaseInfo
from shelter_desk.services.kernel.desk import Desk

GENESIS = "0" * 64


class Action(StrEnum):
    CREATE = "aanmaken"
    READ = "inzien"
    UPDATE = "wijzigen"
    DELETE = "verwijderen"
    PRINT = "afdrukken"
    EXPORT = "exporteren"
    SEARCH = "zoeken"
    MERGE = "samenvoegen"
    UNDO_MERGE = "samenvoeging ongedaan"
    DISCLOSE = "gegevens verstrekt"
    EMERGENCY = "noodtoegang"
    ANONYMISE = "anonimiseren"
    SIGN_IN = "aanmelden"
    SIGN_IN_FAILED = "aanmelden mislukt"
    CHAIN_WARNING = "waarschuwing logboek"
    IMPORT = "import"  # a record created from a spreadsheet
    ACKNOWLEDGE = "breuk logboek erkend"
    KEY_CHANGE = "logsleutel gewisseld"


KEYED_AFTER = "access_log_keyed_after"  # DatabaseInfo: entries up to this id predate the keyed chain
KEY_SEGMENTS = "access_log_keys"  # "first id:fingerprint,...": from which line on each key chained
ANCHOR = "access_log_anchor"  # "generation:signature" over the boundary and the key segments
BROKEN = "access_log_broken"  # "line|found at|what": a break found, until acknowledged
ACKNOWLEDGED = "access_log_acknowledged"  # "line|found at|signature": the last break acknowledged
ACCESS_LOG_TRIGGERS = {
    "sqlite": {"access_log_no_update", "access_log_no_delete"},
    "postgresql": {"access_log_append_only"},
}
_PENDING_HEAD = "shelter_desk_log_head"
_INFO_LENGTH = 200  # database_info.value


@dataclass(frozen=True)
class LogLine:
    entry_id: int
    at: datetime
    username: str
    workstation: str
    person_id: int | None
    action: str
    fields: str
    detail: str


def _text(
    previous: str,
    at: datetime,
    username: str,
    workstation: str,
    person_id: int | None,
    action: str,
    fields: str,
    detail: str,
) -> str:
    return "\x1f".join((previous, at.isoformat(), username, workstation, str(person_id), action, fields, detail))


def _legacy_digest(line_text: str) -> str:
    """Entries written before the chain was keyed: plain SHA-256."""
    return hashlib.sha256(line_text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KeyProblem:
    """This desk cannot check or extend the log: it lacks the key. Not a sign of tampering."""

    what: str

    def message(self) -> str:
        return self.what


@dataclass(frozen=True)
class _Anchor:
    """The fixed boundary and the key segments, as the database holds them."""

    legacy_until: int
    segments: tuple[tuple[int, str], ...]  # (first line, key fingerprint), oldest first
    generation: str
    signature: str

    def signed_text(self) -> str:
        return f"{self.legacy_until}|{_segments_text(self.segments)}|{self.generation}"

    def signed_by(self, key: bytes) -> bool:
        return hmac.compare_digest(self.signature, entry_mac(key, self.signed_text())[:32])

    def fingerprint_of(self, entry_id: int) -> str | None:
        found = None
        for first, print_ in self.segments:
            if first <= entry_id:
                found = print_
        return found


def _segments_text(segments: Sequence[tuple[int, str]]) -> str:
    return ",".join(f"{first}:{print_}" for first, print_ in segments)


def _parse_segments(text_: str | None) -> tuple[tuple[int, str], ...]:
    if not text_:
        return ()
    try:
        return tuple((int(first), print_) for first, print_ in (part.split(":") for part in text_.split(",")))
    except ValueError:
        return ()


def stored_info(session: Session, key: str) -> str | None:
    row = session.get(DatabaseInfo, key)
    return row.value if row is not None else None


def store_info(session: Session, key: str, value: str | None) -> None:
    row = session.get(DatabaseInfo, key)
    if value is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(DatabaseInfo(key=key, value=value[:_INFO_LENGTH]))
    else:
        row.value = value[:_INFO_LENGTH]
    session.flush()  # read back by `session.get` in the same transaction


def read_anchor(session: Session) -> _Anchor:
    legacy = stored_info(session, KEYED_AFTER)
    generation, _, signature = (stored_info(session, ANCHOR) or "").partition(":")
    return _Anchor(
        int(legacy) if legacy and legacy.isdigit() else 0,
        _parse_segments(stored_info(session, KEY_SEGMENTS)),
        generation,
        signature,
    )


def write_anchor(session: Session, key: bytes, anchor: _Anchor) -> _Anchor:
    signed = replace(anchor, signature=entry_mac(key, anchor.signed_text())[:32])
    store_info(session, KEYED_AFTER, str(signed.legacy_until))
    store_info(session, KEY_SEGMENTS, _segments_text(signed.segments))
    store_info(session, ANCHOR, f"{signed.generation}:{signed.signature}")
    return signed


def _keys_by_fingerprint(location: DatabaseLocation) -> dict[str, bytes]:
    return {fingerprint(key): key for key in chain_keys(location)}


def _key_problem(location: DatabaseLocation, wanted: str | None) -> KeyProblem:
    if wanted is None:
        return KeyProblem(
            "Voor deze regio is nog geen logsleutel ingesteld, dus het toegangslogboek kan niet worden "
            "bijgewerkt. De beheerder van de regio maakt die eenmalig met 'shelter-desk region key new' "
            "en zet hem op elke balie (README: de logsleutel van de regio)."
        )
    held = [show_fingerprint(fingerprint(key)) for key in chain_keys(location)]
    if location.path is not None:
        return KeyProblem(
            f"Deze computer heeft niet de logsleutel van dit databasebestand (vingerafdruk {show_fingerprint(wanted)}; "
            f"hier: {', '.join(held)}). Het toegangslogboek kan hier niet worden bijgewerkt of gecontroleerd; dit "
            "is geen teken van een datalek. Open het bestand op de computer waar het hoort, of zet de sleutel "
            "(het bestand <database>.logsleutel) terug naast het bestand."
        )
    have = f"Deze balie heeft een andere sleutel (vingerafdruk {', '.join(held)}). " if held else ""
    return KeyProblem(
        f"Deze balie heeft niet de logsleutel van deze regio (vingerafdruk {show_fingerprint(wanted)}). {have}"
        "Zonder die sleutel kan deze balie het toegangslogboek niet bijwerken of controleren; dit is geen "
        "teken van een datalek. Vraag de beheerder van de regio om de sleutel en zet hem op deze balie met "
        f"'shelter-desk region key install' (of in het bestand van {LOG_KEY_FILE_ENV})."
    )


def newest_key(location: DatabaseLocation, anchor: _Anchor) -> bytes | KeyProblem:
    """The key of the newest segment, which new lines are chained with, if this desk holds it."""
    if not anchor.segments:
        own = chain_key(location)
        # A file's own key before its segments are written (opening); a server without a region key.
        return own if own is not None and location.path is not None else _key_problem(location, None)
    wanted = anchor.segments[-1][1]
    key = _keys_by_fingerprint(location).get(wanted)
    return key if key is not None else _key_problem(location, wanted)


def log_access(
    session: Session,
    desk: Desk,
    action: Action,
    person_id: int | None = None,
    fields: tuple[str, ...] = (),
    detail: str = "",
    username: str | None = None,
    new_key: bytes | None = None,
) -> None:
    """Append one entry inside the caller's (write) transaction (`new_key`: the key being adopted)."""
    at = desk.now().astimezone(UTC).replace(microsecond=0)
    who = username if username is not None else (desk.user.username if desk.user else "")
    _append_lines(
        session,
        desk.db.location,
        [LogLine(0, at, who, desk.workstation, person_id, action.value, ",".join(fields), detail)],
        new_key,
    )


def _append_lines(
    session: Session, location: DatabaseLocation, lines: Sequence[LogLine], new_key: bytes | None = None
) -> None:
    """Chain the lines on after the newest entry: the chain's end and the key in use read in one
    round trip, the lines written in one more. `new_key`: the key being adopted (`adopt_region_key`)."""
    if not lines:
        return
    lock_for(session, ACCESS_LOG)  # one chain: appends take turns until this transaction ends
    info = DatabaseInfo.__table__
    row = session.execute(
        select(
            select(AccessLogEntry.hash).order_by(AccessLogEntry.id.desc()).limit(1).scalar_subquery(),
            select(info.c.value).where(info.c.key == KEY_SEGMENTS).scalar_subquery(),
            select(info.c.value).where(info.c.key == ANCHOR).scalar_subquery(),
            select(info.c.value).where(info.c.key == KEYED_AFTER).scalar_subquery(),
        )
    ).one()
    previous = row[0] or GENESIS
    segments = _parse_segments(row[1])
    key = new_key or newest_key(location, _Anchor(0, segments, "", ""))
    if isinstance(key, KeyProblem):
        raise DeskError(key.message() + " Er is niets opgeslagen.")
    entries = []
    for line in lines:
        digest = entry_mac(
            key,
            _text(
                previous,
                line.at,
                line.username,
                line.workstation,
                line.person_id,
                line.action,
                line.fields,
                line.detail,
            ),
        )
        entries.append(
            {
                "at": line.at,
                "username": line.username,
                "workstation": line.workstation,
                "person_id": line.person_id,
                "action": line.action,
                "fields": line.fields,
                "detail": line.detail,
                "previous_hash": previous,
                "hash": digest,
            }
        )
        previous = digest
    # One bulk INSERT (objects in the session would only be flushed and kept; nothing reads them back):
    # a printed list of 68 beds logs 68 lines. Pending changes of the session are flushed first.
    ids = session.scalars(
        insert(AccessLogEntry).returning(AccessLogEntry.id, sort_by_parameter_order=True), entries
    ).all()
    generation = (row[2] or "").partition(":")[0]
    legacy = int(row[3]) if row[3] and row[3].isdigit() else 0
    session.info[_PENDING_HEAD] = (location, key, LogHead(ids[-1], previous, legacy, generation=generation))


def carry_lines(session: Session, location: DatabaseLocation, lines: list[LogLine]) -> None:
    """After a restore: the lines the replaced log had and the backup lacks, appended and marked as such."""
    _append_lines(
        session,
        location,
        [
            replace(line, detail=f"[van vóór het terugzetten; was regel {line.entry_id}] {line.detail}".rstrip())
            for line in lines
        ],
    )


@event.listens_for(Session, "after_commit")
def _move_the_head(session: Session) -> None:
    """Once the lines are committed (never before), the signed head and this computer's mark move on."""
    pending = session.info.pop(_PENDING_HEAD, None)
    if pending is not None:
        location, key, head = pending
        write_head(location, key, head)


@event.listens_for(Session, "after_rollback")
def _forget_the_head(session: Session) -> None:
    session.info.pop(_PENDING_HEAD, None)


@dataclass(frozen=True)
class ChainProblem:
    """What is wrong with the access log, in Dutch, and since when it could have happened."""

    what: str
    entry_id: int | None = None
    since: datetime | None = None  # the newest moment the log was still known to be intact

    def message(self) -> str:
        since = (
            f" Het logboek was voor het laatst aantoonbaar in orde op {local_time_text(self.since)}."
            if self.since
            else ""
        )
        return (
            f"Het toegangslogboek is niet meer betrouwbaar: {self.what}.{since} "
            "Meld dit bij de beheerder en de privacyfunctionaris (mogelijk datalek, AVG art. 33)."
        )


def anchor_keyed_chain(session: Session, location: DatabaseLocation) -> None:
    """Once per database: the boundary after the unkeyed (pre-upgrade) lines, fixed and signed.

    Run at opening, before any entry is written by this version. A file's lines from the
    boundary on are chained with its own key; a server's lines from here on with the region key
    (lines before it, chained with the key of an earlier version, are checked for their links).
    Without the region key a server database is left as it is: the desk is told it lacks the key.
    When this computer's records know the log already, a missing anchor is not made anew: the
    check reports it.
    """
    anchor = read_anchor(session)
    newest = session.scalar(select(AccessLogEntry.id).order_by(AccessLogEntry.id.desc()).limit(1)) or 0
    if anchor.segments and not _an_unused_copy(session, location, anchor, newest):
        return
    if session.get(DatabaseInfo, KEYED_AFTER) is None:
        store_info(session, KEYED_AFTER, str(newest))
        anchor = replace(anchor, legacy_until=newest)
    key = chain_key(location)
    if key is None:
        return
    if any(isinstance(record, LogHead) and record.generation for record in head_records(location, key)):
        return
    first = anchor.legacy_until + 1 if location.path is not None else newest + 1
    anchor = write_anchor(
        session, key, _Anchor(anchor.legacy_until, ((first, fingerprint(key)),), new_generation(), "")
    )
    newest_hash = session.scalar(select(AccessLogEntry.hash).where(AccessLogEntry.id == newest)) or GENESIS
    write_head(location, key, LogHead(newest, newest_hash, anchor.legacy_until, generation=anchor.generation))


def _an_unused_copy(session: Session, location: DatabaseLocation, anchor: _Anchor, newest: int) -> bool:
    """A file copied without its key before any keyed line was written (a fresh file's copy): it
    takes its own key, as nothing signed is lost; with keyed lines or records of it, never."""
    own = chain_key(location) if location.path is not None else None
    if own is None or fingerprint(own) == anchor.segments[-1][1] or newest >= anchor.segments[0][0]:
        return False
    return not any(record is not None for record in head_records(location, own))


def new_generation() -> str:
    return secrets.token_hex(8)


def head_records(location: DatabaseLocation, key: bytes) -> tuple[LogHead | None | str, LogHead | None]:
    return read_head(location, key), read_mark(location, key)


def restart_head(session: Session, location: DatabaseLocation) -> None:
    """After a restore: a new generation of the log; the head and this computer's mark describe it."""
    anchor = read_anchor(session)
    key = newest_key(location, anchor)
    if isinstance(key, KeyProblem):
        raise DeskError(key.message())
    if not anchor.segments and location.path is not None:  # a backup from before the keys were recorded
        anchor = replace(anchor, segments=((anchor.legacy_until + 1, fingerprint(key)),))
    anchor = write_anchor(session, key, replace(anchor, generation=new_generation()))
    newest = session.scalars(select(AccessLogEntry).order_by(AccessLogEntry.id.desc()).limit(1)).first()
    write_head(
        location,
        key,
        LogHead(
            newest.id if newest else 0,
            newest.hash if newest else GENESIS,
            anchor.legacy_until,
            generation=anchor.generation,
        ),
        replacing=True,
    )


def check_chain(
    session: Session, location: DatabaseLocation, *, whole: bool, now: datetime | None = None
) -> ChainProblem | KeyProblem | None:
    """None when the log is intact (and its triggers are there); else the first problem found.

    `whole=False` checks from the signed head on: the lines written since the last check, plus
    the head's own line (truncation). `whole=True` checks every line from the first. A break,
    once found, is kept (in the database when `session` writes, beside the file and in this
    computer's mark) and reported as such until an administrator acknowledges it.
    """
    anchor = read_anchor(session)
    key = newest_key(location, anchor)
    if isinstance(key, KeyProblem):
        return key
    known = known_break(session, location, key)
    if known is not None:
        return known
    problem = check_lines(session, location, anchor, key, whole=whole)
    missing = _missing_triggers(session)
    if problem is None and missing:
        problem = ChainProblem(f"de beveiliging tegen wijzigen en wissen ontbreekt (triggers {', '.join(missing)})")
    if problem is not None:
        _remember_break(session, location, key, anchor, problem, now or datetime.now(UTC))
    return problem


def _break_text(problem: ChainProblem, found: datetime) -> str:
    return f"{problem.entry_id or 0}|{found.astimezone(UTC).replace(microsecond=0).isoformat()}|{problem.what}"


def _remember_break(
    session: Session, location: DatabaseLocation, key: bytes, anchor: _Anchor, problem: ChainProblem, found: datetime
) -> None:
    """Kept where a later line cannot hide it: the database (when writing), the head and the mark."""
    text_ = _break_text(problem, found)[:_INFO_LENGTH]
    if not is_read_session(session):
        store_info(session, BROKEN, text_)
    head, mark = head_records(location, key)
    base = head if isinstance(head, LogHead) else mark
    if base is None:
        base = LogHead(0, GENESIS, anchor.legacy_until, generation=anchor.generation)
    write_head(location, key, replace(base, broken=text_, generation=anchor.generation))


def _acknowledged(session: Session, key: bytes) -> str:
    """The break ("line|found at") an administrator acknowledged last, if its signature holds."""
    line, _, rest = (stored_info(session, ACKNOWLEDGED) or "").partition("|")
    found, _, signature = rest.partition("|")
    if line and hmac.compare_digest(signature, entry_mac(key, f"{line}|{found}")[:32]):
        return f"{line}|{found}"
    return ""


def known_break(session: Session, location: DatabaseLocation, key: bytes) -> ChainProblem | None:
    """A break found before (by any desk, in any start) and not acknowledged since."""
    acknowledged = _acknowledged(session, key)
    head, mark = head_records(location, key)
    for stored in (
        stored_info(session, BROKEN),
        head.broken if isinstance(head, LogHead) else "",
        mark.broken if mark is not None else "",
    ):
        if not stored:
            continue
        line, found, what = (stored.split("|", 2) + ["", ""])[:3]
        if f"{line}|{found}" == acknowledged:
            continue
        try:
            when = local_time_text(datetime.fromisoformat(found))
        except ValueError:
            when = found
        since = f" sinds regel {line}" if line not in ("", "0") else ""
        return ChainProblem(
            f"gebroken{since}, gevonden op {when} ({what}); dit blijft gemeld tot een beheerder "
            "de breuk met een reden heeft erkend",
            int(line) if line.isdigit() else 0,
        )
    return None


def check_lines(
    session: Session, location: DatabaseLocation, anchor: _Anchor, key: bytes, *, whole: bool
) -> ChainProblem | None:
    if anchor.segments and not anchor.signed_by(key):
        return ChainProblem(
            "de grens tussen oude en beveiligde regels of de sleutelwissels zijn in de database veranderd"
        )
    head_found, mark = head_records(location, key)
    if isinstance(head_found, str):
        return ChainProblem(head_found)
    newest = session.scalar(select(AccessLogEntry.id).order_by(AccessLogEntry.id.desc()).limit(1)) or 0
    own = [
        record
        for record in (head_found, mark)
        if record is not None and record.generation in (anchor.generation, "")  # "": written before generations
    ]
    if not anchor.segments:
        if own:  # this computer knew the log: its anchor was removed from the database
            return ChainProblem("de grens tussen oude en beveiligde regels ontbreekt in de database")
        return None
    if location.path is not None and head_found is None and (mark is not None or newest > anchor.legacy_until):
        return ChainProblem("de logkop naast het databasebestand ontbreekt")
    if any(record.legacy_until != anchor.legacy_until for record in own if record.generation):
        return ChainProblem("de grens tussen oude en beveiligde regels is in de database verschoven")
    head = max(own, key=lambda record: record.last_id, default=None)
    if isinstance(head_found, LogHead) and head is not None and head.last_id > head_found.last_id:
        return ChainProblem(
            f"de logkop naast het databasebestand is teruggezet (deze computer kende al regel {head.last_id})",
            head_found.last_id + 1,
        )
    checked = max(own, key=lambda record: record.checked_id, default=None)
    keys = _keys_by_fingerprint(location)
    acknowledged_line = _acknowledged(session, key).partition("|")[0]
    start_id, previous = 0, GENESIS
    if not whole and checked is not None and checked.checked_id > 0:
        entry = session.get(AccessLogEntry, checked.checked_id)
        if entry is None or entry.hash != checked.checked_hash:
            return ChainProblem(
                f"regel {checked.checked_id} (al eens gecontroleerd) is verdwenen of gewijzigd", checked.checked_id
            )
        start_id, previous = entry.id, entry.hash
    first_keyed = anchor.segments[0][0]
    last_good: datetime | None = None
    for entry in session.scalars(
        select(AccessLogEntry).where(AccessLogEntry.id > start_id).order_by(AccessLogEntry.id)
    ):
        line = _text(
            previous,
            entry.at,
            entry.username,
            entry.workstation,
            entry.person_id,
            entry.action,
            entry.fields,
            entry.detail,
        )
        if entry.id <= anchor.legacy_until:
            expected: str | None = _legacy_digest(line)
        elif entry.id < first_keyed:
            expected = None  # chained with an earlier version's key: its links are checked
        else:
            segment_key = keys.get(anchor.fingerprint_of(entry.id) or "")
            expected = entry_mac(segment_key, line) if segment_key is not None else None
        fits = entry.previous_hash == previous and (expected is None or entry.hash == expected)
        if not fits and str(entry.id) != acknowledged_line:
            return ChainProblem(
                f"regel {entry.id} past niet in de keten (gewijzigd, ingevoegd of verwijderd)", entry.id, last_good
            )
        previous, last_good = entry.hash, entry.at
    if head is not None and head.last_id > 0:
        newest_known = session.get(AccessLogEntry, head.last_id)
        if newest_known is None or newest_known.hash != head.last_hash:
            before = session.scalar(
                select(AccessLogEntry.at)
                .where(AccessLogEntry.id < head.last_id)
                .order_by(AccessLogEntry.id.desc())
                .limit(1)
            )
            return ChainProblem(
                f"regel {head.last_id} (volgens de logkop de nieuwste) is verdwenen of gewijzigd; "
                f"het logboek telt nu {newest} regels",
                head.last_id,
                before,
            )
    if newest:
        base = head or LogHead(newest, previous, anchor.legacy_until)
        write_head(
            location,
            key,
            replace(base, checked_id=newest, checked_hash=previous, generation=anchor.generation),
        )
    return None


def _missing_triggers(session: Session) -> list[str]:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        present = set(
            session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'access_log'"))
        )
    elif dialect == "postgresql":
        present = set(
            session.scalars(
                text("SELECT tgname FROM pg_trigger WHERE tgrelid = 'access_log'::regclass AND NOT tgisinternal")
            )
        )
    else:
        return []
    return sorted(ACCESS_LOG_TRIGGERS.get(dialect, set()) - present)


def log_accesses(session: Session, desk: Desk, action: Action, person_ids: Sequence[int], detail: str = "") -> None:
    """One entry per person, chained as `log_access` chains them, in one append (a printed list of
    68 beds reads the chain's end once, not 68 times)."""
    at = desk.now().astimezone(UTC).replace(microsecond=0)
    who = desk.user.username if desk.user else ""
    _append_lines(
        session,
        desk.db.location,
        [LogLine(0, at, who, desk.workstation, person_id, action.value, "", detail) for person_id in person_ids],
    )
