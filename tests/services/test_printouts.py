"""A printout is saved whole or not at all; a full or read-only folder is refused in Dutch.

Real small and read-only file systems (tests/small_disk.py).
"""

from __future__ import annotations

import pytest

from shelter_desk.domain.errors import DeskError, DiskFull
from shelter_desk.services.kernel.printouts import save_printout
from tests.small_disk import fill_up

PDF = b"%PDF-1.4\n" + b"0" * 200_000


def test_a_printout_on_a_full_disk_is_refused_in_dutch_and_leaves_no_file(small_disk):
    folder = small_disk(3)
    fill_up(folder, leave=64 * 1024)
    with pytest.raises(DiskFull) as refused:
        save_printout(folder / "appellijst.pdf", PDF)
    assert "De schijf is vol" in refused.value.message and str(folder) in refused.value.message
    assert sorted(path.name for path in folder.iterdir()) == ["ballast.bin"]


def test_a_printout_into_a_read_only_folder_is_refused_in_dutch(small_disk):
    folder = small_disk(1, read_only=True)
    with pytest.raises(DeskError, match="kan niet worden beschreven"):
        save_printout(folder / "appellijst.pdf", PDF)


def test_a_saved_printout_is_whole(tmp_path):
    assert save_printout(tmp_path / "appellijst.pdf", PDF).read_bytes() == PDF
