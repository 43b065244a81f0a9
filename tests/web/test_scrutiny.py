"""The Victims Scrutiny Panel: drawing samples, approving redacted packs, findings and actions, and above all
that no personal data reaches a Panel member by any route or format."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from tests.factories import make_case, make_team, make_user
from victimcare.cases import contracts, plan, updates
from victimcare.models import AuditEvent, ClosureStep, ScrutinyAction, ScrutinyFinding, ScrutinyPack, ScrutinySample
from victimcare.scrutiny import services as scrutiny

MONTH = date(2026, 10, 1)
FUTURE = date.today() + timedelta(days=30)


def closed_case(officer, *, closed_on=date(2026, 10, 15), **kwargs):
    case = make_case(officer, status="closed", reported_on=date(2026, 9, 1), **kwargs)
    case.closed_on = closed_on
    return case


def telling_case(officer, supervisor):
    """A closed case whose victim's details are also written into its free text, in other forms."""
    case = closed_case(officer)
    victim = case.victims[0]
    victim.name, victim.date_of_birth = "Angharad Pritchard-Bevan", date(1979, 2, 14)
    victim.address, victim.phone = "27 Llanwern Crescent, Newport NP19 4QX", "07911 234567"
    victim.email = "angharad.pb@example.net"
    contracts.record_contract(victim, by=officer, agreed_on=date(2026, 9, 2), methods="phone", wants_updates=True,
                              representative="Gethin Pritchard", frequency="28-days")
    contracts.add_what_matters(victim, category="safety", by=officer,
                               in_their_words="Angharad wants to feel safe at 27 Llanwern Crescent again")
    updates.record_event(case, stage="arrested", occurred_on=date(2026, 9, 3), by=officer,
                         notes="ANGHARAD rang from 07911234567 and emailed angharad.pb@example.net; "
                               "her brother Gethin says she was born 14/02/1979. Ref " + case.crime_reference)
    plan.add_action(case, what="Visit Mrs Pritchard-Bevan at NP19 4QX", who=officer.display_name, by_when=None,
                    what_matters_id=None)
    from victimcare.extensions import db
    db.session.add(ClosureStep(case_id=case.id, step="approved", by_id=supervisor.id,
                               reason="Bevan kept informed throughout"))
    db.session.flush()
    return case


PERSONAL = ("Angharad", "Pritchard", "Bevan", "Gethin", "Llanwern", "NP19", "07911", "234567", "angharad.pb",
            "14/02/1979", "14 February 1979", "1979-02-14")


@pytest.fixture
def world(db):
    team, other_team = make_team("Team A"), make_team("Team B")
    officer = make_user("officer", team=team)
    officer.display_name = "PC Dafydd Rowlands"
    supervisor = make_user("supervisor", team=team)
    other_supervisor = make_user("supervisor", team=other_team)
    board, admin = make_user("board"), make_user("admin")
    case = telling_case(officer, supervisor)
    db.session.commit()
    return {"officer": officer, "supervisor": supervisor, "other_supervisor": other_supervisor, "board": board,
            "admin": admin, "case": case, "team": team}


def draw(db, world, **kwargs) -> ScrutinySample:
    sample = scrutiny.draw_sample(month=MONTH, by=world["supervisor"], **kwargs)
    db.session.commit()
    return sample


def approve(db, world, pack):
    scrutiny.review_pack(pack, decision="approve", by=world["supervisor"])
    db.session.commit()


# --- drawing -----------------------------------------------------------------------------------------------


