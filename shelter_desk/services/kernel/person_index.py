"""The in-memory index behind search as you type: name, alias, date of birth or BSN.

The desk searches on every keystroke, so the names live in an in-memory index (folded tokens,
a sorted vocabulary for prefixes, rapidfuzz over the vocabulary for typos) that is brought up to
date before each search from what changed in the database since the last one: other desks'
registrations appear without a restart, and a search costs two indexed queries plus the
in-memory work.
"""

from __future__ import annotations

import bisect
import functools
import gc
import heapq
import logging
import re
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Concatenate, ParamSpec, TypeVar

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import ColumnElement, Select, func, null, or_, select
from sqlalchemy.orm import Session

from shelter_desk.domain.dutch_dates import DateOfBirth, parse_dutch_date
from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.name_folding import name_tokens
from shelter_desk.domain.people import age_text, display_name
from shelter_desk.domain.shelter_night import dutch_date
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.models import OCCUPYING, Bed, BedNight, Facility, Municipality, Person, Restriction
from shelter_desk.persistence.plain_rows import plain_rows
from shelter_desk.persistence.types import stored_date, utc_now

# Desks' clocks differ a little: re-read what changed shortly before the last change seen.
LOG = logging.getLogger("shelter_desk")
CLOCK_MARGIN = timedelta(minutes=2)
EXACT, PREFIX, TYPO = 3, 2, 1
MIN_TOKEN = 2
# While the index builds: read at most this many matches, rank the best by recent stays.
_DATABASE_SEARCH_ROWS, _DATABASE_SEARCH_RANKED = 500, 60
_BUILD_SWITCH_INTERVAL = 0.0005  # seconds
_YEAR = re.compile(r"^(19|20)\d\d$")
_P = ParamSpec("_P")
_R = TypeVar("_R")


@dataclass(slots=True)
class _Entry:
    name: str
    tokens: tuple[str, ...]
    born: DateOfBirth | None
    bsn: str | None
    origin_code: str | None
    last_night: date | None = None
    last_facility_id: int | None = None  # None until read: the first load leaves it to the first search showing it

    def order(self) -> tuple[int, str]:
        """Within one score: recent stays first (regulars at the top), then by name."""
        return (-(self.last_night or date.min).toordinal(), self.name.lower())


# The columns the index needs: loading whole ORM objects costs six times as long at 300 000.
_PERSON_COLUMNS = (
    Person.id,
    Person.first_name,
    Person.name_prefix,
    Person.last_name,
    Person.alias,
    Person.date_of_birth,
    Person.date_of_birth_approximate,
    Person.bsn,
    Person.origin_municipality_code,
    Person.merged_into_id,
)


