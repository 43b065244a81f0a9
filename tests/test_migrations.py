"""The committed migrations build exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from victimcare.extensions import db as _db


def test_models_and_migrations_agree(app):
    # The test database was built by running the migrations (tests/database.py).
    with _db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, _db.metadata)
    assert differences == []


def test_reference_offences_are_loaded_by_the_migration(db):
    from victimcare.models import Offence
    from victimcare.reference_data import OFFENCES

    codes = set(db.session.scalars(db.select(Offence.code)))
    assert codes == {o.code for o in OFFENCES}


def test_0005_back_fills_each_cases_referral_deadline_and_downgrades(tmp_path):
    """Cases recorded before the column existed get the Code's 2-working-day deadline from their report date."""
    from datetime import date

    import sqlalchemy as sa
    from flask_migrate import downgrade, upgrade

    from tests.conftest import TEST_CONFIG
    from victimcare import create_app

    app = create_app({**TEST_CONFIG, "DATABASE_URL": f"sqlite:///{tmp_path / 'migrate.sqlite'}"})
    with app.app_context():
        upgrade(revision="0004")
        with _db.engine.begin() as connection:
            connection.execute(sa.text("INSERT INTO teams (id, name) VALUES (1, 'T')"))
            connection.execute(sa.text(
                "INSERT INTO users (id, username, display_name, password_hash, role, team_id, active, created_at, "
                "version) VALUES (1, 'u', 'U', 'x', 'officer', 1, 1, '2026-11-01 10:00:00', 1)"))
            for n, reported in enumerate(("2026-12-24", "2026-11-05", "2026-11-05")):
                connection.execute(sa.text(
                    "INSERT INTO cases (id, crime_reference, offence_code, domestic_abuse, reported_on, offence_from, "
                    "area, officer_id, team_id, status, created_at, updated_at, version) VALUES (:id, :ref, 'theft', "
                    "0, :day, :day, 'Newport', 1, 1, 'open', '2026-11-01 10:00:00', '2026-11-01 10:00:00', 1)"),
                    {"id": n + 1, "ref": f"GP/26/{n}", "day": reported})
        upgrade()
        with _db.engine.connect() as connection:
            due = connection.execute(sa.text("SELECT referral_due_on FROM cases ORDER BY id")).scalars().all()
        # Christmas Day and the Boxing Day substitute holiday are not working days.
        assert [date.fromisoformat(d) for d in due] == [date(2026, 12, 30), date(2026, 11, 9), date(2026, 11, 9)]
        downgrade(revision="0004")
        upgrade()
        _db.engine.dispose()
