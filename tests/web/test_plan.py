"""The investigation plan: actions serving what matters, the victim's views, and the printed PDF."""

from __future__ import annotations

import io
from datetime import date

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from tests.factories import make_case, make_user
from victimcare.cases import contracts, updates
from victimcare.models import PlanAction


def planned_case(db):
    officer = make_user("officer")
    case = make_case(officer)
    victim = case.victims[0]
    item = contracts.add_what_matters(victim, category="property", in_their_words="Get my late mum's ring back",
                                      by=officer)
    _, [update] = updates.record_event(case, stage="arrested", occurred_on=date(2026, 11, 2), notes="Arrested",
                                       by=officer)
    updates.give_update(update, given_on=date(2026, 11, 3), method="phone", what_was_said="Suspect arrested",
                        victims_views="Hopes the ring is found", progress={item.id: "Searching pawn shops"},
                        by=officer)
    db.session.commit()
    return officer, case, victim, item


def test_an_action_is_linked_to_what_it_serves(browser, db):
    officer, case, victim, item = planned_case(db)
    browser.login(officer)
    response = browser.submit(f"/cases/{case.id}/plan/actions", {
        "what": "Circulate description of the ring to pawnbrokers", "who": "PC Morgan",
        "by_when": ["1", "12", "2026"], "what_matters": str(item.id)}, page=f"/cases/{case.id}/plan")
    assert response.status_code == 302
    action = db.session.scalar(sa.select(PlanAction))
    assert (action.what_matters_id, action.by_when) == (item.id, date(2026, 12, 1))
    page = browser.get(f"/cases/{case.id}/plan").get_data(as_text=True)
    assert "Circulate description of the ring" in page
    assert "Hopes the ring is found" in page  # the victim's views at the arrest
    assert "Searching pawn shops" in page  # progress noted at the review


def test_an_action_without_what_or_who_is_explained(browser, db):
    officer, case, _, _ = planned_case(db)
    browser.login(officer)
    html = browser.submit(f"/cases/{case.id}/plan/actions", {"what": "", "who": "", "by_when": ["", "", ""],
                                                             "what_matters": ""}, page=f"/cases/{case.id}/plan"
                          ).get_data(as_text=True)
    assert "Enter the action" in html and "Enter who will do it" in html


def test_the_plan_prints_as_a_pdf_for_the_case_file(browser, db):
    officer, case, _, _ = planned_case(db)
    browser.login(officer)
    response = browser.get(f"/cases/{case.id}/plan/print.pdf")
    assert response.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert f"Investigation plan – {case.crime_reference}" in text
    assert "Hopes the ring is found" in text
    assert "page 1 of" in text


def test_the_pdf_renderer_fetches_only_the_apps_static_files(app):
    from pathlib import Path

    from victimcare.pdf import StaticFilesOnly

    fetcher = StaticFilesOnly(app.static_folder)
    static = Path(app.static_folder).resolve()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.org/tracker.png")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch((static / "css" / ".." / ".." / "__init__.py").as_uri())
    response = fetcher.fetch((static / "css" / "victimcare.css").as_uri())
    assert b"Gwent Police" in response.read()
    response.close()
