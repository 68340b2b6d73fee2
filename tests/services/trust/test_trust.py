"""Accounts, roles, sessions and the append-only access log (NEN 7513 style)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from shelter_desk.domain.errors import DeskError
from shelter_desk.domain.person_details import PersonDetails
from shelter_desk.domain.roles import Role
from shelter_desk.services.admin.organisation_settings import change_setting
from shelter_desk.services.beds.assignment import assign_bed
from shelter_desk.services.beds.occupancy import occupancy_pdf
from shelter_desk.services.kernel.database_setup import summarise
from shelter_desk.services.kernel.desk import Desk
from shelter_desk.services.people.merge import merge_persons
from shelter_desk.services.people.records import load_person, register_person, update_person
from shelter_desk.services.trust.access_log_reading import log_of_person, verify_chain
from shelter_desk.services.trust.accounts import create_account, create_first_administrator, sign_in

START = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def admin_desk(db, clock):
    desk = Desk(db, clock=clock, idle_limit=timedelta(minutes=15), workstation="balie-1")
    create_first_administrator(desk, "anja", "Anja Meijer", "lang-genoeg-1", "lang-genoeg-1")
    create_account(desk, "piet", "Piet Balie", Role.FRONT_DESK, "ook-lang-genoeg")
    return desk


@pytest.fixture
def front_desk(db, clock, admin_desk):
    desk = Desk(db, clock=clock, idle_limit=timedelta(minutes=15), workstation="balie-2")
    sign_in(desk, "piet", "ook-lang-genoeg")
    return desk


def test_the_first_administrator_can_be_made_only_once(admin_desk, db, clock):
    with pytest.raises(DeskError, match="bestaat al"):
        create_first_administrator(Desk(db, clock=clock), "kees", "Kees", "lang-genoeg-2", "lang-genoeg-2")


def test_a_short_password_is_refused():
    with pytest.raises(DeskError, match="minstens 10 tekens"):
        create_first_administrator(Desk.__new__(Desk), "x", "X", "kort", "kort")


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(admin_desk, db, clock):
    desk = Desk(db, clock=clock)
    for username, password in (("piet", "fout-wachtwoord"), ("niemand", "wat-dan-ook-1")):
        with pytest.raises(DeskError, match="Gebruikersnaam of wachtwoord klopt niet"):
            sign_in(desk, username, password)
    assert desk.user is None


def test_five_wrong_passwords_delay_the_next_attempt(admin_desk, db, clock):
    desk = Desk(db, clock=clock)
    for _ in range(5):
        with pytest.raises(DeskError):
            sign_in(desk, "piet", "fout-wachtwoord")
    with pytest.raises(DeskError, match="Probeer het over 30 seconden"):
        sign_in(desk, "piet", "ook-lang-genoeg")
    clock.now += timedelta(seconds=31)
    assert sign_in(desk, "piet", "ook-lang-genoeg").role is Role.FRONT_DESK


def test_the_front_desk_registers_but_may_not_merge(front_desk):
    a = register_person(front_desk, PersonDetails(first_name="Jan", last_name="Berg"))
    b = register_person(front_desk, PersonDetails(first_name="Jan", last_name="Bergh"), accept_similar=True)
    with pytest.raises(DeskError, match="rol coördinator of beheerder nodig"):
        merge_persons(front_desk, a, b)


def test_the_front_desk_may_not_change_organisation_settings(front_desk):
    with pytest.raises(DeskError, match="beheerder nodig"):
        change_setting(front_desk, "night.no_show_hour", "22:00")


def test_only_a_coordinator_may_overrule_a_refusal(front_desk, region):
    with pytest.raises(DeskError, match="coördinator"):
        assign_bed(front_desk, region.people["sem"], region.beds["N1"], date(2026, 11, 24), "toch")


def test_an_expired_session_refuses_the_action_and_saves_nothing(front_desk, db, clock):
    clock.now += timedelta(minutes=16)
    with pytest.raises(DeskError, match="sessie is verlopen"):
        register_person(front_desk, PersonDetails(first_name="Jan"))
    assert summarise(db).persons == 0


def test_activity_keeps_the_session_open(front_desk, clock):
    for _ in range(3):
        clock.now += timedelta(minutes=10)
        register_person(front_desk, PersonDetails(first_name=f"Jan{clock.now.minute}"), accept_similar=True)


def test_create_read_and_update_are_logged_with_field_names_not_values(front_desk, admin_desk):
    person = register_person(front_desk, PersonDetails(first_name="Jan", last_name="Berg"))
    load_person(front_desk, person)
    update_person(front_desk, person, PersonDetails(first_name="Jan", last_name="Berg", phone="0612345678"))
    lines = log_of_person(admin_desk, person)
    assert [(line.username, line.workstation, line.action, line.fields) for line in lines] == [
        ("piet", "balie-2", "aanmaken", "first_name,last_name"),
        ("piet", "balie-2", "inzien", ""),
        ("piet", "balie-2", "wijzigen", "phone"),
    ]
    assert all("0612345678" not in line.detail + line.fields for line in lines)
    assert log_of_person(admin_desk, person)[-1].action == "exporteren"  # the first export was logged


def test_the_front_desk_cannot_read_the_access_log(front_desk):
    with pytest.raises(DeskError, match="coördinator"):
        log_of_person(front_desk, 1)


def test_printing_a_list_is_logged_for_each_person_on_it(admin_desk, region):
    assign_bed(admin_desk, region.people["jan"], region.beds["N1"], date(2026, 11, 24))
    occupancy_pdf(admin_desk, region.night_shelter, date(2026, 11, 24))
    assert log_of_person(admin_desk, region.people["jan"])[-1].action == "afdrukken"


def test_a_printed_list_logs_every_person_on_it_in_one_unbroken_chain(admin_desk, region):
    night = date(2026, 11, 24)
    assign_bed(admin_desk, region.people["jan"], region.beds["N1"], night)
    assign_bed(admin_desk, region.people["henk"], region.beds["N2"], night)
    occupancy_pdf(admin_desk, region.night_shelter, night)
    for person in ("jan", "henk"):
        assert log_of_person(admin_desk, region.people[person])[-1].detail == "bezettingslijst 2026-11-24"
    assert verify_chain(admin_desk) is None


def test_a_tampered_log_is_detected_by_its_hash_chain(admin_desk, front_desk, db):
    register_person(front_desk, PersonDetails(first_name="Jan"))
    assert verify_chain(admin_desk) is None
    with db.engine.begin() as connection:  # someone with the raw database and the owner's rights
        if db.engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE access_log DISABLE TRIGGER access_log_append_only"))
        else:
            connection.execute(text("DROP TRIGGER access_log_no_update"))
        connection.execute(text("UPDATE access_log SET username = 'iemand' WHERE id = 3"))
    assert verify_chain(admin_desk) == 3


def test_a_coordinator_prints_the_access_log_of_one_person(front_desk, admin_desk):
    from io import BytesIO

    from pypdf import PdfReader

    from shelter_desk.services.trust.access_log_reading import access_log_pdf

    person = register_person(front_desk, PersonDetails(first_name="Jan", last_name="Berg"))
    text = PdfReader(BytesIO(access_log_pdf(admin_desk, person, "Jan Berg"))).pages[0].extract_text()
    assert "Toegangslogboek" in text and "aanmaken" in text and "piet" in text and "intact" in text


def test_only_a_coordinator_may_overrule_a_refusal_when_moving_someone(front_desk, admin_desk, region):
    from shelter_desk.services.beds.assignment import move_bed

    bed_night = assign_bed(admin_desk, region.people["sem"], region.beds["J1"], date(2026, 11, 24))
    with pytest.raises(DeskError, match="coördinator"):
        move_bed(front_desk, bed_night, region.beds["N1"], "toch")


def test_a_sign_in_with_an_unknown_name_is_logged(admin_desk, db, clock):
    with pytest.raises(DeskError):
        sign_in(Desk(db, clock=clock), "indringer", "wat-dan-ook-1")
    with db.read() as session:
        from sqlalchemy import select as select_

        from shelter_desk.persistence.models import AccessLogEntry

        assert session.scalars(
            select_(AccessLogEntry.username).where(AccessLogEntry.action == "aanmelden mislukt")
        ).all() == ["indringer"]


def test_the_front_desk_may_not_copy_the_whole_database(front_desk, tmp_path):
    from shelter_desk.services.trust.backups import backup_now

    with pytest.raises(DeskError, match="coördinator"):
        backup_now(front_desk, tmp_path / "usb")


def test_an_unknown_user_is_checked_against_a_hash_like_a_known_one(admin_desk, db, clock, monkeypatch):
    from shelter_desk.services.trust import accounts

    checked: list[str] = []

    class CountingHasher(type(accounts._hasher)):  # type: ignore[misc]
        def verify(self, password_hash, password):  # type: ignore[no-untyped-def]
            checked.append(password_hash)
            return super().verify(password_hash, password)

    monkeypatch.setattr(accounts, "_hasher", CountingHasher(time_cost=1, memory_cost=8, parallelism=1))
    desk = Desk(db, clock=clock)
    accounts.set_password(admin_desk, 2, "ook-lang-genoeg", "ook-lang-genoeg")
    for username in ("piet", "niemand"):
        with pytest.raises(DeskError):
            sign_in(desk, username, "fout-wachtwoord")
    assert len(checked) == 2 and all(h.startswith("$argon2") for h in checked)
    assert checked[0] != checked[1]


def test_an_unknown_user_takes_as_long_as_a_wrong_password(admin_desk, db, clock, monkeypatch):
    import time

    from argon2 import PasswordHasher

    from shelter_desk.services.trust import accounts

    # The production cost (tens of milliseconds a check): the difference must not be measurable.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher())
    desk = Desk(db, clock=clock)
    accounts.set_password(admin_desk, 2, "ook-lang-genoeg", "ook-lang-genoeg")
    accounts._dummy_hash()  # made once per hasher; not part of what is timed
    times: dict[str, list[float]] = {"piet": [], "niemand": []}
    for _ in range(2):
        for username in times:
            started = time.perf_counter()
            with pytest.raises(DeskError):
                sign_in(desk, username, "fout-wachtwoord")
            times[username].append(time.perf_counter() - started)
    known, unknown = min(times["piet"]), min(times["niemand"])
    assert unknown > known * 0.6, f"unknown user {unknown * 1000:.0f} ms, wrong password {known * 1000:.0f} ms"


def test_after_six_misses_an_unknown_user_and_a_known_one_get_the_same_message(admin_desk, db, clock):
    desk = Desk(db, clock=clock)
    answers: dict[str, list[str]] = {"piet": [], "niemand": []}
    for _ in range(7):
        for username in answers:
            with pytest.raises(DeskError) as refused:
                sign_in(desk, username, "fout-wachtwoord")
            answers[username].append(refused.value.message)
    assert answers["piet"] == answers["niemand"]
    assert "Probeer het over" in answers["piet"][-1]


def test_an_attempt_while_blocked_is_logged(admin_desk, db, clock):
    from sqlalchemy import select as select_

    from shelter_desk.persistence.models import AccessLogEntry

    desk = Desk(db, clock=clock)
    for _ in range(6):
        with pytest.raises(DeskError):
            sign_in(desk, "piet", "fout-wachtwoord")
    with db.read() as session:
        details = session.scalars(
            select_(AccessLogEntry.detail).where(
                AccessLogEntry.action == "aanmelden mislukt", AccessLogEntry.username == "piet"
            )
        ).all()
    assert details[-1] == "poging tijdens blokkade" and len(details) == 6


def test_an_account_name_passes_the_same_text_gate(admin_desk):
    with pytest.raises(DeskError, match="De naam bevat een onzichtbaar teken"):
        create_account(admin_desk, "kees", "Kees\u202e", Role.FRONT_DESK, "lang-genoeg-3")
    with pytest.raises(DeskError, match="hoogstens 120 tekens"):
        create_account(admin_desk, "kees", "K" * 500, Role.FRONT_DESK, "lang-genoeg-3")
