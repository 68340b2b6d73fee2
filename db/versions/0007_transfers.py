"""transfers

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 15:56:26.929122
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "investigation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("provision_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_centre_code", sa.String(length=4), nullable=True),
        sa.Column("reasoning", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["decided_centre_code"],
            ["municipality.code"],
            name=op.f("fk_investigation_decided_centre_code_municipality"),
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_investigation_person_id_person")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_investigation_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_investigation")),
    )
    with op.batch_alter_table("investigation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_investigation_person_id"), ["person_id"], unique=False)

    op.create_table(
        "investigation_fact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("investigation_id", sa.Integer(), nullable=False),
        sa.Column("municipality_code", sa.String(length=4), nullable=False),
        sa.Column("factors", sa.String(length=200), nullable=False),
        sa.Column("registration_years", sa.Integer(), nullable=False),
        sa.Column("contra_indication", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["investigation_id"],
            ["investigation.id"],
            name=op.f("fk_investigation_fact_investigation_id_investigation"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code"],
            ["municipality.code"],
            name=op.f("fk_investigation_fact_municipality_code_municipality"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_investigation_fact")),
        sa.UniqueConstraint(
            "investigation_id",
            "municipality_code",
            name=op.f("uq_investigation_fact_investigation_id_municipality_code"),
        ),
    )
    op.create_table(
        "transfer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("investigation_id", sa.Integer(), nullable=False),
        sa.Column("to_centre_code", sa.String(length=4), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=200), nullable=False),
        sa.Column("consent_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("refusal_reason", sa.Text(), nullable=False),
        sa.Column("to_dispute_committee", sa.Boolean(), nullable=False),
        sa.Column("moved_on", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "status IN ('aangevraagd', 'geaccepteerd', 'geweigerd', 'verhuisd')", name=op.f("ck_transfer_known_status")
        ),
        sa.ForeignKeyConstraint(
            ["investigation_id"], ["investigation.id"], name=op.f("fk_transfer_investigation_id_investigation")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_transfer_person_id_person")),
        sa.ForeignKeyConstraint(
            ["to_centre_code"], ["municipality.code"], name=op.f("fk_transfer_to_centre_code_municipality")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer")),
    )
    with op.batch_alter_table("transfer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transfer_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("transfer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transfer_person_id"))

    op.drop_table("transfer")
    op.drop_table("investigation_fact")
    with op.batch_alter_table("investigation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_investigation_person_id"))

    op.drop_table("investigation")
