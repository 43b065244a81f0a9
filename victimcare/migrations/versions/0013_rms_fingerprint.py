"""rms fingerprint: what the records system last sent for each imported case

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-25 12:55:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rms_fingerprint', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('rms_fingerprint')
