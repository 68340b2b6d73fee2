"""stay index for a region's data quality: stays by facility and last night, with outflow and person

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-08 01:20:00
"""

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The region-scoped data-quality appendix: the region's people (a stay running or ended in the
    # last year) and its stays ended "bestemming onbekend", from the index alone.
    op.create_index(
        "ix_stay_facility_end_person", "stay", ["facility_id", "end_night", "outflow", "person_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_stay_facility_end_person", table_name="stay")
