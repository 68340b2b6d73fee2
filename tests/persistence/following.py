"""Shared by the tests and the benchmark of following other desks: a facility "Volgen" with beds
and the people "Volger …" that `desk_worker assign-on-request` gives them, one per request."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from shelter_desk.domain.facilities import FacilityKind
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.models import Bed, Facility, Person
from shelter_desk.services.kernel.reference_data import ensure_region

REPO = Path(__file__).resolve().parents[2]


def add_following_facility(db: Database, beds: int) -> int:
    """The facility "Volgen" with `beds` beds and as many people to give them to; its id."""
    with db.write() as session:
        facility = Facility(region=ensure_region(session, "0106"), name="Volgen", kind=FacilityKind.NIGHT_SHELTER)
        facility.beds = [Bed(label=str(n), position=n) for n in range(1, beds + 1)]
        session.add(facility)
        session.add_all(Person(alias=f"Volger {n:03d}", date_of_birth=date(1970, 1, 1)) for n in range(beds))
        session.flush()
        return facility.id


class OtherDesk:
    """A second desk in its own process that gives the next bed away each time it is asked to."""

    def __init__(self, database_url: str, folder: Path) -> None:
        self._go = folder / "go"
        self.out = folder / "other-desk.txt"
        self.asked = 0
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.persistence.desk_worker",
                database_url,
                "assign-on-request",
                str(self._go),
                str(self.out),
            ],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._go.touch()

    def assign_next(self) -> int:
        """Ask for the next assignment (without waiting for it); its number."""
        self.asked += 1
        Path(f"{self._go}.{self.asked}").touch()
        return self.asked

    def committed_at(self, n: int) -> float | None:
        """When the other desk committed assignment `n` (time.time()), or None when not yet."""
        if not self.out.exists():
            return None
        for line in self.out.read_text().splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] == str(n):
                return float(parts[2])
        return None

    def stop(self) -> None:
        self._process.kill()
        _out, errors = self._process.communicate(timeout=30)
        if errors and "Traceback" in errors:
            raise AssertionError(errors)
