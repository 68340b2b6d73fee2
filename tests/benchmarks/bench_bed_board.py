"""How fast the bed board and the occupancy PDF are after 10 years of a large region.

The database: 30 000 persons (`population.generate_people`) and ~935 000 bed-nights over 3 650
nights ending on the night of 2026-11-24 (`population.generate_stays`: 10 facilities, 285 beds,
~90% occupied). It is built in a temporary folder, or once in `--db PATH` and reused from there.

Then, in a fresh child process (so that the peak memory is the desk's, not the generator's), each
operation is timed `--repeats` times after one untimed first call:
  - `bed_board(desk, night)` for the last night and for a night in the middle of the range;
  - `occupancy_pdf(desk, facility, night)` for the largest night shelter, both layouts;
  - the board's main bed-night query alone (through the ORM, and as raw SQL through sqlite3),
    to tell the database's share from Python's.
and `EXPLAIN QUERY PLAN` of that query is printed, to see whether ix_bed_night_night is used.

    .venv/bin/python -m tests.benchmarks.bench_bed_board [--db PATH] [--persons 30000] [--nights 3650]
                                                          [--repeats 15] [--profile]

Not named test_*: pytest never collects it.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import math
import pstats
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from multiprocessing import get_context
from pathlib import Path
from typing import Any

LAST_NIGHT = date(2026, 11, 24)
TARGET_BOARD_MS = 200.0
TARGET_PDF_MS = 1000.0


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB elsewhere


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _file_mb(path: Path) -> float:
    """The database with its WAL and shared-memory side files."""
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()) / 2**20


# -- the parent: make (or reuse) the database --------------------------------------------------


def _holds(path: Path) -> tuple[int, int, date | None]:
    """(persons, bed-nights, last night) of an existing file, read-only."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        persons = connection.execute("SELECT count(*) FROM person").fetchone()[0]
        bed_nights, last = connection.execute("SELECT count(*), max(night) FROM bed_night").fetchone()
    except sqlite3.DatabaseError:
        return 0, 0, None
    finally:
        connection.close()
    return persons, bed_nights, date.fromisoformat(last) if last else None


def populate(path: Path, persons: int, nights: int, seed: int) -> dict[str, float]:
    """Create the database at `path`; seconds per step."""
    from shelter_desk.persistence.location import resolve_location
    from shelter_desk.services.kernel.database_setup import open_and_prepare
    from tests.benchmarks.population import generate_people, generate_stays

    db = open_and_prepare(resolve_location(str(path), plain=True))
    try:
        started = time.perf_counter()
        # A fixed "now" keeps the file the same from run to run.
        generate_people(db, persons, seed, now=datetime.combine(LAST_NIGHT, clock_time(12), UTC))
        people_s = time.perf_counter() - started
        started = time.perf_counter()
        bed_nights = generate_stays(db, nights, LAST_NIGHT - timedelta(days=nights - 1), seed)
        stays_s = time.perf_counter() - started
    finally:
        db.close()
    return {"people_s": people_s, "stays_s": stays_s, "bed_nights": bed_nights}


# -- the child: time the board and the PDF ------------------------------------------------------


def _board_statement(night: date) -> Any:
    """The main bed-night query of `bed_board`, as the service builds it."""
    from sqlalchemy import select

    from shelter_desk.persistence.models import BedNight, Person, Stay

    return (
        select(BedNight, Person, Stay)
        .join(Person, Person.id == BedNight.person_id)
        .join(Stay, Stay.id == BedNight.stay_id)
        .where(BedNight.night == night, BedNight.status != "no_show")
    )


def _raw_sql(db: Any, night: date) -> tuple[str, tuple[Any, ...]]:
    """The board query's SQL text and positional parameters, as the driver receives them."""
    compiled = _board_statement(night).compile(dialect=db.engine.dialect)
    processors = compiled._bind_processors  # noqa: SLF001 - the Date type's own str conversion
    parameters = []
    for name in compiled.positiontup or ():
        value = compiled.params[name]
        processor = processors.get(name)
        parameters.append(processor(value) if processor else value)
    return str(compiled), tuple(parameters)


