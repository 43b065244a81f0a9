"""The JSON API under /api/v1: bearer tokens, marshmallow schemas, an OpenAPI 3 document."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from victimcare.api.errors import ApiErrorSchema

PREFIX = "/api/v1"


class VictimcareApi(Api):
    ERROR_SCHEMA = ApiErrorSchema

    def _register_error_handlers(self):
        """The app's own handler answers API errors (victimcare.errors): one place for all errors."""


def init_api(app: Flask) -> None:
    from victimcare.api.auth import load_api_user
    from victimcare.api.board import blp as board_blp
    from victimcare.api.cases import blp as cases_blp
    from victimcare.api.closure import blp as closure_blp
    from victimcare.api.complaints import complaints_blp, recovery_blp
    from victimcare.api.contracts import blp as contracts_blp
    from victimcare.api.docs import bp as docs_bp
    from victimcare.api.events import events_blp, updates_blp
    from victimcare.api.feedback import blp as feedback_blp
    from victimcare.api.follow_ups import blp as follow_ups_blp
    from victimcare.api.imports import blp as imports_blp
    from victimcare.api.needs import blp as needs_blp
    from victimcare.api.updates import blp as case_updates_blp
    from victimcare.api.victims import blp as victims_blp
    from victimcare.extensions import csrf

    app.config.setdefault("API_TITLE", "victimcare")
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    api = VictimcareApi(app, spec_kwargs={
        "info": {"description": "Victim journey case tracking (CARES) for Gwent Police. "
                                "Authenticate with `Authorization: Bearer <token>` (`victimcare tokens create`)."},
    })
    api.spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    for blueprint in (cases_blp, victims_blp, contracts_blp, needs_blp, events_blp, updates_blp, case_updates_blp,
                      closure_blp, complaints_blp, follow_ups_blp, feedback_blp, recovery_blp, board_blp,
                      imports_blp):
        api.register_blueprint(blueprint, url_prefix=PREFIX + blueprint.url_prefix)
        csrf.exempt(blueprint)
    api.spec.options["security"] = [{"bearer": []}]
    app.register_blueprint(docs_bp, url_prefix=PREFIX)
    csrf.exempt(docs_bp)
    app.extensions["victimcare-api"] = api
    app.before_request(load_api_user)
