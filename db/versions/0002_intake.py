"""intake: person details, notes, restrictions, merges

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 14:50:58.001137
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "person_merge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kept_person_id", sa.Integer(), nullable=False),
        sa.Column("absorbed_person_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("moved_rows", sa.Text(), nullable=False),
        sa.Column("kept_before", sa.Text(), nullable=False),
        sa.Column("kept_after", sa.Text(), nullable=False),
        sa.Column("absorbed_before", sa.Text(), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["absorbed_person_id"], ["person.id"], name=op.f("fk_person_merge_absorbed_person_id_person")
        ),
        sa.ForeignKeyConstraint(["kept_person_id"], ["person.id"], name=op.f("fk_person_merge_kept_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_merge")),
    )
    with op.batch_alter_table("person_merge", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_merge_absorbed_person_id"), ["absorbed_person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_merge_kept_person_id"), ["kept_person_id"], unique=False)

    op.create_table(
        "person_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_by", sa.String(length=80), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_person_note_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_note")),
    )
    with op.batch_alter_table("person_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_note_person_id"), ["person_id"], unique=False)

    op.create_table(
        "restriction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("is_safety", sa.Boolean(), nullable=False),
        sa.Column("alternative_facility_id", sa.Integer(), nullable=True),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("ends_on >= starts_on", name=op.f("ck_restriction_ends_after_start")),
        sa.ForeignKeyConstraint(
            ["alternative_facility_id"], ["facility.id"], name=op.f("fk_restriction_alternative_facility_id_facility")
        ),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_restriction_facility_id_facility")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_restriction_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_restriction")),
    )
    with op.batch_alter_table("restriction", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_restriction_person_id"), ["person_id"], unique=False)

    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_street", sa.String(length=120), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(
            sa.Column("last_postcode", sa.String(length=7), nullable=False, server_default=sa.text("''"))
        )
        batch_op.add_column(sa.Column("last_city", sa.String(length=80), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column("phone", sa.String(length=30), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(
            sa.Column("homelessness_route", sa.String(length=30), nullable=False, server_default=sa.text("'onbekend'"))
        )
        batch_op.add_column(
            sa.Column("consent", sa.String(length=20), nullable=False, server_default=sa.text("'niet_gevraagd'"))
        )
        batch_op.add_column(sa.Column("consent_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_person_merged_into_id"), ["merged_into_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_person_updated_at"), ["updated_at"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_person_merged_into_id_person"), "person", ["merged_into_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_person_merged_into_id_person"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_person_updated_at"))
        batch_op.drop_index(batch_op.f("ix_person_merged_into_id"))
        batch_op.drop_column("merged_into_id")
        batch_op.drop_column("consent_date")
        batch_op.drop_column("consent")
        batch_op.drop_column("homelessness_route")
        batch_op.drop_column("phone")
        batch_op.drop_column("last_city")
        batch_op.drop_column("last_postcode")
        batch_op.drop_column("last_street")

    with op.batch_alter_table("restriction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_restriction_person_id"))

    op.drop_table("restriction")
    with op.batch_alter_table("person_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_note_person_id"))

    op.drop_table("person_note")
    with op.batch_alter_table("person_merge", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_merge_kept_person_id"))
        batch_op.drop_index(batch_op.f("ix_person_merge_absorbed_person_id"))

    op.drop_table("person_merge")
