"""The Victims' Board pages: aggregated, anonymised figures only."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import Blueprint, current_app, render_template

from victimcare.access import permission
from victimcare.extensions import db
from victimcare.models import Case
from victimcare.reference_data import AREAS
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
