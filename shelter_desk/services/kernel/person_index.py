"""The in-memory index behind search as you type: name, alias, date of birth or BSN.

The desk searches on every keystroke, so the names live in an in-memory index (folded tokens,
a sorted vocabulary for prefixes, rapidfuzz over the vocabulary for typos, each word's people kept
in result order so that the best few of a short prefix are found without scoring them all; compact
lists, not sets, as 300 000 people must fit beside the desk) that is brought up to date before
each search from what changed in the database since the last one: other desks' registrations
appear without a restart, and a search costs two indexed queries (what changed, who of those
shown is restricted) plus the in-memory work.
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
from shelter_desk.persistence.plain_rows import streamed_rows
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


# Where a person id without an entry (a merge's kept record not read yet) sorts: after everyone.
_NOBODY = (1, "")


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
    """Every person's columns for the first load (read with `streamed_rows`)."""
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


@dataclass(frozen=True, slots=True)
class _TokenMatch:
    """The words of the index one query token matches, by how well."""

    token: str
    exact: bool  # the token is itself a word of the index
    prefixed: list[str]  # the other words starting with it
    typos: frozenset[str]  # the words a typo away (some may also be above)

    def score(self, words: tuple[str, ...]) -> int:
        """The best of EXACT, PREFIX, TYPO (or 0) among a person's `words`."""
        best = 0
        for word in words:
            if word == self.token:
                return EXACT
            if word.startswith(self.token):
                best = PREFIX
            elif not best and word in self.typos:
                best = TYPO
        return best


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
        # Each word's people, in the order results show (`_rank_key`) unless the word is in
        # `_unsorted` (sorted when a search first needs it, then kept in order as people change):
        # the best of a short prefix are found without scoring all its people.
        self._by_token: dict[str, list[int]] = {}
        self._unsorted: set[str] = set()
        self._vocabulary: list[str] = []
        # Who was born on a day (approximate births on their stored day), in a year, and who has an
        # approximate birth in a year: lists, a fifth of a set's size.
        self._by_birth: dict[date, list[int]] = {}
        self._by_year: dict[int, list[int]] = {}
        self._approximate_in: dict[int, list[int]] = {}
        self._by_bsn: dict[str, int] = {}
        self._absorbed: dict[int, tuple[int, tuple[str, ...]]] = {}  # absorbed id -> (kept id, tokens)
        self._merged_words: dict[int, tuple[str, ...]] | None = None  # kept id -> its absorbed records' tokens
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
                    fresh._load_everyone(streamed_rows(session, _everyone()))
            # The names first, in one go: `_names_ready` last, so a search never sees half of them.
            for name in (
                "_entries",
                "_by_token",
                "_vocabulary",
                "_by_birth",
                "_by_year",
                "_approximate_in",
                "_by_bsn",
                "_absorbed",
                "_unsorted",
                "_merged_words",
            ):
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
            # What changed, in one round trip (each maximum its own subquery: one step into its index).
            newest, top_id, newest_night = session.execute(
                select(
                    select(func.max(Person.updated_at)).scalar_subquery(),
                    select(func.max(Person.id)).scalar_subquery(),
                    select(func.max(BedNight.id)).scalar_subquery(),
                )
            ).one()
            top_id, newest_night = top_id or 0, newest_night or 0
            seen_until = self._persons_seen_until
            if newest is not None and (seen_until is None or newest > seen_until or top_id > self._top_person_id):
                if seen_until is None:
                    with _collector_paused():
                        self._load_everyone(streamed_rows(session, _everyone()))
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
                            moved = entry.last_night != night
                            before = self._rank_key(person_id)
                            entry.last_night, entry.last_facility_id = night, facility_id
                            if moved:
                                self._reorder(person_id, before)
                            unknown_facility |= facility_id not in self._facilities
                    if unknown_facility:
                        self._loaded = False
                self._last_bed_night_id = newest_night
            if not self._loaded:
                self._facilities = dict(session.execute(select(Facility.id, Facility.name)).all())
            self._loaded = True

    @staticmethod
    def _everyones_last_night(session: Session) -> Iterator[tuple[Any, ...]]:
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
        return streamed_rows(session, select(Person.id, newest_first, null()))

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
        self._unsorted = set(self._by_token)  # nearly everyone moved: each word is sorted anew when searched

    @_one_caller_at_a_time
    def recompute_last_stays(self, person_ids: tuple[int, ...]) -> None:
        """After bed-nights changed owner (a merge or its undo), read these people's last stay anew."""
        self.refresh()
        with self._db.read() as session:
            for person_id in person_ids:
                entry = self._entries.get(person_id)
                if entry is None:
                    continue
                before = self._rank_key(person_id)
                row = session.execute(
                    select(BedNight.night, Bed.facility_id)
                    .join(Bed, Bed.id == BedNight.bed_id)
                    .where(BedNight.person_id == person_id)
                    .order_by(BedNight.night.desc())
                    .limit(1)
                ).first()
                entry.last_night, entry.last_facility_id = (row[0], row[1]) if row else (None, None)
                self._reorder(person_id, before)

    @_one_caller_at_a_time
    def forget_facilities(self) -> None:
        """Facility names are cached; call after a facility is added or renamed."""
        self._loaded = False

    def _load_everyone(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """The first load: what `_put` does per person, for everyone at once (nothing to replace yet,
        the driver's plain tuples, the vocabulary sorted once at the end)."""
        entries, absorbed, by_bsn = self._entries, self._absorbed, self._by_bsn
        by_token: defaultdict[str, list[int]] = defaultdict(list, self._by_token)
        merged_words: set[str] = set()
        by_birth: defaultdict[date, list[int]] = defaultdict(list, self._by_birth)
        by_year: defaultdict[int, list[int]] = defaultdict(list, self._by_year)
        approximate_in: defaultdict[int, list[int]] = defaultdict(list, self._approximate_in)
        # Per approximate flag and stored birth date: its one (immutable) value and its lists.
        births: tuple[dict[Any, tuple[DateOfBirth, list[list[int]]]], ...] = ({}, {})
        # One object per distinct value (the driver makes one per row): a few hundred municipality
        # codes and many shared names and token tuples among 300 000 people.
        shared: dict[Any, Any] = {}
        once: dict[tuple[str, ...], tuple[str, ...]] = {}
        for pid, first, prefix, last, alias, born_stored, approximate, bsn, origin, merged_into in rows:
            tokens = tuple(name_tokens(first, prefix, last, alias))
            tokens = shared.setdefault(tokens, tokens)
            if merged_into is not None:  # absorbed by a merge: its names lead to the kept record
                absorbed[pid] = (merged_into, tokens)
                for token in tokens:
                    by_token[token].append(merged_into)
                merged_words.update(tokens)
                continue
            distinct = once.get(tokens)
            if distinct is None:  # a name may repeat a word ("Jan Jan"): in its word once
                distinct = once[tokens] = tuple(dict.fromkeys(tokens))
            for token in distinct:
                by_token[token].append(pid)
            born = None
            if born_stored:
                known = births[approximate].get(born_stored)  # SQLite gives the flag as 0/1
                if known is None:
                    born = DateOfBirth(stored_date(born_stored), bool(approximate))
                    lists = [by_birth[born.value], by_year[born.value.year]]
                    if born.approximate:
                        lists.append(approximate_in[born.value.year])
                    known = births[approximate][born_stored] = (born, lists)
                born, lists = known
                for people in lists:
                    people.append(pid)
            name = display_name(first, prefix, last, alias)
            entries[pid] = _Entry(shared.setdefault(name, name), tokens, born, bsn, shared.setdefault(origin, origin))
            if bsn:
                by_bsn[bsn] = pid
        for token in merged_words:  # a kept record named like a record merged into it: once
            by_token[token] = list(dict.fromkeys(by_token[token]))
        self._by_token, self._by_birth, self._by_year = dict(by_token), dict(by_birth), dict(by_year)
        self._approximate_in = dict(approximate_in)
        self._vocabulary = sorted(by_token)
        self._unsorted, self._merged_words = set(by_token), None

    def _put(self, person: Any, *, sort_vocabulary: bool = True) -> None:
        previous = self._entries.get(person.id)
        self._drop(person.id)
        tokens = tuple(name_tokens(person.first_name, person.name_prefix, person.last_name, person.alias))
        if person.merged_into_id is not None:
            # Absorbed by a merge: its names still lead to the kept record, so nobody registers twice.
            self._absorbed[person.id] = (person.merged_into_id, tokens)
            self._merged_words = None
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
        self._unsorted.update(self._merged().get(person.id, ()))  # its place in merged records' words moved too
        if born is not None:
            for people in self._birth_lists(born, create=True):
                people.append(person.id)
        if person.bsn:
            self._by_bsn[person.bsn] = person.id

    def _birth_lists(self, born: DateOfBirth, *, create: bool) -> list[list[int]]:
        """The lists a person born `born` is in (`create`: made where missing)."""
        keyed: list[tuple[dict[Any, list[int]], Any]] = [(self._by_birth, born.value), (self._by_year, born.value.year)]
        if born.approximate:
            keyed.append((self._approximate_in, born.value.year))
        if create:
            return [lists.setdefault(key, []) for lists, key in keyed]
        return [lists[key] for lists, key in keyed if key in lists]

    def _index_token(self, token: str, person_id: int, sort_vocabulary: bool = True) -> None:
        people = self._by_token.get(token)
        if people is None:
            people = self._by_token[token] = []
            if sort_vocabulary:
                bisect.insort(self._vocabulary, token)
            else:  # the first load sorts once at the end
                self._vocabulary.append(token)
        if token in self._unsorted:
            if person_id not in people:
                people.append(person_id)
            return
        at = bisect.bisect_left(people, self._rank_key(person_id), key=self._rank_key)
        if at == len(people) or people[at] != person_id:
            people.insert(at, person_id)

    def _unindex_token(self, token: str, person_id: int) -> None:
        """Take `person_id` from `token`'s people (while its entry still has the key it is sorted by)."""
        people = self._by_token.get(token)
        if people is None:
            return
        if token not in self._unsorted:
            at = bisect.bisect_left(people, self._rank_key(person_id), key=self._rank_key)
            if at < len(people) and people[at] == person_id:
                del people[at]
                return
        if person_id in people:  # not where its key says: taken out, and the word sorted anew
            people.remove(person_id)
            self._unsorted.add(token)

    def _drop(self, person_id: int) -> None:
        if person_id in self._absorbed:
            kept_id, tokens = self._absorbed.pop(person_id)
            self._merged_words = None
            kept = self._entries.get(kept_id)
            still_named = set(kept.tokens if kept else ()) | {
                t for other_kept, other in self._absorbed.values() if other_kept == kept_id for t in other
            }
            for token in set(tokens) - still_named:
                self._unindex_token(token, kept_id)
        entry = self._entries.get(person_id)
        if entry is None:
            return
        from_merges = {t for kept_id, tokens in self._absorbed.values() if kept_id == person_id for t in tokens}
        for token in set(entry.tokens) - from_merges:
            self._unindex_token(token, person_id)
        self._unsorted.update(from_merges)  # still leads here, but without an entry it sorts last
        if entry.born is not None:
            for people in self._birth_lists(entry.born, create=False):
                if person_id in people:
                    people.remove(person_id)
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
        ranked, close = self._best(query, limit)
        if not ranked:
            return []
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

    # A search's score is, per query token, EXACT (a name word), PREFIX (a word starting with it) or
    # TYPO (a word a typo away), summed over the tokens (each must match), plus EXACT with the BSN
    # and EXACT or TYPO (an approximate birth date of that year) with a birth date; results show by
    # score, then `_rank_key`. The top few are found without scoring everyone a short prefix
    # matches: one token's matches are walked in that order, tier by tier, until nothing further
    # can rank higher.

    def _best(self, query: _Query, limit: int) -> tuple[list[int], set[int]]:
        """The ids of the best `limit` matches, best first, and those found through a typo."""
        matches = [self._token_match(token) for token in query.tokens]
        bsn_owner = self._by_bsn.get(query.bsn) if query.bsn else None
        if query.bsn and bsn_owner is None:
            return [], set()
        best: list[tuple[int, tuple[int, str, int], bool]] = []  # (-score, rank key, close), sorted

        def consider(pid: int, driver: tuple[_TokenMatch, int] | None = None) -> None:
            scored = self._score(pid, query, matches, bsn_owner, driver)
            if scored is not None:
                bisect.insort(best, (-scored[0], self._rank_key(pid), scored[1]))
                del best[limit:]

        if bsn_owner is not None:
            consider(bsn_owner)
        elif query.born_on is not None:
            # The few born that day, and those whose year is all that is known.
            for pid in {*self._by_birth.get(query.born_on, ()), *self._approximate_in.get(query.born_on.year, ())}:
                consider(pid)
        elif not matches:
            for pid in self._by_year.get(query.born_in, ()) if query.born_in is not None else ():
                consider(pid)
        else:
            self._walk(min(matches, key=self._size), query, matches, best, limit, consider)
        return [key[2] for _score, key, _close in best], {key[2] for _score, key, close in best if close}

    def _walk(
        self,
        driver: _TokenMatch,
        query: _Query,
        matches: list[_TokenMatch],
        best: list[tuple[int, tuple[int, str, int], bool]],
        limit: int,
        consider: Callable[[int, tuple[_TokenMatch, int]], None],
    ) -> None:
        """Consider the matches of `driver` (the token matching fewest) in result order: its exact
        word, then its prefixes, then its typos, each by `_rank_key`; stop once no one further can
        outrank the `limit`-th found (whose score the other tokens can raise by at most EXACT each)."""
        others = EXACT * (len(matches) - 1) + (EXACT if query.born_on is not None else 0)
        seen: set[int] = set()
        rank_key = self._rank_key
        # A birth year passes over most of a name's people: they are left out before the merge.
        of_year = set(self._by_year.get(query.born_in, ())) if query.born_in is not None else None
        for score, words in (
            (EXACT, [driver.token] if driver.exact else []),
            (PREFIX, driver.prefixed),
            (TYPO, sorted(driver.typos)),
        ):
            ceiling = -(score + others)
            if not words or (len(best) == limit and best[-1][0] < ceiling):
                continue
            postings = [self._postings(word) for word in words]
            if of_year is not None:
                postings = [[pid for pid in people if pid in of_year] for people in postings]
            for pid in postings[0] if len(postings) == 1 else heapq.merge(*postings, key=rank_key):
                if pid in seen:
                    continue
                seen.add(pid)
                if len(best) == limit and best[-1][:2] < (ceiling, rank_key(pid)):
                    break  # everyone further in this tier ranks below the last shown
                consider(pid, (driver, score))

    def _score(
        self,
        pid: int,
        query: _Query,
        matches: list[_TokenMatch],
        bsn_owner: int | None,
        driver: tuple[_TokenMatch, int] | None,
    ) -> tuple[int, bool] | None:
        """`pid`'s score for `query` and whether a token found it through a typo; None: no match.
        `driver`, when given: the token whose matches are walked, and its (known) score."""
        entry = self._entries.get(pid)
        if entry is None:
            return None
        born = entry.born
        if query.born_on is not None:  # the cheap tests first
            if born is None or not (
                (born.value == query.born_on and not born.approximate)
                or (born.approximate and born.value.year == query.born_on.year)
            ):
                return None
        elif query.born_in is not None and (born is None or born.value.year != query.born_in):
            return None
        total, close = 0, False
        if query.bsn:
            if pid != bsn_owner:
                return None
            total = EXACT
        if matches:
            words = entry.tokens + self._merged().get(pid, ())
            for match in matches:
                score = driver[1] if driver is not None and match is driver[0] else match.score(words)
                if not score:
                    return None
                total += score
                close |= score == TYPO
        matched = bool(query.bsn or matches)
        if query.born_on is not None:
            assert born is not None
            on_the_day = born.value == query.born_on
            if not matched:
                total = EXACT if on_the_day else 0
            total += EXACT if on_the_day and not born.approximate else TYPO
        elif query.born_in is not None:
            if not matched:
                total = EXACT
        elif not matched:
            return None
        return total, close

    def _token_match(self, token: str) -> _TokenMatch:
        vocabulary = self._vocabulary
        start = end = bisect.bisect_left(vocabulary, token)
        while end < len(vocabulary) and vocabulary[end].startswith(token):
            end += 1
        exact = start < end and vocabulary[start] == token
        typos: frozenset[str] = frozenset()
        if len(token) >= 4:
            allowed = 1 if len(token) < 7 else 2
            typos = frozenset(
                word
                for word, _distance, _index in process.extract(
                    token, vocabulary, scorer=OSA.distance, score_cutoff=allowed, limit=None
                )
            )
        return _TokenMatch(token, exact, vocabulary[start + exact : end], typos)

    def _size(self, match: _TokenMatch) -> int:
        """How many postings a walk over `match` could meet (to walk the token matching fewest)."""
        by_token = self._by_token
        return (
            (len(by_token[match.token]) if match.exact else 0)
            + sum(len(by_token[word]) for word in match.prefixed)
            + sum(len(by_token[word]) for word in match.typos)
        )

    def _rank_key(self, pid: int) -> tuple[int, str, int]:
        """The order among equal scores: recent stays first, then by name, then by id."""
        entry = self._entries.get(pid)
        return (*(entry.order() if entry is not None else _NOBODY), pid)

    def _postings(self, word: str) -> list[int]:
        """The people named `word`, in `_rank_key` order (sorted when first needed, then kept)."""
        people = self._by_token.get(word, [])
        unsorted = self._unsorted  # the background build may put a new set meanwhile: that one stays
        if word in unsorted:
            people.sort(key=self._rank_key)
            unsorted.discard(word)
        return people

    def _reorder(self, pid: int, before: tuple[int, str, int]) -> None:
        """Move `pid` in the sorted words it is in, after its last stay changed (`before`: its old key)."""
        entry = self._entries.get(pid)
        for word in (entry.tokens if entry is not None else ()) + self._merged().get(pid, ()):
            people = self._by_token.get(word)
            if people is None or word in self._unsorted:
                continue
            at = bisect.bisect_left(people, before, key=self._rank_key)
            if at < len(people) and people[at] == pid:
                del people[at]
                bisect.insort(people, pid, key=self._rank_key)
            else:  # not where its old key says: the word is sorted anew when searched
                self._unsorted.add(word)

    def _merged(self) -> dict[int, tuple[str, ...]]:
        """Per kept record, the name tokens of the records merged into it (they find it too)."""
        if self._merged_words is None:
            merged: defaultdict[int, tuple[str, ...]] = defaultdict(tuple)
            for kept_id, tokens in self._absorbed.values():
                merged[kept_id] += tokens
            self._merged_words = dict(merged)
        return self._merged_words

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
