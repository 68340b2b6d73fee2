"""What the desk's import costs, module by module: `python -X importtime`, medians of several runs.

Each tree (a checkout of the code: this one, or another given with `--tree`, e.g. a git worktree
of an older commit) imports `--module` (default `shelter_desk.app`, everything loaded behind the
sign-in) in a fresh process, compiled modules kept in a cache of its own (as an installed desk
loads them); the trees take turns, so that both meet the same minutes of a busy machine. Printed
per tree: the whole import's median, then the `--top` modules by median cumulative time, with
their median own time.

    .venv/bin/python -m tests.benchmarks.bench_imports [--tree PATH ...] [--runs 9] [--top 15]

Not named test_*: pytest never collects it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]


def import_times(tree: Path, module: str, cache: Path) -> dict[str, tuple[int, int]]:
    """One fresh import of `module` from `tree`: per module (own µs, cumulative µs)."""
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONPYCACHEPREFIX=str(cache), QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
        check=True,
    )
    times: dict[str, tuple[int, int]] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        times[name.strip()] = (int(own), int(cumulative))
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.bench_imports", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--tree", type=Path, action="append", help="a checkout to measure (default: this one)")
    parser.add_argument("--module", default="shelter_desk.app")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--top", type=int, default=15)
    arguments = parser.parse_args(argv)
    trees = [tree.resolve() for tree in arguments.tree or [HERE]]
    runs: dict[Path, dict[str, list[tuple[int, int]]]] = {tree: defaultdict(list) for tree in trees}
    with tempfile.TemporaryDirectory(prefix="bench-imports-") as caches:
        for tree_index, tree in enumerate(trees):  # an untimed first import compiles each tree once
            import_times(tree, arguments.module, Path(caches) / str(tree_index))
        for _run in range(arguments.runs):
            for tree_index, tree in enumerate(trees):
                for name, pair in import_times(tree, arguments.module, Path(caches) / str(tree_index)).items():
                    runs[tree][name].append(pair)
    for tree in trees:
        per_module = runs[tree]
        whole = statistics.median(cumulative for _own, cumulative in per_module[arguments.module])
        print(f"{tree}: import {arguments.module}, median of {arguments.runs}: {whole / 1000:.0f} ms")
        print(f"  {'module':<58}{'cumulative ms':>14}{'own ms':>9}")
        ranked = sorted(per_module.items(), key=lambda item: statistics.median(c for _o, c in item[1]), reverse=True)
        for name, pairs in ranked[: arguments.top]:
            cumulative = statistics.median(c for _o, c in pairs) / 1000
            own = statistics.median(o for o, _c in pairs) / 1000
            print(f"  {name:<58}{cumulative:>14.1f}{own:>9.1f}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
