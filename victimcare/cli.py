"""The `victimcare` command: a Flask CLI group, so `victimcare routes`, `shell` and `db` work too."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from victimcare.extensions import db


def _create_app(*_args, **_kwargs) -> Flask:
    from victimcare import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def main() -> None:
    """victimcare: victim journey case tracking (CARES) for Gwent Police."""


def init_commands(app: Flask) -> None:
    app.cli.add_command(demo_command)
    app.cli.add_command(users_group)
    app.cli.add_command(seed_command)
    app.cli.add_command(import_group)
    app.cli.add_command(report_group)
    app.cli.add_command(tokens_group)


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--reset", is_flag=True, help="Delete the demo database and start again.")
@with_appcontext
def demo_command(host: str, port: int, reset: bool) -> None:
    """Create or upgrade the database, load the demo data once, and serve the app."""
    from victimcare import demo

    created = demo.prepare(reset=reset)
    click.echo(demo.banner(host, port, created))
    # app.run() refuses to start inside a CLI command; run_simple is what it would call.
    from werkzeug.serving import run_simple

    run_simple(host, port, current_app._get_current_object(), threaded=True)


@click.group("users")
def users_group() -> None:
    """Manage user accounts."""


@users_group.command("create")
@click.option("--username", required=True)
@click.option("--role", required=True, type=click.Choice(["officer", "supervisor", "vcu", "board", "admin"]))
@click.option("--team", default=None, help="Team name (officers and supervisors); created if new.")
@click.option("--name", "display_name", default=None, help="Full name shown in the app.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def users_create(username: str, role: str, team: str | None, display_name: str | None, password_stdin: bool) -> None:
    """Create a user account."""
    from victimcare.accounts import AccountError, create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create_user(username=username, role=role, password=password, team=team, display_name=display_name)
    except AccountError as error:
        db.session.rollback()
        raise click.BadParameter(error.message, param_hint=f"--{error.field}") from None
    db.session.commit()
    click.echo(f"Created {user.username} ({user.role.value}{', team ' + user.team.name if user.team else ''}).")


@users_group.command("deactivate")
@click.argument("username")
@with_appcontext
def users_deactivate(username: str) -> None:
    """Deactivate a user account and end their sessions."""
    import sqlalchemy as sa

    from victimcare.accounts import set_active
    from victimcare.models import User

    user = db.session.scalar(sa.select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise click.BadParameter(f"no user called {username}", param_hint="USERNAME")
    set_active(user, False)
    db.session.commit()
    click.echo(f"Deactivated {user.username}; their sessions have ended.")


@click.group("tokens")
def tokens_group() -> None:
    """Manage API tokens (Authorization: Bearer <token>)."""


def _user_named(username: str):
    import sqlalchemy as sa

    from victimcare.models import User

    user = db.session.scalar(sa.select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise click.BadParameter(f"no user called {username}", param_hint="--username")
    return user


@tokens_group.command("create")
@click.option("--username", required=True, help="The user the token acts as: their role, scope and audit.")
@click.option("--expires-days", default=90, show_default=True, type=click.IntRange(1, 366))
@click.option("--name", default="api", show_default=True, help="What the token is for, e.g. the other system.")
@with_appcontext
def tokens_create(username: str, expires_days: int, name: str) -> None:
    """Issue a token and print it once: only its hash is kept."""
    from victimcare.api.tokens import issue_token

    user = _user_named(username)
    if not user.active:
        raise click.BadParameter(f"{user.username} is deactivated", param_hint="--username")
    row, token = issue_token(user, name=name, expires_days=expires_days)
    db.session.commit()
    click.echo(f"Token {row.id} for {user.username} ({user.role.value}), expires {row.expires_at:%Y-%m-%d}. "
               "Copy it now: it is not shown again.", err=True)
    click.echo(token)


@tokens_group.command("revoke")
@click.argument("token_id", required=False, type=int)
@click.option("--username", default=None, help="Revoke all of this user's tokens.")
@with_appcontext
def tokens_revoke(token_id: int | None, username: str | None) -> None:
    """Revoke one token by its id, or all of a user's tokens with --username."""
    from victimcare.api.tokens import revoke_all, revoke_token
    from victimcare.models import ApiToken

    if (token_id is None) == (username is None):
        raise click.UsageError("give a TOKEN_ID or --username, not both")
    if token_id is not None:
        row = db.session.get(ApiToken, token_id)
        if row is None:
            raise click.BadParameter(f"no token {token_id}", param_hint="TOKEN_ID")
        count = int(revoke_token(row))
    else:
        count = revoke_all(_user_named(username))
    db.session.commit()
    click.echo(f"Revoked {count} token(s).")


