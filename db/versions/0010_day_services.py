"""day services: client cards, the day drop-in (inloop), the shift handover, the personal plan

Revision ID: 0010
Revises: 0007
Create Date: 2026-11-29 21:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "client_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=10), nullable=False),
        sa.Column("name_choice", sa.String(length=20), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=80), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoke_reason", sa.String(length=20), nullable=True),
        sa.Column("revoked_by", sa.String(length=80), nullable=False),
        sa.CheckConstraint(
            "revoked_at IS NULL OR revoke_reason IS NOT NULL", name=op.f("ck_client_card_revoked_with_reason")
        ),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_client_card_facility_id_facility")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_client_card_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_client_card")),
        sa.UniqueConstraint("number", name=op.f("uq_client_card_number")),
    )
    with op.batch_alter_table("client_card", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_client_card_person_id"), ["person_id"], unique=False)

    # The day drop-in is a facility kind of its own (no beds).
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_facility_facility_kind"), type_="check")
        batch_op.create_check_constraint(
            "facility_kind",
            "kind IN ('nachtopvang', 'jongerenopvang', 'kortdurende_opvang', 'trajectkamer', 'crisisopvang', "
            "'winteropvang', 'inloop')",
        )

    op.create_table(
        "dropin_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Time(), nullable=False),
        sa.Column("closes", sa.Time(), nullable=False),
        sa.CheckConstraint("closes > opens", name=op.f("ck_dropin_hours_closes_after_opening")),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_dropin_hours_known_weekday")),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_dropin_hours_facility_id_facility")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dropin_hours")),
        sa.UniqueConstraint("facility_id", "weekday", name=op.f("uq_dropin_hours_facility_id_weekday")),
    )
    op.create_table(
        "dropin_visit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_dropin_visit_facility_id_facility")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_dropin_visit_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dropin_visit")),
    )
    with op.batch_alter_table("dropin_visit", schema=None) as batch_op:
        batch_op.create_index("ix_dropin_visit_day", ["facility_id", "day"], unique=False)
        batch_op.create_index(batch_op.f("ix_dropin_visit_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            "uq_dropin_visit_person_day",
            ["facility_id", "day", "person_id"],
            unique=True,
            sqlite_where=sa.text("person_id IS NOT NULL"),
            postgresql_where=sa.text("person_id IS NOT NULL"),
        )

    op.create_table(
        "locker_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("stored_on", sa.Date(), nullable=False),
        sa.Column("keep_until", sa.Date(), nullable=False),
        sa.Column("stored_by", sa.String(length=80), nullable=False),
        sa.Column("cleared_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("cleared_by", sa.String(length=80), nullable=False),
        sa.CheckConstraint(
            "cleared_on IS NULL OR outcome IS NOT NULL", name=op.f("ck_locker_item_cleared_with_outcome")
        ),
        sa.CheckConstraint("keep_until >= stored_on", name=op.f("ck_locker_item_kept_after_storing")),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_locker_item_facility_id_facility")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_locker_item_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locker_item")),
    )
    with op.batch_alter_table("locker_item", schema=None) as batch_op:
        batch_op.create_index("ix_locker_item_open", ["facility_id", "cleared_on", "keep_until"], unique=False)
        batch_op.create_index(batch_op.f("ix_locker_item_person_id"), ["person_id"], unique=False)
        batch_op.create_index(
            "uq_locker_item_in_use",
            ["facility_id", "label"],
            unique=True,
            sqlite_where=sa.text("cleared_on IS NULL"),
            postgresql_where=sa.text("cleared_on IS NULL"),
        )

    op.create_table(
        "dropin_service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=60), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("given_by", sa.String(length=80), nullable=False),
        sa.CheckConstraint("quantity BETWEEN 1 AND 20", name=op.f("ck_dropin_service_quantity_in_range")),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["dropin_visit.id"], name=op.f("fk_dropin_service_visit_id_dropin_visit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dropin_service")),
    )
    with op.batch_alter_table("dropin_service", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dropin_service_visit_id"), ["visit_id"], unique=False)

    op.create_table(
        "handover_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("written_by", sa.String(length=80), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("must_read", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_handover_entry_facility_id_facility")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_entry")),
    )
    with op.batch_alter_table("handover_entry", schema=None) as batch_op:
        batch_op.create_index("ix_handover_entry_location", ["facility_id", "written_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_handover_entry_written_at"), ["written_at"], unique=False)

    op.create_table(
        "handover_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["handover_entry.id"], name=op.f("fk_handover_person_entry_id_handover_entry")
        ),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_handover_person_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_person")),
    )
    with op.batch_alter_table("handover_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_person_entry_id"), ["entry_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_handover_person_person_id"), ["person_id"], unique=False)

    op.create_table(
        "handover_read",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["handover_entry.id"], name=op.f("fk_handover_read_entry_id_handover_entry")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_read")),
        sa.UniqueConstraint("entry_id", "username", name=op.f("uq_handover_read_entry_id_username")),
    )

    op.create_table(
        "assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("assessed_by", sa.String(length=80), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_assessment_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment")),
    )
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.create_index("ix_assessment_person", ["person_id", "assessed_on"], unique=False)

    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("counsellor", sa.String(length=120), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("review_on", sa.Date(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_plan_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
    )
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_person_id"), ["person_id"], unique=False)
        batch_op.create_index("ix_plan_review", ["closed_on", "review_on"], unique=False)
        batch_op.create_index(
            "uq_plan_person_open",
            ["person_id"],
            unique=True,
            sqlite_where=sa.text("closed_on IS NULL"),
            postgresql_where=sa.text("closed_on IS NULL"),
        )

    op.create_table(
        "assessment_score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=60), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name=op.f("ck_assessment_score_score_in_range")),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessment.id"], name=op.f("fk_assessment_score_assessment_id_assessment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_score")),
        sa.UniqueConstraint("assessment_id", "domain", name=op.f("uq_assessment_score_assessment_id_domain")),
    )
    op.create_table(
        "plan_goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=60), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_goal_plan_id_plan")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_goal")),
    )
    with op.batch_alter_table("plan_goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_goal_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "plan_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=120), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["goal_id"], ["plan_goal.id"], name=op.f("fk_plan_action_goal_id_plan_goal")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_action")),
    )
    with op.batch_alter_table("plan_action", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_action_goal_id"), ["goal_id"], unique=False)


def downgrade() -> None:
    op.drop_table("plan_action")
    op.drop_table("plan_goal")
    op.drop_table("assessment_score")
    op.drop_table("plan")
    op.drop_table("assessment")
    op.drop_table("handover_read")
    op.drop_table("handover_person")
    op.drop_table("handover_entry")
    op.drop_table("dropin_service")
    op.drop_table("locker_item")
    op.drop_table("dropin_visit")
    op.drop_table("dropin_hours")
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_facility_facility_kind"), type_="check")
        batch_op.create_check_constraint(
            "facility_kind",
            "kind IN ('nachtopvang', 'jongerenopvang', 'kortdurende_opvang', 'trajectkamer', 'crisisopvang', "
            "'winteropvang')",
        )

    with op.batch_alter_table("client_card", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_client_card_person_id"))
    op.drop_table("client_card")