def _everyone() -> Select[*tuple[Any, ...]]:
    """Every person's columns for the first load (read with `plain_rows`)."""
    return select(*_PERSON_COLUMNS)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """For the first load: it makes about 100 000 objects at 30 000 persons that all stay, and the
    cyclic garbage collector would walk them (and the rest of the heap) several times while they
    are made, a fifth of the build, to free nothing. Restores the collector as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class PersonHit:
    """One line of the result list: enough to tell two people apart without opening either."""

    person_id: int
    name: str
    born: str
    age: str
    origin: str
    last_stay: str
    restricted: bool
    close_match: bool  # found through a typo-tolerant match, ranked below exact ones


@dataclass
class _Query:
    tokens: list[str] = field(default_factory=list)
    born_on: date | None = None
    born_in: int | None = None
    bsn: str | None = None


def _parse_query(text: str) -> _Query:
    query = _Query()
    whole = text.strip()
    if not whole:
        return query
    try:
        query.born_on = parse_dutch_date(whole)
    except DeskError:
        return query  # looks like a date but names no real day: nothing can match
    if query.born_on is not None:
        return query
    name_words = []
    for word in whole.split():
        digits = word.replace(".", "").replace("-", "")
        if digits.isdigit() and len(digits) == 9:
            query.bsn = digits
            continue
        try:
            on = parse_dutch_date(word)
        except DeskError:
            continue
        if on is not None:
            query.born_on = on
        elif _YEAR.match(word):
            query.born_in = int(word)
        else:
            name_words.append(word)
    query.tokens = name_tokens(" ".join(name_words))
    return query


def query_too_short(text: str) -> bool:
    """Whether `text` names only single letters (no birth date, year or BSN): one letter matches
    half the register, so the search waits for the second."""
    query = _parse_query(text)
    return (
        bool(query.tokens)
        and all(len(t) < MIN_TOKEN for t in query.tokens)
        and not (query.bsn or query.born_on or query.born_in)
    )


def _one_caller_at_a_time(
    method: Callable[Concatenate[PersonSearch, _P], _R],
) -> Callable[Concatenate[PersonSearch, _P], _R]:
    """A public method of the index, run under its lock (see `PersonSearch`)."""

    @functools.wraps(method)
    def guarded(index: PersonSearch, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with index._lock:
            return method(index, *args, **kwargs)

    return guarded


class PersonSearch:
    """The desk's person index. One per open database.

    Safe to call from any thread: the window's searches run on the database worker while the
    intake's duplicate check (and a merge) may ask on the window's thread. The public methods hold
    one re-entrant lock, so a refresh and the search after it are one step and two callers never
    update the index at once. The background build takes no lock: it fills a fresh index and swaps
    it in (the names with `_names_ready` last), and the locked methods that need it whole wait for
    it by joining the build thread, which must therefore never wait for the lock.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._lock = threading.RLock()
        self._entries: dict[int, _Entry] = {}
        self._by_token: dict[str, set[int]] = {}
        self._vocabulary: list[str] = []
        self._by_birth: dict[date, set[int]] = {}
        self._by_year: dict[int, set[int]] = {}
        self._by_bsn: dict[str, int] = {}
        self._absorbed: dict[int, tuple[int, tuple[str, ...]]] = {}  # absorbed id -> (kept id, tokens)
        self._municipalities: dict[str, str] = {}
        self._facilities: dict[int, str] = {}
        self._persons_seen_until: datetime | None = None
        self._top_person_id = 0
        self._last_bed_night_id = 0
        self._loaded = False
        self._building: threading.Thread | None = None
        self._names_ready = False  # the background build has put the names in (last stays may follow)

    # -- building in the background --------------------------------------------------------

    def build_in_background(self, after: float = 0.0, then: Callable[[], object] | None = None) -> None:
        """Build the index on a thread, starting `after` seconds from now (the window paints
        first), and call `then` on that thread once it is built. Until the names are in, searches
        go to the database directly; then to the index while the last stays are added (recent
        stays rank first once they are in). Other questions wait for the whole build."""
        if self._loaded or self._building is not None:
            return

        def build() -> None:
            try:
                self._build()
            except DeskError as error:
                # The database went away (or is locked) while the index was read: searches keep
                # asking the database directly, as before the build, and say so themselves.
                LOG.warning("Zoekindex niet opgebouwd: %s", error.message)
                return
            except Exception:  # noqa: BLE001 - a driver error the unit of work did not wrap: the same
                LOG.exception("Zoekindex niet opgebouwd")
                return
            if then is not None:
                then()

        self._building = threading.Timer(after, build)
        self._building.name, self._building.daemon = "person-index", True
        self._building.start()

    def _build(self) -> None:
        # While this thread runs Python, the desk's thread waits for the interpreter lock after
        # every database call: hand the lock over every 0.5 ms instead of every 5 ms meanwhile.
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, _BUILD_SWITCH_INTERVAL))
        try:
            fresh = PersonSearch(self._db)
            with self._db.read() as session:
                municipalities = dict(session.execute(select(Municipality.code, Municipality.name)).all())
                facilities = dict(session.execute(select(Facility.id, Facility.name)).all())
                newest = session.scalar(select(func.max(Person.updated_at)))
                top_id = session.scalar(select(func.max(Person.id))) or 0
                with _collector_paused():
                    fresh._load_everyone(plain_rows(session, _everyone()))
            # The names first, in one go: `_names_ready` last, so a search never sees half of them.
            for name in ("_entries", "_by_token", "_vocabulary", "_by_birth", "_by_year", "_by_bsn", "_absorbed"):
                setattr(self, name, getattr(fresh, name))
            self._municipalities, self._facilities = municipalities, facilities
            self._persons_seen_until = None if newest is None else min(newest, utc_now())
            self._top_person_id = top_id
            self._names_ready = True
            with self._db.read() as session, _collector_paused():
                newest_night = session.scalar(select(func.max(BedNight.id))) or 0
                self._take_last_nights(self._everyones_last_night(session))
            self._last_bed_night_id = newest_night
            self._loaded = True
        finally:
            sys.setswitchinterval(interval)

    @property
    def building(self) -> bool:
        """True while the background build runs (searches then read the database directly)."""
        return self._building is not None and self._building.is_alive()

    def wait_until_built(self) -> None:
        if self._building is not None:
            self._building.join()
            self._building = None

    # -- keeping the index current ---------------------------------------------------------

    @_one_caller_at_a_time
    def refresh(self) -> None:
        """Apply what changed in the database since the last refresh (everything, the first time)."""
        self.wait_until_built()
        with self._db.read() as session:
            if not self._loaded:
                self._municipalities = dict(session.execute(select(Municipality.code, Municipality.name)).all())
            newest = session.scalar(select(func.max(Person.updated_at)))
            top_id = session.scalar(select(func.max(Person.id))) or 0
            seen_until = self._persons_seen_until
            if newest is not None and (seen_until is None or newest > seen_until or top_id > self._top_person_id):
                if seen_until is None:
                    with _collector_paused():
                        self._load_everyone(plain_rows(session, _everyone()))
                else:
                    # New people by their id, which no clock can put out of order; changed people
                    # by their time stamp, a little before the last one seen.
                    for person in session.execute(
                        select(*_PERSON_COLUMNS).where(
                            (Person.id > self._top_person_id) | (Person.updated_at > seen_until - CLOCK_MARGIN)
                        )
                    ):
                        self._put(person)
                # A record saved by a desk whose clock ran ahead must not hide what others save
                # after it: the mark never passes this desk's own clock (those few rows are re-read).
                self._persons_seen_until = min(newest, utc_now())
                self._top_person_id = top_id
            newest_night = session.scalar(select(func.max(BedNight.id))) or 0
            if newest_night > self._last_bed_night_id:
                if self._last_bed_night_id == 0:
                    with _collector_paused():
                        self._take_last_nights(self._everyones_last_night(session))
                else:
                    rows = session.execute(
                        select(BedNight.person_id, BedNight.night, Bed.facility_id)
                        .join(Bed, Bed.id == BedNight.bed_id)
                        .where(BedNight.id > self._last_bed_night_id, OCCUPYING)
                    )
                    unknown_facility = False
                    for person_id, stored_night, facility_id in rows:
                        night = stored_date(stored_night)
                        entry = self._entries.get(person_id)
                        if entry is not None and (entry.last_night is None or night >= entry.last_night):
                            entry.last_night, entry.last_facility_id = night, facility_id
                            unknown_facility |= facility_id not in self._facilities
                    if unknown_facility:
                        self._loaded = False
                self._last_bed_night_id = newest_night
            if not self._loaded:
                self._facilities = dict(session.execute(select(Facility.id, Facility.name)).all())
            self._loaded = True

    @staticmethod
    def _everyones_last_night(session: Session) -> list[tuple[Any, ...]]:
        """Everyone's last night (None for who never slept here), without its facility: that is read
        for the people a search shows (`_read_last_facilities`). Each person's newest occupying night
        is one step into the (person, night) index; grouping every night of ten years to find the
        same nights reads the whole index, and the facility of each costs a row of the table."""
        newest_first = (
            select(BedNight.night)
            .where(BedNight.person_id == Person.id, OCCUPYING)
            .order_by(BedNight.night.desc())
            .limit(1)
            .scalar_subquery()
        )
        return plain_rows(session, select(Person.id, newest_first, null()))

    def _take_last_nights(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Apply `_everyones_last_night` (a later night replaces an earlier one; its facility is read
        when the person is shown). One date object per distinct night."""
        entries = self._entries
        nights: dict[Any, date] = {}
        for person_id, stored_night, _facility_id in rows:
            entry = entries.get(person_id)
            if entry is None or stored_night is None:
                continue  # not (yet) in the index, or never slept here
            night = nights.get(stored_night)
            if night is None:
                night = nights[stored_night] = stored_date(stored_night)
            if entry.last_night is None or night > entry.last_night:
                entry.last_night, entry.last_facility_id = night, None

    @_one_caller_at_a_time
    def recompute_last_stays(self, person_ids: tuple[int, ...]) -> None:
        """After bed-nights changed owner (a merge or its undo), read these people's last stay anew."""
        self.refresh()
        with self._db.read() as session:
            for person_id in person_ids:
                entry = self._entries.get(person_id)
                if entry is None:
                    continue
                row = session.execute(
                    select(BedNight.night, Bed.facility_id)
                    .join(Bed, Bed.id == BedNight.bed_id)
                    .where(BedNight.person_id == person_id)
                    .order_by(BedNight.night.desc())
                    .limit(1)
                ).first()
                entry.last_night, entry.last_facility_id = (row[0], row[1]) if row else (None, None)

    @_one_caller_at_a_time
    def forget_facilities(self) -> None:
        """Facility names are cached; call after a facility is added or renamed."""
        self._loaded = False

    def _load_everyone(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """The first load: what `_put` does per person, for everyone at once (nothing to replace yet,
        the driver's plain tuples, the vocabulary sorted once at the end)."""
        entries, absorbed, by_bsn = self._entries, self._absorbed, self._by_bsn
        by_token: defaultdict[str, set[int]] = defaultdict(set, self._by_token)
        by_birth: defaultdict[date, set[int]] = defaultdict(set, self._by_birth)
        by_year: defaultdict[int, set[int]] = defaultdict(set, self._by_year)
        # Per approximate flag and stored birth date: its one (immutable) value and its two sets.
        births: tuple[dict[Any, tuple[DateOfBirth, set[int], set[int]]], ...] = ({}, {})
        for pid, first, prefix, last, alias, born_stored, approximate, bsn, origin, merged_into in rows:
            tokens = tuple(name_tokens(first, prefix, last, alias))
            if merged_into is not None:  # absorbed by a merge: its names lead to the kept record
                absorbed[pid] = (merged_into, tokens)
                for token in tokens:
                    by_token[token].add(merged_into)
                continue
            for token in tokens:
                by_token[token].add(pid)
            born = None
            if born_stored:
                known = births[approximate].get(born_stored)  # SQLite gives the flag as 0/1
                if known is None:
                    born = DateOfBirth(stored_date(born_stored), bool(approximate))
                    known = births[approximate][born_stored] = (born, by_birth[born.value], by_year[born.value.year])
                born, on_that_day, in_that_year = known
                on_that_day.add(pid)
                in_that_year.add(pid)
            entries[pid] = _Entry(display_name(first, prefix, last, alias), tokens, born, bsn, origin)
            if bsn:
                by_bsn[bsn] = pid
        self._by_token, self._by_birth, self._by_year = dict(by_token), dict(by_birth), dict(by_year)
        self._vocabulary = sorted(by_token)

    def _put(self, person: Any, *, sort_vocabulary: bool = True) -> None:
        previous = self._entries.get(person.id)
        self._drop(person.id)
        tokens = tuple(name_tokens(person.first_name, person.name_prefix, person.last_name, person.alias))
        if person.merged_into_id is not None:
            # Absorbed by a merge: its names still lead to the kept record, so nobody registers twice.
            self._absorbed[person.id] = (person.merged_into_id, tokens)
            for token in tokens:
                self._index_token(token, person.merged_into_id, sort_vocabulary)
            return
        born = DateOfBirth(person.date_of_birth, person.date_of_birth_approximate) if person.date_of_birth else None
        entry = _Entry(
            name=display_name(person.first_name, person.name_prefix, person.last_name, person.alias),
            tokens=tokens,
            born=born,
            bsn=person.bsn,
            origin_code=person.origin_municipality_code,
        )
        if previous is not None:
            entry.last_night, entry.last_facility_id = previous.last_night, previous.last_facility_id
        self._entries[person.id] = entry
        for token in tokens:
            self._index_token(token, person.id, sort_vocabulary)
        if born is not None:
            self._by_birth.setdefault(born.value, set()).add(person.id)
            self._by_year.setdefault(born.value.year, set()).add(person.id)
        if person.bsn:
            self._by_bsn[person.bsn] = person.id

    def _index_token(self, token: str, person_id: int, sort_vocabulary: bool = True) -> None:
        if token not in self._by_token:
            self._by_token[token] = set()
            if sort_vocabulary:
                bisect.insort(self._vocabulary, token)
            else:  # the first load sorts once at the end
                self._vocabulary.append(token)
        self._by_token[token].add(person_id)

    def _drop(self, person_id: int) -> None:
        if person_id in self._absorbed:
            kept_id, tokens = self._absorbed.pop(person_id)
            kept = self._entries.get(kept_id)
            still_named = set(kept.tokens if kept else ()) | {
                t for other_kept, other in self._absorbed.values() if other_kept == kept_id for t in other
            }
            for token in set(tokens) - still_named:
                self._by_token.get(token, set()).discard(kept_id)
        entry = self._entries.get(person_id)
        if entry is None:
            return
        from_merges = {t for kept_id, tokens in self._absorbed.values() if kept_id == person_id for t in tokens}
        for token in set(entry.tokens) - from_merges:
            self._by_token.get(token, set()).discard(person_id)
        if entry.born is not None:
            self._by_birth.get(entry.born.value, set()).discard(person_id)
            self._by_year.get(entry.born.value.year, set()).discard(person_id)
        if entry.bsn and self._by_bsn.get(entry.bsn) == person_id:
            del self._by_bsn[entry.bsn]
        del self._entries[person_id]

    # -- searching -------------------------------------------------------------------------

    @_one_caller_at_a_time
    def search(self, text: str, night: date, limit: int = 25) -> list[PersonHit]:
        """People matching `text`, best first: exact names, then prefixes, then typos; recent stays first."""
        if query_too_short(text):
            return []  # one letter matches half the register: wait for the second
        query = _parse_query(text)
        if self.building:
            if not self._names_ready:
                return self._search_database(query, night, limit)
        else:
            self.refresh()
        scores: dict[int, int] | None = None
        close: set[int] = set()
        if query.bsn:
            found = self._by_bsn.get(query.bsn)
            scores = {found: EXACT} if found is not None else {}
        for token in query.tokens:
            token_scores = self._match_token(token)
            close.update(pid for pid, score in token_scores.items() if score == TYPO)
            if scores is None:
                scores = token_scores
            else:
                scores = {pid: s + token_scores[pid] for pid, s in scores.items() if pid in token_scores}
        if query.born_on is not None or query.born_in is not None:
            scores = self._filter_by_birth(scores, query)
        if not scores:
            return []
        entries = self._entries
        ranked = heapq.nsmallest(limit, scores, key=lambda pid: (-scores[pid], entries[pid].order()))
        restricted = self._shown(ranked, night)
        return [self._hit(pid, night, pid in restricted, pid in close) for pid in ranked]

    def _search_database(self, query: _Query, night: date, limit: int) -> list[PersonHit]:
        """While the index builds: the same question to the database (prefixes of the name parts,
        birth date, BSN; no typo tolerance), ranked as the index ranks: exact names first, then
        recent stays. A few milliseconds, where building the index first would hold up the desk."""
        if not (query.tokens or query.bsn or query.born_on or query.born_in):
            return []
        with self._db.read() as session:
            # SQLite's LIKE ignores ASCII case and can stop early; lower() would cost a full pass.
            sqlite = session.get_bind().dialect.name == "sqlite"
            conditions: list[ColumnElement[bool]] = [Person.merged_into_id.is_(None)]
            for token in query.tokens:
                conditions.append(
                    or_(
                        *(
                            (name.like if sqlite else name.ilike)(f"{token}%")
                            for name in (Person.first_name, Person.last_name, Person.alias)
                        )
                    )
                )
            if query.bsn:
                conditions.append(Person.bsn == query.bsn)
            if query.born_on is not None:
                conditions.append(Person.date_of_birth == query.born_on)
            elif query.born_in is not None:
                conditions.append(Person.date_of_birth.between(date(query.born_in, 1, 1), date(query.born_in, 12, 31)))
            rows = session.execute(select(*_PERSON_COLUMNS).where(*conditions).limit(_DATABASE_SEARCH_ROWS)).all()
            scored = []
            for row in rows:
                tokens = tuple(name_tokens(row.first_name, row.name_prefix, row.last_name, row.alias))
                if not all(any(word.startswith(token) for word in tokens) for token in query.tokens):
                    continue  # matched the database's prefix but not a folded name part
                score = sum(EXACT if token in tokens else PREFIX for token in query.tokens)
                name = display_name(row.first_name, row.name_prefix, row.last_name, row.alias)
                scored.append((-score, name.lower(), row, tokens, name))
            scored.sort(key=lambda item: item[:2])
            best = scored[:_DATABASE_SEARCH_RANKED]
            last_nights = (
                dict(
                    session.execute(
                        select(BedNight.person_id, func.max(BedNight.night))
                        .where(BedNight.person_id.in_([item[2].id for item in best]), OCCUPYING)
                        .group_by(BedNight.person_id)
                    ).all()
                )
                if best
                else {}
            )
            municipalities = dict(session.execute(select(Municipality.code, Municipality.name)).all())
        ranked = []
        for negative_score, _lower, row, tokens, name in best:
            born = DateOfBirth(row.date_of_birth, row.date_of_birth_approximate) if row.date_of_birth else None
            entry = _Entry(name, tokens, born, row.bsn, row.origin_municipality_code, last_nights.get(row.id))
            ranked.append(((negative_score, *entry.order()), row.id, entry))
        ranked.sort(key=lambda item: item[0])
        top = ranked[:limit]
        restricted = self._restricted([pid for _key, pid, _entry in top], night)
        return [
            PersonHit(
                person_id=pid,
                name=entry.name,
                born=entry.born.describe() if entry.born else "",
                age=age_text(entry.born, night),
                origin=municipalities.get(entry.origin_code or "", ""),
                last_stay=dutch_date(entry.last_night) if entry.last_night is not None else "",
                restricted=pid in restricted,
                close_match=False,
            )
            for _key, pid, entry in top
        ]

    def _match_token(self, token: str) -> dict[int, int]:
        found: dict[int, int] = {}
        start = bisect.bisect_left(self._vocabulary, token)
        for word in self._vocabulary[start:]:
            if not word.startswith(token):
                break
            score = EXACT if word == token else PREFIX
            for pid in self._by_token[word]:
                if found.get(pid, 0) < score:
                    found[pid] = score
        if len(token) >= 4:
            allowed = 1 if len(token) < 7 else 2
            for word, _distance, _index in process.extract(
                token, self._vocabulary, scorer=OSA.distance, score_cutoff=allowed, limit=None
            ):
                for pid in self._by_token[word]:
                    found.setdefault(pid, TYPO)
        return found

    def _filter_by_birth(self, scores: dict[int, int] | None, query: _Query) -> dict[int, int]:
        if query.born_on is not None:
            exact = self._by_birth.get(query.born_on, set())
            pool = scores if scores is not None else {pid: EXACT for pid in exact}
            result = {}
            for pid, score in pool.items():
                born = self._entries[pid].born
                if born is None:
                    continue
                if pid in exact and not born.approximate:
                    result[pid] = score + EXACT
                elif born.approximate and born.value.year == query.born_on.year:
                    result[pid] = score + TYPO
            if scores is None:
                # Approximate-year people of that year also qualify, ranked lower.
                for pid in self._by_year.get(query.born_on.year, ()):
                    born = self._entries[pid].born
                    if born is not None and born.approximate:
                        result.setdefault(pid, TYPO)
            return result
        assert query.born_in is not None
        of_year = self._by_year.get(query.born_in, set())
        if scores is None:
            return dict.fromkeys(of_year, EXACT)
        return {pid: s for pid, s in scores.items() if pid in of_year}

    def _shown(self, person_ids: list[int], night: date) -> set[int]:
        """For the people a search is about to show, in one transaction: who is under a restriction
        tonight (returned), and the facility of the last night of those whose facility was not read
        yet (the first load leaves it out; kept once read)."""
        if not person_ids:
            return set()
        unread = {
            pid: entry.last_night
            for pid in person_ids
            if (entry := self._entries[pid]).last_night is not None and entry.last_facility_id is None
        }
        with self._db.read() as session:
            if unread:
                self._read_last_facilities(session, unread)
            return self._restricted_in(session, person_ids, night)

    def _read_last_facilities(self, session: Session, last_nights: dict[int, date]) -> None:
        rows = session.execute(
            select(BedNight.person_id, BedNight.night, Bed.facility_id)
            .join(Bed, Bed.id == BedNight.bed_id)
            .where(BedNight.person_id.in_(last_nights), BedNight.night.in_(set(last_nights.values())), OCCUPYING)
        )
        for person_id, night, facility_id in rows:
            if last_nights[person_id] == night:  # the nights asked for, not another's night of the same date
                self._entries[person_id].last_facility_id = facility_id
                if facility_id not in self._facilities:  # opened since the names were read
                    self._facilities = dict(session.execute(select(Facility.id, Facility.name)).all())

    def _restricted(self, person_ids: list[int], night: date) -> set[int]:
        if not person_ids:
            return set()
        with self._db.read() as session:
            return self._restricted_in(session, person_ids, night)

    @staticmethod
    def _restricted_in(session: Session, person_ids: list[int], night: date) -> set[int]:
        return set(
            session.scalars(
                select(Restriction.person_id).where(
                    Restriction.person_id.in_(person_ids),
                    Restriction.lifted_at.is_(None),
                    Restriction.starts_on <= night,
                    Restriction.ends_on >= night,
                )
            )
        )

    def _hit(self, pid: int, night: date, restricted: bool, close: bool) -> PersonHit:
        entry = self._entries[pid]
        last = ""
        if entry.last_night is not None:
            facility = self._facilities.get(entry.last_facility_id or -1, "")
            # A night ahead is a bed booked or a running stay holding its bed: "t/m" that night.
            when = ("t/m " if entry.last_night > night else "") + dutch_date(entry.last_night)
            last = f"{facility}, {when}" if facility else when
        return PersonHit(
            person_id=pid,
            name=entry.name,
            born=entry.born.describe() if entry.born else "",
            age=age_text(entry.born, night),
            origin=self._municipalities.get(entry.origin_code or "", ""),
            last_stay=last,
            restricted=restricted,
            close_match=close,
        )

    # -- for the duplicate check -----------------------------------------------------------

    @_one_caller_at_a_time
    def identity_candidates(
        self, tokens: tuple[str, ...], born: DateOfBirth | None
    ) -> dict[int, tuple[tuple[str, ...], DateOfBirth | None]]:
        """Everyone sharing or nearly sharing a name token, or the birth date: facts to judge by."""
        self.refresh()
        ids: set[int] = set()
        for token in tokens:
            ids.update(self._by_token.get(token, ()))
            if len(token) >= 3:
                for word, _d, _i in process.extract(
                    token, self._vocabulary, scorer=OSA.distance, score_cutoff=2, limit=None
                ):
                    ids.update(self._by_token[word])
        if born is not None:
            ids.update(self._by_birth.get(born.value, ()))
        return {pid: (self._entries[pid].tokens, self._entries[pid].born) for pid in ids if pid in self._entries}

    @_one_caller_at_a_time
    def bsn_owner(self, bsn: str) -> int | None:
        self.refresh()
        return self._by_bsn.get(bsn)

    @_one_caller_at_a_time
    def describe(self, person_id: int, night: date) -> PersonHit:
        self.refresh()
        return self._hit(person_id, night, bool(self._shown([person_id], night)), False)
