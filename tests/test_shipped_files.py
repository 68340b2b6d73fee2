"""Every file under db/ and resources/ travels in the wheel: pyproject.toml's data-files name them all."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_shipped_file_is_named_in_the_wheels_data_files():
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "data-files"
    ]
    named = {
        path.relative_to(ROOT)
        for patterns in data_files.values()
        for pattern in patterns
        for path in ROOT.glob(pattern)
        if path.is_file()
    }
    shipped = {
        path.relative_to(ROOT)
        for top in ("db", "resources")
        for path in (ROOT / top).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert shipped - named == set(), "add these to [tool.setuptools.data-files]"


def test_each_file_lands_in_the_folder_named_after_its_own():
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "data-files"
    ]
    for target, patterns in data_files.items():
        for pattern in patterns:
            for path in ROOT.glob(pattern):
                assert f"share/shelter-desk/{path.parent.relative_to(ROOT).as_posix()}" == target, path
