"""winter: street contacts on activated nights

Revision ID: 0015
Revises: 0011
Create Date: 2026-12-07 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "street_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("seen_at", sa.Time(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("postcode", sa.String(length=7), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("bed_offered", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=True),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "outcome <> 'geaccepteerd' OR facility_id IS NOT NULL",
            name=op.f("ck_street_contact_accepted_with_facility"),
        ),
        sa.CheckConstraint(
            "outcome IN ('geaccepteerd', 'geweigerd', 'heeft_plek')", name=op.f("ck_street_contact_known_outcome")
        ),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_street_contact_facility_id_facility")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_street_contact_person_id_person")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_street_contact_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_street_contact")),
    )
    with op.batch_alter_table("street_contact", schema=None) as batch_op:
        batch_op.create_index("ix_street_contact_night", ["region_id", "night"], unique=False)
        batch_op.create_index(batch_op.f("ix_street_contact_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("street_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_street_contact_person_id"))
        batch_op.drop_index("ix_street_contact_night")

    op.drop_table("street_contact")
