"""/api/v1/imports: cases from the records management system in one request, as the command line takes
them (victimcare.cases.rms_import): the same checks, all or nothing unless skip_invalid."""

from __future__ import annotations

from flask import abort, current_app, request
from flask_login import current_user
from flask_smorest import Blueprint

from victimcare.access import permission
from victimcare.api.schemas import ImportQuerySchema, ImportRefusedSchema, ImportReportSchema, ImportRequestSchema
from victimcare.cases import rms_import

blp = Blueprint("api_imports", __name__, url_prefix="/imports",
                description="Bulk import of cases from the force's records management system")

# Content type -> import format.
FORMATS = {"application/json": "json", "text/csv": "csv", "application/x-ndjson": "jsonl",
           "application/jsonl": "jsonl"}


def report_body(report: rms_import.ImportReport) -> dict:
    return {"created": report.created, "updated": report.updated, "unchanged": report.unchanged,
            "skipped": [{"lines": lines, "crime_reference": reference} for lines, reference in report.skipped],
            "errors": {str(line): fields for line, fields in sorted(report.errors.items())}}


@blp.route("", methods=["POST"])
@permission("cases:import")
@blp.arguments(ImportQuerySchema, location="query", as_kwargs=True)
@blp.response(200, ImportReportSchema)
@blp.alt_response(422, schema=ImportRefusedSchema, description="Some cases are not valid: nothing was imported")
@blp.alt_response(413, response="DEFAULT_ERROR", description="The body is larger than the import limit")
@blp.alt_response(415, response="DEFAULT_ERROR", description="Not JSON, CSV or JSON Lines")
@blp.doc(requestBody={"required": True, "content": {
    "application/json": {"schema": ImportRequestSchema},
    "application/x-ndjson": {"schema": {"type": "string", "description": "JSON Lines: one case per line, as "
                                                                          "POST /api/v1/cases takes it"}},
    "text/csv": {"schema": {"type": "string", "description": "One row per victim (README: Importing from the "
                                                              "records system)"}}}})
def create(skip_invalid: bool):
    """Import cases and their victims: created, updated (by crime reference) or unchanged"""
    fmt = FORMATS.get(request.mimetype)
    if fmt is None:
        abort(415)
    request.max_content_length = current_app.config["MAX_IMPORT_BYTES"]
    data = request.get_data(cache=False)  # 413 beyond the limit
    try:
        report = rms_import.import_cases(data, fmt, by=current_user._get_current_object(),
                                         skip_invalid=skip_invalid, source="API")
    except rms_import.ImportFailed as failure:
        raise failure.__cause__ from failure
    return report_body(report), 200 if report.ok or skip_invalid else 422
