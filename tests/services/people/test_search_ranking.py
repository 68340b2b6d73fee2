"""The index finds the best matches without scoring everyone: the same list, in the same order,
as scoring every match of every token and sorting them all (exact names, then prefixes, then
typos; among equal scores recent stays first, then by name, then by id)."""

from __future__ import annotations

import heapq
import random
from collections import namedtuple
from datetime import date, timedelta

import pytest
from rapidfuzz import process
from rapidfuzz.distance import OSA

from shelter_desk.services.kernel.person_index import EXACT, PREFIX, TYPO, PersonSearch, _parse_query, query_too_short

NIGHT = date(2026, 11, 24)
FIRST = ["Jan", "Janneke", "Jans", "Johan", "Anna", "Ahmed", "Piet", "Dmitri", "Berend", "Bert", "Daan", "Jana"]
PREFIXES = [None, None, None, "van", "van der", "de"]
LAST = ["Jansen", "Janssen", "Jans", "Berg", "Bergman", "Berger", "Dijk", "Dekker", "Jong", "Bakker", "Baker"]
ALIASES = [None] * 6 + ["Sjors", "Jantje", "Beer"]


def _population(seed: int, size: int = 600) -> tuple[list[tuple], list[tuple]]:
    """Person rows and last-night rows as the database gives them to the first load: few distinct
    names (many equal names and equal nights), some approximate births, BSNs and merged records."""
    chance = random.Random(seed)
    rows, nights, kept = [], [], []
    for pid in range(1, size + 1):
        born, approximate = None, 0
        if chance.random() < 0.8:
            approximate = int(chance.random() < 0.2)
            year = chance.randint(1960, 1964)
            born = date(year, 1, 1) if approximate else date(year, chance.randint(1, 2), chance.randint(1, 3))
        merged_into = chance.choice(kept) if kept and chance.random() < 0.03 else None  # into a kept record
        if merged_into is None:
            kept.append(pid)
        rows.append(
            (
                pid,
                chance.choice(FIRST),
                chance.choice(PREFIXES),
                chance.choice(LAST),
                chance.choice(ALIASES),
                born.isoformat() if born else None,
                approximate,
                f"{100000000 + pid}" if chance.random() < 0.5 else None,
                "0106",
                merged_into,
            )
        )
        if chance.random() < 0.7:
            nights.append((pid, (NIGHT - timedelta(days=chance.randint(0, 20))).isoformat(), None))
    return rows, nights


def _queries(seed: int, rows: list[tuple]) -> list[str]:
    """What a desk types: every prefix of names, typos, two names, with a year, a date or a BSN."""
    chance = random.Random(seed)
    names = [f"{first} {last}" for _pid, first, _prefix, last, *_rest in rows]
    queries = set()
    for name in chance.sample(names, 12):
        queries.update(name[:end] for end in range(1, len(name) + 1))
    for last in LAST:
        swapped = last[0] + last[2] + last[1] + last[3:]
        queries.update({last.lower(), swapped, last[:-1] + "x", f"{last} 1962", f"{last[:2]} 1961"})
    queries.update(
        {
            "ja 1963",
            "jan 01-01-1962",
            "berg 02-01-1961",
            "01-01-1963",
            "1960",
            "03-02-1964",
            "jans jans",
            "j b",
            "van d",
            "100000002",
            "jan 100000004",
            "100000006 1961",
        }
    )
    return sorted(queries)


