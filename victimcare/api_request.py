"""Whether a request is for the JSON API: it authenticates by bearer token and answers in JSON."""

from __future__ import annotations

from flask import Request

API_PREFIX = "/api/"


def is_api_request(request: Request) -> bool:
    return request.path.startswith(API_PREFIX)
