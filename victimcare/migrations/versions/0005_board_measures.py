"""board measures: referral due date, right to review on NFA, complaints, lesson themes, report indexes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 08:10:00.000000

"""
from datetime import date

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('complaints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('about', sa.String(length=30), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_complaints_case_id_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_complaints_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints'))
    )
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaints_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaints_received_on'), ['received_on'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('referral_due_on', sa.Date(), nullable=True))
        batch_op.create_index('ix_cases_reported_on', ['reported_on'], unique=False)
        batch_op.create_index('ix_cases_closed_on', ['closed_on'], unique=False)

    with op.batch_alter_table('victim_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('told_right_to_review', sa.Boolean(), nullable=True))
        batch_op.create_index('ix_victim_updates_due_on', ['due_on'], unique=False)

    with op.batch_alter_table('service_recoveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lesson_theme', sa.String(length=20), nullable=True))

    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.create_index('ix_follow_ups_due_on', ['due_on'], unique=False)

    _back_fill_referral_due_dates()


def _back_fill_referral_due_dates():
    """Each case's referral deadline, worked out once per distinct report date (a few thousand at most)."""
    from victimcare.journey.calendar import add_working_days

    connection = op.get_bind()
    days = connection.execute(sa.text("SELECT standard_days FROM timescales WHERE code = 'referral'")).scalar()
    days = 2 if days is None else days
    reported = [row[0] for row in connection.execute(
        sa.text("SELECT DISTINCT reported_on FROM cases WHERE referral_due_on IS NULL"))]
    cases = sa.table('cases', sa.column('reported_on', sa.Date()), sa.column('referral_due_on', sa.Date()))
    statement = (sa.update(cases).where(cases.c.reported_on == sa.bindparam('day'))
                 .values(referral_due_on=sa.bindparam('due')))
    rows = []
    for day in reported:
        if isinstance(day, str):  # SQLite hands back text
            day = date.fromisoformat(day[:10])
        rows.append({'day': day, 'due': add_working_days(day, days)})
    if rows:
        connection.execute(statement, rows)


def downgrade():
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_ups_due_on')

    with op.batch_alter_table('service_recoveries', schema=None) as batch_op:
        batch_op.drop_column('lesson_theme')

    with op.batch_alter_table('victim_updates', schema=None) as batch_op:
        batch_op.drop_index('ix_victim_updates_due_on')
        batch_op.drop_column('told_right_to_review')

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_closed_on')
        batch_op.drop_index('ix_cases_reported_on')
        batch_op.drop_column('referral_due_on')

    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaints_received_on'))
        batch_op.drop_index(batch_op.f('ix_complaints_case_id'))

    op.drop_table('complaints')
