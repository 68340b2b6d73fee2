"""The package type-checks: mypy, configured in pyproject.toml, finds no error in shelter_desk."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_package_type_checks():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "shelter_desk"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, "mypy found errors:\n" + result.stdout + result.stderr
