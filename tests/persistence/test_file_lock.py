"""The restore's file lock: shares exclude the exclusive lock and back, on every platform's library.

Two `FileShare`s of one file are two open files, which the operating system's lock treats as two
holders (as it treats two processes). No module but `persistence/file_lock.py` locks files.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.file_lock import FileShare

PACKAGE = Path(__file__).resolve().parents[2] / "shelter_desk"
LOCKING_MODULES = {"fcntl", "msvcrt", "win32file", "portalocker"}


def test_two_shares_of_one_file_are_held_at_once(tmp_path):
    first, second = FileShare(tmp_path / "a.sqlite"), FileShare(tmp_path / "a.sqlite")
    first.acquire()
    second.acquire()
    first.release()
    second.release()


def test_the_exclusive_lock_waits_until_no_other_share_is_held(tmp_path):
    restoring, desk = FileShare(tmp_path / "a.sqlite"), FileShare(tmp_path / "a.sqlite")
    desk.acquire()
    assert not restoring.make_exclusive()
    desk.release()
    assert restoring.make_exclusive()
    restoring.release()


def test_nobody_takes_a_share_while_the_exclusive_lock_is_held(tmp_path):
    restoring, desk = FileShare(tmp_path / "a.sqlite"), FileShare(tmp_path / "a.sqlite")
    assert restoring.make_exclusive()
    with pytest.raises(DeskError, match="wordt er een back-up teruggezet"):
        desk.acquire()
    restoring.make_shared()
    desk.acquire()
    desk.release()
    restoring.release()


def test_a_refused_exclusive_lock_keeps_the_share(tmp_path):
    restoring, desk = FileShare(tmp_path / "a.sqlite"), FileShare(tmp_path / "a.sqlite")
    desk.acquire()
    assert not restoring.make_exclusive()
    assert not desk.make_exclusive()  # the restore still holds its share
    desk.release()
    restoring.release()


def test_only_the_file_lock_module_locks_files():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "file_lock.py" and path.parent.name == "persistence":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path.relative_to(PACKAGE)}: {n}" for n in names if n.split(".")[0] in LOCKING_MODULES]
    assert offenders == []
