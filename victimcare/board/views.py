"""The Victims' Board pages: aggregated, anonymised figures only."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.datastructures import MultiDict

from forms.board import ReportPeriodForm
from victimcare.access import permission
from victimcare.extensions import db
from victimcare.models import Case
from victimcare.reference_data import AREAS
from victimcare.reports import board as board_report
from victimcare.reports import measures
from victimcare.reports.disclosure import protect
from victimcare.timeutil import utcnow

bp = Blueprint("board", __name__, url_prefix="/board")


@bp.get("/")
@permission("board:read")
def index():
    since = utcnow().date() - timedelta(days=365)
    rows = db.session.execute(
        sa.select(Case.area, sa.func.count()).where(Case.reported_on >= since).group_by(Case.area)
    )
    counts = dict(rows.all())
    threshold = current_app.config["SMALL_NUMBER_THRESHOLD"]
    table = protect([[counts.get(area, 0)] for area in AREAS], threshold)
    by_area = [(area, table.shown(i, 0)) for i, area in enumerate(AREAS)]
    return render_template("board/index.html", by_area=by_area, total=table.shown(len(AREAS), 0), since=since,
                           threshold=threshold)


def _last_full_quarter(today):
    quarter_start_month = 3 * ((today.month - 1) // 3) + 1
    end = today.replace(month=quarter_start_month, day=1) - timedelta(days=1)
    start = end.replace(month=3 * ((end.month - 1) // 3) + 1, day=1)
    return start, end


@bp.get("/report")
@permission("board:read")
def report():
    today = utcnow().date()
    args = request.args
    if "start" not in args:
        start, end = _last_full_quarter(today)
        args = MultiDict([("start", str(start.day)), ("start", str(start.month)), ("start", str(start.year)),
                          ("end", str(end.day)), ("end", str(end.month)), ("end", str(end.year)),
                          ("breakdown", args.get("breakdown", "area"))])
    form = ReportPeriodForm(args)
    if not form.validate():
        return render_template("board/report.html", form=form, period=None)
    report = board_report.build(measures.Period(form.start.data, form.end.data),
                                breakdown=form.breakdown.data or "area",
                                threshold=current_app.config["SMALL_NUMBER_THRESHOLD"], today=today)
    filename = f"victims-board-{report.period.start}-to-{report.period.end}"
    if request.args.get("format") == "csv":
        return Response(board_report.csv_zip(report), mimetype="application/zip",
                        headers={"Content-Disposition": f"attachment; filename={filename}.zip"})
    if request.args.get("format") == "pdf":
        return Response(board_report.render_pdf(report), mimetype="application/pdf",
                        headers={"Content-Disposition": f"inline; filename={filename}.pdf"})
    query = {k: request.args.getlist(k) for k in request.args if k != "format"}
    return render_template("board/report.html", form=form, period=report.period, tables=report.tables,
                           satisfaction=report.satisfaction, threshold=report.threshold,
                           satisfied_label=measures.SATISFIED_LABEL, query=query, needs_met=report.needs_met)
