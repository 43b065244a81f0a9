from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from victimcare import audit
from victimcare.access import can_edit_case, permission, visible_case_or_404
from victimcare.cases.queries import case_list_statement
from victimcare.extensions import db
from victimcare.models import CaseStatus
from victimcare.models.audit import AuditAction
from victimcare.pagination import paginate

bp = Blueprint("cases", __name__, url_prefix="/cases")

FILTERS = {"open": CaseStatus.OPEN, "closure-requested": CaseStatus.CLOSURE_REQUESTED, "closed": CaseStatus.CLOSED}


@bp.get("/")
@permission("cases:read")
def index():
    status_filter = request.args.get("status", "open")
    if status_filter not in FILTERS and status_filter != "all":
        abort(404)
    mine = request.args.get("mine") == "1"
    page = paginate(case_list_statement(current_user, status=FILTERS.get(status_filter), mine=mine))
    audit.record_list("case-list", [case.id for case in page.items], detail=f"case list status={status_filter}")
    db.session.commit()
    return render_template("cases/index.html", page=page, status_filter=status_filter, mine=mine,
                           filters=FILTERS)


@bp.get("/<int:case_id>")
@permission("cases:read")
def show(case_id: int):
    case = visible_case_or_404(case_id, current_user)
    audit.record(AuditAction.CONSULT, "case", case.id, case_id=case.id)
    db.session.commit()
    return render_template("cases/show.html", case=case, can_edit=can_edit_case(current_user, case))
