"""The pages each role can reach: every GET route of the URL map, its path filled with real ids.

As in tests/web/test_board_privacy.py, a route's arguments are filled from the tables their names point to;
here a case is one the user may see (those they may change first, in each state a case can be in), and the
rest belong to that case. Each candidate URL is fetched over HTTP with the user's cookies until one answers
200: an HTML answer is a page to check, anything else (a PDF, a CSV, JSON) is a download.
A new route is therefore checked without this file changing.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sqlalchemy as sa
from werkzeug.routing import AnyConverter, IntegerConverter

from tests.web.test_board_privacy import ids_of, tables_for
from victimcare.access import can_edit_case, case_scope, has_permission, permission_of
from victimcare.extensions import db
from victimcare.models import Case, CaseStatus, User, Victim

CASES_PER_STATE = 3  # cases tried per state (open, closure requested, closed)
MAX_CANDIDATES = 40  # URLs tried per route before giving up on it


@dataclass(frozen=True)
class Page:
    endpoint: str
    url: str
    takes_post: bool  # the route also takes the page's form


def case_candidates(user: User) -> list[int]:
    """Cases `user` may see, those they may change first, a few of each state."""
    cases = db.session.scalars(sa.select(Case).where(case_scope(user)).order_by(Case.id)).all()
    cases.sort(key=lambda case: not can_edit_case(user, case))
    chosen = []
    for state in CaseStatus:
        chosen += [case.id for case in cases if case.status == state][:CASES_PER_STATE]
    return chosen


def argument_values(rule, user: User) -> list[dict]:
    converters = rule._converters
    combinations: list[dict] = [{}]
    for argument in sorted(converters, key=lambda a: a != "case_id"):  # the case first: the rest are its own
        converter = converters[argument]
        extended = []
        for values in combinations:
            if isinstance(converter, AnyConverter):
                options = sorted(converter.items)
            elif argument == "case_id":
                options = case_candidates(user)
            elif isinstance(converter, IntegerConverter):
                options = []
                for table in tables_for(argument):
                    if "case_id" in values and "case_id" in table.c:
                        options += ids_of(table, table.c.case_id == values["case_id"], sample=3)
                    elif "case_id" in values and "victim_id" in table.c:
                        victims = sa.select(Victim.id).where(Victim.case_id == values["case_id"])
                        options += ids_of(table, table.c.victim_id.in_(victims), sample=3)
                    else:
                        options += ids_of(table, sample=MAX_CANDIDATES)
            else:  # a code of a reference table
                options = sorted(db.session.scalars(sa.text("SELECT code FROM timescales")))[:1]
            extended += [{**values, argument: option} for option in options]
        combinations = extended
    return combinations


@dataclass
class SiteMap:
    pages: list[Page]  # the HTML pages the user reaches, one per route
    downloads: set[str]  # routes answering with a file (a PDF, a CSV) rather than a page
    unreached: dict[str, int]  # route -> the last status it answered with (a redirect, 403, 404)
    refused: list[str]  # routes the user's role has no permission for


def browsable_routes(app):
    """GET routes a person opens in a browser: not static files, not the JSON API (its docs page is one)."""
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        if rule.rule.startswith("/api/") and rule.rule != "/api/v1/docs":
            continue
        yield rule


def site_map(app, base_url: str, request, username: str) -> SiteMap:
    """What `username` reaches, fetched with `request` (a Playwright request context holding their cookies)."""
    adapter = app.url_map.bind("localhost")
    found = SiteMap([], set(), {}, [])
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.username == username))
        for rule in browsable_routes(app):
            if not has_permission(user, permission_of(rule.endpoint)):
                found.refused.append(rule.endpoint)
                continue
            for values in itertools.islice(argument_values(rule, user), MAX_CANDIDATES):
                url = adapter.build(rule.endpoint, values, method="GET")
                response = request.get(base_url + url, max_redirects=0)
                if response.status != 200:  # not this case (not theirs to change, or not in that state): the next
                    found.unreached[rule.endpoint] = response.status
                    continue
                found.unreached.pop(rule.endpoint, None)
                if response.headers.get("content-type", "").startswith("text/html"):
                    found.pages.append(Page(rule.endpoint, url, "POST" in rule.methods))
                else:
                    found.downloads.add(rule.endpoint)
                break
        db.session.remove()
    return found
