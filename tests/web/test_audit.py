"""The audit log: what is recorded, that it cannot be changed, and how admins search it."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DatabaseError

from tests.factories import make_case, make_team, make_user
from victimcare import audit
from victimcare.models import AuditEvent
from victimcare.models.audit import AuditAction


def events(db, **filters):
    statement = sa.select(AuditEvent).filter_by(**filters).order_by(AuditEvent.id)
    return db.session.scalars(statement).all()


def test_reading_a_case_records_who_consulted_which_case(browser, db):
    officer = make_user("officer")
    case = make_case(officer)
    db.session.commit()
    browser.login(officer)
    assert browser.get(f"/cases/{case.id}").status_code == 200
    [event] = events(db, record_type="case", case_id=case.id)
    assert (event.action, event.user_id, event.username) == ("consult", officer.id, officer.username)
    assert event.occurred_at is not None


def test_a_case_list_records_every_case_it_disclosed(browser, db):
    officer = make_user("officer")
    shown = [make_case(officer).id for _ in range(3)]
    db.session.commit()
    browser.login(officer)
    browser.get("/cases/")
    listed = {e.case_id for e in events(db, record_type="case-list", user_id=officer.id)}
    assert listed == set(shown)


def test_a_refused_case_read_records_nothing_about_the_case(browser, db):
    outsider = make_user("officer")
    other = make_case(make_user("officer", team=make_team("Team Z")))
    db.session.commit()
    browser.login(outsider)
    assert browser.get(f"/cases/{other.id}").status_code == 404
    assert events(db, case_id=other.id) == []


def test_audit_event_is_written_in_the_same_transaction_as_the_change(db):
    """Roll back the change and its audit record goes with it."""
    officer = make_user("officer")
    db.session.commit()
    audit.record(AuditAction.ALTER, "case", 1, case_id=1, user=officer)
    db.session.rollback()
    assert events(db, case_id=1) == []


@pytest.mark.parametrize("statement", [
    "UPDATE audit_events SET username = 'someone-else'",
    "DELETE FROM audit_events",
])
def test_the_database_refuses_to_change_or_delete_audit_events(db, statement):
    officer = make_user("officer")
    audit.record(AuditAction.CONSULT, "case", 1, case_id=1, user=officer)
    db.session.commit()
    with pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(sa.text(statement))
        db.session.flush()
    db.session.rollback()
    assert [e.username for e in events(db, case_id=1)] == [officer.username]


def test_admin_searches_the_log_by_user_case_and_date(browser, db):
    admin = make_user("admin")
    officer = make_user("officer")
    a = make_case(officer)
    b = make_case(officer)
    db.session.commit()
    browser.login(officer)
    browser.get(f"/cases/{a.id}")
    browser.get(f"/cases/{b.id}")
    browser.login(admin)
    today = date.today()
    html = browser.get(f"/admin/audit?username={officer.username}&case_id={a.id}"
                       f"&date_from={today.day}&date_from={today.month}&date_from={today.year}"
                       ).get_data(as_text=True)
    assert f"case {a.id}" in html
    assert f"case {b.id}" not in html


def test_admin_search_explains_bad_input_by_the_field(browser, db):
    admin = make_user("admin")
    db.session.commit()
    browser.login(admin)
    html = browser.get("/admin/audit?case_id=abc&date_from=31&date_from=2&date_from=2026"
                       ).get_data(as_text=True)
    assert "There is a problem" in html
    assert 'id="case_id-error"' in html
    assert 'value="abc"' in html
    assert "From must be a real date" in html
    assert 'value="31"' in html  # what was typed is kept


def test_admin_exports_the_search_as_csv_and_the_export_is_itself_logged(browser, db):
    admin = make_user("admin")
    officer = make_user("officer")
    case = make_case(officer)
    db.session.commit()
    browser.login(officer)
    browser.get(f"/cases/{case.id}")
    browser.login(admin)
    response = browser.get(f"/admin/audit.csv?case_id={case.id}")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["username"], r["action"], r["record_type"]) for r in rows] == [
        (officer.username, "consult", "case")]
    [export] = events(db, record_type="audit-log", action="disclose")
    assert export.username == admin.username


def test_officers_cannot_read_the_audit_log(browser, db):
    officer = make_user("officer")
    db.session.commit()
    browser.login(officer)
    assert browser.get("/admin/audit").status_code == 403
    assert browser.get("/admin/audit.csv").status_code == 403
