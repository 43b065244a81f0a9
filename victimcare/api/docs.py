"""The OpenAPI document and a page that lists the operations in it.

The page is rendered here from the document, with the app's own styles: the usual API browsers load
their scripts from a CDN, which the Content-Security-Policy (and a police network) would refuse.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template

from victimcare.access import PUBLIC, permission

bp = Blueprint("api_docs", __name__)

METHODS = ("get", "post", "put", "patch", "delete")


def openapi_document() -> dict:
    return current_app.extensions["victimcare-api"].spec.to_dict()


@bp.get("/openapi.json")
@permission(PUBLIC)  # field names and codes only: no personal data, and other systems build against it
def openapi_json():
    return jsonify(openapi_document())


@bp.get("/docs")
@permission(PUBLIC)
def docs():
    spec = openapi_document()
    operations = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
         "description": op.get("description", ""), "tag": (op.get("tags") or [""])[0],
         "parameters": op.get("parameters", []), "responses": op.get("responses", {}),
         "body": ((op.get("requestBody") or {}).get("content", {}).get("application/json", {}).get("schema", {})
                  .get("$ref", "").rsplit("/", 1)[-1])}
        for path, item in sorted(spec.get("paths", {}).items())
        for method, op in item.items() if method in METHODS
    ]
    schemas = spec.get("components", {}).get("schemas", {})
    # No navigation: the API has no sign-in session, so no sign-out form either.
    return render_template("api/docs.html", spec=spec, operations=operations, schemas=schemas, navigation=None)
