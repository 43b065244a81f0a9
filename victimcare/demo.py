"""The demo: an embedded SQLite database with demo accounts and a few hundred synthetic cases."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_migrate import upgrade

from victimcare.accounts import create_user
from victimcare.extensions import db
from victimcare.models import Role, User
from victimcare.models.users import ROLE_LABELS
from victimcare.seed import seed_cases

DEMO_PASSWORD = "Victim-Care-Demo-2026"
DEMO_TEAM = "Newport Investigations"
# (username, role, full name); all share DEMO_PASSWORD, which the README lists.
DEMO_ACCOUNTS = (
    ("officer", "officer", "PC Rhys Morgan"),
    ("officer2", "officer", "PC Ceri Davies"),
    ("supervisor", "supervisor", "Sgt Sian Price"),
    ("vcu", "vcu", "Gareth Lewis"),
    ("board", "board", "Dr Eleri Watkins"),
    ("admin", "admin", "Tom Evans"),
)
DEMO_SEED = 2026


def prepare(*, reset: bool = False) -> bool:
    """Bring the database up to date and load the demo once; True when demo data was loaded now."""
    if reset:
        _drop_everything()
    upgrade()
    if db.session.scalar(sa.select(User.id).where(User.username == "officer")) is not None:
        return False
    users = {}
    for username, role, name in DEMO_ACCOUNTS:
        team = DEMO_TEAM if role in ("officer", "supervisor") else None
        users[username] = create_user(username=username, role=role, password=DEMO_PASSWORD, team=team,
                                      display_name=name)
    db.session.commit()
    seed_cases(400, seed=DEMO_SEED)
    demo_officers = [(users[name].id, users[name].team_id) for name in ("officer", "officer2")]
    seed_cases(60, seed=DEMO_SEED + 1, officers=demo_officers)
    return True


def banner(host: str, port: int, created: bool) -> str:
    lines = [
        "",
        "victimcare demo " + ("loaded" if created else "ready (existing data kept; --reset starts again)"),
        f"  Database: {current_app.config['SQLALCHEMY_DATABASE_URI']}",
        f"  Open http://{host}:{port}/ and sign in with any of these (password {DEMO_PASSWORD}):",
    ]
    lines += [f"    {username:<11} {ROLE_LABELS[Role(role)]:<24} {name}" for username, role, name in DEMO_ACCOUNTS]
    lines.append("")
    return "\n".join(lines)


def _drop_everything() -> None:
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        db.session.remove()
        db.engine.dispose()
        Path(url.database).unlink(missing_ok=True)
        return
    db.drop_all()
    db.session.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
    db.session.commit()
