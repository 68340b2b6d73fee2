"""import columns: the spreadsheet columns an organisation mapped to desk fields, per kind of import

Revision ID: 0017
Revises: 0011
Create Date: 2026-12-07 19:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_column",
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("header", sa.String(length=120), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("kind", "header", name=op.f("pk_import_column")),
    )


def downgrade() -> None:
    op.drop_table("import_column")
