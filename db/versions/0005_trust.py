"""trust

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 15:23:50.818837
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("workstation", sa.String(length=120), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.create_index("ix_access_log_person", ["person_id", "at"], unique=False)

    op.create_table(
        "desk_presence",
        sa.Column("workstation", sa.String(length=120), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("workstation", name=op.f("pk_desk_presence")),
    )
    op.create_table(
        "user_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("blocked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('balie', 'coordinator', 'beheerder')", name=op.f("ck_user_account_known_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("username", name=op.f("uq_user_account_username")),
    )

    # The access log is append-only for everyone who reaches the database through SQL.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log "
            "BEGIN SELECT RAISE(ABORT, 'het toegangslogboek kan niet worden gewijzigd'); END"
        )
        op.execute(
            "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log "
            "BEGIN SELECT RAISE(ABORT, 'het toegangslogboek kan niet worden gewijzigd'); END"
        )
    else:
        op.execute(
            "CREATE FUNCTION access_log_refuse() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'het toegangslogboek kan niet worden gewijzigd'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log "
            "FOR EACH ROW EXECUTE FUNCTION access_log_refuse()"
        )
        op.execute(
            "CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS access_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS access_log_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS access_log_no_truncate ON access_log")
        op.execute("DROP TRIGGER IF EXISTS access_log_append_only ON access_log")
        op.execute("DROP FUNCTION IF EXISTS access_log_refuse()")
    op.drop_table("user_account")
    op.drop_table("desk_presence")
    with op.batch_alter_table("access_log", schema=None) as batch_op:
        batch_op.drop_index("ix_access_log_person")

    op.drop_table("access_log")
