"""facility phone: who to call at a facility (the region's tonight overview, referral slips)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 21:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column without a default: plain ADD COLUMN on SQLite and PostgreSQL alike.
    op.add_column("facility", sa.Column("phone", sa.String(length=30), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_column("phone")
