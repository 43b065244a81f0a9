"""Every route declares a permission, and every role gets exactly the access it should."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from tests.factories import make_case, make_team, make_user
from victimcare.access import permission_of
from victimcare.cases import contracts, needs, plan, updates
from victimcare.models import ServiceRecovery
from victimcare.vcu.feedback import record_feedback
from victimcare.vcu.services import create_follow_up

ROLES = ("officer", "supervisor", "vcu", "board", "admin")
ANON = "anonymous"

# endpoint -> (method, path template, expected status per role). {own_case}, {team_case},
# {other_case}, {closed_case} and {user} are filled in by the fixture below.
MATRIX: dict[str, tuple[str, str, dict[str, int]]] = {
    "health.healthz": ("GET", "/healthz", {r: 200 for r in (*ROLES, ANON)}),
    "health.readyz": ("GET", "/readyz", {r: 200 for r in (*ROLES, ANON)}),
    "auth.login": ("GET", "/login", {**{r: 302 for r in ROLES}, ANON: 200}),
    "auth.logout": ("POST", "/logout", {**{r: 302 for r in ROLES}, ANON: 302}),
    # An unknown language code (the matrix posts none) is refused; tests/web/test_language.py switches.
    "language.choose": ("POST", "/language", {**{r: 400 for r in ROLES}, ANON: 400}),
    "home.index": ("GET", "/", {"officer": 200, "supervisor": 200, "vcu": 302, "board": 302, "admin": 302,
                                ANON: 302}),
    "cases.index": ("GET", "/cases/", {"officer": 200, "supervisor": 200, "vcu": 200, "board": 403,
                                       "admin": 403, ANON: 302}),
    "cases.show#own": ("GET", "/cases/{own_case}", {"officer": 200, "supervisor": 200, "vcu": 200,
                                                    "board": 403, "admin": 403, ANON: 302}),
    "cases.show#other-team": ("GET", "/cases/{other_case}", {"officer": 404, "supervisor": 404, "vcu": 200,
                                                             "board": 403, "admin": 403, ANON: 302}),
    "cases.show#closed": ("GET", "/cases/{closed_case}", {"officer": 200, "supervisor": 200, "vcu": 404,
                                                          "board": 403, "admin": 403, ANON: 302}),
    "cases.show#missing": ("GET", "/cases/999999", {"officer": 404, "supervisor": 404, "vcu": 404,
                                                    "board": 403, "admin": 403, ANON: 302}),
    "cases.new": ("GET", "/cases/new", {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403,
                                        "admin": 403, ANON: 302}),
    "cases.edit#own": ("GET", "/cases/{own_case}/edit", {"officer": 200, "supervisor": 200, "vcu": 403,
                                                         "board": 403, "admin": 403, ANON: 302}),
    "cases.edit#teammate": ("GET", "/cases/{teammate_case}/edit", {"officer": 403, "supervisor": 200, "vcu": 403,
                                                                   "board": 403, "admin": 403, ANON: 302}),
    "cases.edit#other-team": ("GET", "/cases/{other_case}/edit", {"officer": 404, "supervisor": 404, "vcu": 403,
                                                                  "board": 403, "admin": 403, ANON: 302}),
    "cases.new_victim": ("GET", "/cases/{own_case}/victims/new", {"officer": 200, "supervisor": 200, "vcu": 403,
                                                                  "board": 403, "admin": 403, ANON: 302}),
    "cases.edit_victim#own": ("GET", "/cases/{own_case}/victims/{own_victim}/edit",
                              {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "cases.edit_victim#wrong-case": ("GET", "/cases/{own_case}/victims/{other_victim}/edit",
                                     {"officer": 404, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403,
                                      ANON: 302}),
    "journey.victim#own": ("GET", "/cases/{own_case}/victims/{own_victim}",
                           {"officer": 200, "supervisor": 200, "vcu": 200, "board": 403, "admin": 403, ANON: 302}),
    "journey.victim#other-team": ("GET", "/cases/{other_case}/victims/{other_victim}",
                                  {"officer": 404, "supervisor": 404, "vcu": 200, "board": 403, "admin": 403,
                                   ANON: 302}),
    "journey.contract": ("GET", "/cases/{own_case}/victims/{own_victim}/contract",
                         {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "journey.add_what_matters": ("POST", "/cases/{own_case}/victims/{own_victim}/what-matters",
                                 {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403,
                                  ANON: 302}),
    "journey.what_matters_declined": ("POST", "/cases/{own_case}/victims/{own_victim}/what-matters/declined",
                                      {"officer": 302, "supervisor": 302, "vcu": 403, "board": 403, "admin": 403,
                                       ANON: 302}),
    "journey.new_event": ("GET", "/cases/{own_case}/events/new",
                          {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "journey.give_update#own": ("GET", "/cases/{own_case}/updates/{own_update}",
                                {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403,
                                 ANON: 302}),
    "journey.give_update#wrong-case": ("GET", "/cases/{own_case}/updates/{other_update}",
                                       {"officer": 404, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403,
                                        ANON: 302}),
    "journey.needs_assessment": ("GET", "/cases/{own_case}/victims/{own_victim}/needs",
                                 {"officer": 200, "supervisor": 200, "vcu": 200, "board": 403, "admin": 403,
                                  ANON: 302}),
    "journey.new_referral": ("GET", "/cases/{own_case}/victims/{own_victim}/referrals",
                             {"officer": 200, "supervisor": 200, "vcu": 200, "board": 403, "admin": 403, ANON: 302}),
    "journey.new_referral#teammate": ("GET", "/cases/{teammate_case}/victims/{teammate_victim}/referrals",
                                      {"officer": 403, "supervisor": 200, "vcu": 200, "board": 403, "admin": 403,
                                       ANON: 302}),
    "journey.referral_status": ("POST", "/cases/{own_case}/referrals/{own_referral}",
                                {"officer": 302, "supervisor": 302, "vcu": 302, "board": 403, "admin": 403,
                                 ANON: 302}),
    "letters.choose#own": ("GET", "/cases/{own_case}/victims/{own_victim}/letters/acknowledgement",
                           {"officer": 200, "supervisor": 200, "vcu": 200, "board": 403, "admin": 403, ANON: 302}),
    "letters.choose#other-team": ("GET", "/cases/{other_case}/victims/{other_victim}/letters/acknowledgement",
                                  {"officer": 404, "supervisor": 404, "vcu": 200, "board": 403, "admin": 403,
                                   ANON: 302}),
    "letters.choose#wrong-case": ("GET", "/cases/{own_case}/victims/{other_victim}/letters/acknowledgement",
                                  {"officer": 404, "supervisor": 404, "vcu": 404, "board": 403, "admin": 403,
                                   ANON: 302}),
    # Key-stage updates are the investigation's, which the Victim Care Unit does not see.
    "letters.choose#key-stage": ("GET", "/cases/{own_case}/victims/{own_victim}/letters/key-stage-update",
                                 {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403,
                                  ANON: 302}),
    "letters.produce": ("POST", "/cases/{own_case}/victims/{own_victim}/letters/acknowledgement",
                        {"officer": 200, "supervisor": 200, "vcu": 200, "board": 403, "admin": 403, ANON: 302}),
    "letters.produce#other-team": ("POST", "/cases/{other_case}/victims/{other_victim}/letters/acknowledgement",
                                   {"officer": 404, "supervisor": 404, "vcu": 200, "board": 403, "admin": 403,
                                    ANON: 302}),
    "vcu.queue": ("GET", "/vcu/queue", {**{r: 403 for r in ROLES}, "vcu": 200, ANON: 302}),
    "vcu.follow_up": ("GET", "/vcu/follow-ups/{follow_up}", {**{r: 403 for r in ROLES}, "vcu": 200, ANON: 302}),
    "vcu.claim": ("POST", "/vcu/follow-ups/{follow_up}/claim", {**{r: 403 for r in ROLES}, "vcu": 302, ANON: 302}),
    "journey.add_ground": ("POST", "/cases/{own_case}/victims/{own_victim}/grounds",
                           {"officer": 302, "supervisor": 302, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "journey.acknowledgement": ("POST", "/cases/{own_case}/victims/{own_victim}/acknowledgement",
                                {"officer": 302, "supervisor": 302, "vcu": 403, "board": 403, "admin": 403,
                                 ANON: 302}),
    "journey.due": ("GET", "/updates", {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403,
                                        ANON: 302}),
    "closure.show": ("GET", "/cases/{own_case}/closure",
                     {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "closure.final_update": ("POST", "/cases/{own_case}/closure/final-update/{own_victim}",
                             {"officer": 302, "supervisor": 302, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "closure.assess": ("POST", "/cases/{own_case}/closure/assess/{own_item}",
                       {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "closure.request_closure": ("POST", "/cases/{own_case}/closure/request",
                                {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403,
                                 ANON: 302}),
    "closure.review": ("GET", "/cases/{requested_case}/review",
                       {"officer": 403, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "closure.reopen": ("GET", "/cases/{closed_case}/reopen",
                       {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "complaints.new#own": ("GET", "/cases/{own_case}/complaints/new",
                           {"officer": 403, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "complaints.new#other-team": ("GET", "/cases/{other_case}/complaints/new",
                                  {"officer": 403, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403,
                                   ANON: 302}),
    "plan.show": ("GET", "/cases/{own_case}/plan",
                  {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "plan.pdf": ("GET", "/cases/{own_case}/plan/print.pdf",
                 {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "plan.add_action": ("POST", "/cases/{own_case}/plan/actions",
                        {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "plan.action_status": ("POST", "/cases/{own_case}/plan/actions/{own_action}/status",
                           {"officer": 302, "supervisor": 302, "vcu": 403, "board": 403, "admin": 403, ANON: 302}),
    "feedback.record": ("GET", "/vcu/victims/{own_victim}/feedback",
                        {**{r: 403 for r in ROLES}, "vcu": 200, ANON: 302}),
    "feedback.import_file": ("GET", "/vcu/feedback/import", {**{r: 403 for r in ROLES}, "vcu": 200, ANON: 302}),
    "feedback.recoveries": ("GET", "/service-recovery", {**{r: 403 for r in ROLES}, "supervisor": 200, ANON: 302}),
    "feedback.recovery": ("GET", "/service-recovery/{recovery}",
                          {**{r: 403 for r in ROLES}, "supervisor": 200, ANON: 302}),
    "board.index": ("GET", "/board/", {**{r: 403 for r in ROLES}, "board": 200, ANON: 302}),
    "board.report": ("GET", "/board/report", {**{r: 403 for r in ROLES}, "board": 200, ANON: 302}),
    "scrutiny.index": ("GET", "/scrutiny/", {**{r: 403 for r in ROLES}, "supervisor": 200, "board": 200, "admin": 200,
                                             ANON: 302}),
    "scrutiny.draw": ("GET", "/scrutiny/samples/new", {**{r: 403 for r in ROLES}, "supervisor": 200, "admin": 200,
                                                       ANON: 302}),
    "scrutiny.sample": ("GET", "/scrutiny/samples/{sample}", {**{r: 403 for r in ROLES}, "supervisor": 200,
                                                              "board": 200, "admin": 200, ANON: 302}),
    # A Panel member reads a pack only once approved; a supervisor only of their team's cases; nobody else.
    "scrutiny.pack#approved": ("GET", "/scrutiny/packs/{approved_pack}", {**{r: 403 for r in ROLES}, "supervisor": 200,
                                                                           "board": 200, "admin": 404, ANON: 302}),
    "scrutiny.pack#draft": ("GET", "/scrutiny/packs/{draft_pack}", {**{r: 403 for r in ROLES}, "supervisor": 200,
                                                                     "board": 404, "admin": 404, ANON: 302}),
    "scrutiny.pack#other-team": ("GET", "/scrutiny/packs/{other_pack}", {**{r: 403 for r in ROLES}, "supervisor": 404,
                                                                         "board": 200, "admin": 404, ANON: 302}),
    "scrutiny.pack_pdf#approved": ("GET", "/scrutiny/packs/{approved_pack}/pack.pdf",
                                   {**{r: 403 for r in ROLES}, "supervisor": 200, "board": 200, "admin": 404,
                                    ANON: 302}),
    "scrutiny.pack_pdf#draft": ("GET", "/scrutiny/packs/{draft_pack}/pack.pdf",
                                {**{r: 403 for r in ROLES}, "supervisor": 200, "board": 404, "admin": 404, ANON: 302}),
    "scrutiny.review": ("POST", "/scrutiny/packs/{draft_pack}/review",
                        {**{r: 403 for r in ROLES}, "supervisor": 200, ANON: 302}),
    "scrutiny.review#other-team": ("POST", "/scrutiny/packs/{other_pack}/review",
                                   {**{r: 403 for r in ROLES}, "supervisor": 404, ANON: 302}),
    "scrutiny.redact": ("POST", "/scrutiny/packs/{draft_pack}/redact",
                        {**{r: 403 for r in ROLES}, "supervisor": 302, ANON: 302}),
    "scrutiny.add_finding": ("POST", "/scrutiny/packs/{approved_pack}/findings",
                             {**{r: 403 for r in ROLES}, "board": 200, ANON: 302}),
    "scrutiny.add_finding#draft": ("POST", "/scrutiny/packs/{draft_pack}/findings",
                                   {**{r: 403 for r in ROLES}, "board": 404, ANON: 302}),
    "scrutiny.add_action": ("POST", "/scrutiny/packs/{approved_pack}/actions",
                            {**{r: 403 for r in ROLES}, "board": 200, ANON: 302}),
    "scrutiny.actions": ("GET", "/scrutiny/actions", {**{r: 403 for r in ROLES}, "officer": 200, "supervisor": 200,
                                                      "board": 200, ANON: 302}),
    "scrutiny.action": ("GET", "/scrutiny/actions/{scrutiny_action}",
                        {**{r: 403 for r in ROLES}, "officer": 200, "supervisor": 200, "board": 200, ANON: 302}),
    "scrutiny.action#other-team": ("GET", "/scrutiny/actions/{other_action}",
                                   {**{r: 403 for r in ROLES}, "officer": 404, "supervisor": 404, "board": 200,
                                    ANON: 302}),
    "admin.users": ("GET", "/admin/users", {**{r: 403 for r in ROLES}, "admin": 200, ANON: 302}),
    "admin.new_user": ("GET", "/admin/users/new", {**{r: 403 for r in ROLES}, "admin": 200, ANON: 302}),
    "admin.change_active": ("POST", "/admin/users/{user}/deactivate",
                            {**{r: 403 for r in ROLES}, "admin": 302, ANON: 302}),
    "admin.timescales": ("GET", "/admin/timescales", {**{r: 403 for r in ROLES}, "admin": 200, ANON: 302}),
    "admin.edit_timescale": ("GET", "/admin/timescales/passed-to-cps",
                             {**{r: 403 for r in ROLES}, "admin": 200, ANON: 302}),
    "admin.audit_log": ("GET", "/admin/audit", {**{r: 403 for r in ROLES}, "admin": 200, ANON: 302}),
    "admin.audit_csv": ("GET", "/admin/audit.csv", {**{r: 403 for r in ROLES}, "admin": 200, ANON: 302}),
    # The JSON API: a bearer token per role (see test_role_matrix); no token is 401, never a sign-in page.
    "api_docs.openapi_json": ("GET", "/api/v1/openapi.json", {r: 200 for r in (*ROLES, ANON)}),
    "api_docs.docs": ("GET", "/api/v1/docs", {r: 200 for r in (*ROLES, ANON)}),
    "api_cases.index": ("GET", "/api/v1/cases", {"officer": 200, "supervisor": 200, "vcu": 200, "board": 403,
                                                 "admin": 403, ANON: 401}),
    "api_cases.create": ("POST", "/api/v1/cases", {"officer": 422, "supervisor": 422, "vcu": 403, "board": 403,
                                                   "admin": 403, ANON: 401}),
    # The records-system import: officers and supervisors within their cases, administrators for any.
    "api_imports.create": ("POST", "/api/v1/imports", {"officer": 422, "supervisor": 422, "vcu": 403, "board": 403,
                                                       "admin": 422, ANON: 401}),
    "api_cases.case#own": ("GET", "/api/v1/cases/{own_case}", {"officer": 200, "supervisor": 200, "vcu": 200,
                                                               "board": 403, "admin": 403, ANON: 401}),
    "api_cases.case#other-team": ("GET", "/api/v1/cases/{other_case}", {"officer": 404, "supervisor": 404,
                                                                        "vcu": 200, "board": 403, "admin": 403,
                                                                        ANON: 401}),
    "api_cases.case#closed": ("GET", "/api/v1/cases/{closed_case}", {"officer": 200, "supervisor": 200, "vcu": 404,
                                                                     "board": 403, "admin": 403, ANON: 401}),
    "api_cases.update#own": ("PATCH", "/api/v1/cases/{own_case}", {"officer": 428, "supervisor": 428, "vcu": 403,
                                                                   "board": 403, "admin": 403, ANON: 401}),
    "api_cases.update#teammate": ("PATCH", "/api/v1/cases/{teammate_case}", {
        "officer": 403, "supervisor": 428, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_cases.update#other-team": ("PATCH", "/api/v1/cases/{other_case}", {
        "officer": 404, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_events.create#own": ("POST", "/api/v1/cases/{own_case}/events", {
        "officer": 422, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_events.create#teammate": ("POST", "/api/v1/cases/{teammate_case}/events", {
        "officer": 403, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_events.create#other-team": ("POST", "/api/v1/cases/{other_case}/events", {
        "officer": 404, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_victims.create#own": ("POST", "/api/v1/cases/{own_case}/victims", {
        "officer": 422, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_victims.create#other-team": ("POST", "/api/v1/cases/{other_case}/victims", {
        "officer": 404, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_victims.victim#own": ("GET", "/api/v1/cases/{own_case}/victims/{own_victim}", {
        "officer": 200, "supervisor": 200, "vcu": 200, "board": 403, "admin": 403, ANON: 401}),
    "api_victims.victim#wrong-case": ("GET", "/api/v1/cases/{own_case}/victims/{other_victim}", {
        "officer": 404, "supervisor": 404, "vcu": 404, "board": 403, "admin": 403, ANON: 401}),
    "api_victims.update#own": ("PATCH", "/api/v1/cases/{own_case}/victims/{own_victim}", {
        "officer": 428, "supervisor": 428, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_victims.update#teammate": ("PATCH", "/api/v1/cases/{teammate_case}/victims/{teammate_victim}", {
        "officer": 403, "supervisor": 428, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_contracts.contract": ("GET", "/api/v1/cases/{own_case}/victims/{own_victim}/contract", {
        "officer": 404, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_contracts.agree#own": ("PUT", "/api/v1/cases/{own_case}/victims/{own_victim}/contract", {
        "officer": 422, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_contracts.agree#other-team": ("PUT", "/api/v1/cases/{other_case}/victims/{other_victim}/contract", {
        "officer": 404, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_contracts.add_what_matters": ("POST", "/api/v1/cases/{own_case}/victims/{own_victim}/what-matters", {
        "officer": 422, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_needs.assess#own": ("POST", "/api/v1/cases/{own_case}/victims/{own_victim}/needs-assessments", {
        "officer": 422, "supervisor": 422, "vcu": 422, "board": 403, "admin": 403, ANON: 401}),
    "api_needs.assess#teammate": ("POST",
                                  "/api/v1/cases/{teammate_case}/victims/{teammate_victim}/needs-assessments", {
        "officer": 403, "supervisor": 422, "vcu": 422, "board": 403, "admin": 403, ANON: 401}),
    "api_needs.refer#own": ("POST", "/api/v1/cases/{own_case}/victims/{own_victim}/referrals", {
        "officer": 422, "supervisor": 422, "vcu": 422, "board": 403, "admin": 403, ANON: 401}),
    "api_needs.refer#closed": ("POST", "/api/v1/cases/{closed_case}/victims/{own_victim}/referrals", {
        "officer": 403, "supervisor": 403, "vcu": 404, "board": 403, "admin": 403, ANON: 401}),
    "api_closure.request_closure#own": ("POST", "/api/v1/cases/{own_case}/closure-request", {
        "officer": 422, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_closure.request_closure#other-team": ("POST", "/api/v1/cases/{other_case}/closure-request", {
        "officer": 404, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_needs.update_referral#own": ("PATCH",
                                      "/api/v1/cases/{own_case}/victims/{own_victim}/referrals/{own_referral}", {
        "officer": 422, "supervisor": 422, "vcu": 422, "board": 403, "admin": 403, ANON: 401}),
    "api_needs.update_referral#wrong-case": ("PATCH",
                                             "/api/v1/cases/{other_case}/victims/{own_victim}/referrals/{own_referral}", {
        "officer": 404, "supervisor": 404, "vcu": 422, "board": 403, "admin": 403, ANON: 401}),
    "api_contracts.what_matters_item": ("GET", "/api/v1/cases/{own_case}/victims/{own_victim}/what-matters/{own_item}", {
        "officer": 200, "supervisor": 200, "vcu": 200, "board": 403, "admin": 403, ANON: 401}),
    "api_closure.assess_what_matters#own": ("PUT",
                                            "/api/v1/cases/{own_case}/victims/{own_victim}/what-matters/{own_item}/assessment", {
        "officer": 422, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_closure.final_update#own": ("POST", "/api/v1/cases/{own_case}/victims/{own_victim}/final-update", {
        "officer": 201, "supervisor": 201, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_closure.final_update#other-team": ("POST", "/api/v1/cases/{other_case}/victims/{other_victim}/final-update", {
        "officer": 404, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_closure.decide#requested": ("POST", "/api/v1/cases/{requested_case}/closure-decision", {
        "officer": 403, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_closure.decide#other-team": ("POST", "/api/v1/cases/{other_case}/closure-decision", {
        "officer": 403, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_follow_ups.queue": ("GET", "/api/v1/follow-ups", {"officer": 403, "supervisor": 403, "vcu": 200,
                                                           "board": 403, "admin": 403, ANON: 401}),
    "api_follow_ups.claim": ("POST", "/api/v1/follow-ups/{follow_up}/claim", {
        "officer": 403, "supervisor": 403, "vcu": 200, "board": 403, "admin": 403, ANON: 401}),
    "api_follow_ups.release": ("POST", "/api/v1/follow-ups/{follow_up}/release", {
        "officer": 403, "supervisor": 403, "vcu": 409, "board": 403, "admin": 403, ANON: 401}),
    "api_follow_ups.attempt": ("POST", "/api/v1/follow-ups/{follow_up}/attempts", {
        "officer": 403, "supervisor": 403, "vcu": 422, "board": 403, "admin": 403, ANON: 401}),
    "api_feedback.record#own": ("POST", "/api/v1/cases/{own_case}/victims/{own_victim}/feedback", {
        "officer": 403, "supervisor": 403, "vcu": 422, "board": 403, "admin": 403, ANON: 401}),
    "api_feedback.record#closed": ("POST", "/api/v1/cases/{closed_case}/victims/{own_victim}/feedback", {
        "officer": 403, "supervisor": 403, "vcu": 404, "board": 403, "admin": 403, ANON: 401}),
    "api_board.report": ("GET", "/api/v1/board/report?from=2026-10-01&to=2026-12-31", {
        "officer": 403, "supervisor": 403, "vcu": 403, "board": 200, "admin": 403, ANON: 401}),
    "api_events.index#own": ("GET", "/api/v1/cases/{own_case}/events", {
        "officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_events.index#other-team": ("GET", "/api/v1/cases/{other_case}/events", {
        "officer": 404, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_updates.index": ("GET", "/api/v1/updates", {"officer": 200, "supervisor": 200, "vcu": 403, "board": 403,
                                                     "admin": 403, ANON: 401}),
    "api_needs.assessments": ("GET", "/api/v1/cases/{own_case}/victims/{own_victim}/needs-assessments", {
        "officer": 200, "supervisor": 200, "vcu": 200, "board": 403, "admin": 403, ANON: 401}),
    "api_needs.assessment": ("GET", "/api/v1/cases/{own_case}/victims/{own_victim}/needs-assessments/{own_assessment}", {
        "officer": 200, "supervisor": 200, "vcu": 200, "board": 403, "admin": 403, ANON: 401}),
    "api_needs.referrals": ("GET", "/api/v1/cases/{own_case}/victims/{own_victim}/referrals", {
        "officer": 200, "supervisor": 200, "vcu": 200, "board": 403, "admin": 403, ANON: 401}),
    "api_needs.referral": ("GET", "/api/v1/cases/{own_case}/victims/{own_victim}/referrals/{own_referral}", {
        "officer": 200, "supervisor": 200, "vcu": 200, "board": 403, "admin": 403, ANON: 401}),
    "api_feedback.index": ("GET", "/api/v1/cases/{own_case}/victims/{own_victim}/feedback", {
        "officer": 403, "supervisor": 403, "vcu": 200, "board": 403, "admin": 403, ANON: 401}),
    "api_follow_ups.follow_up": ("GET", "/api/v1/follow-ups/{follow_up}", {
        "officer": 403, "supervisor": 403, "vcu": 200, "board": 403, "admin": 403, ANON: 401}),
    "api_follow_ups.reached": ("POST", "/api/v1/follow-ups/{follow_up}/reached", {
        "officer": 403, "supervisor": 403, "vcu": 422, "board": 403, "admin": 403, ANON: 401}),
    "api_follow_ups.letter": ("POST", "/api/v1/follow-ups/{follow_up}/letter", {
        "officer": 403, "supervisor": 403, "vcu": 422, "board": 403, "admin": 403, ANON: 401}),
    "api_case_updates.index": ("GET", "/api/v1/cases/{own_case}/updates", {
        "officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_case_updates.update": ("GET", "/api/v1/cases/{own_case}/updates/{own_update}", {
        "officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_case_updates.update#other-team": ("GET", "/api/v1/cases/{other_case}/updates/{other_update}", {
        "officer": 404, "supervisor": 404, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_case_updates.give": ("POST", "/api/v1/cases/{own_case}/updates/{own_update}/given", {
        "officer": 422, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_case_updates.overdue_reason": ("PUT", "/api/v1/cases/{own_case}/updates/{own_update}/overdue-reason", {
        "officer": 422, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_victims.add_ground": ("POST", "/api/v1/cases/{own_case}/victims/{own_victim}/enhanced-grounds", {
        "officer": 422, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_closure.reopen": ("POST", "/api/v1/cases/{closed_case}/reopen", {
        "officer": 422, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_complaints.record": ("POST", "/api/v1/cases/{closed_case}/complaints", {
        "officer": 403, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_complaints.index": ("GET", "/api/v1/cases/{own_case}/complaints", {
        "officer": 200, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_service_recovery.recoveries": ("GET", "/api/v1/service-recovery", {
        "officer": 403, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_service_recovery.recovery": ("GET", "/api/v1/service-recovery/{own_recovery}", {
        "officer": 403, "supervisor": 200, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
    "api_service_recovery.close": ("POST", "/api/v1/service-recovery/{own_recovery}/close", {
        "officer": 403, "supervisor": 422, "vcu": 403, "board": 403, "admin": 403, ANON: 401}),
}


def test_every_route_declares_a_permission(app):
    missing = [rule.endpoint for rule in app.url_map.iter_rules() if permission_of(rule.endpoint) is None]
    assert missing == []


def test_every_route_is_in_the_role_matrix(app):
    """Adding a route means deciding, in MATRIX, what each role gets from it."""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - {"static"}
    covered = {key.split("#")[0] for key in MATRIX}
    assert endpoints - covered == set()


def test_a_route_without_a_permission_is_refused(app, browser, db):
    """Deny by default: a view nobody decorated answers 403 even to a signed-in user."""
    app.view_functions["board.index"].__dict__.pop("permission")
    try:
        user = make_user("board")
        db.session.commit()
        browser.login(user)
        assert browser.get("/board/").status_code == 403
    finally:
        app.view_functions["board.index"].permission = "board:read"


@pytest.fixture
def world(db):
    team = make_team("Team A")
    other_team = make_team("Team B")
    users = {role: make_user(role, team=team if role in ("officer", "supervisor") else None) for role in ROLES}
    other_officer = make_user("officer", team=other_team)
    target = make_user("officer", team=team)
    own_case = make_case(users["officer"])
    teammate_case = make_case(target)
    other_case = make_case(other_officer)
    _, [own_update] = updates.record_event(own_case, stage="arrested", occurred_on=date(2026, 11, 2), notes=None,
                                           by=users["officer"])
    _, [other_update] = updates.record_event(other_case, stage="arrested", occurred_on=date(2026, 11, 2), notes=None,
                                             by=other_officer)
    ids = {
        "own_case": own_case.id,
        "own_victim": own_case.victims[0].id,
        "own_update": own_update.id,
        "own_item": contracts.add_what_matters(own_case.victims[0], category="safety", in_their_words="Feel safe",
                                               by=users["officer"]).id,
        "requested_case": make_case(target, status="closure-requested").id,
        "own_action": plan.add_action(own_case, what="Trace CCTV", who="PC", by_when=None, what_matters_id=None).id,
        "other_update": other_update.id,
        "other_victim": other_case.victims[0].id,
        "teammate_case": teammate_case.id,
        "teammate_victim": teammate_case.victims[0].id,
        "follow_up": create_follow_up(own_case, own_case.victims[0]).id,
        "own_referral": needs.make_referral(own_case, own_case.victims[0], service_code="victim-support",
                                            referred_on=date(2026, 11, 3), by=users["officer"]).id,
        "recovery": record_feedback(own_case, own_case.victims[0], stage="initial", surveyed_on=date(2026, 11, 20),
                                    answers={"kept_informed": 7}, comments=None, consent_to_use=False, impacts={},
                                    source="phone", by=None).id,
        "team_case": make_case(users["officer"]).id,
        "other_case": other_case.id,
        "closed_case": make_case(users["officer"], status="closed").id,
        "user": target.id,
        "user_version": target.version,
        "other_officer": other_officer.id,
    }
    ids["own_assessment"] = needs.record_assessment(own_case.victims[0], by=users["officer"],
                                                    assessed_on=date(2026, 11, 3), risk="medium").id
    ids["own_recovery"] = db.session.scalar(sa.select(ServiceRecovery.id).where(ServiceRecovery.case_id == own_case.id))
    db.session.commit()
    return users, ids


@pytest.fixture
def scrutiny_ids(world, db):
    """The Scrutiny Panel's records, built only for the tests that use them (a draw is not free)."""
    from victimcare.models import User

    users, ids = world
    extra = scrutiny_world(users, db.session.get(User, ids["other_officer"]))
    db.session.commit()
    return extra


