"""Error pages that say what to do next and leak nothing about the request."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from victimcare.i18n import lazy_gettext as _l
from victimcare.api_request import is_api_request
from victimcare.extensions import db

MESSAGES = {
    400: (_l("There is a problem with your request"), _l("Go back and try again.")),
    403: (_l("You do not have access to this page"), _l("If you think you should, ask your supervisor or an administrator.")),
    404: (_l("Page not found"), _l("If you typed the web address, check it is correct. If you followed a link to a case, "
          "it may not exist or you may not have access to it.")),
    405: (_l("There is a problem with your request"), _l("Go back and try again.")),
    413: (_l("The file is too large"), _l("Go back and choose a smaller file.")),
    429: (_l("Too many attempts"), _l("Wait 15 minutes, then try again.")),
    500: (_l("Sorry, there is a problem with the service"), _l("Try again later. If it keeps happening, contact the service desk.")),
}


def init_errorhandlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _wants_json() -> bool:
    return is_api_request(request) or request.path in ("/healthz", "/readyz")


def render_error(status: int, title: str | None = None, body: str | None = None):
    default_title, default_body = MESSAGES.get(status, MESSAGES[400] if status < 500 else MESSAGES[500])
    title, body = str(title or default_title), str(body or default_body)
    if _wants_json():
        return jsonify({"error": title}), status
    return render_template("errors/error.html", status=status, title=title, body=body, error_page=True), status


def _csrf_error(error: CSRFError):
    if is_api_request(request):  # the API is exempt from CSRF; this is only a safeguard
        return _http_error(error)
    current_app.logger.warning("CSRF refused on %s: %s", request.path, error.description)
    return render_error(
        400,
        gettext("Your form could not be sent"),
        gettext("The page had expired or was opened in another window. Go back, reload the page and try again. "
                "Nothing was saved."),
    )


def _http_error(error: HTTPException):
    if is_api_request(request):
        from victimcare.api.errors import from_http_exception

        return from_http_exception(error)
    return render_error(error.code or 500)


def _unexpected_error(error: Exception):
    db.session.rollback()
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    if is_api_request(request):
        from victimcare.api.errors import api_error

        return api_error(500)
    return render_error(500)
