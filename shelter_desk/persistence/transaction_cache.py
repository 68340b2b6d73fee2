"""Reads that a unit of work repeats, kept for that unit of work until it writes anything.

Several steps of one use case read the same rows (the organisation's settings: the night's day
boundary, the default fee, the no-show hour): on a database server each read is a round trip.
A value kept here lives in the session's `info` and is dropped at every flush or ORM-level
write and at the end of the transaction, so no step ever reads back less than it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

T = TypeVar("T")
_CACHE = "shelter_desk_transaction_cache"


def cached(session: Session, key: str, load: Callable[[], T]) -> T:
    """`load()` once per unit of work (until it writes); later calls get the same value."""
    kept: dict[str, Any] = session.info.setdefault(_CACHE, {})
    if key not in kept:
        kept[key] = load()
    return kept[key]  # type: ignore[no-any-return]


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_CACHE, None)


for _moment in ("after_flush", "after_commit", "after_rollback", "after_soft_rollback"):
    event.listen(Session, _moment, _forget)


@event.listens_for(Session, "do_orm_execute")
def _forget_on_write(state: ORMExecuteState) -> None:
    if not state.is_select:
        _forget(state.session)