def test_a_supervisor_draws_a_sample_and_sees_its_seed(world, browser, db):
    browser.login(world["supervisor"])
    response = browser.submit("/scrutiny/samples/new", {"month": MONTH.isoformat(), "size": "10", "seed": "4242"},
                              follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Seed <strong>4242</strong>" in html and "Case 1" in html and "Waiting for approval" in html
    sample = db.session.scalar(sa.select(ScrutinySample))
    assert (sample.seed, sample.size, sample.candidates) == (4242, 10, 1)


def test_a_redraw_with_the_same_seed_gives_the_same_cases(world, db):
    for _ in range(30):
        closed_case(world["officer"])
    db.session.commit()
    first, second = draw(db, world, seed=99, size=5), draw(db, world, seed=99, size=5)
    other = draw(db, world, seed=100, size=5)
    assert [p.case_id for p in first.packs] == [p.case_id for p in second.packs]
    assert [p.case_id for p in first.packs] != [p.case_id for p in other.packs]


def test_without_a_seed_a_new_one_is_chosen_and_kept(world, db):
    sample = draw(db, world)
    assert 0 < sample.seed < 2**31


def test_the_sample_includes_an_enhanced_rights_and_a_domestic_abuse_case(world, db):
    officer = world["officer"]
    standard = [closed_case(officer, offence="theft") for _ in range(40)]  # adults, standard rights
    enhanced = closed_case(officer, offence="wounding-with-intent")
    domestic = closed_case(officer, offence="theft", domestic_abuse=True)
    for case in (*standard, domestic):
        for victim in case.victims:
            victim.enhanced_rights = False
    world["case"].victims[0].enhanced_rights = False
    db.session.commit()
    assert enhanced.victims[0].enhanced_rights
    for seed in range(1, 6):
        sampled = {p.case_id for p in draw(db, world, seed=seed, size=3).packs}
        assert {enhanced.id, domestic.id} <= sampled


def test_only_cases_closed_in_the_month_are_drawn(world, db):
    september = closed_case(world["officer"], closed_on=date(2026, 9, 30))
    db.session.commit()
    sample = draw(db, world, seed=1)
    assert [p.case_id for p in sample.packs] == [world["case"].id] and september.id not in sample.packs


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"month": MONTH.isoformat(), "size": "ten", "seed": ""}, "size", "The number of cases must be a whole number"),
    ({"month": MONTH.isoformat(), "size": "0", "seed": ""}, "size", "The number of cases must be a whole number"),
    ({"month": MONTH.isoformat(), "size": "10", "seed": "-3"}, "seed", "The seed must be a whole number"),
    ({"month": MONTH.isoformat(), "size": "10", "seed": "99999999999999"}, "seed", "The seed must be a whole number"),
    ({"month": "2026-13-01", "size": "10", "seed": ""}, "month", "Not a valid choice"),
    ({"month": "2026-08-01", "size": "10", "seed": ""}, "month", "No cases closed in August 2026"),
])
def test_bad_draws_are_explained_next_to_the_field(world, browser, db, data, field, message):
    browser.login(world["admin"])
    response = browser.submit("/scrutiny/samples/new", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in html and message in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ScrutinySample)) == 0


# --- redaction and approval --------------------------------------------------------------------------------


def test_every_personal_field_and_free_text_mention_is_redacted_in_the_pack(world, db):
    pack = draw(db, world, seed=7).packs[0]
    stored = repr(pack.content)
    for value in (*PERSONAL, world["case"].crime_reference, "Dafydd", "Rowlands"):
        assert value not in stored, value
    victim = pack.content["victims"][0]
    assert victim["label"] == "Victim A"
    assert victim["contract"]["representative"] == "Person 1"
    assert victim["what_matters"][0]["in_their_words"] == "Victim A wants to feel safe at [address removed] again"
    assert pack.content["key_stages"][0]["when"] == "day 2 after the report"
    assert "Person 1 says she was born [date of birth removed]. Ref Case 1" in pack.content["key_stages"][0]["notes"]
    assert pack.content["officer"] == "Officer 1" and pack.content["plan_actions"][0]["who"] == "Officer 1"


def test_the_supervisor_of_the_cases_team_approves_and_can_open_the_original(world, browser, db):
    pack = draw(db, world, seed=7).packs[0]
    browser.login(world["supervisor"])
    html = browser.get(f"/scrutiny/packs/{pack.id}").get_data(as_text=True)
    assert f'href="/cases/{pack.case_id}"' in html
    response = browser.submit(f"/scrutiny/packs/{pack.id}/review", {"decision": "approve", "version": pack.version},
                              page=f"/scrutiny/packs/{pack.id}", follow_redirects=True)
    assert "Approved: the Panel can now see this pack." in response.get_data(as_text=True)
    db.session.refresh(pack)
    assert pack.status == "approved" and pack.reviewed_by_id == world["supervisor"].id


