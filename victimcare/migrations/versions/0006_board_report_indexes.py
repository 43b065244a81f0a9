"""board report indexes

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 08:30:00

Indexes for the Victims' Board report (benchmarks/board.py):

- ix_cases_reported_area_offence (reported_on, area, offence_code), in place of 0005's
  ix_cases_reported_on (reported_on): the victim measures select cases by the date reported and
  group them by area or offence; with these columns in the index SQLite reads the
  period's cases from the index alone instead of the table (the Board's front page, cases per area
  in the last year, too). `ix_cases_status_reported` cannot serve a date range on its own.
- ix_feedback_surveyed_answers (surveyed_on and the five survey answers): the satisfaction measure
  counts answers in a period and the period before; the index answers it without the table
  (an index-only scan on PostgreSQL once vacuumed).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_reported_on')
        batch_op.create_index('ix_cases_reported_area_offence', ['reported_on', 'area', 'offence_code'], unique=False)

    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_surveyed_answers',
                              ['surveyed_on', 'ease_of_contact', 'actions_taken', 'kept_informed', 'treatment',
                               'whole_experience'], unique=False)


def downgrade():
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_surveyed_answers')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_reported_area_offence')
        batch_op.create_index('ix_cases_reported_on', ['reported_on'], unique=False)
