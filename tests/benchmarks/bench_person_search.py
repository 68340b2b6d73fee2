"""How fast the desk's search-as-you-type is with many people on file, against its targets.

For each size: a fresh SQLite file in a temporary folder is filled by `population.generate_people`;
then, in a fresh child process (so that the peak memory is the search's, not the generator's), a
`Desk` is built, the first `desk.search.refresh()` (the index build) is timed, and
`desk.search.search(text, night)` is timed for every keystroke of a mix of queries as the desk
types them ('j', 'ja', 'jan', ...), several times over.

Targets: median search under 10 ms at 30 000 persons, under 30 ms at 300 000.

    .venv/bin/python -m tests.benchmarks.bench_person_search [--sizes 30000 300000] [--repeats 5]
                                                            [--profile]

Not named test_*: pytest never collects it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import os
import pstats
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from multiprocessing import get_context
from pathlib import Path
from typing import Any

NIGHT = date(2026, 11, 24)
BSN_PLACEHOLDER = "<bsn>"

# (category, what the desk worker ends up having typed). Every prefix is searched, as typed.
QUERIES: tuple[tuple[str, str], ...] = (
    ("surname", "jansen"),
    ("surname with particle", "van der berg"),
    ("abbreviated particle", "vd berg"),
    ("typo", "jnasen"),
    ("typo", "bakekr"),
    ("without accents", "muller"),
    ("date", "03-04-1990"),
    ("compact date", "03041990"),
    ("bsn", BSN_PLACEHOLDER),
    ("first name + year", "jan 1985"),
    ("alias", "sjors"),
    ("cyrillic typed in latin", "ivanov"),
)

_NOT_NAMES = frozenset({"date", "compact date", "bsn"})  # mostly digits that match no name yet
TARGETS_MS = {30_000: 10.0, 300_000: 30.0}


def keystrokes(text: str) -> list[str]:
    """What the search box holds after each key: 'jan' -> ['j', 'ja', 'jan']."""
    return [text[:end] for end in range(1, len(text) + 1)]


def _rss_now_mb() -> float | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB elsewhere


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


# -- the parent: make the database ------------------------------------------------------------


def populate(path: Path, size: int, seed: int) -> float:
    """Create the database at `path` with `size` persons; the seconds it took."""
    from shelter_desk.persistence.location import resolve_location
    from shelter_desk.services.kernel.database_setup import open_and_prepare
    from tests.benchmarks.population import generate_people

    db = open_and_prepare(resolve_location(str(path), plain=True))
    try:
        started = time.perf_counter()
        generate_people(db, size, seed)
        return time.perf_counter() - started
    finally:
        db.close()


# -- the child: build the index and search ----------------------------------------------------


def measure(path: str, repeats: int, profile: bool) -> dict[str, Any]:
    """Runs in a fresh process: index build, timed keystroke searches, memory, optionally a profile."""
    from sqlalchemy import func, select

    from shelter_desk.persistence.location import resolve_location
    from shelter_desk.persistence.models import Person
    from shelter_desk.services.kernel.database_setup import open_and_prepare
    from shelter_desk.services.kernel.desk import COMMAND_LINE, Desk

    db = open_and_prepare(resolve_location(path, plain=True))
    try:
        with db.read() as session:
            persons = session.scalar(select(func.count()).select_from(Person)) or 0
            bsn = session.scalar(
                select(Person.bsn).where(Person.bsn.is_not(None)).order_by(Person.id).offset(persons // 2).limit(1)
            )
        bsn = bsn or "111222333"  # nobody on file has a BSN (a tiny run): search a valid, absent one
        queries = [(category, bsn if text == BSN_PLACEHOLDER else text) for category, text in QUERIES]

        desk = Desk(db, user=COMMAND_LINE)
        rss_before = _rss_now_mb()
        started = time.perf_counter()
        desk.search.refresh()
        index_seconds = time.perf_counter() - started
        rss_after = _rss_now_mb()

        desk.search.search("x", NIGHT)  # untimed: first use of the search's SQL statements
        refresh_ms = []
        for _ in range(50):
            started = time.perf_counter()
            desk.search.refresh()
            refresh_ms.append((time.perf_counter() - started) * 1000)

        timings: list[tuple[str, str, float]] = []  # (category, typed, ms)
        for _ in range(repeats):
            for category, text in queries:
                for typed in keystrokes(text):
                    started = time.perf_counter()
                    desk.search.search(typed, NIGHT)
                    timings.append((category, typed, (time.perf_counter() - started) * 1000))

        found = []  # per query of QUERIES: (hits, top hit's name) for the complete text
        for _category, text in queries:
            hits = desk.search.search(text, NIGHT)
            found.append((len(hits), hits[0].name if hits else ""))

        vocabulary = len(desk.search._vocabulary)  # noqa: SLF001 - the size of the fuzzy search's input
        peak_rss_mb = _peak_rss_mb()  # before profiling, which builds a second index

        profile_text = ""
        if profile:

            def search_mix() -> None:
                for _category, text in queries:
                    for typed in keystrokes(text):
                        desk.search.search(typed, NIGHT)

            profile_text = _profiled("one pass of the query mix", search_mix)
            desk = Desk(db, user=COMMAND_LINE)
            profile_text += _profiled("index build (first refresh)", desk.search.refresh)
    finally:
        db.close()
    return {
        "persons": persons,
        "index_seconds": index_seconds,
        "index_mb": (rss_after - rss_before) if rss_before is not None and rss_after is not None else None,
        "peak_rss_mb": peak_rss_mb,
        "refresh_ms": statistics.median(refresh_ms),
        "timings": timings,
        "found": found,
        "profile": profile_text,
        "vocabulary": vocabulary,
    }


def _profiled(what: str, work: Any) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    work()
    profiler.disable()
    out = io.StringIO()
    out.write(f"--- {what}: by own time ---\n")
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(18)
    out.write(f"--- {what}: person_search.py functions by cumulative time ---\n")
    stats.sort_stats("cumulative").print_stats(r"person_search\.py", 12)
    return out.getvalue()


# -- report -----------------------------------------------------------------------------------


def _summary(result: dict[str, Any]) -> dict[str, Any]:
    all_ms = [ms for _, _, ms in result["timings"]]
    name_ms = [ms for category, _, ms in result["timings"] if category not in _NOT_NAMES]
    by_category: dict[str, list[float]] = {}
    by_typed: dict[str, list[float]] = {}
    for category, typed, ms in result["timings"]:
        by_category.setdefault(category, []).append(ms)
        by_typed.setdefault(typed, []).append(ms)
    slowest = sorted(((statistics.median(v), typed) for typed, v in by_typed.items()), reverse=True)[:6]
    return {
        "median": statistics.median(all_ms),
        "name_median": statistics.median(name_ms),
        "p90": _percentile(all_ms, 0.9),
        "max": max(all_ms),
        "count": len(all_ms),
        "categories": {c: statistics.median(v) for c, v in by_category.items()},
        "category_max": {c: max(v) for c, v in by_category.items()},
        "slowest": slowest,
    }


def report(sizes: Sequence[int], populate_s: dict[int, float], results: dict[int, dict[str, Any]], repeats: int) -> str:
    summaries = {size: _summary(results[size]) for size in sizes}
    label_width = 44
    column = 24

    def row(label: str, values: Sequence[str]) -> str:
        return f"{label:<{label_width}}" + "".join(f"{value:>{column}}" for value in values)

    first = summaries[sizes[0]]
    lines = [
        f"Person search benchmark: night {NIGHT.isoformat()}, {len(QUERIES)} queries typed key by key, "
        f"repeated {repeats}x = {first['count']} searches per size",
        "",
        row("persons", [f"{results[s]['persons']:,}".replace(",", " ") for s in sizes]),
        row("name vocabulary (distinct tokens)", [f"{results[s]['vocabulary']:,}".replace(",", " ") for s in sizes]),
        row("generate population (s)", [f"{populate_s[s]:.1f}" for s in sizes]),
        row("index build: first refresh() (s)", [f"{results[s]['index_seconds']:.2f}" for s in sizes]),
        row(
            "index size: RSS growth (MB)",
            [f"{results[s]['index_mb']:.0f}" if results[s]["index_mb"] is not None else "n/a" for s in sizes],
        ),
        row("peak RSS of the desk process (MB)", [f"{results[s]['peak_rss_mb']:.0f}" for s in sizes]),
        row("refresh() with nothing changed (ms)", [f"{results[s]['refresh_ms']:.2f}" for s in sizes]),
        row("search median (ms)", [f"{summaries[s]['median']:.1f}" for s in sizes]),
        row("  median of name keystrokes only (ms)", [f"{summaries[s]['name_median']:.1f}" for s in sizes]),
        row("search p90 (ms)", [f"{summaries[s]['p90']:.1f}" for s in sizes]),
        row("search max (ms)", [f"{summaries[s]['max']:.1f}" for s in sizes]),
        "",
        row("median (max) ms per category, all keystrokes", ["" for _ in sizes]),
    ]
    for category in dict.fromkeys(category for category, _ in QUERIES):
        lines.append(
            row(
                f"  {category}",
                [
                    f"{summaries[s]['categories'][category]:.1f} ({summaries[s]['category_max'][category]:.0f})"
                    for s in sizes
                ],
            )
        )
    lines += ["", row("complete query: hits (max 25), top hit", ["" for _ in sizes])]
    for number, (_category, text) in enumerate(QUERIES):
        shown = "a BSN on file" if text == BSN_PLACEHOLDER else repr(text)
        lines.append(
            row(
                f"  {shown}",
                [f"{count:>2} {top[:19]:<19}" for count, top in (results[s]["found"][number] for s in sizes)],
            )
        )
    for s in sizes:
        slow = ", ".join(f"{typed!r} {ms:.0f}" for ms, typed in summaries[s]["slowest"])
        lines.append(f"slowest keystrokes at {s:_} persons (median ms): {slow}".replace("_", " "))
    lines.append("")
    for size, target in TARGETS_MS.items():
        if size in summaries:
            median = summaries[size]["median"]
            verdict = "MET" if median < target else "MISSED"
            lines.append(
                f"target: median < {target:.0f} ms at {size:_} persons: {verdict} ({median:.1f} ms)".replace("_", " ")
            )
        else:
            lines.append(f"target: median < {target:.0f} ms at {size:_} persons: not measured".replace("_", " "))
    if all(size in summaries for size in TARGETS_MS):
        small, large = sorted(TARGETS_MS)
        ratio = summaries[large]["median"] / summaries[small]["median"]
        lines.append(
            f"median ratio {large:_} / {small:_}: {ratio:.1f}x (persons ratio {large / small:.0f}x)".replace("_", " ")
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.bench_person_search", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[30_000, 300_000])
    parser.add_argument("--repeats", type=int, default=5, help="times the whole query mix is typed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--profile", action="store_true", help="also print a cProfile of one pass of the query mix per size"
    )
    arguments = parser.parse_args(argv)

    populate_s: dict[int, float] = {}
    results: dict[int, dict[str, Any]] = {}
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory(prefix="shelter-desk-bench-") as folder:
            path = Path(folder) / "bench.sqlite"
            print(f"{size:_} persons: generating ...".replace("_", " "), end=" ", flush=True)
            populate_s[size] = populate(path, size, arguments.seed)
            print(f"{populate_s[size]:.1f} s; searching ...", end=" ", flush=True)
            with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
                results[size] = pool.submit(measure, str(path), arguments.repeats, arguments.profile).result()
            print("done", flush=True)
    print()
    print(report(arguments.sizes, populate_s, results, arguments.repeats))
    if arguments.profile:
        for size in arguments.sizes:
            print(f"\n===== cProfile at {size:_} persons =====".replace("_", " "))
            print(results[size]["profile"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
