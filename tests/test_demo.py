"""The demo loads once and never wipes data unless asked to."""

import sqlalchemy as sa

from victimcare import demo
from victimcare.auth.passwords import verify_password
from victimcare.models import Case, ScrutinyAction, ScrutinyFinding, ScrutinyPack, ScrutinySample, User
from victimcare.reports import kept


def test_demo_loads_accounts_and_cases_once(app, db):
    assert demo.prepare() is True
    cases = db.session.scalar(sa.select(sa.func.count()).select_from(Case))
    assert cases == 460
    for username, role, _ in demo.DEMO_ACCOUNTS:
        user = db.session.scalar(sa.select(User).where(User.username == username))
        assert user.role == role
        assert verify_password(user.password_hash, demo.DEMO_PASSWORD)
    officer = db.session.scalar(sa.select(User).where(User.username == "officer"))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case).where(Case.officer_id == officer.id)) > 0

    def count(model, *where):
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))

    # The Scrutiny Panel has a sample to look at, with approved packs, findings and actions.
    assert count(ScrutinySample) == 1
    assert count(ScrutinyPack, ScrutinyPack.status == "approved") >= 1
    assert count(ScrutinyFinding) >= 1 and count(ScrutinyAction, ScrutinyAction.status == "open") >= 1
    # The Board report's counts are kept, as after a nightly refresh, and current.
    assert kept.counted_units() and kept.fresh_months() == kept.counted_units()

    assert demo.prepare() is False  # a second run keeps what is there and adds nothing
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Case)) == cases
    assert count(ScrutinySample) == 1


def test_demo_banner_lists_the_accounts_and_password(app):
    text = demo.banner("127.0.0.1", 5000, True)
    assert "http://127.0.0.1:5000/" in text
    assert demo.DEMO_PASSWORD in text
    assert all(username in text for username, _, _ in demo.DEMO_ACCOUNTS)
