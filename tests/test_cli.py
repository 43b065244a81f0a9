"""The `victimcare` command line."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from victimcare.models import Case, Team, User, UserSession, Victim


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def test_users_create_with_password_from_stdin(app, db):
    result = run(app, "users", "create", "--username", "S.Price", "--role", "supervisor", "--team",
                 "Torfaen Response", "--password-stdin", input="Gwent-Victim-Care-77\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.username == "s.price"))
    assert user.role == "supervisor" and user.team.name == "Torfaen Response"


def test_users_create_refuses_a_weak_password(app, db):
    result = run(app, "users", "create", "--username", "x", "--role", "vcu", "--password-stdin",
                 input="password\n")
    assert result.exit_code != 0
    assert "12 characters" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_users_deactivate_ends_sessions(app, db):
    run(app, "users", "create", "--username", "vcu1", "--role", "vcu", "--password-stdin",
        input="Gwent-Victim-Care-77\n")
    user = db.session.scalar(sa.select(User).where(User.username == "vcu1"))
    db.session.add(UserSession(id="s1", user_id=user.id))
    db.session.commit()
    result = run(app, "users", "deactivate", "vcu1")
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(User, user.id).active is False
    assert db.session.get(UserSession, "s1").ended_at is not None


def test_users_deactivate_unknown_user(app):
    result = run(app, "users", "deactivate", "nobody")
    assert result.exit_code != 0
    assert "no user called nobody" in result.output


def _snapshot(db):
    return db.session.execute(sa.select(Case.crime_reference, Case.offence_code, Case.area, Case.status,
                                        Case.reported_on).order_by(Case.id)).all()


def test_seed_is_deterministic_and_realistic(app, db):
    result = run(app, "seed", "--cases", "3000", "--seed", "7")
    assert result.exit_code == 0, result.output
    first = _snapshot(db)
    assert len(first) == 3000
    victims = db.session.scalar(sa.select(sa.func.count()).select_from(Victim))
    enhanced = db.session.scalar(sa.select(sa.func.count()).select_from(Victim).where(Victim.enhanced_rights))
    secondary = db.session.scalar(sa.select(sa.func.count()).select_from(Victim).where(Victim.role == "secondary"))
    assert 0.15 < enhanced / victims < 0.30  # about one victim in five has enhanced rights
    assert secondary > 0
    areas = set(db.session.scalars(sa.select(Case.area).distinct()))
    assert areas == {"Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen"}
    statuses = set(db.session.scalars(sa.select(Case.status).distinct()))
    assert statuses == {"open", "closure-requested", "closed"}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Team)) == 5


def test_seed_with_the_same_seed_gives_the_same_cases(app, db):
    """Seeding twice with one seed adds the same cases again (new references, same everything else)."""
    run(app, "seed", "--cases", "200", "--seed", "11")
    run(app, "seed", "--cases", "200", "--seed", "11")
    rows = [row[1:] for row in _snapshot(db)]
    assert rows[:200] == rows[200:]
    run(app, "seed", "--cases", "200", "--seed", "12")
    assert [row[1:] for row in _snapshot(db)][400:] != rows[:200]


def test_report_board_writes_csv_and_html(app, db, tmp_path):
    import zipfile

    run(app, "seed", "--cases", "300", "--seed", "5")
    zipped, page = tmp_path / "board.zip", tmp_path / "board.html"
    result = run(app, "report", "board", "--from", "2025-01-01", "--to", "2026-12-31", "--format", "csv",
                 "--output", str(zipped))
    assert result.exit_code == 0, result.output
    files = zipfile.ZipFile(zipped).namelist()
    assert {"contract.csv", "referred.csv", "right-to-review.csv", "complaints.csv", "lesson-themes.csv",
            "partner-agencies.csv", "vcu-follow-ups-on-time.csv"} <= set(files)
    result = run(app, "report", "board", "--from", "2025-01-01", "--to", "2026-12-31", "--format", "html",
                 "--breakdown", "age", "--output", str(page))
    assert result.exit_code == 0, result.output
    html = page.read_text()
    assert "Keeping the Victims' Code" in html and "Victims with a contract agreed, by age band" in html
    assert '<img class="chart-image" src="data:image/svg+xml;base64,' in html
    names = db.session.scalars(sa.select(Victim.name)).all()
    assert not any(name in html for name in names)
    bad = run(app, "report", "board", "--from", "2026-12-31", "--to", "2026-01-01", "--output", str(page))
    assert bad.exit_code != 0 and "must be on or after --from" in bad.output


def test_report_refresh_counts_stale_months_then_finds_them_current(app, db):
    from victimcare.reports import kept
    from victimcare.seed import seed_cases

    seed_cases(40, seed=3, until=date(2026, 9, 30))
    db.session.commit()
    first = run(app, "report", "refresh")
    assert first.exit_code == 0, first.output
    assert "Counted" in first.output and "2026-09" in first.output
    assert 202609 in kept.fresh_months()
    again = run(app, "report", "refresh")
    assert again.output.strip() == "Every kept month is current."
