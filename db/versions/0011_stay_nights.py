"""stay nights: every bed-night lies inside its stay; what cannot be repaired safely is reported

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 17:40:00

A night belongs to a stay that covers it. Older versions could leave a night before its stay's
start (a night booked after a later one started the stay) and could end a stay while its person
was inside on a later night (booking ahead ended it). The first is repaired here: the stay starts
at its first night. The second is not guessed at: each such stay is reported in the migration log
for a coordinator, with its nights kept as they are. Running short stays get their nights ahead
from the desk's daily step at the next start (from their last night on, so nobody loses a night).
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

LOG = logging.getLogger("alembic.runtime.migration")


def upgrade() -> None:
    connection = op.get_bind()
    repaired = connection.execute(
        sa.text(
            "UPDATE stay SET start_night = (SELECT min(night) FROM bed_night WHERE bed_night.stay_id = stay.id) "
            "WHERE (SELECT min(night) FROM bed_night WHERE bed_night.stay_id = stay.id) < start_night"
        )
    ).rowcount
    if repaired:
        LOG.warning("%d verblijven begonnen na hun eerste nacht; hun begin is gelijkgezet aan die nacht.", repaired)
    inside_after_end = (
        connection.execute(
            sa.text(
                "SELECT DISTINCT stay.id FROM stay JOIN bed_night ON bed_night.stay_id = stay.id "
                "WHERE stay.end_night IS NOT NULL AND bed_night.night > stay.end_night "
                "AND bed_night.status IN ('ingecheckt', 'uitgecheckt') ORDER BY stay.id"
            )
        )
        .scalars()
        .all()
    )
    if inside_after_end:
        LOG.warning(
            "Verblijven beëindigd terwijl de persoon later nog binnen was (laat een coördinator ze nakijken): %s",
            ", ".join(str(stay_id) for stay_id in inside_after_end),
        )


def downgrade() -> None:
    pass  # a start moved back to the stay's first night is the truth; nothing to undo