@tokens_group.command("list")
@click.option("--username", default=None, help="Only this user's tokens.")
@with_appcontext
def tokens_list(username: str | None) -> None:
    """List tokens (never the tokens themselves): id, user, name, state, expiry, last use."""
    from victimcare.api.tokens import is_usable, tokens_of

    rows = tokens_of(_user_named(username) if username else None)
    if not rows:
        click.echo("No tokens.")
    for row in rows:
        state = "revoked" if row.revoked_at else ("usable" if is_usable(row) else
                                                 "expired" if row.user.active else "user deactivated")
        used = f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "never"
        click.echo(f"{row.id}\t{row.user.username}\t{row.name}\t{state}\texpires {row.expires_at:%Y-%m-%d}"
                   f"\tlast used {used}")


@click.command("seed")
@click.option("--cases", "case_count", required=True, type=click.IntRange(1, 5_000_000))
@click.option("--seed", "seed", default=2026, show_default=True, type=int, help="Random seed: same seed, same data.")
@with_appcontext
def seed_command(case_count: int, seed: int) -> None:
    """Add deterministic synthetic cases (Gwent's five areas, realistic proportions)."""
    import time

    from victimcare.seed import seed_cases

    started = time.perf_counter()
    summary = seed_cases(case_count, seed=seed, progress=click.echo)
    elapsed = time.perf_counter() - started
    click.echo(f"Seeded {summary.cases:,} cases with {summary.victims:,} victims in {elapsed:.1f} s "
               f"({summary.enhanced:,} victims with enhanced rights).")


@click.group("import")
def import_group() -> None:
    """Import data from other systems."""


@import_group.command("feedback")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--skip-invalid", is_flag=True, help="Import the valid rows and report the ones skipped.")
@with_appcontext
def import_feedback_command(file, skip_invalid: bool) -> None:
    """Import the force's satisfaction survey results (CSV)."""
    from datetime import date

    from victimcare.vcu.feedback import import_feedback

    report = import_feedback(file.read(), skip_invalid=skip_invalid, today=date.today(), by=None)
    for error in report.errors:
        click.echo(error, err=True)
    if not report.ok and not skip_invalid:
        db.session.rollback()
        raise click.ClickException(f"{len(report.errors)} error(s): nothing imported. Correct the file, or use "
                                   "--skip-invalid to import the valid rows.")
    db.session.commit()
    click.echo(f"Imported {report.imported} row(s); {report.unchanged} already imported and unchanged; "
               f"skipped {len(report.skipped_lines)} row(s)"
               + (f" (lines {', '.join(map(str, report.skipped_lines))})." if report.skipped_lines else "."))


@import_group.command("cases")
@click.argument("file", type=click.File("rb"))
@click.option("--as", "as_username", required=True, metavar="USERNAME",
              help="The account the import runs as, recorded in the audit log as having made each change: an "
                   "officer or supervisor (within what they may change), or an administrator (any case).")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default=None,
              help="csv or jsonl (JSON Lines); by default from the file's extension (.csv, .jsonl, .ndjson).")
