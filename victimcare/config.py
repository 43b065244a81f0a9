"""Settings, read from the environment; a mapping passed to create_app wins."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path


class ConfigError(RuntimeError):
    """The app cannot start with the configuration it was given."""


def database_url(url: str | None, instance_path: str) -> str:
    """The SQLAlchemy URL: DATABASE_URL, else a SQLite file in the instance folder."""
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "victimcare.sqlite")
    # Hosting platforms hand out postgres:// URLs; psycopg 3 is the driver we ship.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def engine_options(url: str, options: Mapping) -> dict:
    """The engine options for a database URL. On PostgreSQL just-in-time compilation is turned off for
    the app's connections: the Board report's grouped statements spend 40-160 ms each compiling and
    gain nothing from it. Options given explicitly win."""
    options = dict(options)
    if url.startswith("postgresql"):
        connect_args = dict(options.get("connect_args") or {})
        connect_args.setdefault("options", "-c jit=off")
        options["connect_args"] = connect_args
    return options


def load(instance_path: str, overrides: Mapping | None = None) -> dict:
    env = os.environ
    overrides = dict(overrides or {})
    production = _flag(overrides.get("PRODUCTION", env.get("VICTIMCARE_PRODUCTION", "")))
    settings: dict = {
        "PRODUCTION": production,
        "SECRET_KEY": env.get("SECRET_KEY"),
        "SQLALCHEMY_DATABASE_URI": database_url(env.get("DATABASE_URL"), instance_path),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        # Sessions: a shift is 12 hours; an unattended screen locks after 30 minutes.
        "SESSION_IDLE_TIMEOUT": timedelta(minutes=30),
        "SESSION_ABSOLUTE_TIMEOUT": timedelta(hours=12),
        "SESSION_COOKIE_NAME": "victimcare_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag(env.get("SESSION_COOKIE_SECURE", "")),
        "REMEMBER_COOKIE_DURATION": timedelta(seconds=0),
        "WTF_CSRF_TIME_LIMIT": 12 * 3600,
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_HEADERS_ENABLED": False,
        "LOGIN_FAILURE_LIMIT": env.get("LOGIN_FAILURE_LIMIT", "5 per 15 minutes"),
        "PASSWORD_MIN_LENGTH": 12,
        # Proxies in front of the app (load balancer, TLS terminator) whose X-Forwarded-* we trust.
        "TRUSTED_PROXIES": int(env.get("TRUSTED_PROXIES", "0")),
        "PAGE_SIZE": 50,
        # The largest file an import takes (a survey upload, a records-system import over the API).
        "MAX_IMPORT_BYTES": 5 * 1024 * 1024,
        "SMALL_NUMBER_THRESHOLD": 10,
    }
    settings.update(overrides)
    if "DATABASE_URL" in overrides:
        settings["SQLALCHEMY_DATABASE_URI"] = database_url(overrides["DATABASE_URL"], instance_path)
    settings["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(settings["SQLALCHEMY_DATABASE_URI"],
                                                           settings["SQLALCHEMY_ENGINE_OPTIONS"])
    if not settings["SECRET_KEY"]:
        if settings["PRODUCTION"]:
            raise ConfigError(
                "SECRET_KEY is not set. In production victimcare refuses to start without it: "
                "set SECRET_KEY to a long random value (for example the output of "
                "`python -c 'import secrets; print(secrets.token_hex(32))'`) and keep it secret."
            )
        settings["SECRET_KEY"] = _development_secret(instance_path)
    return settings


def _development_secret(instance_path: str) -> str:
    """A per-installation secret so the demo works without set-up; never used in production."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def _flag(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "on"}
