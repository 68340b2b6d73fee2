"""Real faults of the desk's own disk, for tests: a small (or read-only) file system mounted for one test.

`small_disk(megabytes)` mounts a tmpfs of that size on a fresh folder and unmounts it afterwards;
`fill_up(folder, leave=...)` puts a ballast file there so that only `leave` bytes stay free, so a
test reaches "disk full" in a few writes instead of thousands. Mounting needs root (CI runs as
root); where it is not permitted the test is skipped with the reason, and the command-line test
of a full backup folder runs in a child process with RLIMIT_FSIZE instead (see test_full_disk).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SmallDisk = Callable[..., Path]


def _mount(folder: Path, options: str) -> str | None:
    """Mount a tmpfs on `folder`; the reason when that is not permitted here, else None."""
    if os.name != "posix" or os.geteuid() != 0:
        return "mounting a small file system needs root (CI runs the suite as root)"
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, text=True
    )
    if result.returncode != 0:
        return f"mount -t tmpfs is not permitted here: {result.stderr.strip() or result.returncode}"
    return None


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    """Mount `small_disk(megabytes, owner=None, read_only=False, name=..., at=None)` (on `tmp_path / name`,
    or on the folder `at`); every mount is undone after the test."""
    mounted: list[Path] = []
    made: list[Path] = []

    def mount(
        megabytes: float = 3,
        *,
        owner: str | None = None,
        read_only: bool = False,
        name: str = "klein",
        at: Path | None = None,
    ) -> Path:
        if at is not None:  # a folder the code under test will use (made here when missing)
            folder = at
            folder.mkdir(parents=True, exist_ok=True)
        elif owner is None:
            folder = tmp_path / name
            folder.mkdir()
        else:  # directly under the system's temporary folder: the owner must reach it (pytest's is 0700)
            folder = Path(tempfile.mkdtemp(prefix=f"shelter-desk-{name}-"))
            made.append(folder)
        options = f"size={int(megabytes * 1024)}k,mode=0755"
        if owner is not None:
            import pwd

            entry = pwd.getpwnam(owner)
            options += f",uid={entry.pw_uid},gid={entry.pw_gid},mode=0700"
        if read_only:
            options += ",ro"
        reason = _mount(folder, options)
        if reason is not None:
            pytest.skip(reason)
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)  # still busy: detach it
    for folder in made:
        shutil.rmtree(folder, ignore_errors=True)


def fill_up(folder: Path, *, leave: int) -> Path:
    """A ballast file that leaves about `leave` bytes free on `folder`'s file system."""
    ballast = folder / "ballast.bin"
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    try:
        with ballast.open("wb") as handle:
            handle.write(b"\0" * max(0, free - leave))
    except OSError as error:
        # Something running already filled the small disk (a log line from a thread still going):
        # it is as full as asked for when nothing was to be left.
        if error.errno != errno.ENOSPC or leave > 0:
            raise
    return ballast


def free_bytes(folder: Path) -> int:
    stat = os.statvfs(folder)
    return stat.f_bavail * stat.f_frsize
