"""stay period: a facility's maximum stay as a length and a unit; every ended stay has a destination

The old `max_stay_days` becomes `max_stay_length` with unit 'dagen': existing maxima keep their
meaning to the night. Stays that were ended without a destination (a return to the night
shelter after a gap closed the earlier stay without one) get "vertrokken, bestemming onbekend",
which is what the desk knew, so the monitor counts them and a coordinator can correct them.

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-29 21:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_facility_max_stay_positive"), type_="check")
        batch_op.alter_column(
            "max_stay_days", new_column_name="max_stay_length", existing_type=sa.Integer(), existing_nullable=True
        )
        batch_op.add_column(sa.Column("max_stay_unit", sa.String(length=10), nullable=True))
    op.execute("UPDATE facility SET max_stay_unit = 'dagen' WHERE max_stay_length IS NOT NULL")
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.create_check_constraint("max_stay_positive", "max_stay_length IS NULL OR max_stay_length > 0")
        batch_op.create_check_constraint("max_stay_has_unit", "(max_stay_length IS NULL) = (max_stay_unit IS NULL)")
    op.execute("UPDATE stay SET outflow = 'vertrokken_onbekend' WHERE end_night IS NOT NULL AND outflow IS NULL")
    with op.batch_alter_table("bed_night", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reserved_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bed_night", schema=None) as batch_op:
        batch_op.drop_column("reserved_at")
    # Weeks and months have no exact day count: a downgrade approximates them (7 a week, 30 a month).
    op.execute("UPDATE facility SET max_stay_length = max_stay_length * 7 WHERE max_stay_unit = 'weken'")
    op.execute("UPDATE facility SET max_stay_length = max_stay_length * 30 WHERE max_stay_unit = 'maanden'")
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_facility_max_stay_has_unit"), type_="check")
        batch_op.drop_constraint(op.f("ck_facility_max_stay_positive"), type_="check")
        batch_op.drop_column("max_stay_unit")
        batch_op.alter_column(
            "max_stay_length", new_column_name="max_stay_days", existing_type=sa.Integer(), existing_nullable=True
        )
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.create_check_constraint("max_stay_positive", "max_stay_days IS NULL OR max_stay_days > 0")
