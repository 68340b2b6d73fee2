"""Stored states are read as their domain enums, while the column keeps the plain text it always held."""

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from shelter_desk.domain.roles import Role
from shelter_desk.domain.winter import WinterPhase
from shelter_desk.persistence.models import Municipality, Region, UserAccount, WinterActivation


def _account(username: str, role: Role | str) -> UserAccount:
    return UserAccount(username=username, display_name=username, role=role, password_hash="x")


def test_a_stored_state_is_plain_text_in_the_database_and_the_enum_in_the_model(db):
    with db.write() as session:
        session.add(_account("anna", Role.COORDINATOR))
    with db.read() as session:
        assert session.execute(text("SELECT role FROM user_account WHERE username = 'anna'")).scalar() == "coordinator"
        role = session.scalar(select(UserAccount.role).where(UserAccount.username == "anna"))
        assert role is Role.COORDINATOR
        assert session.scalar(select(UserAccount.id).where(UserAccount.role == Role.COORDINATOR)) is not None


def test_the_value_as_text_is_accepted_and_an_unknown_value_refused(db):
    with db.write() as session:
        session.add(_account("bert", "balie"))
    with db.read() as session:
        assert session.scalar(select(UserAccount.role).where(UserAccount.username == "bert")) is Role.FRONT_DESK
    with pytest.raises(StatementError), db.write() as session:
        session.add(_account("cor", "directeur"))
        session.flush()


def test_an_integer_state_reads_back_as_its_int_enum(db):
    with db.write() as session:
        code = session.scalar(select(Municipality.code).limit(1))
        region = Region(name="Regio Test", centre_municipality_code=code)
        session.add(region)
        session.flush()
        session.add(
            WinterActivation(
                region_id=region.id, first_night=date(2026, 12, 1), last_night=date(2026, 12, 3), phase=WinterPhase.TWO
            )
        )
    with db.read() as session:
        assert session.execute(text("SELECT phase FROM winter_activation")).scalar() == 2
        assert session.scalar(select(WinterActivation.phase)) is WinterPhase.TWO
