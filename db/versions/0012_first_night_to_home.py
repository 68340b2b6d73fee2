"""from the first night to a home: admission decisions, applications for places given by decision,
housing referrals, and the facility flag for places given by decision

Revision ID: 0012
Revises: 0015
Create Date: 2026-12-07 19:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.add_column(sa.Column("allocates_by_decision", sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table(
        "admission_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("referred_to", sa.String(length=200), nullable=False),
        sa.Column("sleeping_situation", sa.String(length=20), nullable=False),
        sa.Column("investigation_due", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(length=80), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facility.id"], name=op.f("fk_admission_decision_facility_id_facility")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_admission_decision_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admission_decision")),
    )
    with op.batch_alter_table("admission_decision", schema=None) as batch_op:
        batch_op.create_index("ix_admission_decision_person", ["person_id", "requested_on"], unique=False)

    op.create_table(
        "place_application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("referrer", sa.String(length=20), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("motivation", sa.Text(), nullable=False),
        sa.Column("intake_on", sa.Date(), nullable=True),
        sa.Column("intake_note", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.String(length=80), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("priority_reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("close_reason", sa.Text(), nullable=False),
        sa.Column("stay_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.CheckConstraint(
            "closed_on IS NULL OR closed_on >= applied_on", name=op.f("ck_place_application_closed_after_applied")
        ),
        sa.ForeignKeyConstraint(
            ["facility_id"], ["facility.id"], name=op.f("fk_place_application_facility_id_facility")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_place_application_person_id_person")),
        sa.ForeignKeyConstraint(["stay_id"], ["stay.id"], name=op.f("fk_place_application_stay_id_stay")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_place_application")),
    )
    with op.batch_alter_table("place_application", schema=None) as batch_op:
        batch_op.create_index("ix_place_application_list", ["facility_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_place_application_person_id"), ["person_id"], unique=False)

    op.create_table(
        "housing_referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("programme", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("urgency_on", sa.Date(), nullable=True),
        sa.Column("offered_on", sa.Date(), nullable=True),
        sa.Column("moved_on", sa.Date(), nullable=True),
        sa.Column("refused_on", sa.Date(), nullable=True),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("stay_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_housing_referral_person_id_person")),
        sa.ForeignKeyConstraint(["stay_id"], ["stay.id"], name=op.f("fk_housing_referral_stay_id_stay")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_housing_referral")),
    )
    with op.batch_alter_table("housing_referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_housing_referral_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("housing_referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_housing_referral_person_id"))
    op.drop_table("housing_referral")
    with op.batch_alter_table("place_application", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_place_application_person_id"))
        batch_op.drop_index("ix_place_application_list")
    op.drop_table("place_application")
    with op.batch_alter_table("admission_decision", schema=None) as batch_op:
        batch_op.drop_index("ix_admission_decision_person")
    op.drop_table("admission_decision")
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_column("allocates_by_decision")
