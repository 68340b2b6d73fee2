"""A full disk and a folder that cannot be written, recognised once for every writer of the desk.

A desk PC fills up (downloads, print files), a backup stick is full or pulled out, a profile
folder is made read-only by policy. Every write can meet that: the database and its journal
(SQLite's SQLITE_FULL, PostgreSQL's SQLSTATE 53100 `disk_full`) and the files the desk writes
itself (OSError ENOSPC or EDQUOT: PDFs, backups, the local roll-call copy, the log). This module
tells those faults from any other error and words them in Dutch, naming the folder and what to
do; `engine.driver_problem` uses it for the drivers, the writers of files for their OSErrors.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from shelter_desk.domain.errors import DeskError, DiskFull

NOT_SAVED = "Niet opgeslagen: wat u invulde staat er nog. "
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
# A folder the user may not write: read-only file system or share, no permission (policy).
CANNOT_WRITE_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
SQLITE_FULL = 13  # SQLite's primary result code "database or disk is full"
PG_DISK_FULL = "53100"
_FULL_TEXTS = ("database or disk is full", "no space left on device", "disk quota exceeded")
FREE_UP = (
    "Maak ruimte vrij op die schijf (verwijder bijvoorbeeld oude downloads of afdrukken) of kies een "
    "andere map, en probeer het dan opnieuw."
)


_DUTCH_REASONS = {
    errno.EROFS: "alleen lezen",
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.ENOENT: "de map bestaat niet",
    errno.ENOTDIR: "er staat een bestand met die naam",
    errno.EEXIST: "er staat een bestand met die naam",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "het quotum van deze gebruiker is vol",
}


def dutch_reason(error: OSError) -> str:
    """Why a file could not be written, in Dutch where the reason is a common one (else the system's words)."""
    return _DUTCH_REASONS.get(error.errno or -1) or error.strerror or str(error)


def is_disk_full(error: BaseException) -> bool:
    """Whether `error` (an OSError, a DB-API error, or SQLAlchemy's wrapper of one) means "no space left"."""
    if isinstance(error, OSError):
        return error.errno in DISK_FULL_ERRNOS
    driver_error = getattr(error, "orig", None) or error  # SQLAlchemy wraps the driver's error in .orig
    code = getattr(driver_error, "sqlite_errorcode", None)  # Python's sqlite3; sqlcipher3 may lack it
    if code is not None and code & 0xFF == SQLITE_FULL:
        return True
    if getattr(driver_error, "sqlstate", None) == PG_DISK_FULL:
        return True
    return any(text in str(driver_error).lower() for text in _FULL_TEXTS)


def room_in(folder: Path) -> int:
    """How many bytes one file may still grow to in `folder`: the disk's free space for this user,
    or this process's file-size limit (`ulimit -f`, RLIMIT_FSIZE) when that is smaller."""
    free = shutil.disk_usage(folder).free
    try:
        import resource
    except ImportError:  # Windows: no such limit
        return free
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    return free if limit == resource.RLIM_INFINITY else min(free, limit)


def no_room_for(folder: Path, size: int) -> bool:
    """Whether a file of `size` bytes cannot fit in `folder` now (asked after a write failed: SQLite
    reports a write cut off by a file-size limit as a plain I/O error, not as SQLITE_FULL)."""
    try:
        return room_in(folder) < size
    except OSError:
        return False


# SQLite's extended I/O error codes of a write that can mean "no room": the shared-memory file of
# WAL mode could not be enlarged (SQLite's documentation: "most likely" a full disk), and a write,
# truncate or sync that failed. SQLite does not hand out the OS's errno, so the last three count
# as a full disk only when the folder has (almost) no room left.
SQLITE_IOERR_SHMSIZE = 4874
_SQLITE_WRITE_IOERRS = frozenset({778, 1546, 1034})  # SQLITE_IOERR_WRITE, _TRUNCATE, _FSYNC
NEARLY_FULL = 1024 * 1024


def sqlite_out_of_room(error: BaseException, folder: Path) -> bool:
    """Whether SQLite's I/O error of a write in `folder` is the disk (or file-size limit) being full."""
    driver_error = getattr(error, "orig", None) or error
    code = getattr(driver_error, "sqlite_errorcode", None)
    if code == SQLITE_IOERR_SHMSIZE:
        return True
    return code in _SQLITE_WRITE_IOERRS and no_room_for(folder, NEARLY_FULL)


def disk_full(folder: Path | str, what: str, *, writing: bool = False) -> DiskFull:
    """The one Dutch refusal of a write for lack of space: what, in which folder, and what to do.

    `writing`: a form's save was refused (the database), so the message starts "Niet opgeslagen".
    """
    return DiskFull(
        (NOT_SAVED if writing else "") + f"De schijf is vol: {what} kon niet worden geschreven in "
        f"de map '{folder}'. " + FREE_UP,
        folder=str(folder),
    )


def server_disk_full(server: str, *, writing: bool = True) -> DiskFull:
    return DiskFull(
        (NOT_SAVED if writing else "") + f"De schijf van de databaseserver {server} is vol. Opzoeken "
        "en afdrukken gaan door; vraag de beheerder van de server om ruimte vrij te maken en probeer "
        "het dan opnieuw.",
        folder=server,
    )


def file_write_problem(error: OSError, folder: Path | str, what: str) -> DeskError | None:
    """A Dutch refusal for an OSError of writing `what` in `folder`: full, or not writable; else None."""
    if is_disk_full(error):
        return disk_full(folder, what)
    if error.errno in CANNOT_WRITE_ERRNOS or error.errno in (errno.ENOENT, errno.ENOTDIR, errno.EEXIST):
        return DeskError(
            f"De map '{folder}' kan niet worden beschreven ({dutch_reason(error)}), dus {what} is "
            "niet geschreven. Kies een andere map of vraag de beheerder om schrijfrechten op deze map."
        )
    return None


def unwritable_reason(folder: Path) -> str | None:
    """Why nothing can be written in `folder` (made when missing), in Dutch; None when it can be.

    Tried for real, with a small file that is removed at once: permissions bits do not tell a
    read-only share, a policy or a full disk.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".schrijftest-", dir=folder)
        try:
            os.write(handle, b"x")
        finally:
            os.close(handle)
            os.unlink(probe)
    except OSError as error:
        if is_disk_full(error):
            return "de schijf is vol"
        return f"de map kan niet worden beschreven ({dutch_reason(error)})"
    return None


def write_whole(path: Path, data: bytes, what: str) -> Path:
    """Write `data` to `path` whole or not at all: a hidden temporary file, synced, then renamed.

    A full disk or a folder that cannot be written is the Dutch refusal of `file_write_problem`
    (no half-written file is left under the name); any other OSError goes on as it was.
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".deel", dir=folder)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        problem = file_write_problem(error, folder, what)
        if problem is None:
            raise
        raise problem from error
    return path
