"""stay outflow index: ended stays by destination and last night (the data-quality counts)

Revision ID: 0018
Revises: 0013
Create Date: 2026-12-07 22:00:00
"""

from alembic import op

revision = "0018"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The stays ended "bestemming onbekend" in the last year, counted from the index alone.
    op.create_index("ix_stay_outflow_end", "stay", ["outflow", "end_night", "person_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_stay_outflow_end", table_name="stay")