def test_a_supervisor_of_another_team_cannot_see_or_approve_the_pack(world, browser, db):
    pack = draw(db, world, seed=7).packs[0]
    browser.login(world["other_supervisor"])
    assert browser.get(f"/scrutiny/packs/{pack.id}").status_code == 404
    assert browser.submit(f"/scrutiny/packs/{pack.id}/review", {"decision": "approve", "version": 1},
                          page="/scrutiny/").status_code == 404
    db.session.refresh(pack)
    assert pack.status == "draft"


def test_returning_needs_a_reason_next_to_the_field(world, browser, db):
    pack = draw(db, world, seed=7).packs[0]
    browser.login(world["supervisor"])
    response = browser.submit(f"/scrutiny/packs/{pack.id}/review", {"decision": "return", "version": pack.version},
                              page=f"/scrutiny/packs/{pack.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="reason-error"' in html and "Say what is wrong with the pack" in html


def test_a_returned_pack_is_redacted_again_with_the_words_the_supervisor_adds(world, browser, db):
    case = world["case"]
    updates.record_event(case, stage="charged", occurred_on=date(2026, 9, 20), by=world["officer"],
                         notes="Suspect known locally as Big Mo")
    db.session.commit()
    pack = draw(db, world, seed=7).packs[0]
    assert "Big Mo" in repr(pack.content)
    browser.login(world["supervisor"])
    browser.submit(f"/scrutiny/packs/{pack.id}/review",
                   {"decision": "return", "reason": "Suspect's nickname", "extra_terms": "Big Mo\n",
                    "version": pack.version}, page=f"/scrutiny/packs/{pack.id}")
    db.session.refresh(pack)
    assert pack.status == "returned"
    browser.submit(f"/scrutiny/packs/{pack.id}/redact", {"version": pack.version}, page=f"/scrutiny/packs/{pack.id}")
    db.session.refresh(pack)
    assert pack.status == "draft"
    assert "Big Mo" not in repr(pack.content) and "known locally as Person 2" in repr(pack.content)


def test_a_stale_approval_is_refused_with_a_clear_message(world, browser, db):
    pack = draw(db, world, seed=7).packs[0]
    stale = pack.version
    scrutiny.review_pack(pack, decision="return", reason="Check", by=world["supervisor"])
    scrutiny.redact_again(pack, by=world["supervisor"])
    db.session.commit()
    browser.login(world["supervisor"])
    response = browser.submit(f"/scrutiny/packs/{pack.id}/review", {"decision": "approve", "version": stale},
                              page=f"/scrutiny/packs/{pack.id}")
    assert "Someone else changed this pack" in response.get_data(as_text=True)
    db.session.refresh(pack)
    assert pack.status == "draft"


def test_later_changes_to_the_case_never_reach_an_approved_pack(world, db):
    pack = draw(db, world, seed=7).packs[0]
    approve(db, world, pack)
    before = pack.content
    world["case"].victims[0].name = "Someone Else"
    updates.record_event(world["case"], stage="charged", occurred_on=date(2026, 9, 20), by=world["officer"],
                         notes="Lives at 9 New Road")
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(ScrutinyPack, pack.id).content == before


# --- what a Panel member can reach -------------------------------------------------------------------------


def test_a_panel_member_gets_404_for_a_pack_not_yet_approved(world, browser, db):
    pack = draw(db, world, seed=7).packs[0]
    browser.login(world["board"])
    assert browser.get(f"/scrutiny/packs/{pack.id}").status_code == 404
    assert browser.get(f"/scrutiny/packs/{pack.id}/pack.pdf").status_code == 404
    assert "Case 1" not in browser.get(f"/scrutiny/samples/{pack.sample_id}").get_data(as_text=True)
    scrutiny.review_pack(pack, decision="return", reason="x", by=world["supervisor"])
    db.session.commit()
    assert browser.get(f"/scrutiny/packs/{pack.id}").status_code == 404


def test_no_personal_data_reaches_a_panel_member_on_any_page_or_in_the_pdf(world, browser, db):
    pack = draw(db, world, seed=7).packs[0]
    approve(db, world, pack)
    finding = scrutiny.record_finding(pack, kind="concern", comment="Late update", by=world["board"])
    action = scrutiny.add_action(pack, owner_team_id=world["team"].id, description="Brief the team", due_on=FUTURE,
                                 by=world["board"])
    scrutiny.close_action(action, note="Briefed", by=world["supervisor"])
    db.session.commit()
    browser.login(world["board"])
    pages = {url: browser.get(url) for url in (
        "/scrutiny/", f"/scrutiny/samples/{pack.sample_id}", f"/scrutiny/packs/{pack.id}",
        "/scrutiny/actions?status=done",
        f"/scrutiny/actions/{action.id}", f"/scrutiny/packs/{pack.id}/pack.pdf")}
    assert all(r.status_code == 200 for r in pages.values()), {u: r.status_code for u, r in pages.items()}
    texts = {url: r.get_data(as_text=True) for url, r in pages.items() if not url.endswith(".pdf")}
    pdf = pages[f"/scrutiny/packs/{pack.id}/pack.pdf"]
    assert pdf.mimetype == "application/pdf"
    texts["pdf"] = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Victim A" in texts["pdf"] and "day 2 after the report" in texts["pdf"]
    assert "Late update" in texts[f"/scrutiny/packs/{pack.id}"] and finding.id
    case = world["case"]
    for where, text in texts.items():
        flat = re.sub(r"\s+", " ", text)
        for value in (*PERSONAL, case.crime_reference, "Dafydd", "Rowlands", world["supervisor"].display_name):
            assert value not in flat, f"{value} in {where}"
        assert f"/cases/{case.id}" not in flat, f"link to the original case in {where}"


def test_every_pack_view_is_audited_with_the_case(world, browser, db):
    pack = draw(db, world, seed=7).packs[0]
    consulted = db.session.scalars(sa.select(AuditEvent.record_type).where(
        AuditEvent.case_id == world["case"].id, AuditEvent.action == "consult")).all()
    assert "case" in consulted  # the draw read the original case
    approve(db, world, pack)
    browser.login(world["board"])
    browser.get(f"/scrutiny/packs/{pack.id}")
    browser.get(f"/scrutiny/packs/{pack.id}/pack.pdf")
    events = db.session.execute(sa.select(AuditEvent.action, AuditEvent.username, AuditEvent.recipients).where(
        AuditEvent.record_type == "scrutiny-pack", AuditEvent.case_id == world["case"].id)).all()
    assert ("consult", world["board"].username, None) in events
    assert ("disclose", world["board"].username, "Victims' Board member") in events
    assert ("disclose", world["supervisor"].username, "Victims Scrutiny Panel") in events


# --- findings and actions ----------------------------------------------------------------------------------


def test_panel_records_findings_and_actions_and_the_team_closes_them(world, browser, db):
    pack = draw(db, world, seed=7).packs[0]
    approve(db, world, pack)
    browser.login(world["board"])
    page = f"/scrutiny/packs/{pack.id}"
    browser.submit(f"{page}/findings", {"kind": "good-practice", "comment": "Contract agreed the next day"}, page=page)
    browser.submit(f"{page}/actions", {"owner_team": str(world["team"].id), "description": "Remind officers of VPS",
                                       "due_on": [str(FUTURE.day), str(FUTURE.month), str(FUTURE.year)]}, page=page)
    finding = db.session.scalar(sa.select(ScrutinyFinding))
    action = db.session.scalar(sa.select(ScrutinyAction))
    assert (finding.kind, finding.by_id) == ("good-practice", world["board"].id)
    assert (action.owner_team_id, action.status, action.due_on) == (world["team"].id, "open", FUTURE)

    browser.login(world["officer"])
    assert "Remind officers of VPS" in browser.get("/scrutiny/actions").get_data(as_text=True)
    assert browser.submit(f"/scrutiny/actions/{action.id}", {"note": "Done", "version": action.version},
                          page="/scrutiny/actions").status_code == 403
    browser.login(world["other_supervisor"])
    assert "Remind officers of VPS" not in browser.get("/scrutiny/actions").get_data(as_text=True)
    assert browser.get(f"/scrutiny/actions/{action.id}").status_code == 404

    browser.login(world["supervisor"])
    response = browser.submit(f"/scrutiny/actions/{action.id}", {"note": "", "version": action.version})
    assert 'id="note-error"' in response.get_data(as_text=True)
    browser.submit(f"/scrutiny/actions/{action.id}", {"note": "Briefed at parade", "version": action.version})
    db.session.refresh(action)
    assert (action.status, action.closing_note, action.closed_by_id) == ("done", "Briefed at parade",
                                                                         world["supervisor"].id)


def test_the_note_closing_an_action_is_redacted_as_the_pack_is(world, browser, db):
    """The Panel reads what the team did; a team naturally names the victim it called or the officer it briefed."""
    pack = draw(db, world, seed=7).packs[0]
    approve(db, world, pack)
    action = scrutiny.add_action(pack, owner_team_id=world["team"].id, description="Apologise", due_on=FUTURE,
                                 by=world["board"])
    db.session.commit()
    browser.login(world["supervisor"])
    browser.submit(f"/scrutiny/actions/{action.id}", {
        "note": "PC Dafydd Rowlands rang Angharad on 07911 234567 and wrote to 27 Llanwern Crescent",
        "version": action.version})
    db.session.refresh(action)
    assert action.status == "done"
    assert action.closing_note == "Officer 1 rang Victim A on [phone removed] and wrote to [address removed]"
    browser.login(world["board"])
    html = browser.get(f"/scrutiny/actions/{action.id}").get_data(as_text=True)
    assert "Victim A" in html and not any(value in html for value in (*PERSONAL, "Dafydd", "Rowlands"))


def test_a_stale_close_is_refused_and_the_note_kept(world, browser, db):
    pack = draw(db, world, seed=7).packs[0]
    approve(db, world, pack)
    action = scrutiny.add_action(pack, owner_team_id=world["team"].id, description="Brief", due_on=FUTURE,
                                 by=world["board"])
    db.session.commit()
    stale = action.version
    action.description = "Brief the whole team"
    db.session.commit()
    browser.login(world["supervisor"])
    response = browser.submit(f"/scrutiny/actions/{action.id}", {"note": "My careful note", "version": stale})
    html = response.get_data(as_text=True)
    assert "Someone else changed this action" in html and "My careful note" in html
    db.session.refresh(action)
    assert action.status == "open"


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"kind": "", "comment": "x"}, "kind", "Choose the kind of finding"),
    ({"kind": "concern", "comment": ""}, "comment", "Enter the Panel&#39;s comment"),
    ({"kind": "nonsense", "comment": "x"}, "kind", "Not a valid choice"),
])
def test_bad_findings_are_explained_next_to_the_field(world, browser, db, data, field, message):
    pack = draw(db, world, seed=7).packs[0]
    approve(db, world, pack)
    browser.login(world["board"])
    response = browser.submit(f"/scrutiny/packs/{pack.id}/findings", data, page=f"/scrutiny/packs/{pack.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and f'id="{field}-error"' in html and message in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ScrutinyFinding)) == 0


def test_an_action_due_in_the_past_is_refused(world, browser, db):
    pack = draw(db, world, seed=7).packs[0]
    approve(db, world, pack)
    browser.login(world["board"])
    response = browser.submit(f"/scrutiny/packs/{pack.id}/actions",
                              {"owner_team": str(world["team"].id), "description": "x", "due_on": ["1", "1", "2020"]},
                              page=f"/scrutiny/packs/{pack.id}")
    assert "Due by must be today or in the future" in response.get_data(as_text=True)


def test_findings_summary_counts_findings_and_actions_for_the_board_report(world, db):
    pack = draw(db, world, seed=7).packs[0]
    approve(db, world, pack)
    for kind in ("concern", "concern", "good-practice"):
        scrutiny.record_finding(pack, kind=kind, comment="c", by=world["board"])
    done = scrutiny.add_action(pack, owner_team_id=world["team"].id, description="a", due_on=FUTURE, by=world["board"])
    scrutiny.add_action(pack, owner_team_id=world["team"].id, description="b", due_on=date(2026, 11, 1),
                        by=world["board"])
    scrutiny.add_action(pack, owner_team_id=world["team"].id, description="c", due_on=FUTURE, by=world["board"])
    scrutiny.close_action(done, note="n", by=world["supervisor"])
    db.session.commit()
    summary = scrutiny.findings_summary(date(2026, 10, 1), date(2026, 12, 31), today=date(2026, 11, 15))
    assert summary.findings == {"good-practice": 1, "improvement": 0, "concern": 2}
    assert (summary.samples, summary.cases_reviewed) == (1, 1)
    assert (summary.actions_open, summary.actions_done, summary.actions_overdue) == (2, 1, 1)
    assert scrutiny.findings_summary(date(2026, 11, 1), date(2026, 12, 31)).findings["concern"] == 0


def test_the_board_report_summarises_findings_and_actions_through_disclosure_control(world, browser, db):
    pack = draw(db, world, seed=7).packs[0]
    approve(db, world, pack)
    for n in range(12):
        scrutiny.record_finding(pack, kind="good-practice", comment=f"Private remark {n}", by=world["board"])
    for kind in ("concern", "concern"):
        scrutiny.record_finding(pack, kind=kind, comment="Private remark", by=world["board"])
    scrutiny.add_action(pack, owner_team_id=world["team"].id, description="Private action", due_on=FUTURE,
                        by=world["board"])
    db.session.commit()
    browser.login(world["board"])
    period = "start=1&start=10&start=2026&end=31&end=12&end=2026"
    html = browser.get(f"/board/report?{period}").get_data(as_text=True)
    findings = html.split("Scrutiny Panel findings on the sampled cases")[1].split("</table>")[0]
    good = re.findall(r'numeric">(.*?)</td>', findings.split("Good practice")[1].split("</tr>")[0])
    concern = re.findall(r'numeric">(.*?)</td>', findings.split("Concern")[1].split("</tr>")[0])
    assert good[0] == "12"  # published and true
    assert concern[0] == "&lt;10"  # 2 concerns: withheld, and so is enough else that 2 cannot be worked out
    assert "Private remark" not in html and "Private action" not in html
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(browser.get(f"/board/report?{period}&format=csv").data))
    rows = archive.read("scrutiny-findings.csv").decode().splitlines()
    assert any(",Good practice,Findings,12," in row for row in rows)
    assert not any(",Concern,Findings,2," in row for row in rows)


@pytest.mark.parametrize("page", ["/scrutiny/", "/scrutiny/actions", "/scrutiny/samples/{sample}"])
def test_lists_cost_the_same_for_one_sample_and_many(world, browser, db, page):
    from tests.web.test_query_counts import count_queries

    for _ in range(5):
        closed_case(world["officer"])
    db.session.commit()
    counts = []
    for draws in (1, 4):
        samples = [draw(db, world, seed=n) for n in range(draws)]
        for sample in samples:
            for pack in sample.packs:
                approve(db, world, pack)
                scrutiny.add_action(pack, owner_team_id=world["team"].id, description="a", due_on=FUTURE,
                                    by=world["board"])
        db.session.commit()
        browser.login(world["board"])
        url = page.format(sample=samples[-1].id)
        browser.get(url)
        with count_queries() as statements:
            assert browser.get(url).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts
