"""Encryption at rest (SQLCipher): a copied file without the key shows nobody's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import DeskUser, Role
from shelter_desk.persistence.location import resolve_location, with_key
from shelter_desk.services.kernel.database_setup import open_and_prepare, summarise, unlock
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people.records import register_person
from shelter_desk.services.trust.backups import backup_now, restore

pytestmark = pytest.mark.sqlite_only("SQLCipher encryption of an SQLite file")

KEY = "een-lange-wachtwoordzin"
NAMES = ("Wiśniewski", "Bakker", "Иванов")


def _raw_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


@pytest.fixture
def encrypted(tmp_path):
    location = with_key(resolve_location(str(tmp_path / "regio.sqlite")), KEY)
    db = open_and_prepare(location)
    desk = Desk(db, user=DeskUser(1, "test", "test", Role.ADMINISTRATOR))
    for first, last in (("Łukasz", NAMES[0]), ("Henk", NAMES[1]), ("Дмитрий", NAMES[2])):
        register_person(desk, PersonDetails(first_name=first, last_name=last))
    yield desk
    db.close()


def test_the_raw_file_holds_no_name_of_any_person(encrypted):
    path = encrypted.db.location.path
    encrypted.db.close()  # checkpoint: everything in the main file
    raw = _raw_bytes(path)
    assert not raw.startswith(b"SQLite format 3")
    for name in NAMES:
        assert name.encode("utf-8") not in raw


def test_the_names_are_there_with_the_key(encrypted):
    assert summarise(encrypted.db).persons == 3


def test_opening_with_a_wrong_key_is_refused_and_changes_nothing(encrypted):
    path = encrypted.db.location.path
    encrypted.db.close()
    before = _raw_bytes(path)
    with pytest.raises(DeskError, match="sleutel of het wachtwoord klopt niet"):
        open_and_prepare(with_key(resolve_location(str(path)), "verkeerd-verkeerd"))
    assert _raw_bytes(path) == before


def test_a_backup_is_encrypted_too_and_restores(encrypted, tmp_path):
    copy = backup_now(encrypted, tmp_path / "backups")
    assert b"Bakker" not in copy.read_bytes()
    register_person(encrypted, PersonDetails(first_name="Nieuw"))
    restore(encrypted, copy)
    assert summarise(encrypted.db).persons == 3


def test_without_a_keyring_a_new_database_asks_for_a_passphrase(tmp_path, monkeypatch):
    monkeypatch.delenv("SHELTER_DESK_KEY", raising=False)
    asked = []
    location = unlock(
        resolve_location(str(tmp_path / "nieuw.sqlite")),
        lambda is_new: asked.append(is_new) or "mijn-lange-wachtwoordzin",
    )
    assert asked == [True] and location.key == "mijn-lange-wachtwoordzin"


def test_a_short_passphrase_for_a_new_database_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("SHELTER_DESK_KEY", raising=False)
    with pytest.raises(DeskError, match="minstens 12 tekens"):
        unlock(resolve_location(str(tmp_path / "nieuw.sqlite")), lambda is_new: "kort")


def test_a_plain_demo_file_opens_without_a_key(tmp_path):
    from shelter_desk.services.demo.loader import load_demo

    path = tmp_path / "demo.sqlite"
    db = open_and_prepare(resolve_location(str(path), demo=True))
    load_demo(db, __import__("datetime").date(2026, 11, 24))
    db.close()
    location = unlock(resolve_location(str(path)), lambda is_new: None)
    assert location is not None and not location.encrypted
