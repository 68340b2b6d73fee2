"""The command line on a full disk: one Dutch line, exit code 1, and no file named like a backup.

The full folder is a real small file system (tests/small_disk.py) where mounting is permitted;
the same rule is also checked everywhere with a file-size limit (RLIMIT_FSIZE) on a child process,
which makes every write past the limit fail as on a full disk.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from shelter_desk.cli import main
from tests.small_disk import fill_up

ROOT = Path(__file__).resolve().parents[1]


def _database(tmp_path: Path) -> Path:
    path = tmp_path / "desk.sqlite"
    assert main(["--database", str(path), "--onversleuteld", "init"]) == 0
    return path


def _named_like_a_backup(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("shelter-desk-"))


def test_a_backup_into_a_full_folder_exits_1_with_one_dutch_line_and_leaves_no_backup(tmp_path, capsys, small_disk):
    path = _database(tmp_path)
    folder = small_disk(3)
    fill_up(folder, leave=16 * 1024)
    capsys.readouterr()
    assert main(["--database", str(path), "--onversleuteld", "backup", "--folder", str(folder)]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fout: De schijf is vol: de back-up")
    assert str(folder) in lines[0]
    assert sorted(p.name for p in folder.iterdir()) == ["ballast.bin"]


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE and SIGXFSZ are POSIX")
def test_a_backup_past_the_file_size_limit_exits_1_with_one_dutch_line_and_leaves_no_backup(tmp_path):
    path = _database(tmp_path)
    folder = tmp_path / "backups"
    # The copy cannot be written whole; the database itself is only read. The kernel cuts short the
    # write that crosses the limit, as a full disk does (SQLite: SQLITE_FULL); a write that would
    # start exactly at it fails with EFBIG instead, so the limit is kept off SQLite's page boundaries.
    limit = path.stat().st_size // 2 + 100
    child = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"  # a write past the limit fails instead of killing
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "from shelter_desk.cli import main\n"
        f"sys.exit(main(['--database', {str(path)!r}, '--onversleuteld', 'backup', '--folder', {str(folder)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", child],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1 and lines[0].startswith("Fout: ") and "De schijf is vol" in lines[0]
    assert _named_like_a_backup(folder) == [] and list(folder.iterdir()) == []
