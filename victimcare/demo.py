"""The demo: an embedded SQLite database with demo accounts and a few hundred synthetic cases."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_migrate import upgrade

from victimcare.accounts import create_user
from victimcare.extensions import db
from victimcare.models import Role, User
from victimcare.models.users import ROLE_LABELS
from victimcare.reports import kept, measures
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
    seed_scrutiny(users, today=date.today())
    # As the nightly `victimcare report refresh` would have by the morning: the Board report reads the
    # days before today from kept counts, and says when they were counted.
    kept.refresh(measures.KEPT, today=date.today())
    return True


# (kind, comment) the demo's Panel members record, in turn, on the approved packs.
DEMO_FINDINGS = (
    ("good-practice", "Contract agreed on the day of the report and kept to: every update on time."),
    ("improvement", "What mattered to the victim was recorded, but not revisited at the charging decision."),
    ("concern", "The victim was not told of the right to review the decision to take no further action."),
    ("good-practice", "Referral to support made within a day, with the victim's consent recorded."),
    ("improvement", "Updates were given but the victim's views were not written down."),
)


def seed_scrutiny(users: dict[str, User], *, today: date) -> None:
    """A Scrutiny Panel sample of the latest month with closed cases: packs approved by each case's
    supervisor (one left for the demo supervisor to check), findings, and actions open, overdue and done."""
    from victimcare.scrutiny import services as scrutiny

    month = today.replace(day=1)
    for _ in range(12):
        month = (month - timedelta(days=1)).replace(day=1)
        if scrutiny.candidates(month):
            break
    else:
        return
    sample = scrutiny.draw_sample(month=month, by=users["admin"], seed=DEMO_SEED)
    supervisors = dict(db.session.execute(sa.select(User.team_id, sa.func.min(User.id)).where(
        User.role == Role.SUPERVISOR).group_by(User.team_id)).all())
    demo_team = users["supervisor"].team_id
    waiting = next((p for p in sample.packs if p.team_id == demo_team), None)  # for the demo supervisor to check
    approved = []
    for pack in sample.packs:
        if pack is waiting or pack.team_id not in supervisors:
            continue
        scrutiny.review_pack(pack, decision="approve", by=db.session.get(User, supervisors[pack.team_id]))
        approved.append(pack)
    for index, pack in enumerate(approved):
        kind, comment = DEMO_FINDINGS[index % len(DEMO_FINDINGS)]
        scrutiny.record_finding(pack, kind=kind, comment=comment, by=users["board"])
    plans = (("Remind the team that victims told of no further action must be told of their right to review.",
              demo_team, 21, False),
             ("Check that victims' views are recorded at each key-stage update.", None, -3, False),
             ("Share this case's contract and referral as an example of good practice.", None, 14, True))
    for pack, (description, team_id, days, done) in zip(approved, plans, strict=False):
        action = scrutiny.add_action(pack, owner_team_id=team_id or pack.team_id, description=description,
                                     due_on=today + timedelta(days=days), by=users["board"])
        if done:
            scrutiny.close_action(action, note="Shared at the team briefing.",
                                  by=db.session.get(User, supervisors[action.owner_team_id]))
    db.session.commit()


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
