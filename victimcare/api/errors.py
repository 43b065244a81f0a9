"""Every API error is JSON: `{"errors": {field: [message, ...]}}` for bad input, else `{"message": ...}`."""

from __future__ import annotations

from collections.abc import Mapping

import marshmallow as ma
from flask import jsonify
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: "The request could not be understood",
    401: "Send a valid API token: Authorization: Bearer <token>",
    403: "Your account may not do this",
    404: "Not found, or you may not have access to it",
    405: "Method not allowed",
    409: "Conflict",
    412: "The record has changed since you read it: read it again, then retry with its new ETag in If-Match",
    413: "The request is too large",
    415: "Send JSON (Content-Type: application/json)",
    422: "Some fields are not valid",
    428: "Send If-Match with the ETag you read",
    429: "Too many requests",
    500: "Sorry, there is a problem with the service",
}


class ApiErrorSchema(ma.Schema):
    """The body of every API error (documentation only)."""

    message = ma.fields.String()
    errors = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()),
                            metadata={"description": "Each bad field (dotted for nested ones) and what is wrong"})


def flatten(messages, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as {"victims.0.name": [...]}: one key per bad field."""
    flat: dict[str, list[str]] = {}
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            # A schema-level message belongs to the object it is about (the body, at the top).
            name = (prefix or "_body") if key == "_schema" else f"{prefix}.{key}" if prefix else str(key)
            for sub, texts in flatten(value, name).items():
                flat.setdefault(sub, []).extend(texts)
    elif isinstance(messages, list | tuple) and all(isinstance(m, str) for m in messages):
        flat[prefix or "_body"] = [str(m) for m in messages]
    elif isinstance(messages, list | tuple):
        for index, value in enumerate(messages):
            for sub, texts in flatten(value, f"{prefix}.{index}" if prefix else str(index)).items():
                flat.setdefault(sub, []).extend(texts)
    else:
        flat[prefix or "_body"] = [str(messages)]
    return flat


def api_error(status: int, message: str | None = None, *, errors: Mapping | None = None, headers=None):
    body = {"errors": flatten(errors)} if errors else {"message": message or MESSAGES.get(status, MESSAGES[400])}
    response = jsonify(body)
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="victimcare"'
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def from_http_exception(error: HTTPException):
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    messages = data.get("messages") or data.get("errors")
    if messages and status in (400, 422):
        # webargs nests the messages by location (json, query, ...): the field is what the client needs.
        if isinstance(messages, Mapping) and set(messages) <= {"json", "query", "headers", "form", "view_args",
                                                               "files", "querystring", "cookies", "path"}:
            messages = {k: v for location in messages.values() for k, v in flatten(location).items()}
        return api_error(status, errors=messages, headers=data.get("headers"))
    return api_error(status, data.get("message"), errors=data.get("field_errors"), headers=data.get("headers"))
