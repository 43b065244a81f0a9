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
