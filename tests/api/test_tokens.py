"""API tokens: printed once, kept as a hash, and ended by expiry, revocation or deactivation."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import sqlalchemy as sa

from tests.api.conftest import ApiClient
from tests.factories import make_case, make_user
from victimcare.accounts import set_active
from victimcare.models import ApiToken, AuditEvent
from victimcare.timeutil import utcnow


def run(app, *args):
    return app.test_cli_runner(mix_stderr=False).invoke(args=list(args)) if _mix_stderr_supported() else \
        app.test_cli_runner().invoke(args=list(args))


def _mix_stderr_supported() -> bool:
    import inspect

    from click.testing import CliRunner

    return "mix_stderr" in inspect.signature(CliRunner.__init__).parameters


def created_token(result) -> str:
    return result.stdout.strip().splitlines()[-1]


def test_create_prints_the_token_once_and_stores_only_its_hash(app, db):
    officer = make_user("officer", username="o.jones")
    db.session.commit()
    result = run(app, "tokens", "create", "--username", "O.Jones", "--expires-days", "30")
    assert result.exit_code == 0, result.output
    token = created_token(result)
    assert token.startswith("vct_") and len(token) > 40
    row = db.session.scalar(sa.select(ApiToken))
    assert row.user_id == officer.id
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str([getattr(row, c.key) for c in ApiToken.__table__.columns])
    assert timedelta(days=29) < row.expires_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None) <= timedelta(days=30)
    listing = run(app, "tokens", "list")
    assert "o.jones" in listing.output and "usable" in listing.output and token not in listing.output


def test_create_refuses_an_unknown_or_deactivated_user(app, db):
    make_user("officer", username="gone", active=False)
    db.session.commit()
    assert run(app, "tokens", "create", "--username", "nobody").exit_code != 0
    assert run(app, "tokens", "create", "--username", "gone").exit_code != 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_a_token_acts_as_its_user(app, db):
    officer = make_user("officer")
    case = make_case(officer)
    db.session.commit()
    token = created_token(run(app, "tokens", "create", "--username", officer.username))
    response = ApiClient(app, token).get(f"/api/v1/cases/{case.id}")
    assert response.status_code == 200
    event = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "consult")).one()
    assert (event.user_id, event.case_id) == (officer.id, case.id)
    assert db.session.scalar(sa.select(ApiToken.last_used_at)) is not None


def test_revoked_expired_and_deactivated_tokens_stop_working(app, db, api_as):
    officer = make_user("officer")
    case = make_case(officer)
    db.session.commit()
    url = f"/api/v1/cases/{case.id}"
    revoked, expired, deactivated = api_as(officer), api_as(officer), api_as(officer)
    assert all(client.get(url).status_code == 200 for client in (revoked, expired, deactivated))

    rows = db.session.scalars(sa.select(ApiToken).order_by(ApiToken.id)).all()
    assert run(app, "tokens", "revoke", str(rows[0].id)).exit_code == 0
    rows[1].expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert revoked.get(url).status_code == 401
    assert expired.get(url).status_code == 401
    assert deactivated.get(url).status_code == 200
    set_active(db.session.get(type(officer), officer.id), False)
    db.session.commit()
    assert deactivated.get(url).status_code == 401


def test_revoke_all_of_a_users_tokens(app, db, api_as):
    officer, other = make_user("officer", username="a.user"), make_user("officer")
    mine, theirs = api_as(officer), api_as(other)
    api_as(officer)
    result = run(app, "tokens", "revoke", "--username", "a.user")
    assert result.exit_code == 0 and "Revoked 2" in result.output
    assert mine.get("/api/v1/cases").status_code == 401
    assert theirs.get("/api/v1/cases").status_code == 200


def test_no_token_or_a_wrong_one_gets_401_json(app, db, api_as):
    for headers in ({}, {"Authorization": "Bearer vct_not-a-token"}, {"Authorization": "Basic dXNlcjpwYXNz"},
                    {"Authorization": "Bearer"}):
        response = ApiClient(app).get("/api/v1/cases", headers=headers)
        assert response.status_code == 401
        assert response.is_json and "message" in response.json
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_api_ignores_the_session_cookie(app, db, browser):
    """A signed-in browser is not an API client: a forged cross-site request gets nothing."""
    officer = make_user("officer")
    make_case(officer)
    db.session.commit()
    browser.login(officer)
    assert browser.get("/api/v1/cases").status_code == 401
    assert browser.client.post("/api/v1/cases", json={}).status_code == 401
    assert "Set-Cookie" not in browser.get("/api/v1/cases").headers


def test_the_api_needs_no_csrf_token_but_the_web_still_does(app, db, api_as, browser):
    officer = make_user("officer")
    db.session.commit()
    response = api_as(officer).post("/api/v1/cases", json={})
    assert response.status_code == 422  # validated, not refused for CSRF
    browser.login(officer)
    assert browser.post("/cases/new", data={"crime_reference": "GP/26/000001"}).status_code == 400
