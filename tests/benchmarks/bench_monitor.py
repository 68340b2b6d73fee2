"""How fast the monitor (Rapportages: in-, through- and outflow) is after 10 years of a large region.

The database is the one `bench_bed_board` uses: 30 000 persons and ~935 000 bed-nights over 3 650
nights ending on the night of 2026-11-24 (`population.generate_people` / `generate_stays`, one
region with 10 facilities). It is built in a temporary folder, or once in `--db PATH` and reused
from there. A `--db` file made with an older schema is left as it is (other benchmarks may use it,
and opening it would migrate it and write a backup copy): a fresh database is then built, once,
next to it as `<name>-<schema revision>.sqlite` and reused from there.

Then, in a fresh child process (so that the peak memory is the monitor's, not the generator's),
`monitor(desk, period, region_id=..., facility_id=...)` is timed `--repeats` times after one
untimed first call, for:
  - the first half year of 2026: all regions, the region of the facilities, one facility
    (the largest night shelter);
  - June 2026 and the year 2025 (the last full year of data): all regions.
The report's unique persons and bed-nights are checked against a plain SQL count. Then the
half-year report for all regions is run again `--repeats` times with every helper of
shelter_desk/services/monitor.py timed on its own, its SQL statements are captured and their
`EXPLAIN QUERY PLAN` printed, and (when the target is missed, or with `--profile`) it is profiled.

Target: the half-year report in a median under 150 ms.

    .venv/bin/python -m tests.benchmarks.bench_monitor [--db PATH] [--persons 30000] [--nights 3650]
                                                       [--repeats 15] [--profile]

Not named test_*: pytest never collects it.
"""

from __future__ import annotations

import argparse
import functools
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Self

from tests.benchmarks.bench_bed_board import (
    LAST_NIGHT,
    _file_mb,
    _GcPauses,
    _holds,
    _peak_rss_mb,
    _percentile,
    _plan,
    _profiled,
    _timed,
    populate,
)

TARGET_HALF_YEAR_MS = 150.0
HALF_YEAR_ALL = "half year 1 2026, all regions"
YEAR_ALL = "year 2025, all regions"
BROKEN_DOWN = (HALF_YEAR_ALL, YEAR_ALL)  # timed helper by helper too
# The helpers of shelter_desk/services/monitor.py that monitor() calls, timed one by one.
HELPERS = (
    "_scope_name",
    "_period_pairs",
    "_facility_figures",
    "_short_stays",
    "_turnaways",
    "_winter",
    "_postal",
    "_outflow",
    "_profiles",
)
IN_MAIN = "monitor() itself"  # facility ids, the distinct persons and the nightly series


# -- the parent: choose, build or reuse the database --------------------------------------------


def _revision(path: Path) -> str | None:
    """The file's alembic schema revision, read-only; None when it has none."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()
    return row[0] if row else None


def choose_database(requested: Path | None, folder: str) -> tuple[Path, str]:
    """The file to use, and a note when the requested one was passed over for its old schema."""
    from shelter_desk.persistence.migrations import head_revision

    path = requested.resolve() if requested else Path(folder) / "bench.sqlite"
    if not path.exists():
        return path, ""
    head, revision = head_revision(), _revision(path)
    if revision == head:
        return path, ""
    fresh = path.with_name(f"{path.stem}-{head}{path.suffix}")
    return fresh, (
        f"{path.name} has schema revision {revision}, not {head}: left untouched, using {fresh.name} instead"
    )


# -- the child: time the monitor -----------------------------------------------------------------


def _expected(
    raw: sqlite3.Connection, first: str, last: str, region_id: int | None, facility_id: int | None
) -> tuple[int, int]:
    """(unique persons, bed-nights) of a scope and period, counted in plain SQL."""
    sql = (
        "SELECT count(DISTINCT bn.person_id), count(*) FROM bed_night bn JOIN bed b ON b.id = bn.bed_id "
        "JOIN facility f ON f.id = b.facility_id WHERE bn.night BETWEEN ? AND ? AND bn.status <> 'no_show'"
    )
    parameters: list[Any] = [first, last]
    if region_id is not None:
        sql += " AND f.region_id = ?"
        parameters.append(region_id)
    if facility_id is not None:
        sql += " AND f.id = ?"
        parameters.append(facility_id)
    persons, bed_nights = raw.execute(sql, parameters).fetchone()
    return persons, bed_nights


class _Helpers:
    """Wraps the monitor module's helpers: milliseconds per helper per call, and SQL per helper."""

    def __init__(self, module: Any, engine: Any) -> None:
        from sqlalchemy import event

        self.module, self.engine, self.event = module, engine, event
        self.originals = {name: getattr(module, name) for name in HELPERS}
        self.ms: dict[str, float] = defaultdict(float)
        self.current = IN_MAIN
        self.capture = False
        self.statements: list[tuple[str, str, tuple[Any, ...]]] = []

    def _wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.current = name
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.ms[name] += (time.perf_counter() - started) * 1000
                self.current = IN_MAIN

        return timed

    def _on_execute(
        self, _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
    ) -> None:
        if self.capture:
            self.statements.append((self.current, statement, tuple(parameters or ())))

    def __enter__(self) -> Self:
        for name, function in self.originals.items():
            setattr(self.module, name, self._wrap(name, function))
        self.event.listen(self.engine, "before_cursor_execute", self._on_execute)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.event.remove(self.engine, "before_cursor_execute", self._on_execute)
        for name, function in self.originals.items():
            setattr(self.module, name, function)


