"""The Victims' Board report: Code compliance and satisfaction, protected against disclosure."""

from __future__ import annotations

import io
import re
from datetime import date
from html import unescape

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
        assert shown[0] in (met, "<10") and shown[1] in (total, "<10")  # a number shown is the true one
        published[area] = shown
    assert published["Torfaen"][:2] == ["<10", "<10"]  # 1 of 3 is never shown
    assert any(row[0] != "<10" for row in published.values())  # but the report is not all hidden
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
    section = html.split("Needs met at closure")[1].split("</table>")[0]
    justice = section.split("The offender caught and brought to justice")[1].split("</tr>")[0]
    shown = re.findall(r'numeric n">(.*?)</td>', justice)
    assert shown[0] in ("25", "<10") and shown[2] in ("5", "<10") and shown[2] == "<10"  # 5 not met: hidden
    assert shown[-1] == "30"  # the row total is published and true
    assert "Secret words" not in html
