"""Pages issue a bounded number of SQL queries, however much a case holds."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_user
from victimcare.cases import closure, contracts, updates
from victimcare.extensions import db as _db


@contextmanager
def count_queries():
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(_db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(_db.engine, "before_cursor_execute", record)


def busy_case(officer, supervisor, *, victims: int, events: int):
    case = make_case(officer, victims=victims)
    for victim in case.victims:
        contracts.record_contract(victim, by=officer, agreed_on=date(2026, 11, 2), wants_updates=True,
                                  methods="phone", frequency="weekly", referral_consent="given")
        for n in range(events):
            contracts.add_what_matters(victim, category="safety", in_their_words=f"Item {n}", by=officer)
    for n in range(events):
        _, owed = updates.record_event(case, stage="arrested", occurred_on=date(2026, 11, 2) + timedelta(days=n),
                                       notes=f"event {n}", by=officer)
        for update in owed[: len(owed) // 2]:
            updates.give_update(update, given_on=date(2026, 11, 3) + timedelta(days=n), method="phone",
                                what_was_said="told", victims_views="views", progress={}, by=officer)
    case.status = "closure-requested"
    closure._step(case, "return", "returned", by=supervisor, reason="more work")
    return case


@pytest.mark.parametrize("page", ["/cases/{id}", "/cases/{id}/plan", "/cases/{id}/victims/{victim}",
                                  "/cases/{id}/closure"])
def test_case_pages_cost_the_same_for_a_small_and_a_large_case(page, browser, db):
    officer = make_user("officer")
    supervisor = make_user("supervisor", team=officer.team)
    small = busy_case(officer, supervisor, victims=1, events=1)
    large = busy_case(officer, supervisor, victims=6, events=8)
    db.session.commit()
    browser.login(officer)
    counts = []
    for case in (small, large):
        url = page.format(id=case.id, victim=case.victims[0].id)
        browser.get(url)  # warm up: the session's last-seen write and the like
        with count_queries() as statements:
            assert browser.get(url).status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], f"{page}: {counts}"
    assert counts[1] <= 30


def test_due_list_costs_the_same_for_few_and_many_cases(browser, db):
    officer = make_user("officer")
    supervisor = make_user("supervisor", team=officer.team)
    busy_case(officer, supervisor, victims=1, events=1)
    db.session.commit()
    browser.login(officer)
    browser.get("/updates")
    with count_queries() as few:
        browser.get("/updates")
    for _ in range(5):
        busy_case(officer, supervisor, victims=3, events=3)
    db.session.commit()
    with count_queries() as many:
        browser.get("/updates")
    assert len(few) == len(many)


def test_the_board_report_issues_the_same_queries_however_many_categories(db):
    from victimcare.reference_data import AREAS
    from victimcare.reports import board, measures

    officer = make_user("officer")

    def queries_for_report() -> int:
        with count_queries() as statements:
            report = board.build(measures.Period(date(2026, 11, 1), date(2026, 11, 30)), breakdown="area",
                                 threshold=10, today=date(2026, 12, 1))
            assert report.charts
        return len(statements)

    for _ in range(20):
        make_case(officer, area=AREAS[0], reported_on=date(2026, 11, 2))
    db.session.commit()
    one_area = queries_for_report()
    for n in range(40):
        make_case(officer, area=AREAS[n % len(AREAS)], reported_on=date(2026, 11, 2))
    db.session.commit()
    assert queries_for_report() == one_area <= 25
