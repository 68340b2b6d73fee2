"""Who has a database file open: every process holds a shared lock on `<file>.in-gebruik` while it does.

A restore replaces the file only under the exclusive lock, which it gets only when no other
process (a desk, a command-line task, a desk whose clock is behind and whose heartbeat looks
old) holds its share; and nobody opens the file while the exclusive lock is held. The lock is
the operating system's, taken through `portalocker` (`flock` on Linux and macOS, `LockFileEx`
through pywin32 on Windows), so a process that is killed lets go of it at once. This module is
the only place that locks files: no POSIX-only call is made anywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import portalocker

from shelter_desk.domain.errors import DeskError

RESTORING = (
    "Op dit moment wordt er een back-up teruggezet in deze database. Wacht een minuut en "
    "start Shelter Desk dan opnieuw."
)

_SHARED = portalocker.LockFlags.SHARED | portalocker.LockFlags.NON_BLOCKING
_EXCLUSIVE = portalocker.LockFlags.EXCLUSIVE | portalocker.LockFlags.NON_BLOCKING


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".in-gebruik")


class FileShare:
    """This process's share of a database file, held from opening until closing."""

    def __init__(self, database: Path) -> None:
        self.path = lock_path(database)
        self._file: BinaryIO | None = None

    def acquire(self) -> None:
        """Take the shared lock; refused (in Dutch) while a restore holds the file exclusively."""
        if self._file is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.touch(mode=0o600, exist_ok=True)
        handle = self.path.open("r+b")
        try:
            portalocker.lock(handle, _SHARED)
        except portalocker.LockException:
            handle.close()
            raise DeskError(RESTORING) from None
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing drops the lock
            self._file = None

    def make_exclusive(self) -> bool:
        """Trade the share for the whole file; False (still shared) when another process holds a share.

        The share is let go before the exclusive lock is asked (Windows cannot turn a shared
        byte-range lock into an exclusive one; `flock` does the same in two steps anyway), and
        taken back when another process holds one.
        """
        self.acquire()
        assert self._file is not None
        portalocker.unlock(self._file)
        try:
            portalocker.lock(self._file, _EXCLUSIVE)
        except portalocker.LockException:
            portalocker.lock(self._file, _SHARED)
            return False
        return True

    def make_shared(self) -> None:
        if self._file is not None:
            portalocker.unlock(self._file)
            portalocker.lock(self._file, _SHARED)
