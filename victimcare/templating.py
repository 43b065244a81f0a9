"""What every template can use: the navigation for the signed-in role, and date formats."""

from __future__ import annotations

from flask import Flask, g, request, url_for
from flask_login import current_user
from govuk_frontend_wtf.main import WTFormsHelpers

from victimcare.access import has_permission
from victimcare.api_request import is_api_request
from victimcare.journey.closure import CLOSURE_STEPS, OUTCOMES
from victimcare.journey.contract import CONTACT_METHODS, REFERRAL_CONSENT
from victimcare.journey.eligibility import REASONS
from victimcare.cases.plan import ACTION_STATUSES
from victimcare.journey.needs import REFERRAL_STATUSES, RISK_LEVELS, SUPPORT_NEEDS, VPS_CHOICES
from victimcare.journey.stages import FREQUENCIES
from victimcare.journey.vcu import FOLLOW_UP_OUTCOMES
from victimcare.reference_data import HATE_CRIME_STRANDS
from victimcare.translatable import Labels, N_, translate
from victimcare.i18n import (
    LOCALES,
    SHORT_DATE_PATTERN,
    category_label,
    current_locale,
    format_date,
    format_datetime,
    format_month,
    format_number,
    format_percent,
)

# (label, endpoint, permission, endpoints it is the current item for): a user sees the items
# their role holds.
NAVIGATION = (
    (N_("Home"), "home.index", "signed-in", ("home.",)),
    (N_("Cases"), "cases.index", "cases:read", ("cases.", "journey.victim", "journey.contract", "journey.add_",
                                            "journey.what_", "journey.new_event", "journey.give_update", "journey.needs",
                                            "journey.new_referral", "closure.", "plan.", "letters.")),
    (N_("Updates due"), "journey.due", "cases:write", ("journey.due",)),
    (N_("Follow-up queue"), "vcu.queue", "vcu:work", ("vcu.", "feedback.record")),
    (N_("Import feedback"), "feedback.import_file", "vcu:work", ("feedback.import_file",)),
    (N_("Service recovery"), "feedback.recoveries", "cases:review", ("feedback.recover",)),
    (N_("Reports"), "board.index", "board:read", ("board.",)),
    (N_("Scrutiny Panel"), "scrutiny.index", "scrutiny:read", ("scrutiny.index", "scrutiny.draw", "scrutiny.sample",
                                                           "scrutiny.pack", "scrutiny.review", "scrutiny.redact",
                                                           "scrutiny.add_")),
    (N_("Panel actions"), "scrutiny.actions", "scrutiny:actions", ("scrutiny.action",)),
    (N_("Users"), "admin.users", "admin:users", ("admin.users", "admin.new_user")),
    (N_("Timescales"), "admin.timescales", "admin:reference", ("admin.timescales", "admin.edit_timescale")),
    (N_("Audit log"), "admin.audit_log", "admin:audit", ("admin.audit",)),
)

# VictimUpdate.kind, as the closure review lists them.
UPDATE_KINDS = Labels({"key-stage": N_("key stage"), "periodic": N_("regular update"), "final": N_("final update")})


def init_templating(app: Flask) -> None:
    WTFormsHelpers(app)  # wtforms_errors() for the GOV.UK error summary
    app.context_processor(_navigation)
    app.jinja_env.globals["reason_labels"] = REASONS
    app.jinja_env.globals["outcome_labels"] = OUTCOMES
    app.jinja_env.globals["closure_steps"] = CLOSURE_STEPS
    app.jinja_env.globals["follow_up_outcomes"] = FOLLOW_UP_OUTCOMES
    app.jinja_env.globals["referral_statuses"] = REFERRAL_STATUSES
    app.jinja_env.globals["update_kinds"] = UPDATE_KINDS
    app.jinja_env.globals["need_labels"] = {"risk": RISK_LEVELS, "vps": VPS_CHOICES}
    app.jinja_env.globals["action_statuses"] = ACTION_STATUSES
    app.add_template_filter(lambda code: SUPPORT_NEEDS.get(code, code), "support_need")
    app.add_template_filter(CONTACT_METHODS.get, "contact_method")
    app.add_template_filter(lambda code: translate(FREQUENCIES[code][0]), "frequency")
    app.add_template_filter(lambda code: HATE_CRIME_STRANDS.get(code, code), "hate_crime")
    # Reference data kept in the database (offences, services, categories): the force's defaults are
    # in the catalogue; a name an administrator added shows as entered.
    app.add_template_filter(translate, "translated")
    app.add_template_filter(category_label, "category_label")
    app.add_template_filter(format_number, "number")
    app.add_template_filter(format_percent, "percent")
    app.add_template_filter(REFERRAL_CONSENT.get, "referral_consent")
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_month, "month")
    app.add_template_filter(lambda value: format_date(value, SHORT_DATE_PATTERN), "short_date")
    app.context_processor(_language)
    app.jinja_env.globals["unique_id"] = unique_id


def unique_id(prefix: str) -> str:
    """An id not yet used on the page being rendered: for an element of a partial or a macro that a page
    may render more than once (a table's caption, which names its scrolling box)."""
    count = g.get("unique_ids", 0) + 1
    g.unique_ids = count
    return f"{prefix}-{count}"


def _language() -> dict:
    # The API's pages have no session to keep a choice in, and stay in English.
    return {"current_locale": current_locale(), "language_switch": not is_api_request(request), "locales": LOCALES}


def _navigation() -> dict:
    items = []
    if current_user.is_authenticated:
        for label, endpoint, needed, current_for in NAVIGATION:
            if has_permission(current_user, needed):
                active = (request.endpoint or "").startswith(current_for)
                items.append({"text": translate(label), "href": url_for(endpoint), "active": active})
    return {"navigation": items}
