"""The Victims' Board pages: aggregated, anonymised figures only."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import gettext
from werkzeug.datastructures import MultiDict

from forms.board import ReportPeriodForm
from victimcare.access import permission
from victimcare.extensions import db
from victimcare.i18n import format_date, format_month
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


def _period_args(start, end, breakdown) -> dict:
    return {"start": [str(start.day), str(start.month), str(start.year)],
            "end": [str(end.day), str(end.month), str(end.year)], "breakdown": breakdown}


def _quick_choices(today, breakdown) -> list[tuple[str, dict]]:
    """Ready-made periods: the last full month, quarter and year, and this year so far."""
    month_end = today.replace(day=1) - timedelta(days=1)
    quarter = _last_full_quarter(today)
    year = (today.replace(year=today.year - 1, month=1, day=1), today.replace(year=today.year - 1, month=12, day=31))
    return [(format_month(month_end), _period_args(month_end.replace(day=1), month_end, breakdown)),
            (gettext("the quarter %(start)s to %(end)s", start=format_date(quarter[0], "LLLL"),
                     end=format_month(quarter[1])), _period_args(*quarter, breakdown)),
            (gettext("the year %(year)s", year=year[0].year), _period_args(*year, breakdown)),
            (gettext("%(year)s so far", year=today.year), _period_args(today.replace(month=1, day=1), today, breakdown))]


@bp.get("/report")
@permission("board:read")
def report():
    today = utcnow().date()
    args = request.args
    breakdown = args.get("breakdown", "area")
    quick = _quick_choices(today, breakdown if breakdown in measures.BREAKDOWNS else "area")
    if "start" not in args:
        start, end = _last_full_quarter(today)
        args = MultiDict([("start", str(start.day)), ("start", str(start.month)), ("start", str(start.year)),
                          ("end", str(end.day)), ("end", str(end.month)), ("end", str(end.year)),
                          ("breakdown", breakdown)])
    form = ReportPeriodForm(args)
    if not form.validate():
        return render_template("board/report.html", form=form, report=None, quick=quick)
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
    return render_template("board/report.html", form=form, report=report, quick=quick,
                           satisfied_label=measures.SATISFIED_LABEL, query=query)
