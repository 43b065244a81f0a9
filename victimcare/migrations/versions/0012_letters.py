"""letters: each letter produced for a victim (acknowledgement, after VCU attempts, key-stage update)

Revision ID: 0012
Revises: 0008
Create Date: 2026-11-25 11:10:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('victim_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('output', sa.String(length=10), nullable=False),
    sa.Column('produced_by_id', sa.Integer(), nullable=False),
    sa.Column('produced_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_letters_case_id_cases')),
    sa.ForeignKeyConstraint(['produced_by_id'], ['users.id'], name=op.f('fk_letters_produced_by_id_users')),
    sa.ForeignKeyConstraint(['event_id'], ['key_stage_events.id'], name=op.f('fk_letters_event_id_key_stage_events')),
    sa.ForeignKeyConstraint(['victim_id'], ['victims.id'], name=op.f('fk_letters_victim_id_victims')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_letters'))
    )
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.create_index('ix_letters_case_produced', ['case_id', 'produced_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_letters_victim_id'), ['victim_id'], unique=False)


def downgrade():
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letters_victim_id'))
        batch_op.drop_index('ix_letters_case_produced')

    op.drop_table('letters')