@click.option("--skip-invalid", is_flag=True, help="Import the valid cases and report the ones skipped.")
@with_appcontext
def import_cases_command(file, as_username: str, fmt: str | None, skip_invalid: bool) -> None:
    """Import cases and their victims from the records management system (CSV or JSON Lines)."""
    from victimcare.access import has_permission
    from victimcare.cases import rms_import

    by = _user_named(as_username)
    if not by.active or not has_permission(by, "cases:import"):
        raise click.BadParameter(f"{by.username} may not import cases (an active officer, supervisor or "
                                 "administrator may)", param_hint="--as")
    fmt = fmt or rms_import.format_of(file.name)
    if fmt is None:
        raise click.BadParameter("cannot tell the format from the file's name: give --format csv or jsonl",
                                 param_hint="--format")
    try:
        report = rms_import.import_cases(file.read(), fmt, by=by, skip_invalid=skip_invalid, source=file.name)
    except rms_import.ImportFailed as failure:
        raise click.ClickException(f"{failure}; {failure.report.summary()} before it. Nothing from line "
                                   f"{failure.lines[0]} on was imported: correct the problem and import the file "
                                   "again (what was imported is not duplicated).") from failure.__cause__
    for message in report.messages():
        click.echo(message, err=True)
    if not report.ok and not skip_invalid:
        db.session.rollback()
        cases = len({line for line in report.errors})
        raise click.ClickException(f"{len(report.messages())} error(s) on {cases} line(s): nothing imported. "
                                   "Correct the file, or use --skip-invalid to import the valid cases.")
    if report.skipped:
        click.echo(f"Skipped {len(report.skipped)} case(s): {report.skipped_text()}.")
    click.echo(report.summary()[0].upper() + report.summary()[1:] + ".")


@click.group("report")
def report_group() -> None:
    """Produce reports."""


@report_group.command("board")
@click.option("--from", "start", required=True, type=click.DateTime(["%Y-%m-%d"]), help="First day, YYYY-MM-DD.")
@click.option("--to", "end", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Last day, YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["csv", "html", "pdf"]), default="pdf", show_default=True,
              help="csv: a zip of one table per measure; html: the report as a web page; pdf: for print.")
@click.option("--breakdown", type=click.Choice(["area", "rights", "offence", "month", "age", "sex", "ethnicity",
                                                "disability"]),
              default="area", show_default=True)
@click.option("--output", required=True, type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def report_board(start, end, fmt: str, breakdown: str, output: str) -> None:
    """The Victims' Board report for a period, with disclosure control applied."""
    from datetime import date

    from victimcare import audit
    from victimcare.models.audit import AuditAction
    from victimcare.reports import board, measures

    if end < start:
        raise click.BadParameter("must be on or after --from", param_hint="--to")
    report = board.build(measures.Period(start.date(), end.date()), breakdown=breakdown,
                         threshold=current_app.config["SMALL_NUMBER_THRESHOLD"], today=date.today())
    with current_app.test_request_context():
        content = {"csv": board.csv_zip, "html": board.render_html, "pdf": board.render_pdf}[fmt](report)
    with open(output, "wb") as handle:
        handle.write(content.encode() if isinstance(content, str) else content)
    audit.record(AuditAction.DISCLOSE, "board-report", detail=f"{report.period.label} as {fmt}",
                 recipients=output, justification="Victims' Board report (aggregated, disclosure-controlled)")
    db.session.commit()
    click.echo(f"Wrote the Board report for {report.period.label} to {output}.")


@report_group.command("refresh")
@click.option("--all", "everything", is_flag=True,
              help="Count every month (and day of this month) again, not only those changed since they were counted.")
@with_appcontext
def report_refresh(everything: bool) -> None:
    """Count again the Board report's kept counts that are out of date: months, and the days of this month
    before today (run it from cron nightly, just after midnight, so that yesterday is kept; hourly too).

    Until it runs, a report reads a month or day changed since it was counted as it was counted, and says so
    at its top."""
    from datetime import date

    from victimcare.reports import kept, measures

    done = kept.refresh(measures.KEPT, today=date.today(), everything=everything)
    if done.months or done.days:
        months = ", ".join(f"{m // 100}-{m % 100:02d}" for m in done.months) or "none"
        click.echo(f"Counted {len(done.months)} month(s) again ({months}) and {len(done.days)} day(s) of this "
                   f"month: {done.rows} counts kept.")
    else:
        click.echo("Every kept month is current.")
