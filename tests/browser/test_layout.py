"""The busiest pages reflow: at 320 CSS pixels wide (WCAG 1.4.10) and at 200% zoom (WCAG 1.4.4) nothing
makes the page scroll sideways. Screenshots of each go to /tmp/a11y-shots/ for a person to look at.

200% zoom is a 640-pixel-wide viewport drawn at two device pixels per CSS pixel: exactly what a 1280-pixel
window shows when its user zooms to 200% (the browser halves the CSS viewport, so media queries and GOV.UK's
breakpoints respond as they do for that user). CSS `zoom` would enlarge the page without narrowing the
viewport, so it would not show what the user sees.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.browser.axe import describe, load_with_every_page, violations
from tests.browser.conftest import SHOTS, sign_in
from victimcare.extensions import db
from victimcare.models import Case, CaseStatus, User

VIEWPORTS = {
    "320px": dict(viewport={"width": 320, "height": 640}, device_scale_factor=1),
    "zoom-200": dict(viewport={"width": 640, "height": 400}, device_scale_factor=2),
}


def officers_open_case(app) -> tuple[int, int]:
    """An open case of the demo officer with a victim: (case id, victim id)."""
    with app.app_context():
        officer = db.session.scalar(sa.select(User).where(User.username == "officer"))
        case = db.session.scalars(sa.select(Case).where(Case.officer_id == officer.id,
                                                        Case.status == CaseStatus.OPEN).order_by(Case.id)).first()
        ids = case.id, case.victims[0].id
        db.session.remove()
    return ids


def pages(app) -> list[tuple[str, str, str]]:
    case_id, victim_id = officers_open_case(app)
    return [
        ("case", "officer", f"/cases/{case_id}"),
        ("contract-form", "officer", f"/cases/{case_id}/victims/{victim_id}/contract"),
        ("vcu-queue", "vcu", "/vcu/queue"),
        ("board-report", "board", "/board/report"),
    ]


@pytest.mark.parametrize("size", VIEWPORTS)
def test_busiest_pages_do_not_scroll_sideways(size, chromium, live_server):
    SHOTS.mkdir(exist_ok=True)
    wide = []
    contexts = {}
    for name, role, path in pages(live_server.app):
        if role not in contexts:
            contexts[role] = chromium.new_context(**VIEWPORTS[size])
            load_with_every_page(contexts[role])
            sign_in(contexts[role].new_page(), live_server, role)
        page = contexts[role].pages[0]
        page.goto(live_server(path))
        page.screenshot(path=SHOTS / f"{name}-{size}.png", full_page=True)
        widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            culprits = page.evaluate("""() => [...document.querySelectorAll("main *")]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
                .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + [...e.classList].join(".") : ""))""")
            wide.append(f"{path} ({name}) is {widths[0]}px wide in a {widths[1]}px window; wider: {culprits}")
        found = violations(page)  # a table's scrolling box, for one, must be reachable from the keyboard
        if found:
            wide.append(f"{path} ({name}):\n{describe(found)}")
    for context in contexts.values():
        context.close()
    assert not wide, f"at {size}:\n" + "\n".join(wide)
