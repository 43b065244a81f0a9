"""Response headers that every page carries."""

from __future__ import annotations

from flask import Flask, request
from flask_babel import gettext
from werkzeug.middleware.proxy_fix import ProxyFix

from victimcare.api_request import is_api_request
from victimcare.extensions import talisman

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def init_security(app: Flask) -> None:
    if app.config["TRUSTED_PROXIES"]:
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    talisman.init_app(
        app,
        # TLS is terminated in front of the app; HSTS is still sent on HTTPS requests.
        force_https=False,
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        content_security_policy=CONTENT_SECURITY_POLICY,
        frame_options="DENY",
        referrer_policy="same-origin",
    )
    app.after_request(_no_store_personal_data)
    app.before_request(_refuse_null_characters)


def _refuse_null_characters():
    """PostgreSQL cannot store a NUL character in text, so a form or query carrying one is refused
    before anything reads it, with a page that says why (the API's schemas name the field instead)."""
    if is_api_request(request):
        return None
    values = [*request.args.values(), *request.args.keys()]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        values += [*request.form.values(), *request.form.keys()]
    if any("\x00" in value for value in values):
        from victimcare.errors import render_error

        return render_error(400, gettext("Your form could not be sent"),
                            gettext("It contained a character that cannot be saved (a null character). Go back, "
                                    "remove it and try again. Nothing was saved."))
    return None


def _no_store_personal_data(response):
    # Pages may show victims' details: keep them out of shared and browser caches.
    if not request.path.startswith("/static/"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response
