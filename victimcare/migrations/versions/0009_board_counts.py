"""board counts: raw counts per month kept for the Victims' Board report, and whether each month is current

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-25 11:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('board_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('breakdown', sa.String(length=20), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=200), nullable=True),
    sa.Column('detail', sa.String(length=80), nullable=True),
    sa.Column('measure', sa.String(length=60), nullable=False),
    sa.Column('met', sa.BigInteger(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_counts'))
    )
    op.create_index('ix_board_counts_source_breakdown_month', 'board_counts', ['source', 'breakdown', 'month'],
                    unique=False)
    op.create_table('board_count_months',
    sa.Column('month', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('changes', sa.Integer(), nullable=False),
    sa.Column('counted', sa.Integer(), nullable=True),
    sa.Column('counted_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('month', name=op.f('pk_board_count_months'))
    )


def downgrade():
    op.drop_table('board_count_months')
    op.drop_index('ix_board_counts_source_breakdown_month', table_name='board_counts')
    op.drop_table('board_counts')