def _short_sql(statement: str) -> str:
    """One line, long IN lists written as ?×N."""
    text = " ".join(statement.split())
    return re.sub(r"\?(?:, \?){3,}", lambda found: f"?×{found.group(0).count('?')}", text)


def measure(path: str, repeats: int, profile: bool) -> dict[str, Any]:
    """Runs in a fresh process: timings, sanity counts, per-helper times, query plans, memory, profile."""
    from sqlalchemy import func, select

    import shelter_desk.services.monitor.figures as monitor_module
    from shelter_desk.domain.facilities import FacilityKind
    from shelter_desk.domain.monitor import Period, PeriodKind
    from shelter_desk.persistence.location import resolve_location
    from shelter_desk.persistence.models import (
        Bed,
        BedNight,
        Facility,
        Person,
        Region,
        Stay,
    )
    from shelter_desk.services.kernel.database_setup import open_and_prepare
    from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk
    from shelter_desk.services.monitor.figures import monitor

    db = open_and_prepare(resolve_location(path, plain=True))
    try:
        with db.read() as session:
            persons = session.scalar(select(func.count()).select_from(Person)) or 0
            bed_nights = session.scalar(select(func.count()).select_from(BedNight)) or 0
            stays = session.scalar(select(func.count()).select_from(Stay)) or 0
            first_night, last_night = session.execute(select(func.min(BedNight.night), func.max(BedNight.night))).one()
            facilities = session.scalar(select(func.count()).select_from(Facility)) or 0
            beds = session.scalar(select(func.count()).select_from(Bed)) or 0
            region_id, region_name, region_facilities = session.execute(
                select(Region.id, Region.name, func.count(Facility.id))
                .join(Facility, Facility.region_id == Region.id)
                .group_by(Region.id)
                .order_by(func.count(Facility.id).desc(), Region.id)
                .limit(1)
            ).one()
            shelter_id, shelter_name, shelter_beds = session.execute(
                select(Facility.id, Facility.name, func.count(Bed.id))
                .join(Bed, Bed.facility_id == Facility.id)
                .where(Facility.kind == FacilityKind.NIGHT_SHELTER, Facility.active.is_(True))
                .group_by(Facility.id)
                .order_by(func.count(Bed.id).desc(), Facility.id)
                .limit(1)
            ).one()

        desk = Desk(db, user=COMMAND_LINE)
        half_year = Period.of(PeriodKind.HALF_YEAR, 2026, 1)
        cases: list[tuple[str, Period, int | None, int | None]] = [
            (HALF_YEAR_ALL, half_year, None, None),
            ("half year 1 2026, the region", half_year, region_id, None),
            ("half year 1 2026, one facility", half_year, None, shelter_id),
            ("month 6 2026, all regions", Period.of(PeriodKind.MONTH, 2026, 6), None, None),
            (YEAR_ALL, Period.of(PeriodKind.YEAR, 2025), None, None),
        ]

        raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        results: dict[str, dict[str, Any]] = {}
        pauses = _GcPauses()
        for label, period, region, facility in cases:
            result = _timed(
                functools.partial(monitor, desk, period, region_id=region, facility_id=facility), repeats, pauses
            )
            report = result.pop("result")
            expected = _expected(raw, period.first.isoformat(), period.last.isoformat(), region, facility)
            result.update(
                period=f"{period.first} .. {period.last}",
                nights=period.nights,
                unique_persons=report.unique_persons,
                bed_nights=report.bed_nights,
                new_persons=report.new_persons,
                expected=expected,
            )
            results[label] = result

        # The half-year (and the year) report again, helper by helper; the half year's SQL.
        breakdowns: dict[str, dict[str, list[float]]] = {}
        statements: list[tuple[str, str, tuple[Any, ...]]] = []
        with _Helpers(monitor_module, db.engine) as helpers:
            for label, period, region, facility in cases:
                if label not in BROKEN_DOWN:
                    continue
                helper_ms = breakdowns[label] = defaultdict(list)
                for run in range(repeats + 1):
                    helpers.ms.clear()
                    helpers.capture = run == 0 and label == HALF_YEAR_ALL
                    started = time.perf_counter()
                    monitor_module.monitor(desk, period, region_id=region, facility_id=facility)
                    total = (time.perf_counter() - started) * 1000
                    if run == 0:
                        continue  # untimed, like above; its statements are kept
                    for name in HELPERS:
                        helper_ms[name].append(helpers.ms[name])
                    helper_ms[IN_MAIN].append(total - sum(helpers.ms[name] for name in HELPERS))
                    helper_ms["total"].append(total)
            statements = helpers.statements
        plans = [
            (helper, _short_sql(sql), _plan(raw, sql, parameters))
            for helper, sql, parameters in statements
            if sql.lstrip().upper().startswith("SELECT")
        ]
        indexes = [
            row[0]
            for row in raw.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bed_night' AND sql IS NOT NULL"
            )
        ]
        stat1 = bool(raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()[0])
        raw.close()
        peak_rss_mb = _peak_rss_mb()

        median_half_year = statistics.median(results[HALF_YEAR_ALL]["timings"])
        profiles = ""
        if profile or median_half_year > TARGET_HALF_YEAR_MS:
            profiles = _profiled(
                "monitor, half year 1 2026, all regions, x5", lambda: [monitor(desk, half_year) for _ in range(5)]
            )
    finally:
        db.close()
    return {
        "persons": persons,
        "bed_nights": bed_nights,
        "stays": stays,
        "first_night": first_night,
        "last_night": last_night,
        "facilities": facilities,
        "beds": beds,
        "region": f"{region_name} (id {region_id}, {region_facilities} facilities)",
        "shelter": f"{shelter_name} (id {shelter_id}, {shelter_beds} beds)",
        "results": results,
        "breakdowns": {label: dict(ms) for label, ms in breakdowns.items()},
        "plans": plans,
        "indexes": indexes,
        "stat1": stat1,
        "peak_rss_mb": peak_rss_mb,
        "profile": profiles,
    }


