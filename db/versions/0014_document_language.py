"""document language: the language a person's client documents print in (default Dutch)

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-07 19:05:00

A code of the client-document catalogues ("nl", "pl", "ar", ...); every existing person gets Dutch.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(sa.Column("document_language", sa.String(length=10), nullable=False, server_default="nl"))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("document_language")
