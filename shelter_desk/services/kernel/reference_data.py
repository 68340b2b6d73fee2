"""Reference data shipped in `resources/reference/`: the CBS municipality list and MO regions.

Loaded into every new database, real or demo: the desk needs the municipalities to record where a
person comes from. Only the mapping to a centrumgemeente that a source states is loaded; other
municipalities keep no centrumgemeente until an administrator supplies one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_desk.domain.errors import DeskError
from shelter_desk.paths import resource
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.models import Municipality, Region

MUNICIPALITIES_FILE = "gemeenten_2025.csv"
DRENTHE_REGIONS_FILE = "mo_regio_drenthe.csv"


@dataclass(frozen=True)
class MunicipalityChoice:
    code: str
    name: str
    province: str


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(session: Session) -> int:
    """Fill an empty municipality table; return how many municipalities were added."""
    if session.scalar(select(func.count()).select_from(Municipality)):
        return 0
    rows = _rows(resource("reference", MUNICIPALITIES_FILE))
    session.add_all(
        Municipality(
            code=row["gemeentecode"],
            name=row["gemeentenaam"],
            province_code=row["provinciecode"],
            province_name=row["provincienaam"],
        )
        for row in rows
    )
    session.flush()
    for row in _rows(resource("reference", DRENTHE_REGIONS_FILE)):
        municipality = session.get(Municipality, row["gm_code"].removeprefix("GM"))
        if municipality is not None:
            municipality.centre_municipality_code = row["mo_centrumgemeente_gm"].removeprefix("GM")
    return len(rows)


def ensure_region(session: Session, centre_code: str) -> Region:
    """The MO region of a centrumgemeente, created on first use and named after it."""
    region = session.scalar(select(Region).where(Region.centre_municipality_code == centre_code))
    if region is None:
        centre = session.get(Municipality, centre_code)
        if centre is None:
            raise DeskError(f"Onbekende gemeentecode '{centre_code}'.")
        region = Region(name=f"Regio {centre.name}", centre_municipality_code=centre_code)
        session.add(region)
        session.flush()
    return region


def list_municipalities(db: Database) -> list[MunicipalityChoice]:
    with db.read() as session:
        rows = session.execute(
            select(Municipality.code, Municipality.name, Municipality.province_name).order_by(Municipality.name)
        ).all()
    return [MunicipalityChoice(code, name, province) for code, name, province in rows]
