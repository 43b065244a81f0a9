"""follow-ups completed on: index for the Board report's support taken up

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-25 18:40:00

The Board report counts the support offered at VCU follow-ups by the day each follow-up was done
(`follow_ups.completed_on`). Without an index, counting one day (today, which is never kept) or a
month before the records begin read every case and its follow-ups: 9 s at 1,000,000 cases on
SQLite. With it, the day's follow-ups are found directly.
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.create_index('ix_follow_ups_completed_on', ['completed_on'], unique=False)


def downgrade():
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_ups_completed_on')