# -- report -----------------------------------------------------------------------------------


def _n(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def report(m: dict[str, Any], note: str, path: Path, repeats: int) -> str:
    lines = [
        f"Monitor benchmark: {repeats} timed calls per report after 1 untimed first call",
        "",
        f"  database              {path}  ({_file_mb(path):,.0f} MB incl. WAL)",
        f"  persons               {_n(m['persons'])}",
        f"  bed-nights            {_n(m['bed_nights'])}  ({m['first_night']} .. {m['last_night']})",
        f"  stays                 {_n(m['stays'])}",
        f"  facilities / beds     {m['facilities']} / {m['beds']}",
        f"  region                {m['region']}",
        f"  facility              {m['shelter']}",
        f"  build                 {note}",
        f"  peak RSS (child)      {m['peak_rss_mb']:.0f} MB",
        "",
    ]
    header = (
        f"{'report (ms)':<34}{'first':>8}{'median':>8}{'p90':>8}{'max':>8}{'max-gc':>8}{'full gc':>8}"
        f"{'persons':>9}{'new':>7}{'bed-nights':>12}   check"
    )
    lines += [header, "-" * (len(header) + 8)]
    for label, r in m["results"].items():
        timings = r["timings"]
        check = (
            "ok"
            if (r["unique_persons"], r["bed_nights"]) == r["expected"]
            else (f"MISMATCH (SQL: {r['expected'][0]} persons, {r['expected'][1]} bed-nights)")
        )
        lines.append(
            f"{label:<34}{r['first']:>8.1f}{statistics.median(timings):>8.1f}"
            f"{_percentile(timings, 0.9):>8.1f}{max(timings):>8.1f}{max(r['without_gc']):>8.1f}"
            f"{r['full_gc']:>8}{_n(r['unique_persons']):>9}{_n(r['new_persons']):>7}"
            f"{_n(r['bed_nights']):>12}   {check}"
        )
    lines += [
        (
            "  max-gc: the slowest call without its garbage-collector pauses; full gc: generation-2 collections "
            f"during the {repeats} timed calls"
        ),
        "  check: unique persons and bed-nights equal a plain SQL count over bed_night (status <> 'no_show')",
        "",
    ]

    for label, helper_ms in m["breakdowns"].items():
        total = statistics.median(helper_ms["total"])
        lines += [
            (f"Where the time goes: {label}, each helper of services/monitor.py timed on its own ({repeats} calls)"),
            f"{'part (ms)':<34}{'median':>8}{'p90':>8}{'max':>8}{'share':>8}",
        ]
        lines.append("-" * 66)
        for name in sorted(
            (name for name in helper_ms if name != "total"), key=lambda name: -statistics.median(helper_ms[name])
        ):
            values = helper_ms[name]
            lines.append(
                f"{name:<34}{statistics.median(values):>8.1f}{_percentile(values, 0.9):>8.1f}"
                f"{max(values):>8.1f}{statistics.median(values) / total:>8.0%}"
            )
        lines.append(
            f"{'total':<34}{total:>8.1f}{_percentile(helper_ms['total'], 0.9):>8.1f}{max(helper_ms['total']):>8.1f}"
        )
        lines += [f"  {IN_MAIN}: the facility ids, the distinct persons of the period and the nightly series", ""]

    lines.append(f"SQL of one {HALF_YEAR_ALL} report, with EXPLAIN QUERY PLAN (?×N: an IN list of N values):")
    for number, (helper, sql, plan) in enumerate(m["plans"], 1):
        lines.append(f"  [{number}] {helper}: {sql}")
        lines += [f"      {line}" for line in plan]
    lines.append(f"  ANALYZE statistics (sqlite_stat1) present: {m['stat1']}")
    lines.append("  indexes on bed_night:")
    lines += [f"    {sql}" for sql in m["indexes"]]
    lines.append("")

    for label, r in m["results"].items():
        if label.startswith("half year"):
            median = statistics.median(r["timings"])
            verdict = "MET" if median <= TARGET_HALF_YEAR_MS else "NOT MET"
            lines.append(f"target {label}: median <= {TARGET_HALF_YEAR_MS:.0f} ms: {verdict} ({median:.1f} ms)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.bench_monitor", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="build the database here once, and reuse it when it already holds bed-nights "
        "(an older schema: built once next to it instead)",
    )
    parser.add_argument("--persons", type=int, default=30_000)
    parser.add_argument("--nights", type=int, default=3_650)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--profile", action="store_true", help="print a cProfile of the half-year report even when the target is met"
    )
    arguments = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="shelter-desk-bench-") as folder:
        path, passed_over = choose_database(arguments.db, folder)
        if passed_over:
            print(f"Note: {passed_over}.", flush=True)
        persons, bed_nights, last = _holds(path) if path.exists() else (0, 0, None)
        if bed_nights:
            note = f"reused {path.name} (not rebuilt; delete it to rebuild)"
            if last != LAST_NIGHT:
                note += f"; NOTE its last night is {last}, not {LAST_NIGHT}"
            print(f"Reusing {path}: {_n(persons)} persons, {_n(bed_nights)} bed-nights.", flush=True)
        else:
            if persons:
                raise SystemExit(f"{path} holds persons but no bed-nights: give another --db or delete it")
            print(
                f"Building {path}: {_n(arguments.persons)} persons, {_n(arguments.nights)} nights ...",
                end=" ",
                flush=True,
            )
            built = populate(path, arguments.persons, arguments.nights, arguments.seed)
            note = (
                f"built: persons {built['people_s']:.1f} s, stays {built['stays_s']:.1f} s "
                f"({built['bed_nights'] / built['stays_s']:,.0f} bed-nights/s)"
            )
            print(note, flush=True)
        if passed_over:
            note += f"; {passed_over}"
        print("Measuring in a fresh process ...", end=" ", flush=True)
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            measured = pool.submit(measure, str(path), arguments.repeats, arguments.profile).result()
        print("done", flush=True)
        print()
        print(report(measured, note, path, arguments.repeats))
        if measured["profile"]:
            print()
            print(measured["profile"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
