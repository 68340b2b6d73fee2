"""indexes for a region's data quality: stays by facility and last night, postal addresses by
facility, status and review date, and the few merged or anonymised people

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-08 01:20:00
"""

import sqlalchemy as sa
from alembic import op

UNLISTED = "merged_into_id IS NOT NULL OR alias = 'geanonimiseerd'"

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
    op.create_index("ix_postal_address_review", "postal_address", ["facility_id", "status", "review_date"])
    # The data-quality counts leave these out: found without reading every person.
    op.create_index(
        "ix_person_unlisted",
        "person",
        ["id"],
        unique=False,
        sqlite_where=sa.text(UNLISTED),
        postgresql_where=sa.text(UNLISTED),
    )


def downgrade() -> None:
    op.drop_index("ix_person_unlisted", table_name="person")
    op.drop_index("ix_postal_address_review", table_name="postal_address")
    op.drop_index("ix_stay_facility_end_person", table_name="stay")
