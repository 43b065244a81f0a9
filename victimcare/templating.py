"""What every template can use: the navigation for the signed-in role, and date formats."""

from __future__ import annotations

from flask import Flask, request, url_for
from flask_login import current_user
from govuk_frontend_wtf.main import WTFormsHelpers

from victimcare.access import has_permission
from victimcare.api_request import is_api_request
from victimcare.journey.closure import OUTCOMES
from victimcare.journey.contract import CONTACT_METHODS, REFERRAL_CONSENT
from victimcare.journey.eligibility import REASONS
from victimcare.journey.stages import FREQUENCIES
from victimcare.i18n import LOCALES, current_locale, format_date, format_datetime, format_month

# (label, endpoint, permission, endpoints it is the current item for): a user sees the items
# their role holds.
NAVIGATION = (
    ("Home", "home.index", "signed-in", ("home.",)),
    ("Cases", "cases.index", "cases:read", ("cases.", "journey.victim", "journey.contract", "journey.add_",
                                            "journey.what_", "journey.new_event", "journey.give_update", "journey.needs",
                                            "journey.new_referral", "closure.", "plan.", "letters.")),
    ("Updates due", "journey.due", "cases:write", ("journey.due",)),
    ("Follow-up queue", "vcu.queue", "vcu:work", ("vcu.", "feedback.record")),
    ("Import feedback", "feedback.import_file", "vcu:work", ("feedback.import_file",)),
    ("Service recovery", "feedback.recoveries", "cases:review", ("feedback.recover",)),
    ("Reports", "board.index", "board:read", ("board.",)),
    ("Scrutiny Panel", "scrutiny.index", "scrutiny:read", ("scrutiny.index", "scrutiny.draw", "scrutiny.sample",
                                                           "scrutiny.pack", "scrutiny.review", "scrutiny.redact",
                                                           "scrutiny.add_")),
    ("Panel actions", "scrutiny.actions", "scrutiny:actions", ("scrutiny.action",)),
    ("Users", "admin.users", "admin:users", ("admin.users", "admin.new_user")),
    ("Timescales", "admin.timescales", "admin:reference", ("admin.timescales", "admin.edit_timescale")),
    ("Audit log", "admin.audit_log", "admin:audit", ("admin.audit",)),
)


def init_templating(app: Flask) -> None:
    WTFormsHelpers(app)  # wtforms_errors() for the GOV.UK error summary
    app.context_processor(_navigation)
    app.jinja_env.globals["reason_labels"] = REASONS
    app.jinja_env.globals["outcome_labels"] = OUTCOMES
    app.add_template_filter(CONTACT_METHODS.get, "contact_method")
    app.add_template_filter(lambda code: FREQUENCIES[code][0], "frequency")
    app.add_template_filter(REFERRAL_CONSENT.get, "referral_consent")
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_month, "month")
    app.context_processor(_language)


def _language() -> dict:
    # The API's pages have no session to keep a choice in, and stay in English.
    return {"current_locale": current_locale(), "language_switch": not is_api_request(request), "locales": LOCALES}


def _navigation() -> dict:
    items = []
    if current_user.is_authenticated:
        for label, endpoint, needed, current_for in NAVIGATION:
            if has_permission(current_user, needed):
                active = (request.endpoint or "").startswith(current_for)
                items.append({"text": label, "href": url_for(endpoint), "active": active})
    return {"navigation": items}
