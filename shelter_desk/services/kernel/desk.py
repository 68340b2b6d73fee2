"""What every desk use case needs: the database, the person index, the clock, and who is signed in.

Built once in `app.py` (or by the command line) and handed to the UI, which calls service
functions with it and never touches the database itself. Every service function starts with
`desk.require(...)`: the role and the session are checked before anything is read or written.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from shelter_desk.domain.roles import DeskUser, Permission, Role, check_permission
from shelter_desk.domain.shelter_night import AMSTERDAM
from shelter_desk.persistence.engine import Database
from shelter_desk.persistence.snapshots import RollCallSnapshots
from shelter_desk.persistence.types import utc_now
from shelter_desk.services.kernel.nights import current_shelter_night
from shelter_desk.services.kernel.person_index import PersonSearch

COMMAND_LINE = DeskUser(0, "opdrachtregel", "opdrachtregel", Role.COORDINATOR)


@dataclass
class Desk:
    db: Database
    clock: Callable[[], datetime] = utc_now
    user: DeskUser | None = None
    workstation: str = field(default_factory=socket.gethostname)
    idle_limit: timedelta | None = None  # None: no idle lock (command line, tests)
    # This desk's own region: where a person without any stay is first investigated and what
    # "Regio vannacht" shows first (a workstation setting, also remembered from the facility last
    # chosen on the bed board); None: the first region with facilities.
    region_id: int | None = None
    # The encrypted local copy of tonight's roll-call (None: no copy kept on this computer).
    snapshots: RollCallSnapshots | None = None
    search: PersonSearch = field(init=False)

    def __post_init__(self) -> None:
        self.search = PersonSearch(self.db)

    @property
    def worker(self) -> str:
        return self.user.display_name if self.user else ""

    def require(self, permission: Permission = Permission.DESK_WORK) -> DeskUser:
        """Refuse (in Dutch) unless someone with the right role is signed in and not idle too long."""
        check_permission(self.user, permission, self.now())
        assert self.user is not None
        if self.idle_limit is not None:
            self.user = replace(self.user, expires_at=self.now() + self.idle_limit)
        return self.user

    def sign_in(self, user: DeskUser) -> None:
        self.user = replace(user, expires_at=self.now() + self.idle_limit) if self.idle_limit else user

    def touch(self) -> None:
        """Activity at the desk (a key, a click) keeps an unexpired session open."""
        if self.user is not None and self.idle_limit is not None and not self.is_locked():
            self.user = replace(self.user, expires_at=self.now() + self.idle_limit)

    @contextmanager
    def in_background(self) -> Iterator[None]:
        """A background refresh (a poll every few seconds) is not activity: the idle clock stays."""
        before = self.user
        try:
            yield
        finally:
            if before is not None and self.user is not None and self.user.user_id == before.user_id:
                self.user = replace(self.user, expires_at=before.expires_at)

    def lock(self) -> None:
        """The idle lock: the next action is refused until someone signs in again."""
        if self.user is not None:
            self.user = replace(self.user, expires_at=self.now() - timedelta(seconds=1))

    def is_locked(self) -> bool:
        return self.user is None or (self.user.expires_at is not None and self.now() > self.user.expires_at)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.now().astimezone(AMSTERDAM).date()

    def follow_changes(
        self, changed: Callable[[], object], reachable: Callable[[bool], object] | None = None
    ) -> Callable[[], None]:
        """Call `changed` (on a background thread) whenever any desk committed a change to the
        database, this one included; `reachable` hears when the watch lost or regained the database.
        Returns the function that stops following."""
        return self.db.changes.subscribe(changed, reachable)

    def tonight(self, session: Session | None = None) -> date:
        """The shelter night it is now; inside a use case's transaction give its session, so that
        reading the day boundary does not open a second transaction."""
        return current_shelter_night(session or self.db, self.now())
