"""Reading a victim's needs assessments, referrals and feedback: a page at a time or one by one, inside
the caller's scope, each read audited."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_team, make_user
from victimcare.cases import needs
from victimcare.models import AuditEvent
from victimcare.vcu import feedback


def assessed_and_referred(db, officer, count=3):
    case = make_case(officer)
    victim = case.victims[0]
    for day in range(count):
        needs.record_assessment(victim, by=officer, assessed_on=date(2026, 11, 3 + day), risk="medium",
                                support_needs="emotional,housing")
        needs.make_referral(case, victim, service_code="victim-support", referred_on=date(2026, 11, 3 + day),
                            by=officer)
    db.session.commit()
    return case, victim


@pytest.mark.parametrize("kind", ["needs-assessments", "referrals"])
def test_a_victims_records_page_by_cursor_and_the_read_is_audited(api_as, db, kind):
    officer = make_user("officer")
    case, victim = assessed_and_referred(db, officer)
    client = api_as(officer)
    url = f"/api/v1/cases/{case.id}/victims/{victim.id}/{kind}"
    first = client.get(url, query_string={"limit": 2})
    assert first.status_code == 200 and len(first.json["items"]) == 2
    second = client.get(url, query_string={"limit": 2, "cursor": first.json["next_cursor"]}).json
    assert second["next_cursor"] is None and len(second["items"]) == 1
    ids = [item["id"] for item in first.json["items"] + second["items"]]
    assert ids == sorted(ids) and len(set(ids)) == 3
    audited = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.record_type.endswith("-list"))).all()
    assert [(e.user_id, e.case_id, e.victim_id) for e in audited] == [(officer.id, case.id, victim.id)] * 2


def test_one_assessment_and_one_referral_with_an_etag(api_as, db):
    officer = make_user("officer")
    case, victim = assessed_and_referred(db, officer, count=1)
    client = api_as(make_user("vcu"))  # the Victim Care Unit reads them too, as on the web's victim page
    base = f"/api/v1/cases/{case.id}/victims/{victim.id}"
    assessment_id = client.get(f"{base}/needs-assessments").json["items"][0]["id"]
    one = client.get(f"{base}/needs-assessments/{assessment_id}")
    assert one.status_code == 200 and one.json["support_needs"] == ["emotional", "housing"]
    assert one.headers["ETag"] == f'"needs_assessments-{assessment_id}-v1"'
    referral_id = client.get(f"{base}/referrals").json["items"][0]["id"]
    referral = client.get(f"{base}/referrals/{referral_id}")
    assert referral.status_code == 200 and referral.json["service"] == "victim-support"
    assert referral.headers["ETag"].startswith(f'"referrals-{referral_id}-v')
    consulted = db.session.execute(sa.select(AuditEvent.record_type, AuditEvent.record_id).where(
        AuditEvent.record_type.in_(["needs-assessment", "referral"]), AuditEvent.action == "consult")).all()
    assert sorted(consulted) == [("needs-assessment", str(assessment_id)), ("referral", str(referral_id))]


def test_records_of_another_victim_or_case_are_not_found(api_as, db):
    officer = make_user("officer", team=make_team("Team A"))
    case, victim = assessed_and_referred(db, officer, count=1)
    other_case, other_victim = assessed_and_referred(db, make_user("officer", team=make_team("Team B")), count=1)
    client = api_as(officer)
    theirs = api_as(make_user("officer", team=make_team("Team B"))).get(
        f"/api/v1/cases/{other_case.id}/victims/{other_victim.id}/referrals").json["items"][0]["id"]
    # Another team's case, and a record of another victim reached through my own case.
    assert client.get(f"/api/v1/cases/{other_case.id}/victims/{other_victim.id}/referrals").status_code == 404
    assert client.get(f"/api/v1/cases/{case.id}/victims/{victim.id}/referrals/{theirs}").status_code == 404
    assert client.get(f"/api/v1/cases/{case.id}/victims/{other_victim.id}/needs-assessments").status_code == 404


def test_board_tokens_read_no_victim_records_and_bad_cursors_name_the_field(api_as, db):
    officer = make_user("officer")
    case, victim = assessed_and_referred(db, officer, count=1)
    url = f"/api/v1/cases/{case.id}/victims/{victim.id}/needs-assessments"
    assert api_as(make_user("board")).get(url).status_code == 403
    bad = api_as(officer).get(url, query_string={"cursor": "not-ours", "limit": 0})
    assert bad.status_code == 422 and set(bad.json["errors"]) == {"limit"}
    bad = api_as(officer).get(url, query_string={"cursor": "not-ours"})
    assert bad.status_code == 422 and list(bad.json["errors"]) == ["cursor"]


def test_the_victim_care_unit_reads_a_victims_feedback(api_as, db):
    officer = make_user("officer")
    case = make_case(officer)
    victim = case.victims[0]
    for day, answer in ((10, 2), (11, 7)):
        feedback.record_feedback(case, victim, stage="initial", surveyed_on=date(2026, 11, day),
                                 answers={"kept_informed": answer}, comments=None, consent_to_use=False, impacts={},
                                 source="phone", by=None)
    db.session.commit()
    url = f"/api/v1/cases/{case.id}/victims/{victim.id}/feedback"
    response = api_as(make_user("vcu")).get(url)
    assert response.status_code == 200
    assert [(f["answers"]["kept_informed"], f["service_recovery"]) for f in response.json["items"]] == [
        (2, False), (7, True)]
    assert api_as(officer).get(url).status_code == 403
    assert db.session.scalar(sa.select(AuditEvent.victim_id).where(AuditEvent.record_type == "feedback-list")) == \
        victim.id
