"""Every new database knows all Dutch municipalities and the Drenthe MO regions, nothing guessed."""

from sqlalchemy import func, select

from shelter_desk.persistence.models import Municipality
from shelter_desk.services.kernel.reference_data import list_municipalities


def test_a_new_database_holds_all_342_municipalities_of_2025(db):
    choices = list_municipalities(db)
    assert len(choices) == 342
    assert any(c.name == "Assen" and c.code == "0106" and c.province == "Drenthe" for c in choices)


def test_drenthe_municipalities_know_their_centrumgemeente(db):
    with db.read() as session:
        assert session.get(Municipality, "1680").centre_municipality_code == "0106"  # Aa en Hunze → Assen
        assert session.get(Municipality, "0109").centre_municipality_code == "0114"  # Coevorden → Emmen


def test_a_municipality_without_a_known_centrumgemeente_is_left_empty(db):
    with db.read() as session:
        unknown = session.scalar(
            select(func.count()).select_from(Municipality).where(Municipality.centre_municipality_code.is_(None))
        )
        assert session.get(Municipality, "0363").centre_municipality_code is None  # Amsterdam: not in our sources
    assert unknown == 342 - 12
