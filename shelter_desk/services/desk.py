"""What every desk use case needs: the database, the shared person index and the clock.

Built once in `app.py` (or by the command line) and handed to the UI, which calls service
functions with it and never touches the database itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.types import utc_now
from shelter_desk.services.nights import current_shelter_night
from shelter_desk.services.person_search import PersonSearch


@dataclass
class Desk:
    db: Database
    clock: Callable[[], datetime] = utc_now
    search: PersonSearch = field(init=False)
    worker: str = ""  # who is at the desk; filled by the login of the trust issue

    def __post_init__(self) -> None:
        self.search = PersonSearch(self.db)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.now().astimezone(AMSTERDAM).date()

    def tonight(self) -> date:
        return current_shelter_night(self.db, self.now())
