"""The code lints clean: ruff, configured in pyproject.toml, finds nothing in the package, the tests
or the migrations (unused imports, undefined names, shadowed definitions, likely bugs, old syntax)."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_code_lints_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "shelter_desk", "tests", "db"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, "ruff found problems:\n" + result.stdout + result.stderr
