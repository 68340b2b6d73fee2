"""Whether this desk reaches its database: since when it does not, a light probe, and who hears it.

The persistence layer classifies every driver error once and keeps the state
(`Database.reachability`); this module is how the window asks about it without touching
persistence. No permission check: the state holds no personal data, and a desk that is locked
or signed out must still see that the database is gone and come back by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from shelter_desk.domain.errors import DatabaseUnreachable
from shelter_desk.services.kernel.desk import Desk


def offline_since(desk: Desk) -> datetime | None:
    """When the database stopped answering this desk (UTC), or None while it answers."""
    return desk.db.reachability.lost_since


def follow_connection(desk: Desk, listener: Callable[[datetime | None], object]) -> Callable[[], None]:
    """Call `listener` when the database is lost (with since when) and when it is back (None).

    Returns the function that stops following. The listener may be called from the thread that
    ran the failed or successful unit of work.
    """
    return desk.db.reachability.listen(listener)


def probe_connection(desk: Desk) -> bool:
    """One round trip that reads nothing (SELECT 1): True when the database answered.

    Either outcome updates the desk's connection state, so a probe that gets through ends the
    offline state for every screen at once.
    """
    try:
        with desk.db.read() as session:
            session.execute(select(1))
    except DatabaseUnreachable:
        return False
    return True
