"""Named write guards for the rules SQLite's single writer protects by itself.

On SQLite every write transaction starts with `BEGIN IMMEDIATE`: one writer at a time, so a rule
that reads and then writes (a hash chain, a maximum, "no overlap") always sees the last committed
state. PostgreSQL lets writers run side by side; there, a service that checks such a rule calls
`lock_for(session, GUARD)` at the start of its write transaction. That takes a transaction-scoped
advisory lock (`pg_advisory_xact_lock`) on the rule's key, held until commit or rollback, so the
desks that check that rule take turns and each sees what the previous one committed (READ
COMMITTED: every statement reads the newest committed data). On SQLite it only checks the order.

Guards are taken in the order of `GUARDS` (a transaction that needs two takes the earlier one
first), so two transactions can never wait for each other: `lock_for` refuses a wrong order on
both engines, so a test on SQLite finds it too.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# The rules, in the order a transaction must take them. The number is the advisory lock's key.
WINTER_ACTIVATIONS = "winter_activations"  # no two activations of one region overlap
POSTAL_ADDRESSES = "postal_addresses"  # at most N active postal addresses per location
PERSON_MERGES = "person_merges"  # a record is merged once; merge and undo see the same rows
BED_NIGHTS = "bed_nights"  # bed assignment rules; carrying short stays forward; no-show release
ACCESS_LOG = "access_log"  # one hash chain: each entry covers the one appended before it

GUARDS: dict[str, int] = {
    WINTER_ACTIVATIONS: 1,
    POSTAL_ADDRESSES: 2,
    PERSON_MERGES: 3,
    BED_NIGHTS: 4,
    ACCESS_LOG: 5,
}
# The first half of the two-part advisory key: "SD" (Shelter Desk), so other users of the same
# server (another application's advisory locks) never collide with ours.
_NAMESPACE = 0x5344
_TAKEN = "shelter_desk_guards"


def lock_for(session: Session, *guards: str) -> None:
    """Hold these guards until this write transaction ends (PostgreSQL); on SQLite, whose write
    transactions are one at a time already, only the order is checked."""
    taken: list[str] = session.info.setdefault(_TAKEN, [])
    new: list[int] = []
    for guard in guards:
        rank = GUARDS[guard]
        if guard in taken:
            continue
        if taken and GUARDS[taken[-1]] > rank:
            raise RuntimeError(f"write guard '{guard}' taken after '{taken[-1]}': take guards in the order of GUARDS")
        new.append(rank)
        taken.append(guard)
    if new and session.get_bind().dialect.name == "postgresql":
        # Several guards in one round trip: PostgreSQL evaluates a select list from left to right,
        # so they are still taken in the order of GUARDS.
        locks = ", ".join(f"pg_advisory_xact_lock(:namespace, :key{n})" for n in range(len(new)))
        session.execute(
            text(f"SELECT {locks}"), {"namespace": _NAMESPACE, **{f"key{n}": rank for n, rank in enumerate(new)}}
        )
