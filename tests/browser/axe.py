"""axe-core (carried by axe-playwright-python) run on a page at WCAG 2.0, 2.1 and 2.2 A and AA."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
_axe = Axe()


def load_with_every_page(context) -> None:
    """Have `context` load axe-core as each page starts: quicker than sending it to each page afterwards."""
    context.add_init_script(script=_axe.axe_script)


def violations(page) -> list[dict]:
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(_axe.axe_script)
    return page.evaluate("options => axe.run(document, options).then(results => results.violations)", OPTIONS)


def axe_version(page) -> str:
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(_axe.axe_script)
    return page.evaluate("axe.version")


def describe(found: list[dict]) -> str:
    """Each violation with what to fix and where: its rule id, impact, help and the selectors of its nodes."""
    lines = []
    for violation in found:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


def assert_accessible(page, what: str) -> None:
    found = violations(page)
    assert not found, f"axe-core found {len(found)} violation(s) on {what}:\n{describe(found)}"
