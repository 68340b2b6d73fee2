"""postal

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 15:46:36.452124
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "postal_address",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=False),
        sa.Column("consent_by", sa.String(length=120), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.String(length=30), nullable=True),
        sa.Column("end_remark", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('aangevraagd', 'actief', 'beeindigd')", name=op.f("ck_postal_address_known_status")
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_postal_address_ends_after_start")
        ),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_postal_address_facility_id_facility")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_postal_address_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_postal_address")),
    )
    with op.batch_alter_table("postal_address", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_postal_address_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            "uq_postal_address_person_open",
            ["person_id"],
            unique=True,
            sqlite_where=sa.text("status <> 'beeindigd'"),
            postgresql_where=sa.text("status <> 'beeindigd'"),
        )

    op.create_table(
        "mail_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("postal_address_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("sender_kind", sa.String(length=30), nullable=False),
        sa.Column("sender", sa.String(length=120), nullable=False),
        sa.Column("registered", sa.Boolean(), nullable=False),
        sa.Column("picked_up_on", sa.Date(), nullable=True),
        sa.Column("handed_by", sa.String(length=120), nullable=False),
        sa.Column("id_checked", sa.Boolean(), nullable=False),
        sa.Column("returned_on", sa.Date(), nullable=True),
        sa.Column("logged_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_mail_item_person_id_person")),
        sa.ForeignKeyConstraint(
            ["postal_address_id"], ["postal_address.id"], name=op.f("fk_mail_item_postal_address_id_postal_address")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_item")),
    )
    with op.batch_alter_table("mail_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_item_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            "ix_mail_item_waiting", ["postal_address_id", "picked_up_on", "returned_on"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("mail_item", schema=None) as batch_op:
        batch_op.drop_index("ix_mail_item_waiting")
        batch_op.drop_index(batch_op.f("ix_mail_item_person_id"))

    op.drop_table("mail_item")
    with op.batch_alter_table("postal_address", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_postal_address_person_open",
            sqlite_where=sa.text("status <> 'beeindigd'"),
            postgresql_where=sa.text("status <> 'beeindigd'"),
        )
        batch_op.drop_index(batch_op.f("ix_postal_address_person_id"))

    op.drop_table("postal_address")
