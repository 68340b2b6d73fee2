"""day services: client cards, the day drop-in (inloop), the shift handover

Revision ID: 0010
Revises: 0007
Create Date: 2026-11-29 21:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('client_card',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=10), nullable=False),
    sa.Column('name_choice', sa.String(length=20), nullable=False),
    sa.Column('facility_id', sa.Integer(), nullable=False),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('issued_by', sa.String(length=80), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoke_reason', sa.String(length=20), nullable=True),
    sa.Column('revoked_by', sa.String(length=80), nullable=False),
    sa.CheckConstraint('revoked_at IS NULL OR revoke_reason IS NOT NULL', name=op.f('ck_client_card_revoked_with_reason')),
    sa.ForeignKeyConstraint(['facility_id'], ['facility.id'], name=op.f('fk_client_card_facility_id_facility')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_client_card_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_card')),
    sa.UniqueConstraint('number', name=op.f('uq_client_card_number'))
    )
    with op.batch_alter_table('client_card', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_card_person_id'), ['person_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('client_card', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_card_person_id'))
    op.drop_table('client_card')
