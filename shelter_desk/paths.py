"""Where the files shipped with the application are: in the checkout, the installed wheel or the bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def install_root() -> Path:
    """The folder holding `db/` (the Alembic environment) and `resources/`.

    In a checkout they sit at the top of the repository, beside the package; an installed wheel
    carries them in <prefix>/share/shelter-desk (pyproject.toml's data-files); the PyInstaller
    bundle at the top of its folder (build.spec's datas).
    """
    candidates = [_PACKAGE.parent, Path(sys.prefix) / "share" / "shelter-desk"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        candidates.insert(0, Path(bundle))
    for candidate in candidates:
        if (candidate / "db" / "env.py").is_file() and (candidate / "resources").is_dir():
            return candidate
    raise FileNotFoundError(
        f"Shelter Desk is incompletely installed: no db/ and resources/ in {', '.join(map(str, candidates))}"
    )


def resource(*parts: str) -> Path:
    return install_root().joinpath("resources", *parts)


def migrations_folder() -> Path:
    return install_root() / "db"
