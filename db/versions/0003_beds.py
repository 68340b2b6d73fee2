"""beds

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 15:02:54.392649
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "overflow_opening",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("opened_by", sa.String(length=80), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facility.id"], name=op.f("fk_overflow_opening_facility_id_facility")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overflow_opening")),
        sa.UniqueConstraint("facility_id", "night", name=op.f("uq_overflow_opening_facility_id_night")),
    )
    op.create_table(
        "turnaway",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("referred_to", sa.String(length=200), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "reason IN ('vol', 'leeftijd', 'beperking', 'anders')", name=op.f("ck_turnaway_known_reason")
        ),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_turnaway_facility_id_facility")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_turnaway_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_turnaway")),
    )
    with op.batch_alter_table("turnaway", schema=None) as batch_op:
        batch_op.create_index("ix_turnaway_night", ["night"], unique=False)
        batch_op.create_index(batch_op.f("ix_turnaway_person_id"), ["person_id"], unique=False)

    with op.batch_alter_table("bed_night", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fee_cents", sa.Integer(), server_default=sa.text("0"), nullable=False))
        batch_op.add_column(
            sa.Column("fee_status", sa.String(length=20), server_default=sa.text("'geen'"), nullable=False)
        )
        batch_op.add_column(sa.Column("override_reason", sa.Text(), server_default=sa.text("('')"), nullable=False))
        batch_op.drop_constraint(batch_op.f("uq_bed_night_bed_night"), type_="unique")
        batch_op.create_index(
            "uq_bed_night_bed_night",
            ["bed_id", "night"],
            unique=True,
            sqlite_where=sa.text("status <> 'no_show'"),
            postgresql_where=sa.text("status <> 'no_show'"),
        )
        batch_op.drop_constraint(batch_op.f("uq_bed_night_person_night"), type_="unique")
        batch_op.create_index(
            "uq_bed_night_person_night",
            ["person_id", "night"],
            unique=True,
            sqlite_where=sa.text("status <> 'no_show'"),
            postgresql_where=sa.text("status <> 'no_show'"),
        )

    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.add_column(sa.Column("night_fee_cents", sa.Integer(), nullable=True))

    with op.batch_alter_table("stay", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outflow_to_origin", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("stay", schema=None) as batch_op:
        batch_op.drop_column("outflow_to_origin")

    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_column("night_fee_cents")

    with op.batch_alter_table("bed_night", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_bed_night_person_night",
            sqlite_where=sa.text("status <> 'no_show'"),
            postgresql_where=sa.text("status <> 'no_show'"),
        )
        batch_op.create_unique_constraint(batch_op.f("uq_bed_night_person_night"), ["person_id", "night"])
        batch_op.drop_index(
            "uq_bed_night_bed_night",
            sqlite_where=sa.text("status <> 'no_show'"),
            postgresql_where=sa.text("status <> 'no_show'"),
        )
        batch_op.create_unique_constraint(batch_op.f("uq_bed_night_bed_night"), ["bed_id", "night"])
        batch_op.drop_column("override_reason")
        batch_op.drop_column("fee_status")
        batch_op.drop_column("fee_cents")

    with op.batch_alter_table("turnaway", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_turnaway_person_id"))
        batch_op.drop_index("ix_turnaway_night")

    op.drop_table("turnaway")
    op.drop_table("overflow_opening")