def _reference(search: PersonSearch, text: str, limit: int = 25) -> list[tuple[int, bool]]:
    """Score every match of every token, filter by birth, sort them all (the straightforward way)."""
    query = _parse_query(text)
    scores: dict[int, int] | None = None
    close: set[int] = set()
    if query.bsn:
        found = search._by_bsn.get(query.bsn)
        scores = {found: EXACT} if found is not None else {}
    for token in query.tokens:
        token_scores: dict[int, int] = {}
        for word, members in search._by_token.items():
            score = EXACT if word == token else PREFIX if word.startswith(token) else 0
            for pid in members:
                token_scores[pid] = max(token_scores.get(pid, 0), score)
        if len(token) >= 4:
            allowed = 1 if len(token) < 7 else 2
            for word, _distance, _index in process.extract(
                token, search._vocabulary, scorer=OSA.distance, score_cutoff=allowed, limit=None
            ):
                for pid in search._by_token[word]:
                    token_scores[pid] = token_scores.get(pid) or TYPO
        token_scores = {pid: score for pid, score in token_scores.items() if score}
        close.update(pid for pid, score in token_scores.items() if score == TYPO)
        if scores is None:
            scores = token_scores
        else:
            scores = {pid: score + token_scores[pid] for pid, score in scores.items() if pid in token_scores}
    entries = search._entries
    if query.born_on is not None:
        on_the_day = {pid: EXACT for pid, e in entries.items() if e.born and e.born.value == query.born_on}
        pool = scores if scores is not None else on_the_day
        filtered = {}
        for pid, score in pool.items():
            born = entries[pid].born
            if born is not None and born.value == query.born_on and not born.approximate:
                filtered[pid] = score + EXACT
            elif born is not None and born.approximate and born.value.year == query.born_on.year:
                filtered[pid] = score + TYPO
        if scores is None:
            for pid, entry in entries.items():
                if entry.born and entry.born.approximate and entry.born.value.year == query.born_on.year:
                    filtered.setdefault(pid, TYPO)
        scores = filtered
    elif query.born_in is not None:
        of_year = {p for p, e in entries.items() if e.born and e.born.value.year == query.born_in}
        scores = dict.fromkeys(of_year, EXACT) if scores is None else {p: s for p, s in scores.items() if p in of_year}
    if not scores:
        return []
    ranked = heapq.nsmallest(limit, scores, key=lambda pid: (-scores[pid], *entries[pid].order(), pid))
    return [(pid, pid in close) for pid in ranked]


# A person as a refresh reads a changed one (`_put`).
_Changed = namedtuple(
    "_Changed",
    "id first_name name_prefix last_name alias date_of_birth date_of_birth_approximate bsn "
    "origin_municipality_code merged_into_id",
)


def _loaded(db, seed: int) -> tuple[PersonSearch, list[tuple]]:
    rows, nights = _population(seed)
    search = PersonSearch(db)
    search._load_everyone(rows)
    search._take_last_nights(nights)
    return search, rows


@pytest.mark.parametrize("seed", range(4))
def test_the_best_matches_are_those_of_scoring_every_match_in_the_same_order(db, seed):
    search, rows = _loaded(db, seed)
    for text in _queries(seed, rows):
        if query_too_short(text):
            continue
        found = [(hit.person_id, hit.close_match) for hit in search.search(text, NIGHT)]
        assert found == _reference(search, text), text


@pytest.mark.parametrize("seed", range(2))
def test_the_order_follows_last_stays_that_change_after_the_words_were_sorted(db, seed):
    search, rows = _loaded(db, seed)
    chance = random.Random(seed)
    queries = [text for text in _queries(seed, rows) if not query_too_short(text)]
    for text in queries:
        search.search(text, NIGHT)  # every word searched is now kept sorted
    for pid in chance.sample(sorted(search._entries), 150):  # what a refresh applies for new nights
        entry = search._entries[pid]
        before = search._rank_key(pid)
        entry.last_night = NIGHT + timedelta(days=chance.randint(-30, 3))
        search._reorder(pid, before)
    for text in queries:
        found = [(hit.person_id, hit.close_match) for hit in search.search(text, NIGHT)]
        assert found == _reference(search, text), text


@pytest.mark.parametrize("seed", range(2))
def test_the_order_holds_for_people_registered_renamed_or_merged_after_the_words_were_sorted(db, seed):
    search, rows = _loaded(db, seed)
    chance = random.Random(seed)
    queries = [text for text in _queries(seed, rows) if not query_too_short(text)]
    for text in queries:
        search.search(text, NIGHT)
    kept = sorted(search._entries)
    changed = [(pid, *_population(seed + 100, 1)[0][0][1:]) for pid in chance.sample(kept, 60)]  # renamed
    changed += [(len(rows) + n, *_population(seed + 200 + n, 1)[0][0][1:]) for n in range(1, 40)]  # new
    for row in changed:
        born = date.fromisoformat(row[5]) if row[5] else None
        search._put(_Changed(*row[:5], born, bool(row[6]), *row[7:]))
    merged: set[int] = set()
    for pid in chance.sample(kept, 8):  # merged into another kept record
        first, prefix, last, alias, born, approximate, bsn, origin, _merged = rows[pid - 1][1:]
        into = chance.choice([other for other in kept if other != pid and other not in merged])
        merged.add(pid)
        search._put(_Changed(pid, first, prefix, last, alias, None, False, None, origin, into))
    for text in queries:
        found = [(hit.person_id, hit.close_match) for hit in search.search(text, NIGHT)]
        assert found == _reference(search, text), text
