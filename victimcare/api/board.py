"""/api/v1/board/report: the Victims' Board report's measures as JSON, for a Board token.

The figures are the published ones (`reports.board.csv_files`, the same tables as the report's CSV
download): every count has been through disclosure control, and a withheld value is null.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import marshmallow as ma
from flask import current_app
from flask_smorest import Blueprint
from marshmallow import fields, validate

from victimcare import audit
from victimcare.access import permission
from victimcare.api.schemas import Strict
from victimcare.extensions import db
from victimcare.models.audit import AuditAction
from victimcare.reports import board as board_report
from victimcare.reports import measures
from victimcare.timeutil import utcnow

blp = Blueprint("api_board", __name__, url_prefix="/board", description="The Victims' Board report (aggregates)")

NUMBERS = {"met", "total", "percent", "previous_met", "previous_total", "previous_percent", "withheld_below",
           "count", "answers", "satisfied_percent", "ci_low_percent", "ci_high_percent"}
LONGEST_PERIOD_DAYS = 3 * 366
# The report compares with the previous period, so the calendar must reach back that far; no force
# record is older than this.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


class BoardQuerySchema(Strict):
    start = fields.Date(required=True, data_key="from", validate=validate.Range(EARLIEST, LATEST),
                        metadata={"description": "First day of the period"})
    end = fields.Date(required=True, data_key="to", validate=validate.Range(EARLIEST, LATEST),
                      metadata={"description": "Last day of the period"})
    breakdown = fields.String(load_default="area", validate=validate.OneOf(list(measures.BREAKDOWNS)))

    @ma.validates_schema
    def _period(self, data, **kwargs):
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise ma.ValidationError("The last day must be on or after the first day", "to")
        if start and end and (end - start).days > LONGEST_PERIOD_DAYS:
            raise ma.ValidationError("Choose a period of three years or less", "to")


class BoardReportSchema(ma.Schema):
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    breakdown = fields.String(required=True)
    withheld_below = fields.Integer(required=True, metadata={"description": "Counts below this are withheld"})
    counted_at = fields.DateTime(allow_none=True, required=True, metadata={
        "description": "When the kept counts the figures for the days before today were read from were counted "
                       "(UTC); null when none were read"})
    changed_since_counted = fields.Integer(required=True, metadata={
        "description": "How many of the months and days the report covers have had records changed since they "
                       "were counted: those show at the next refresh, overnight"})
    tables = fields.Dict(keys=fields.String(), values=fields.List(fields.Dict()), required=True,
                         metadata={"description": "One table per measure (as in the report's CSV download), "
                                                  "a row per category; null where a value is withheld"})


def _value(column: str, text: str):
    if text == "":
        return None
    if column in NUMBERS:
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return text
    return text


def published_tables(report) -> dict[str, list[dict]]:
    return {name.removesuffix(".csv"): [{k: _value(k, v) for k, v in row.items()}
                                        for row in csv.DictReader(io.StringIO(text))]
            for name, text in board_report.csv_files(report).items()}


@blp.route("/report", methods=["GET"])
@permission("board:read")
@blp.arguments(BoardQuerySchema, location="query", as_kwargs=True, unknown=ma.RAISE)
@blp.response(200, BoardReportSchema)
def report(start, end, breakdown: str):
    """Every measure the Board reviews for a period, beside the previous period, disclosure-controlled"""
    threshold = current_app.config["SMALL_NUMBER_THRESHOLD"]
    built = board_report.build(measures.Period(start, end), breakdown=breakdown, threshold=threshold,
                               today=utcnow().date())
    audit.record(AuditAction.DISCLOSE, "board-report", detail=f"{built.period.label} as JSON (API)",
                 justification="Victims' Board report (aggregated, disclosure-controlled)")
    db.session.commit()
    return {"period_start": start, "period_end": end, "breakdown": breakdown, "withheld_below": threshold,
            "counted_at": built.as_counted.at, "changed_since_counted": built.as_counted.changed,
            "tables": published_tables(built)}
