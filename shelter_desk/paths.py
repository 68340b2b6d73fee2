"""Where the files shipped with the application are: beside the package, or inside the bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def install_root() -> Path:
    """The folder holding `resources/` and `db/`: the checkout, or PyInstaller's unpack folder."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle)
    return Path(__file__).resolve().parents[1]


def resource(*parts: str) -> Path:
    return install_root().joinpath("resources", *parts)


def migrations_folder() -> Path:
    return install_root() / "db"