def scrutiny_world(users, other_officer) -> dict:
    """A sample with an approved and a draft pack of the team's cases, one of another team's, and actions."""
    from victimcare.scrutiny import services as scrutiny

    cases = [make_case(users["officer"], status="closed"), make_case(users["officer"], status="closed"),
             make_case(other_officer, status="closed")]
    for case in cases:
        case.closed_on = date(2026, 10, 15)
    sample = scrutiny.draw_sample(month=date(2026, 10, 1), by=users["supervisor"], seed=1)
    approved, draft, other = (next(p for p in sample.packs if p.case_id == c.id) for c in cases)
    scrutiny.review_pack(approved, decision="approve", by=users["supervisor"])
    other.status = "approved"
    action = scrutiny.add_action(approved, owner_team_id=users["officer"].team_id, description="Brief the team",
                                 due_on=date(2026, 12, 31), by=users["board"])
    other_action = scrutiny.add_action(other, owner_team_id=other_officer.team_id, description="Review NFA letters",
                                       due_on=date(2026, 12, 31), by=users["board"])
    return {"sample": sample.id, "approved_pack": approved.id, "draft_pack": draft.id, "other_pack": other.id,
            "scrutiny_action": action.id, "other_action": other_action.id}


@pytest.mark.parametrize("role", (*ROLES, ANON))
@pytest.mark.parametrize("key", list(MATRIX))
def test_role_matrix(key, role, world, browser, request):
    users, ids = world
    if key.startswith("scrutiny."):
        ids = {**ids, **request.getfixturevalue("scrutiny_ids")}
    method, template, expected = MATRIX[key]
    path = template.format(**ids)
    if path.startswith("/api/"):
        response = _api_request(browser.app, method, path, None if role == ANON else users[role])
        assert response.status_code == expected[role], f"{role} {method} {path}"
        return
    if role != ANON:
        browser.login(users[role])
    if method == "GET":
        response = browser.get(path)
    else:
        response = browser.submit(path, {"version": ids["user_version"]}, page="/")
    assert response.status_code == expected[role], f"{role} {method} {path}"


