"""safety and care: incidents, keep-apart, escalation, consent per purpose, the counsellor's role

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-07 19:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incident",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("what_happened", sa.Text(), nullable=False),
        sa.Column("what_was_done", sa.Text(), nullable=False),
        sa.Column("unknown_person", sa.Text(), nullable=False),
        sa.Column("staff_involved", sa.String(length=200), nullable=False),
        sa.Column("police_called", sa.Boolean(), nullable=False),
        sa.Column("ambulance_called", sa.Boolean(), nullable=False),
        sa.Column("security_called", sa.Boolean(), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_incident_facility_id_facility")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident")),
    )
    with op.batch_alter_table("incident", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_facility_id"), ["facility_id"], unique=False)
        batch_op.create_index("ix_incident_occurred", ["occurred_at"], unique=False)

    op.create_table(
        "incident_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incident.id"], name=op.f("fk_incident_person_incident_id_incident")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_incident_person_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_person")),
    )
    with op.batch_alter_table("incident_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_person_incident_id"), ["incident_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_incident_person_person_id"), ["person_id"], unique=False)

    op.create_table(
        "incident_restriction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("restriction_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incident.id"], name=op.f("fk_incident_restriction_incident_id_incident")
        ),
        sa.ForeignKeyConstraint(
            ["restriction_id"], ["restriction.id"], name=op.f("fk_incident_restriction_restriction_id_restriction")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_restriction")),
        sa.UniqueConstraint(
            "incident_id", "restriction_id", name=op.f("uq_incident_restriction_incident_id_restriction_id")
        ),
    )
    with op.batch_alter_table("incident_restriction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incident_restriction_restriction_id"), ["restriction_id"], unique=False)

    op.create_table(
        "keep_apart",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("other_person_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_keep_apart_ends_after_start")),
        sa.CheckConstraint("person_id <> other_person_id", name=op.f("ck_keep_apart_two_persons")),
        sa.ForeignKeyConstraint(["other_person_id"], ["person.id"], name=op.f("fk_keep_apart_other_person_id_person")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_keep_apart_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_keep_apart")),
    )
    with op.batch_alter_table("keep_apart", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_keep_apart_other_person_id"), ["other_person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_keep_apart_person_id"), ["person_id"], unique=False)

    op.create_table(
        "person_consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("given", sa.Boolean(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_person_consent_ends_after_start")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_person_consent_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_consent")),
    )
    with op.batch_alter_table("person_consent", schema=None) as batch_op:
        batch_op.create_index("ix_person_consent_ends", ["ends_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_consent_person_id"), ["person_id"], unique=False)

    op.create_table(
        "escalation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("network", sa.String(length=30), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("case_manager", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("next_step", sa.Text(), nullable=False),
        sa.Column("desk_instruction", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("closed_by", sa.String(length=80), nullable=False),
        sa.CheckConstraint(
            "closed_on IS NULL OR closed_on >= started_on", name=op.f("ck_escalation_closed_after_start")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_escalation_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalation")),
    )
    with op.batch_alter_table("escalation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_escalation_person_id"), ["person_id"], unique=False)

    # The counsellor's role (begeleider): the personal plan besides the desk work.
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_user_account_known_role"), type_="check")
        batch_op.create_check_constraint("known_role", "role IN ('balie', 'begeleider', 'coordinator', 'beheerder')")


def downgrade() -> None:
    op.drop_table("escalation")
    op.drop_table("person_consent")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_user_account_known_role"), type_="check")
        batch_op.create_check_constraint("known_role", "role IN ('balie', 'coordinator', 'beheerder')")
    op.drop_table("keep_apart")
    op.drop_table("incident_restriction")
    op.drop_table("incident_person")
    op.drop_table("incident")
