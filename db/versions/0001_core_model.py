"""Core model: municipalities and regions, facilities and beds, persons, stays and bed-nights,
organisation settings and facts about the database file.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 12:26:15.517544
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "database_info",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_database_info")),
    )
    op.create_table(
        "municipality",
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("province_name", sa.String(length=50), nullable=False),
        sa.Column("centre_municipality_code", sa.String(length=4), nullable=True),
        sa.ForeignKeyConstraint(
            ["centre_municipality_code"],
            ["municipality.code"],
            name=op.f("fk_municipality_centre_municipality_code_municipality"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_municipality")),
    )
    with op.batch_alter_table("municipality", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_municipality_centre_municipality_code"), ["centre_municipality_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_municipality_name"), ["name"], unique=False)

    op.create_table(
        "organisation_setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.String(length=400), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_organisation_setting")),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=80), nullable=True),
        sa.Column("name_prefix", sa.String(length=20), nullable=True),
        sa.Column("last_name", sa.String(length=120), nullable=True),
        sa.Column("alias", sa.String(length=80), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("date_of_birth_approximate", sa.Boolean(), nullable=False),
        sa.Column("gender", sa.String(length=20), nullable=True),
        sa.Column("bsn", sa.String(length=9), nullable=True),
        sa.Column("nationality", sa.String(length=60), nullable=True),
        sa.Column("origin_municipality_code", sa.String(length=4), nullable=True),
        sa.Column("safety_notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "coalesce(first_name, '') <> '' OR coalesce(last_name, '') <> '' OR coalesce(alias, '') <> ''",
            name=op.f("ck_person_has_name_or_alias"),
        ),
        sa.ForeignKeyConstraint(
            ["origin_municipality_code"],
            ["municipality.code"],
            name=op.f("fk_person_origin_municipality_code_municipality"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
        sa.UniqueConstraint("bsn", name=op.f("uq_person_bsn")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_origin_municipality_code"), ["origin_municipality_code"], unique=False
        )

    op.create_table(
        "region",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("centre_municipality_code", sa.String(length=4), nullable=False),
        sa.ForeignKeyConstraint(
            ["centre_municipality_code"],
            ["municipality.code"],
            name=op.f("fk_region_centre_municipality_code_municipality"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_region")),
        sa.UniqueConstraint("centre_municipality_code", name=op.f("uq_region_centre_municipality_code")),
        sa.UniqueConstraint("name", name=op.f("uq_region_name")),
    )
    op.create_table(
        "facility",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "nachtopvang",
                "jongerenopvang",
                "kortdurende_opvang",
                "trajectkamer",
                "crisisopvang",
                name="facility_kind",
                native_enum=False,
                create_constraint=True,
                length=30,
            ),
            nullable=False,
        ),
        sa.Column("min_age", sa.Integer(), nullable=True),
        sa.Column("max_age", sa.Integer(), nullable=True),
        sa.Column("max_stay_days", sa.Integer(), nullable=True),
        sa.Column("provider", sa.String(length=120), nullable=False),
        sa.Column("street", sa.String(length=120), nullable=False),
        sa.Column("postcode", sa.String(length=7), nullable=False),
        sa.Column("city", sa.String(length=80), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "max_age IS NULL OR min_age IS NULL OR max_age >= min_age", name=op.f("ck_facility_age_range_ordered")
        ),
        sa.CheckConstraint("max_stay_days IS NULL OR max_stay_days > 0", name=op.f("ck_facility_max_stay_positive")),
        sa.CheckConstraint("min_age IS NULL OR min_age >= 0", name=op.f("ck_facility_min_age_not_negative")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_facility_region_id_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facility")),
        sa.UniqueConstraint("name", name=op.f("uq_facility_name")),
    )
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_facility_region_id"), ["region_id"], unique=False)

    op.create_table(
        "bed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("is_overflow", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_bed_facility_id_facility")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bed")),
        sa.UniqueConstraint("facility_id", "label", name=op.f("uq_bed_facility_id_label")),
    )
    with op.batch_alter_table("bed", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bed_facility_id"), ["facility_id"], unique=False)

    op.create_table(
        "stay",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("facility_id", sa.Integer(), nullable=False),
        sa.Column("start_night", sa.Date(), nullable=False),
        sa.Column("planned_end_night", sa.Date(), nullable=True),
        sa.Column("end_night", sa.Date(), nullable=True),
        sa.Column("outflow", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("end_night IS NULL OR end_night >= start_night", name=op.f("ck_stay_ends_after_start")),
        sa.CheckConstraint(
            "planned_end_night IS NULL OR planned_end_night >= start_night", name=op.f("ck_stay_planned_after_start")
        ),
        sa.ForeignKeyConstraint(["facility_id"], ["facility.id"], name=op.f("fk_stay_facility_id_facility")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_stay_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stay")),
    )
    with op.batch_alter_table("stay", schema=None) as batch_op:
        batch_op.create_index("ix_stay_facility_open", ["facility_id", "end_night"], unique=False)
        batch_op.create_index(batch_op.f("ix_stay_person_id"), ["person_id"], unique=False)

    op.create_table(
        "bed_night",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stay_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("bed_id", sa.Integer(), nullable=False),
        sa.Column("night", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("check_in_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("check_out_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('gereserveerd', 'ingecheckt', 'uitgecheckt', 'no_show')", name=op.f("ck_bed_night_known_status")
        ),
        sa.CheckConstraint(
            "check_out_at IS NULL OR check_in_at IS NULL OR check_out_at >= check_in_at",
            name=op.f("ck_bed_night_check_out_after_check_in"),
        ),
        sa.ForeignKeyConstraint(["bed_id"], ["bed.id"], name=op.f("fk_bed_night_bed_id_bed")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_bed_night_person_id_person")),
        sa.ForeignKeyConstraint(["stay_id"], ["stay.id"], name=op.f("fk_bed_night_stay_id_stay")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bed_night")),
        sa.UniqueConstraint("bed_id", "night", name="uq_bed_night_bed_night"),
        sa.UniqueConstraint("person_id", "night", name="uq_bed_night_person_night"),
    )
    with op.batch_alter_table("bed_night", schema=None) as batch_op:
        batch_op.create_index("ix_bed_night_night", ["night"], unique=False)
        batch_op.create_index(batch_op.f("ix_bed_night_stay_id"), ["stay_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("bed_night", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bed_night_stay_id"))
        batch_op.drop_index("ix_bed_night_night")

    op.drop_table("bed_night")
    with op.batch_alter_table("stay", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stay_person_id"))
        batch_op.drop_index("ix_stay_facility_open")

    op.drop_table("stay")
    with op.batch_alter_table("bed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bed_facility_id"))

    op.drop_table("bed")
    with op.batch_alter_table("facility", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_facility_region_id"))

    op.drop_table("facility")
    op.drop_table("region")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_origin_municipality_code"))

    op.drop_table("person")
    op.drop_table("organisation_setting")
    with op.batch_alter_table("municipality", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_municipality_name"))
        batch_op.drop_index(batch_op.f("ix_municipality_centre_municipality_code"))

    op.drop_table("municipality")
    op.drop_table("database_info")
