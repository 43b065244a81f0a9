"""The Victims' Board report: Code compliance and satisfaction, protected against disclosure."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from html import unescape

import sqlalchemy as sa

from tests.factories import make_case, make_user
from victimcare.cases import contracts
from victimcare.vcu.feedback import record_feedback

PERIOD = "start=1&start=11&start=2026&end=30&end=11&end=2026"


def test_compliance_counts_by_area_with_small_cells_hidden(browser, db):
    board = make_user("board")
    officer = make_user("officer")
    newport = [make_case(officer, area="Newport", reported_on=date(2026, 11, 2)) for _ in range(30)]
    caerphilly = [make_case(officer, area="Caerphilly", reported_on=date(2026, 11, 2)) for _ in range(40)]
    torfaen = [make_case(officer, area="Torfaen", reported_on=date(2026, 11, 2)) for _ in range(3)]
    make_case(officer, area="Newport", reported_on=date(2026, 10, 2))  # outside the period
    for case in newport[:20] + caerphilly[:25] + torfaen[:1]:
        contracts.record_contract(case.victims[0], by=officer, agreed_on=date(2026, 11, 2), wants_updates=True,
                                  methods="phone", frequency="28-days", referral_consent="given")
    db.session.commit()
    browser.login(board)
    html = unescape(browser.get(f"/board/report?{PERIOD}&breakdown=area").get_data(as_text=True))
    section = html.split("Victims with a contract agreed")[1].split("</table>")[0]
    assert "Newport" in section and "Torfaen" in section
    true_counts = {"Newport": ("20", "30"), "Caerphilly": ("25", "40"), "Torfaen": ("1", "3"), "All": ("46", "73")}
    published = {}
    for area, (met, total) in true_counts.items():
        row = section.split(f">{area}<")[1].split("</tr>")[0]
        shown = re.findall(r'numeric">(.*?)</td>', row)
        for cell, true in zip(shown[:2], (met, total)):
            # A number shown is the true one; "<10" is said only of a count below 10; any other is "hidden".
            assert cell == true or (cell == "<10" and int(true) < 10) or (cell == "hidden" and int(true) >= 10)
        published[area] = shown
    assert published["Torfaen"][:2] == ["<10", "<10"]  # 1 of 3 is never shown
    assert any(row[0] not in ("<10", "hidden") for row in published.values())  # but the report is not all hidden
    for case in newport + torfaen:
        assert case.crime_reference not in html and case.victims[0].name not in html


def test_satisfaction_with_intervals_and_no_publication_on_few_answers(browser, db):
    board = make_user("board")
    officer = make_user("officer")
    for n in range(30):
        case = make_case(officer)
        record_feedback(case, case.victims[0], stage="survey", surveyed_on=date(2026, 11, 10),
                        answers={"kept_informed": 2 if n < 15 else 6, "treatment": 1 if n < 5 else None},
                        comments="Private words", consent_to_use=False, impacts={}, source="import", by=None)
    db.session.commit()
    browser.login(board)
    html = unescape(browser.get(f"/board/report?{PERIOD}").get_data(as_text=True))
    kept = html.split("Kept informed")[1].split("</tr>")[0]
    assert ">30<" in kept and "50%" in kept and "33% to 67%" in kept
    treatment = html.split("Treatment")[1].split("</tr>")[0]
    assert "Too few answers to publish" in treatment
    assert "Private words" not in html


def test_a_bad_period_is_explained(browser, db):
    board = make_user("board")
    db.session.commit()
    browser.login(board)
    html = browser.get("/board/report?start=1&start=12&start=2026&end=1&end=11&end=2026").get_data(as_text=True)
    assert "The last day must be on or after the first day" in html
    html = browser.get("/board/report?start=31&start=2&start=2026&end=&end=&end=").get_data(as_text=True)
    assert "From must be a real date" in html and "Enter the last day of the period" in html


def test_the_default_report_is_the_last_full_quarter(browser, db):
    board = make_user("board")
    db.session.commit()
    browser.login(board)
    from datetime import timedelta

    today = date.today()
    quarter_end = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1) - timedelta(days=1)
    quarter_start = quarter_end.replace(month=quarter_end.month - 2, day=1)
    html = unescape(browser.get("/board/report").get_data(as_text=True))
    expected = f"{quarter_start.day} {quarter_start:%B %Y} to {quarter_end.day} {quarter_end:%B %Y}"
    assert f"Keeping the Victims' Code: {expected}" in html


def test_the_csv_download_carries_the_same_protected_figures_and_no_personal_data(browser, db):
    import csv
    import io
    import zipfile

    board = make_user("board")
    officer = make_user("officer")
    sizes = {"Newport": 30, "Caerphilly": 25, "Torfaen": 1}
    cases = [make_case(officer, area=area, reported_on=date(2026, 11, 2))
             for area, size in sizes.items() for _ in range(size)]
    db.session.commit()
    browser.login(board)
    response = browser.get(f"/board/report?{PERIOD}&breakdown=area&format=csv")
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert "satisfaction.csv" in archive.namelist() and "contract.csv" in archive.namelist()
    rows = list(csv.DictReader(io.StringIO(archive.read("needs.csv").decode())))
    by_area = {row["category"]: row for row in rows}
    assert by_area["Torfaen"]["total"] == ""  # 1 victim: withheld
    for area, size in sizes.items():
        assert by_area[area]["total"] in ("", str(size))  # what is published is true
    assert any(by_area[area]["total"] for area in sizes)  # and not everything is withheld
    everything = "".join(archive.read(name).decode() for name in archive.namelist())
    for case in cases:
        assert case.crime_reference not in everything and case.victims[0].name not in everything


def test_the_pdf_has_a_title_page_contents_page_numbers_and_no_personal_data(browser, db):
    from pypdf import PdfReader

    board = make_user("board")
    officer = make_user("officer")
    cases = [make_case(officer, area="Newport", reported_on=date(2026, 11, 2)) for _ in range(15)]
    db.session.commit()
    browser.login(board)
    response = browser.get(f"/board/report?{PERIOD}&format=pdf")
    assert response.mimetype == "application/pdf"
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages]
    assert len(pages) >= 3
    assert "Keeping the Victims' Code" in pages[0] and "Contents" in pages[0]
    assert "Page 2 of" in pages[1]
    text = "".join(pages)
    for case in cases:
        assert case.crime_reference not in text and case.victims[0].name not in text


def test_every_breakdown_renders_on_both_databases(browser, db):
    from victimcare.cases import updates

    board = make_user("board")
    officer = make_user("officer")
    for n in range(25):
        case = make_case(officer, reported_on=date(2026, 11, 2) if n % 2 else date(2026, 10, 5),
                         offence="theft" if n % 3 else "assault-without-injury")
        updates.record_event(case, stage="arrested", occurred_on=case.reported_on, notes=None, by=officer)
    db.session.commit()
    browser.login(board)
    period = "start=1&start=10&start=2026&end=30&end=11&end=2026"
    for breakdown, expected in (("month", "October 2026"), ("offence", "Theft offences"), ("sex", "Not recorded"),
                                ("ethnicity", "Not recorded"), ("disability", "Not recorded"),
                                ("rights", "Standard"), ("area", "Newport")):
        html = browser.get(f"/board/report?{period}&breakdown={breakdown}").get_data(as_text=True)
        assert expected in html, breakdown


def test_needs_met_by_category_is_protected_as_a_whole_table(browser, db):
    from victimcare.models import WhatMatters

    board = make_user("board")
    officer = make_user("officer")
    for n in range(40):
        case = make_case(officer, status="closed")
        case.closed_on = date(2026, 11, 20)
        item = contracts.add_what_matters(case.victims[0], category="justice" if n < 30 else "safety",
                                          in_their_words="Secret words", by=officer)
        item.outcome = "met" if n < 25 else "not-met"
    db.session.commit()
    assert db.session.query(WhatMatters).count() == 40
    browser.login(board)
    html = unescape(browser.get(f"/board/report?{PERIOD}").get_data(as_text=True))
    section = html.split('<table class="govuk-table" id="needs-met-1">')[1].split("</table>")[0]
    justice = section.split("The offender caught and brought to justice")[1].split("</tr>")[0]
    shown = re.findall(r'numeric">(.*?)</td>', justice)
    assert shown[0] in ("25", "hidden") and shown[2] == "<10"  # 5 not met: withheld as below 10
    assert shown[-1] == "30"  # the row total is published and true
    assert "Secret words" not in html


def _build(breakdown="area", start=date(2026, 11, 1), end=date(2026, 11, 30)):
    from victimcare.reports import board, measures

    return board.build(measures.Period(start, end), breakdown=breakdown, threshold=10, today=date(2026, 12, 15))


def _row(report, key, category="All"):
    table = next(t for t in [*report.tables, *report.trends.values()] if t.key == key)
    return next(row for row in table.rows() if row["category"] == category)


def _counted(report, key, category="All") -> tuple[str, str]:
    """A measure's (met, total) as counted, before disclosure control (which its own tests check): a
    rate with fewer than 10 not meeting it is withheld, so what is published says little about counting."""
    table = next(t for t in [*report.tables, *report.trends.values()] if t.key == key)
    r = [*table.categories, "All"].index(category)
    return f"{table.met.counts[r][0]:,}", f"{table.total.counts[r][0]:,}"


def test_every_measure_sits_beside_the_previous_period(db):
    officer = make_user("officer")
    for n in range(22):
        case = make_case(officer, reported_on=date(2026, 10, 5))  # the previous period of November
        if n < 11:  # 11 met and 11 not: each large enough to publish
            contracts.record_contract(case.victims[0], by=officer, agreed_on=date(2026, 10, 5), wants_updates=True,
                                      methods="phone", frequency="28-days", referral_consent="given")
    for _ in range(20):
        make_case(officer, reported_on=date(2026, 11, 5))
    db.session.commit()
    row = _row(_build(), "contract")
    assert (row["met"], row["total"], row["before_met"], row["before_total"]) == ("<10", "20", "11", "22")
    assert row["percent"] == "–" and row["before_percent"] == "50%"
    newport = _row(_build(), "contract", "Newport")
    assert newport["before_total"] == "22"  # the same category, the previous period
    by_month = _build("month")
    assert _row(by_month, "contract", "November 2026")["before_total"] == "–"  # other months: no pairing
    assert _row(by_month, "contract")["before_total"] == "22"


def test_age_bands_break_the_measures_down(db):
    officer = make_user("officer")
    for n in range(25):
        case = make_case(officer, reported_on=date(2026, 11, 5))
        case.victims[0].date_of_birth = None if n < 3 else date(2010, 11, 6) if n < 15 else date(1990, 1, 1)
    db.session.commit()
    report = _build("age")
    table = next(t for t in report.tables if t.key == "contract")
    assert table.categories == ["Under 18", "35 to 44", "Not known"]
    assert _counted(report, "contract", "Under 18")[1] == "12"
    assert _row(report, "contract", "Not known")["total"] == "<10"


def test_vps_taken_up_closures_and_the_vcu_are_counted(db):
    from victimcare.models import ClosureStep, FollowUp, NeedsAssessment, SupportOffer, WhatMatters

    officer = make_user("officer")
    supervisor = make_user("supervisor")
    for n in range(30):
        case = make_case(officer, reported_on=date(2026, 11, 3), status="closed")
        victim = case.victims[0]
        case.closed_on = date(2026, 11, 20)
        db.session.add(NeedsAssessment(victim_id=victim.id, assessed_on=date(2026, 11, 3), risk="standard",
                                       vps_offered_on=date(2026, 11, 3) if n < 24 else None,
                                       vps_taken="taken" if n < 14 else "declined" if n < 24 else "not-offered",
                                       recorded_by_id=officer.id))
        db.session.add(WhatMatters(victim_id=victim.id, category="safety", in_their_words="Private",
                                   recorded_by_id=officer.id, outcome="met" if n < 26 else None))
        db.session.add(ClosureStep(case_id=case.id, step="approved", by_id=supervisor.id))
        if n < 12:
            db.session.add(ClosureStep(case_id=case.id, step="returned", reason="Do more", by_id=supervisor.id))
        follow_up = FollowUp(case_id=case.id, victim_id=victim.id, area=case.area, offence_category="Theft",
                             due_on=date(2026, 11, 10), status="done" if n < 25 else "open",
                             completed_on=date(2026, 11, 10) if n < 13 else date(2026, 11, 12) if n < 25 else None,
                             letter_sent_on=date(2026, 11, 11) if 13 <= n < 25 else None)
        db.session.add(follow_up)
        db.session.flush()
        if n < 25:
            db.session.add(SupportOffer(follow_up_id=follow_up.id, need="housing", accepted=n < 11))
    db.session.commit()
    report = _build()
    expected = {"vps": ("24", "30"), "vps-taken": ("14", "24"), "closures-assessed": ("26", "30"),
                "closures-reviewed": ("30", "30"), "closures-returned": ("12", "30"),
                "vcu-follow-ups-done": ("25", "30"), "vcu-follow-ups-on-time": ("13", "30"),
                "vcu-letters": ("12", "30"), "vcu-support-taken-up": ("11", "25")}
    for key, (met, total) in expected.items():
        assert _counted(report, key) == (met, total), key
    # Published whole only where at least 10 did not meet the measure as well (else "not met" = total - met).
    assert (_row(report, "vps-taken")["met"], _row(report, "vps-taken")["total"]) == ("14", "24")
    assert _row(report, "closures-reviewed")["met"] == "hidden" and _row(report, "closures-reviewed")["percent"] == "–"


def test_partner_agencies_impact_is_a_protected_cross_table(db):
    from victimcare.models import AgencyImpact

    officer = make_user("officer")
    for n in range(30):
        case = make_case(officer)
        feedback = record_feedback(case, case.victims[0], stage="survey", surveyed_on=date(2026, 11, 10),
                                   answers={"whole_experience": 2}, comments=None, consent_to_use=False,
                                   impacts={}, source="import", by=None)
        db.session.add(AgencyImpact(feedback_id=feedback.id, service_code="victim-support",
                                    impact="positive" if n < 22 else "negative", comment="Private"))
    db.session.commit()
    cross = _build().cross("partner-agencies")
    row = cross.rows.index("Victim Support")
    assert cross.table.shown(row, 0) == "22" and cross.table.shown(row, 2) == "<10"
    assert cross.table.shown(row, 1) == "<10"  # a 0 next to it is hidden too, or the 8 follows from the total
    satisfied = _row(_build(), "satisfaction-whole-experience", "November 2026")
    assert satisfied["percent"] == "–"  # all 30 satisfied: 0 not satisfied is below the threshold
    assert _counted(_build(), "satisfaction-whole-experience", "November 2026") == ("30", "30")


def test_bad_breakdowns_are_explained_not_failed(browser, db):
    board = make_user("board")
    db.session.commit()
    browser.login(board)
    response = browser.get(f"/board/report?{PERIOD}&breakdown=postcode")
    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)
    response = browser.get("/board/report?start=x&start=y&start=z&end=1&end=13&end=2026&breakdown=age")
    assert response.status_code == 200 and "must be a real date" in response.get_data(as_text=True)


def test_referred_on_time_or_refusal_recorded(db):
    from victimcare.cases import needs

    officer = make_user("officer")
    cases = [make_case(officer, reported_on=date(2026, 11, 5)) for _ in range(30)]  # a Thursday: due Monday 9th
    for n, case in enumerate(cases):
        victim = case.victims[0]
        consent = "refused" if n >= 26 else "given"
        contracts.record_contract(victim, by=officer, agreed_on=date(2026, 11, 5), wants_updates=True,
                                  methods="phone", frequency="28-days", referral_consent=consent)
        if n < 12:
            needs.make_referral(case, victim, service_code="victim-support", referred_on=date(2026, 11, 9), by=officer)
        elif n < 20:
            needs.make_referral(case, victim, service_code="victim-support", referred_on=date(2026, 11, 10),
                                by=officer)
    db.session.commit()
    assert cases[0].referral_due_on == date(2026, 11, 9)
    row = _row(_build(), "referred")
    assert (row["met"], row["total"], row["percent"]) == ("16", "30", "53%")  # 12 on time + 4 refusals


def test_right_to_review_on_no_further_action_is_counted(db):
    from victimcare.cases import updates

    officer = make_user("officer")
    for n in range(25):
        case = make_case(officer, reported_on=date(2026, 10, 20))
        _, [update] = updates.record_event(case, stage="no-further-action", occurred_on=date(2026, 11, 2), notes=None,
                                           by=officer)
        if n < 20:
            updates.give_update(update, given_on=date(2026, 11, 3), method="phone", what_was_said="NFA",
                                victims_views="None", progress={}, by=officer, told_right_to_review=n < 14)
        _, [other] = updates.record_event(case, stage="arrested", occurred_on=date(2026, 11, 2), notes=None,
                                          by=officer)
    db.session.commit()
    row = _row(_build(), "right-to-review")
    assert (row["met"], row["total"]) == ("14", "25")  # arrests are not counted; an NFA update not given is not told


def test_a_supervisor_records_complaints_and_the_board_sees_only_counts(app, browser, db):
    from tests.conftest import Browser
    from victimcare.models import AuditEvent, Complaint

    supervisor = make_user("supervisor")
    officer = make_user("officer")
    board = make_user("board")
    cases = [make_case(officer, reported_on=date(2026, 10, 1)) for _ in range(14)]
    db.session.commit()
    browser.login(supervisor)
    html = browser.submit(f"/cases/{cases[0].id}/complaints/new", {"notes": "x"}).get_data(as_text=True)
    assert "Select what it was about" in html and "Enter the date it was received" in html
    for n, case in enumerate(cases):
        response = browser.submit(f"/cases/{case.id}/complaints/new", {
            "received_on": ["10", "11", "2026"], "about": "not-kept-informed" if n < 12 else "delay",
            "outcome": "upheld" if n < 11 else "open", "notes": "Complainant Secret-Notes"})
        assert response.status_code == 302
    assert db.session.query(Complaint).count() == 14
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)
                             .where(AuditEvent.record_type == "complaint")) == 14
    case_page = browser.get(f"/cases/{cases[0].id}").get_data(as_text=True)
    assert "Complainant Secret-Notes" in case_page and "Record a complaint" in case_page
    officer_browser = Browser(app)
    officer_browser.login(officer)
    officer_page = officer_browser.get(f"/cases/{cases[0].id}").get_data(as_text=True)
    assert "Not kept informed" in officer_page and "Record a complaint" not in officer_page
    cross = _build().cross("complaints")
    row = cross.rows.index("Not kept informed")
    assert cross.table.counts[row][0] == 11 and cross.table.counts[row][len(cross.columns)] == 12  # the true counts
    assert cross.table.shown(row, 0) in ("11", "hidden") and cross.table.shown(row, len(cross.columns)) in ("12", "hidden")
    assert cross.table.shown(len(cross.rows), len(cross.columns)) == "14"  # the grand total is published
    board_browser = Browser(app)
    board_browser.login(board)
    page = board_browser.get(f"/board/report?{PERIOD}").get_data(as_text=True)
    assert "Complaints received" in page and "Secret-Notes" not in page


def test_lesson_themes_are_counted_and_the_lessons_never_shown(browser, db):
    from victimcare.models import ServiceRecovery
    from victimcare.vcu.feedback import complete_recovery

    supervisor = make_user("supervisor")
    officer = make_user("officer")
    board = make_user("board")
    for n in range(24):
        case = make_case(officer)
        record_feedback(case, case.victims[0], stage="survey", surveyed_on=date(2026, 11, 10),
                        answers={"kept_informed": 7}, comments=None, consent_to_use=False, impacts={}, source="import",
                        by=None)
    recoveries = db.session.scalars(sa.select(ServiceRecovery).order_by(ServiceRecovery.id)).all()
    for n, item in enumerate(recoveries[:20]):
        complete_recovery(item, what_was_done="Rang back", lessons_learnt="Lesson-Text-Private",
                          lesson_theme="communication" if n < 12 else "timeliness" if n < 17 else "attitude",
                          by=supervisor)
    db.session.commit()
    report = _build()
    assert _counted(report, "service-recovery-closed") == ("20", "24")
    assert _row(report, "service-recovery-closed")["met"] == "hidden"  # 4 still open would be 24 - 20
    themes = report.cross("lesson-themes")
    assert themes.table.shown(themes.rows.index("Communication"), 0) == "12"
    assert themes.table.shown(themes.rows.index("Timeliness"), 0) == "<10"  # 5, and 3 beside it: both hidden
    assert themes.table.shown(len(themes.rows), 0) == "20"
    browser.login(board)
    for text in _all_formats(browser, PERIOD):
        assert "Lesson-Text-Private" not in text and "Rang back" not in text


def _all_formats(browser, query: str) -> list[str]:
    """The report's text as a web page, in its CSV files and in its PDF."""
    from pypdf import PdfReader

    page = unescape(browser.get(f"/board/report?{query}").get_data(as_text=True))
    archive = zipfile.ZipFile(io.BytesIO(browser.get(f"/board/report?{query}&format=csv").data))
    csv_text = "".join(archive.read(name).decode() for name in archive.namelist())
    pdf = PdfReader(io.BytesIO(browser.get(f"/board/report?{query}&format=pdf").data))
    return [page, csv_text, "".join(p.extract_text() for p in pdf.pages)]


