"""The marker beside a database file that says: today's whole-file check passed, on the file as it was then.

It records the date, the file's size and its change time. A file changed since (by anything but
this program, which renews the marker when it closes the file it checked) is checked again.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path


def marker_path(path: Path) -> Path:
    return path.with_name(path.name + ".gecontroleerd")


def _fingerprint(path: Path) -> str:
    status = path.stat()
    return f"{date.today().isoformat()} {status.st_size} {status.st_mtime_ns}"


def checked_today(path: Path) -> bool:
    """True when the marker is from today and the file has the size and change time it had then."""
    try:
        return marker_path(path).read_text(encoding="utf-8").strip() == _fingerprint(path)
    except OSError:
        return False


def mark_checked(path: Path) -> None:
    """Remember (beside the file, never in it) that today's whole-file check passed."""
    try:
        marker_path(path).write_text(_fingerprint(path), encoding="utf-8")
    except OSError:
        pass  # a read-only folder only means checking again next time


def renew_after_own_writes(path: Path) -> None:
    """At closing: this program's own writes do not make the file suspect; a marker from today moves on."""
    try:
        written = marker_path(path).read_text(encoding="utf-8").split()
    except OSError:
        return
    if written and written[0] == date.today().isoformat() and path.exists():
        mark_checked(path)