def _api_request(app, method: str, path: str, user):
    """The API as its clients use it: a bearer token of the role's user, a JSON body on writes."""
    from victimcare.api.tokens import issue_token
    from victimcare.extensions import db

    headers = {}
    if user is not None:
        _, token = issue_token(user)
        db.session.commit()
        headers["Authorization"] = f"Bearer {token}"
    with app.app_context():
        return app.test_client().open(path, method=method, headers=headers,
                                      json={} if method != "GET" else None)


def test_board_page_shows_only_protected_counts_and_no_personal_data(browser, db):
    from victimcare.reference_data import AREAS

    board = make_user("board")
    officer = make_user("officer")
    cases = [make_case(officer, area="Newport") for _ in range(12)] + [make_case(officer, area="Torfaen")]
    db.session.commit()
    browser.login(board)
    html = browser.get("/board/").get_data(as_text=True)
    assert all(area in html for area in AREAS)
    assert "<10" in html.replace("&lt;", "<")
    for case in cases:
        assert case.crime_reference not in html
        assert case.victims[0].name not in html


@pytest.mark.parametrize("role", ROLES)
def test_junk_in_query_strings_never_causes_a_server_error(role, world, scrutiny_ids, browser):
    """Every page, for every role, shrugs off nonsense parameters with a page or a 4xx."""
    users, ids = world
    ids = {**ids, **scrutiny_ids}
    browser.login(users[role])
    junk = "?page=-7&page=x&status=%00&area=%27%3B--&assignee=999999&category=%F0%9F%92%A5&case_id=1e9" \
           "&date_from=99&date_from=99&date_from=99999&mine=2"
    for key, (method, template, _) in MATRIX.items():
        if method != "GET":
            continue
        response = browser.get(template.format(**ids) + junk)
        assert response.status_code < 500, f"{role} {key}: {response.status_code}"