def test_charts_sit_in_the_page_and_the_pdf_with_their_text_alternatives(browser, db, caplog):
    from pypdf import PdfReader

    board = make_user("board")
    officer = make_user("officer")
    for n in range(24):
        case = make_case(officer)
        record_feedback(case, case.victims[0], stage="survey", surveyed_on=date(2026, 11, 10),
                        answers={"whole_experience": 2 if n < 12 else 6}, comments=None, consent_to_use=False,
                        impacts={}, source="import", by=None)
    db.session.commit()
    browser.login(board)
    html = browser.get(f"/board/report?{PERIOD}").get_data(as_text=True)
    for key in ("updates-on-time-trend", "needs-met", "satisfaction-trend"):
        figure = html.split(f'<figure class="chart" id="chart-{key}">')[1].split("</figure>")[0]
        assert f'<svg role="img" aria-labelledby="{key}-title {key}-desc"' in figure
        assert "<figcaption" in figure and "style=" not in figure
    assert "November 2026 50%" in html  # the satisfaction trend's text alternative
    response = browser.get(f"/board/report?{PERIOD}&format=pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Victims satisfied with the whole experience, month by month" in text
    # In the PDF each chart is an image of the same SVG, its text alternative the image's alt text.
    from victimcare.reports import board as board_report, measures

    with browser.app.test_request_context():
        printed = board_report.render_html(board_report.build(
            measures.Period(date(2026, 11, 1), date(2026, 11, 30)), breakdown="area", threshold=10,
            today=date(2026, 12, 1)))
    assert printed.count('<img class="chart-image" src="data:image/svg+xml;base64,') == 3
    alts = re.findall(r'<img class="chart-image" [^>]*alt="([^"]*)"', printed)
    assert len(alts) == 3 and any("November 2026 50%" in alt for alt in alts)
    assert "<svg" not in printed
    # and WeasyPrint loaded every one of them (it logs, rather than fails, on an image it cannot load)
    assert not [r for r in caplog.records if r.name.startswith("weasyprint") and "Failed to load" in r.getMessage()]


def test_the_charts_drawn_while_the_report_is_counted_are_those_drawn_from_it_afterwards(app, db, monkeypatch):
    """`board.build` draws the charts in a second thread while the rest is counted: the same charts as
    drawn from the finished report, in the reader's language."""
    import threading

    from flask_babel import force_locale

    from victimcare.reports import charts

    officer = make_user("officer")
    for n in range(24):
        case = make_case(officer, reported_on=date(2026, 11, 3))
        record_feedback(case, case.victims[0], stage="survey", surveyed_on=date(2026, 11, 10),
                        answers={"whole_experience": 2 if n < 12 else 6}, comments=None, consent_to_use=False,
                        impacts={}, source="import", by=None)
    db.session.commit()
    threads = []
    draw = charts._draw
    monkeypatch.setattr(charts, "_draw", lambda *args: threads.append(threading.current_thread().name) or draw(*args))
    for locale in ("en", "cy"):
        charts.forget_drawn()
        with app.test_request_context(), force_locale(locale):
            report = _build()
            assert report.drawn is not None and threads[-1].startswith("board-charts")
            charts.forget_drawn()
            assert report.drawn == charts.for_report(report)
    assert report.drawn[2].description.startswith("Siart linell")  # the Welsh one
    assert "50%" in report.drawn[2].description


def test_no_personal_data_in_any_format(browser, db):
    from victimcare.cases import complaints, needs

    board = make_user("board")
    officer = make_user("officer")
    supervisor = make_user("supervisor")
    cases = [make_case(officer, reported_on=date(2026, 11, 2)) for _ in range(15)]
    for case in cases:
        victim = case.victims[0]
        contracts.record_contract(victim, by=officer, agreed_on=date(2026, 11, 2), wants_updates=True,
                                  methods="phone", frequency="28-days", referral_consent="given")
        contracts.add_what_matters(victim, category="safety", in_their_words="Words-In-Their-Own", by=officer)
        needs.make_referral(case, victim, service_code="victim-support", referred_on=date(2026, 11, 3), by=officer)
        complaints.record_complaint(case, received_on=date(2026, 11, 5), about="delay", outcome="open",
                                    notes="Complaint-Notes-Private", by=supervisor)
        record_feedback(case, victim, stage="survey", surveyed_on=date(2026, 11, 10), answers={"treatment": 6},
                        comments="Feedback-Comment-Private", consent_to_use=False, impacts={}, source="import",
                        by=None)
    db.session.commit()
    browser.login(board)
    for text in _all_formats(browser, PERIOD + "&breakdown=age"):
        assert "45 to 54" in text  # the factory victims are 46
        for case in cases:
            victim = case.victims[0]
            assert case.crime_reference not in text and victim.name not in text
            assert victim.email not in text and victim.phone not in text
        for private in ("1 High Street", "1980-05-01", "1 May 1980", "01/05/1980", "Words-In-Their-Own",
                        "Complaint-Notes-Private", "Feedback-Comment-Private"):
            assert private not in text


def test_quick_choices_offer_a_month_a_quarter_and_a_year(browser, db):
    board = make_user("board")
    db.session.commit()
    browser.login(board)
    html = unescape(browser.get(f"/board/report?{PERIOD}&breakdown=age").get_data(as_text=True))
    choices = html.split("Or choose:")[1].split("</p>")[0]
    assert "the quarter" in choices and "the year" in choices and "so far" in choices
    assert choices.count("breakdown=age") == 4  # the chosen breakdown is kept


def test_a_satisfaction_share_that_would_reveal_a_small_count_is_withheld(db):
    officer = make_user("officer")
    for n in range(40):
        case = make_case(officer)
        record_feedback(case, case.victims[0], stage="survey", surveyed_on=date(2026, 11, 10),
                        answers={"kept_informed": 2 if n < 3 else 6, "treatment": 2 if n < 25 else 6},
                        comments=None, consent_to_use=False, impacts={}, source="import", by=None)
    db.session.commit()
    stages = {row.stage: row for row in _build().satisfaction}
    assert not stages["kept_informed"].published  # 3 of 40 satisfied: 8% would say there were 3
    assert stages["treatment"].published and stages["treatment"].answers == "40"


def test_only_the_current_contract_refusal_and_the_first_referral_count(db):
    """The victim measures join one summary per victim: a refusal later revised to consent no longer
    counts, a refusal that is the latest revision does, and a victim with several referrals counts once."""
    from victimcare.cases import needs

    officer = make_user("officer")
    cases = [make_case(officer, reported_on=date(2026, 11, 5)) for _ in range(30)]  # due Monday 9th
    for n, case in enumerate(cases):
        victim = case.victims[0]
        first, latest = ("refused", "given") if n < 10 else ("given", "refused") if n < 22 else ("given", "given")
        for consent in (first, latest):
            contracts.record_contract(victim, by=officer, agreed_on=date(2026, 11, 5), wants_updates=True,
                                      methods="phone", frequency="28-days", referral_consent=consent)
        if n < 10:  # late, then (for five of them) on time
            for day in (12, 9) if n < 5 else (12,):
                needs.make_referral(case, victim, service_code="victim-support", referred_on=date(2026, 11, day),
                                    by=officer)
    db.session.commit()
    report = _build()
    # 5 referred on time (after a late referral) + 12 whose latest revision refuses; not the 5 who
    # refused first and were referred late
    assert _counted(report, "referred") == ("17", "30")
    assert _counted(report, "contract") == ("30", "30")


def test_updates_on_time_by_area_and_by_month_come_from_one_pass_and_agree(db):
    from victimcare.cases import updates
    from victimcare.reports import measures

    officer = make_user("officer")
    for n in range(36):
        case = make_case(officer, area="Newport" if n % 2 else "Caerphilly", reported_on=date(2026, 9, 1))
        day = date(2026, 10, 20) if n < 14 else date(2026, 11, 2 + n % 20)
        _, [update] = updates.record_event(case, stage="arrested", occurred_on=day, notes=None, by=officer)
        if n % 3:
            updates.give_update(update, given_on=update.due_on, method="phone", what_was_said="Arrest",
                                victims_views="None", progress={}, by=officer)
    db.session.commit()
    period = measures.Period(date(2026, 11, 1), date(2026, 11, 30))
    by_area, by_month = measures.updates_on_time(period, "area", 10, date(2026, 12, 15), by_month=True)
    alone = measures.updates_on_time(period, "month", 10, date(2026, 12, 15))
    for together, separate in zip(by_month, alone):
        assert together == separate
    assert by_area[0].total.counts[-1][0] == by_month[0].total.counts[-1][0] > 10
    assert by_area[0].before_total.counts[-1][0] == by_month[0].before_total.counts[-1][0] > 10
    assert by_area[0].categories == sorted(by_area[0].categories)


def test_every_element_id_on_the_report_page_is_unique(browser, db):
    """Duplicate ids break in-page links, the PDF's anchors and assistive technology."""
    from collections import Counter

    board = make_user("board")
    officer = make_user("officer")
    for _ in range(12):
        make_case(officer, area="Newport", reported_on=date(2026, 11, 2))
    db.session.commit()
    browser.login(board)
    html = browser.get(f"/board/report?{PERIOD}").get_data(as_text=True)
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert ids and [name for name, n in ids.items() if n > 1] == []