class _GcPauses:
    """Milliseconds spent in the garbage collector, and full (generation 2) collections, since reset()."""

    def __init__(self) -> None:
        self.ms, self.full, self._started = 0.0, 0, 0.0
        gc.callbacks.append(self._callback)

    def reset(self) -> None:
        self.ms, self.full = 0.0, 0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.ms += (time.perf_counter() - self._started) * 1000
            self.full += info["generation"] == 2


def _timed(work: Callable[[], Any], repeats: int, pauses: _GcPauses) -> dict[str, Any]:
    started = time.perf_counter()
    result = work()
    first_ms = (time.perf_counter() - started) * 1000
    timings, without_gc, full_collections = [], [], 0
    for _ in range(repeats):
        pauses.reset()
        started = time.perf_counter()
        work()
        took = (time.perf_counter() - started) * 1000
        timings.append(took)
        without_gc.append(took - pauses.ms)
        full_collections += pauses.full
    return {
        "first": first_ms,
        "timings": timings,
        "without_gc": without_gc,
        "full_gc": full_collections,
        "result": result,
    }


def measure(path: str, repeats: int, profile: bool) -> dict[str, Any]:
    """Runs in a fresh process: counts, timings, query plans, memory, optionally profiles."""
    from sqlalchemy import func, select

    from shelter_desk.domain.facilities import FacilityKind
    from shelter_desk.persistence.location import resolve_location
    from shelter_desk.persistence.models import Bed, BedNight, Facility, Stay
    from shelter_desk.services.beds.board import bed_board
    from shelter_desk.services.beds.occupancy import Layout, occupancy_pdf
    from shelter_desk.services.kernel.database_setup import open_and_prepare
    from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk

    db = open_and_prepare(resolve_location(path, plain=True))
    try:
        with db.read() as session:
            bed_nights = session.scalar(select(func.count()).select_from(BedNight)) or 0
            stays = session.scalar(select(func.count()).select_from(Stay)) or 0
            first_night, last_night = session.execute(select(func.min(BedNight.night), func.max(BedNight.night))).one()
            facilities = session.scalar(select(func.count()).select_from(Facility)) or 0
            beds = session.scalar(select(func.count()).select_from(Bed)) or 0
            shelter_id, shelter_name, shelter_beds = session.execute(
                select(Facility.id, Facility.name, func.count(Bed.id))
                .join(Bed, Bed.facility_id == Facility.id)
                .where(Facility.kind == FacilityKind.NIGHT_SHELTER, Facility.active.is_(True))
                .group_by(Facility.id)
                .order_by(func.count(Bed.id).desc(), Facility.id)
                .limit(1)
            ).one()
        middle_night = first_night + (last_night - first_night) / 2

        desk = Desk(db, user=COMMAND_LINE)
        operations: list[tuple[str, Callable[[], Any]]] = [
            (f"bed_board, last night {last_night}", lambda: bed_board(desk, last_night)),
            (f"bed_board, middle night {middle_night}", lambda: bed_board(desk, middle_night)),
            (
                "occupancy_pdf, bezetting (last night)",
                lambda: occupancy_pdf(desk, shelter_id, last_night, Layout.OCCUPANCY),
            ),
            (
                "occupancy_pdf, appel (last night)",
                lambda: occupancy_pdf(desk, shelter_id, last_night, Layout.ROLL_CALL),
            ),
            (
                "occupancy_pdf, bezetting (middle night)",
                lambda: occupancy_pdf(desk, shelter_id, middle_night, Layout.OCCUPANCY),
            ),
        ]

        def orm_query(night: date) -> int:
            with db.read() as session:
                return len(session.execute(_board_statement(night)).all())

        sql, parameters = _raw_sql(db, last_night)
        sql_middle, parameters_middle = _raw_sql(db, middle_night)
        raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

        def raw_query(text: str, values: tuple[Any, ...]) -> int:
            return len(raw.execute(text, values).fetchall())

        operations += [
            ("  board query alone, ORM (last night)", lambda: orm_query(last_night)),
            ("  board query alone, ORM (middle night)", lambda: orm_query(middle_night)),
            ("  board query alone, raw sqlite3 (last)", lambda: raw_query(sql, parameters)),
            ("  board query alone, raw sqlite3 (middle)", lambda: raw_query(sql_middle, parameters_middle)),
        ]

        results = {}
        pauses = _GcPauses()
        for label, work in operations:
            results[label] = _timed(work, repeats, pauses)
        gc_objects = len(gc.get_objects())
        details = {label: _describe(results[label]["result"]) for label, _work in operations}
        peak_rss_mb = _peak_rss_mb()

        bed_id = raw.execute("SELECT bed_id FROM bed_night WHERE night = ? LIMIT 1", (parameters[0],)).fetchone()
        plans = {
            "board query (bed_night JOIN person JOIN stay, one night)": _plan(raw, sql, parameters),
            # For comparison: assignment_facts' "who is in this bed tonight", status bound as a parameter
            # (as SQLAlchemy sends it) and written as a literal (as the partial unique index says it).
            "one bed's occupant, status != ? (bound)": _plan(
                raw,
                "SELECT id FROM bed_night WHERE bed_id = ? AND night = ? AND status != ?",
                (bed_id[0] if bed_id else 1, parameters[0], "no_show"),
            ),
            "one bed's occupant, status <> 'no_show' (literal)": _plan(
                raw,
                "SELECT id FROM bed_night WHERE bed_id = ? AND night = ? AND status <> 'no_show'",
                (bed_id[0] if bed_id else 1, parameters[0]),
            ),
            "stat1 (ANALYZE statistics) present": [
                str(bool(raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()[0]))
            ],
        }
        indexes = [
            row[0]
            for row in raw.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bed_night' AND sql IS NOT NULL"
            )
        ]
        raw.close()

        profiles = ""
        if profile:
            profiles += _profiled("bed_board, last night, x5", lambda: [bed_board(desk, last_night) for _ in range(5)])
            profiles += _profiled(
                "bed_board, middle night, x5", lambda: [bed_board(desk, middle_night) for _ in range(5)]
            )
            profiles += _profiled(
                "occupancy_pdf bezetting, last night, x5",
                lambda: [occupancy_pdf(desk, shelter_id, last_night) for _ in range(5)],
            )
    finally:
        db.close()
    for result in results.values():
        del result["result"]  # boards and PDFs need not travel back to the parent
    return {
        "bed_nights": bed_nights,
        "stays": stays,
        "first_night": first_night,
        "last_night": last_night,
        "middle_night": middle_night,
        "facilities": facilities,
        "beds": beds,
        "shelter": f"{shelter_name} (id {shelter_id}, {shelter_beds} beds)",
        "results": results,
        "details": details,
        "peak_rss_mb": peak_rss_mb,
        "plans": plans,
        "indexes": indexes,
        "profile": profiles,
        "sql": sql,
        "parameters": parameters,
        "gc_objects": gc_objects,
    }


def _describe(result: Any) -> str:
    if isinstance(result, bytes):
        return f"{len(result) / 1024:.0f} KiB PDF"
    if isinstance(result, int):
        return f"{result} rows"
    if isinstance(result, list):  # the board: facility boards
        occupied = sum(board.occupied for board in result)
        beds = sum(len(board.beds) for board in result)
        return f"{len(result)} facilities, {occupied}/{beds} beds taken"
    return ""


def _plan(connection: sqlite3.Connection, sql: str, parameters: tuple[Any, ...]) -> list[str]:
    rows = connection.execute("EXPLAIN QUERY PLAN " + sql, parameters).fetchall()
    depth = {0: -1}
    lines = []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, -1) + 1
        lines.append("  " * depth[node] + detail)
    return lines


def _profiled(what: str, work: Callable[[], Any]) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    work()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    out.write(f"--- {what}: by cumulative time ---\n")
    stats.sort_stats("cumulative").print_stats(30)
    out.write(f"--- {what}: by own time ---\n")
    stats.sort_stats("tottime").print_stats(20)
    return out.getvalue()


# -- report -----------------------------------------------------------------------------------


def report(measured: dict[str, Any], build: dict[str, Any], path: Path, repeats: int) -> str:
    m = measured
    size_mb = _file_mb(path)
    lines = [
        f"Bed board / occupancy PDF benchmark: {repeats} timed calls per operation after 1 untimed first call",
        "",
        f"  database              {path}  ({size_mb:,.0f} MB incl. WAL)",
        f"  persons               {build['persons']:,}".replace(",", " "),
        f"  bed-nights            {m['bed_nights']:,}  ({m['first_night']} .. {m['last_night']})".replace(",", " "),
        f"  stays                 {m['stays']:,}".replace(",", " "),
        f"  facilities / beds     {m['facilities']} / {m['beds']}",
        f"  largest night shelter {m['shelter']}",
        f"  build                 {build['note']}",
        f"  peak RSS (child)      {m['peak_rss_mb']:.0f} MB",
        "",
    ]
    header = f"{'operation (ms)':<44}{'first':>8}{'median':>8}{'p90':>8}{'max':>8}{'max-gc':>8}{'full gc':>9}   result"
    lines += [header, "-" * (len(header) + 34)]
    for label, result in m["results"].items():
        timings = result["timings"]
        lines.append(
            f"{label:<44}{result['first']:>8.1f}{statistics.median(timings):>8.1f}"
            f"{_percentile(timings, 0.9):>8.1f}{max(timings):>8.1f}{max(result['without_gc']):>8.1f}"
            f"{result['full_gc']:>9}   {m['details'][label]}"
        )
    lines += [
        f"  max-gc: the slowest call without its garbage-collector pauses; full gc: generation-2 "
        f"collections during the {repeats} timed calls",
        f"  (a full collection walks every tracked object of the process: {m['gc_objects']:,} here)".replace(",", " "),
    ]
    lines += [
        "",
        "EXPLAIN QUERY PLAN of the board's bed-night query:",
        "  " + " ".join(m["sql"].split()),
        f"  parameters {m['parameters']}",
    ]
    for what, plan in m["plans"].items():
        lines.append(f"  {what}:")
        lines += [f"    {line}" for line in plan]
    lines.append("  indexes on bed_night:")
    lines += [f"    {sql}" for sql in m["indexes"]]
    lines.append("")
    for label, result in m["results"].items():
        if label.startswith(" "):
            continue
        target = TARGET_BOARD_MS if label.startswith("bed_board") else TARGET_PDF_MS
        median = statistics.median(result["timings"])
        verdict = "ok" if median <= target else "SLOW"
        lines.append(f"target {label}: median <= {target:.0f} ms: {verdict} ({median:.1f} ms)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.bench_bed_board", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="build the database here once, and reuse it when it already holds bed-nights",
    )
    parser.add_argument("--persons", type=int, default=30_000)
    parser.add_argument("--nights", type=int, default=3_650)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of the board and the PDF")
    arguments = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="shelter-desk-bench-") as folder:
        path = arguments.db.resolve() if arguments.db else Path(folder) / "bench.sqlite"
        persons, bed_nights, last = _holds(path) if path.exists() else (0, 0, None)
        if bed_nights:
            note = f"reused {path.name} (not rebuilt; delete it to rebuild)"
            if last != LAST_NIGHT:
                note += f"; NOTE its last night is {last}, not {LAST_NIGHT}"
            print(f"Reusing {path}: {persons:,} persons, {bed_nights:,} bed-nights.", flush=True)
        else:
            if persons:
                raise SystemExit(f"{path} holds persons but no bed-nights: give another --db or delete it")
            print(
                f"Building {path}: {arguments.persons:,} persons, {arguments.nights:,} nights ...", end=" ", flush=True
            )
            built = populate(path, arguments.persons, arguments.nights, arguments.seed)
            persons = arguments.persons
            note = (
                f"persons {built['people_s']:.1f} s, stays {built['stays_s']:.1f} s "
                f"({built['bed_nights'] / built['stays_s']:,.0f} bed-nights/s)"
            )
            print(note, flush=True)
        print("Measuring in a fresh process ...", end=" ", flush=True)
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            measured = pool.submit(measure, str(path), arguments.repeats, arguments.profile).result()
        print("done", flush=True)
        print()
        print(report(measured, {"persons": persons, "note": note}, path, arguments.repeats))
        if arguments.profile:
            print()
            print(measured["profile"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
