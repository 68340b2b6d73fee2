"""winter

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 15:14:24.375390
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "winter_activation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("first_night", sa.Date(), nullable=False),
        sa.Column("last_night", sa.Date(), nullable=False),
        sa.Column("phase", sa.Integer(), nullable=False),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("forecast", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=80), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("last_night >= first_night", name=op.f("ck_winter_activation_ends_after_start")),
        sa.CheckConstraint("phase IN (1, 2)", name=op.f("ck_winter_activation_known_phase")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_winter_activation_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_winter_activation")),
    )
    with op.batch_alter_table("winter_activation", schema=None) as batch_op:
        batch_op.create_index("ix_winter_activation_nights", ["region_id", "first_night", "last_night"], unique=False)

    op.create_table(
        "winter_activation_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activation_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activation_id"],
            ["winter_activation.id"],
            name=op.f("fk_winter_activation_change_activation_id_winter_activation"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_winter_activation_change")),
    )
    with op.batch_alter_table("winter_activation_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_winter_activation_change_activation_id"), ["activation_id"], unique=False)

    op.create_table(
        "winter_staffing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("security", sa.String(length=200), nullable=False),
        sa.Column("waking_watch", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_winter_staffing_facility_id_facility")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_winter_staffing")),
        sa.UniqueConstraint("facility_id", "night", name=op.f("uq_winter_staffing_facility_id_night")),
    )

    # A new facility kind for winter-only places: the kind's CHECK constraint is rebuilt.
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_facility_facility_kind"), type_="check")
        batch_op.create_check_constraint(
            "facility_kind",
            "kind IN ('nachtopvang', 'jongerenopvang', 'kortdurende_opvang', 'trajectkamer', 'crisisopvang', "
            "'winteropvang')",
        )


def downgrade() -> None:
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_facility_facility_kind"), type_="check")
        batch_op.create_check_constraint(
            "facility_kind",
            "kind IN ('nachtopvang', 'jongerenopvang', 'kortdurende_opvang', 'trajectkamer', 'crisisopvang')",
        )

    op.drop_table("winter_staffing")
    with op.batch_alter_table("winter_activation_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_winter_activation_change_activation_id"))

    op.drop_table("winter_activation_change")
    with op.batch_alter_table("winter_activation", schema=None) as batch_op:
        batch_op.drop_index("ix_winter_activation_nights")

    op.drop_table("winter_activation")
