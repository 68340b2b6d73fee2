"""Where the database lives: the user's data folder by default, or a path or URL the user names."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from platformdirs import user_data_path, user_log_path

APP_NAME = "shelter-desk"
DATABASE_ENV = "SHELTER_DESK_DATABASE"
DEFAULT_FILE = "shelter-desk.sqlite"
DEMO_FILE = "shelter-desk-demo.sqlite"


@dataclass(frozen=True)
class DatabaseLocation:
    """Either an SQLite file (`path`) or another database by SQLAlchemy URL (`url`)."""

    url: str
    path: Path | None
    key: str | None = field(default=None, repr=False)  # SQLCipher passphrase, when encrypted
    encrypted: bool = False

    @property
    def label(self) -> str:
        """What the status bar shows: the file, or the URL without its password."""
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


def data_folder() -> Path:
    return user_data_path(APP_NAME, appauthor=False)


def log_folder() -> Path:
    return user_log_path(APP_NAME, appauthor=False)


def resolve_location(given: str | None = None, *, demo: bool = False, plain: bool = False) -> DatabaseLocation:
    """The database to open: the argument, else the environment variable, else the default file.

    Demo data get a file of their own so a real installation never mixes with fictitious people.
    A real SQLite file is encrypted (SQLCipher) unless `plain` is chosen explicitly; the demo is
    plain, because it holds only fictitious people. The key is added later with `with_key`.
    """
    target = given or os.environ.get(DATABASE_ENV) or None
    if target is None:
        path = data_folder() / (DEMO_FILE if demo else DEFAULT_FILE)
    elif "://" in target and not target.startswith("sqlite:///"):
        return DatabaseLocation(url=target, path=None)
    else:
        path = Path(target.removeprefix("sqlite:///")).expanduser().resolve()
    return DatabaseLocation(url=f"sqlite:///{path}", path=path, encrypted=not (demo or plain))


def with_key(location: DatabaseLocation, key: str) -> DatabaseLocation:
    return replace(location, key=key)
