"""victimcare: victim journey case tracking (CARES) for Gwent Police."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from victimcare import config as config_module

__all__ = ["create_app"]

PACKAGE_DIR = Path(__file__).resolve().parent


def create_app(config: Mapping | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(config_module.load(app.instance_path, config))

    configure_templates(app)
    register_extensions(app)
    register_sessions(app)
    register_security(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def templates_dir() -> Path:
    """templates/ sits beside the package in a checkout and inside it in an installed wheel."""
    for candidate in (PACKAGE_DIR / "templates", PACKAGE_DIR.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError("victimcare cannot find its templates folder")


def configure_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader([
        FileSystemLoader(str(templates_dir())),
        PrefixLoader({
            "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
            "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
        }),
    ])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # {% trans %} blocks may wrap over lines; their msgids are whitespace-collapsed (babel.cfg says the same).
    app.jinja_env.policies["ext.i18n.trimmed"] = True


def register_extensions(app: Flask) -> None:
    from victimcare import models  # noqa: F401  (registers the tables)
    from victimcare.reports import freshness  # noqa: F401  (keeps the Board's kept counts current)
    from victimcare.extensions import babel, csrf, db, limiter, migrate
    from victimcare.i18n import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PACKAGE_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale, default_locale="en", default_timezone="Europe/London")


def register_sessions(app: Flask) -> None:
    from victimcare.auth.sessions import init_sessions

    init_sessions(app)


def register_security(app: Flask) -> None:
    from victimcare.security import init_security

    init_security(app)


def register_blueprints(app: Flask) -> None:
    from victimcare.access import enforce_permissions
    from victimcare.admin.views import bp as admin_bp
    from victimcare.auth.views import bp as auth_bp
    from victimcare.board.views import bp as board_bp
    from victimcare.cases.closure_views import bp as closure_bp
    from victimcare.cases.complaint_views import bp as complaints_bp
    from victimcare.cases.journey_views import bp as journey_bp
    from victimcare.cases.plan_views import bp as plan_bp
    from victimcare.cases.views import bp as cases_bp
    from victimcare.health import bp as health_bp
    from victimcare.home import bp as home_bp
    from victimcare.language import bp as language_bp
    from victimcare.letters.views import bp as letters_bp
    from victimcare.scrutiny.views import bp as scrutiny_bp
    from victimcare.vcu.feedback_views import bp as feedback_bp
    from victimcare.vcu.views import bp as vcu_bp

    blueprints = (health_bp, auth_bp, language_bp, home_bp, cases_bp, journey_bp, closure_bp, complaints_bp, plan_bp,
                  letters_bp, vcu_bp, feedback_bp, board_bp, scrutiny_bp, admin_bp)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    register_api(app)  # its bearer-token loader must run before enforce_permissions
    app.before_request(enforce_permissions)


def register_api(app: Flask) -> None:
    from victimcare.api import init_api

    init_api(app)


def register_errorhandlers(app: Flask) -> None:
    from victimcare.errors import init_errorhandlers

    init_errorhandlers(app)


def register_template_helpers(app: Flask) -> None:
    from victimcare.templating import init_templating

    init_templating(app)


def register_commands(app: Flask) -> None:
    from victimcare.cli import init_commands

    init_commands(app)
