"""The file's check run beside the start's imports: the opening takes its outcome, once, and still
writes nothing to a file that failed it."""

from __future__ import annotations

from pathlib import Path

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.persistence.check_marker import checked_today
from shelter_desk.persistence.file_check import check_in_background, check_sqlite_file, forget_background_check
from shelter_desk.persistence.location import resolve_location
from shelter_desk.persistence.migrations import head_revision, open_database


@pytest.fixture(autouse=True)
def _no_check_left_behind():
    yield
    forget_background_check()


def _good_file(folder: Path) -> Path:
    path = folder / "desk.sqlite"
    open_database(resolve_location(str(path), plain=True)).close()
    return path


def _wreck(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4196] = b"\xff" * 4096  # the first page's b-tree, behind a valid header
    path.write_bytes(bytes(data))
    for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        side.unlink(missing_ok=True)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_file_that_fails_its_background_check_is_refused_by_the_opening_and_left_unchanged(tmp_path):
    path = _good_file(tmp_path)
    _wreck(path)
    before = _snapshot(tmp_path)
    check_in_background(path, None)
    with pytest.raises(DeskError, match="beschadigd") as refused:
        open_database(resolve_location(str(path), plain=True))
    assert "niet gewijzigd" in refused.value.message
    assert _snapshot(tmp_path) == before


def test_the_first_check_of_the_day_in_the_background_is_remembered_beside_the_file(tmp_path):
    path = _good_file(tmp_path)
    path.with_name(path.name + ".gecontroleerd").unlink(missing_ok=True)
    check_in_background(path, None)
    assert check_sqlite_file(path) == head_revision()
    assert checked_today(path)


def test_a_background_check_is_taken_once_a_later_opening_checks_again(tmp_path):
    path = _good_file(tmp_path)
    check_in_background(path, None)
    assert check_sqlite_file(path) == head_revision()
    _wreck(path)
    path.with_name(path.name + ".gecontroleerd").unlink(missing_ok=True)
    with pytest.raises(DeskError, match="beschadigd"):
        check_sqlite_file(path)


def test_a_background_check_nobody_took_stands_in_for_no_later_opening(tmp_path):
    path = _good_file(tmp_path)
    check_in_background(path, None)
    forget_background_check()
    _wreck(path)
    path.with_name(path.name + ".gecontroleerd").unlink(missing_ok=True)
    with pytest.raises(DeskError, match="beschadigd"):
        check_sqlite_file(path)


def test_a_background_check_of_another_file_is_not_taken_for_this_one(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    good, wrecked = _good_file(tmp_path / "a"), _good_file(tmp_path / "b")
    _wreck(wrecked)
    wrecked.with_name(wrecked.name + ".gecontroleerd").unlink(missing_ok=True)
    check_in_background(good, None)
    with pytest.raises(DeskError, match="beschadigd"):
        check_sqlite_file(wrecked)
