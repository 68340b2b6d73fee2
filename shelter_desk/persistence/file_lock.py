"""Who has a database file open: every process holds a shared lock on `<file>.in-gebruik` while it does.

A restore replaces the file only under the exclusive lock, which it gets only when no other
process (a desk, a command-line task, a desk whose clock is behind and whose heartbeat looks
old) holds its share; and nobody opens the file while the exclusive lock is held. The lock is
the operating system's (`flock`), so a process that is killed lets go of it at once.

On Windows (no `flock`) only the heartbeat in `desk_presence` guards a restore.
"""

from __future__ import annotations

import os
from pathlib import Path

from shelter_desk.domain.errors import DeskError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

RESTORING = (
    "Op dit moment wordt er een back-up teruggezet in deze database. Wacht een minuut en "
    "start Shelter Desk dan opnieuw."
)


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".in-gebruik")


class FileShare:
    """This process's share of a database file, held from opening until closing."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._descriptor: int | None = None

    def acquire(self) -> None:
        """Take the shared lock; refused (in Dutch) while a restore holds the file exclusively."""
        if fcntl is None or self._descriptor is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)
            raise DeskError(RESTORING) from None
        self._descriptor = descriptor

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing drops the lock
            self._descriptor = None

    def make_exclusive(self) -> bool:
        """Trade the share for the whole file; False (still shared) when another process holds a share."""
        if fcntl is None:
            return True
        self.acquire()
        assert self._descriptor is not None
        try:
            fcntl.flock(self._descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fcntl.flock(self._descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return False
        return True

    def make_shared(self) -> None:
        if fcntl is not None and self._descriptor is not None:
            fcntl.flock(self._descriptor, fcntl.LOCK_SH)
