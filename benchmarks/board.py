"""Time the Victims' Board report for a year at a given number of seeded cases.

    python benchmarks/board.py --cases 100000                       # SQLite in a temporary folder
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test python benchmarks/board.py --cases 100000

Seeding a million cases takes a while, so a seeded database can be kept and reused:

    python benchmarks/board.py --cases 1000000 --database sqlite:////var/tmp/victimcare-bench/board-1m.sqlite --keep
    python benchmarks/board.py --cases 1000000 \\
        --database postgresql://postgres@127.0.0.1:5432/victimcare_bench_1m --keep

Two readings are timed (`READINGS`): the year ending on the report's date, as read on that date
(its last month kept day by day, the date itself counted from the records), and the last twelve
whole months read the day after they end; each against the equivalent hand-written SQL over the
records and over the kept counts. Each report is timed as its first reader would see it: charts kept
from an earlier report with the same figures (`charts.for_report`) are dropped before each build.

With --reports-only only the reports (and the hand-written SQL over the kept counts) are timed, on the
kept counts as they are: to re-measure a change to the report without the refresh and the slow counts
from the records.

With --database the database is created if it does not exist, upgraded with `flask db upgrade`
(so later migrations, such as new indexes, apply to a reused database), seeded only if it holds
no cases, and left in place with --keep (without it, a database the run created is dropped).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from victimcare import create_app  # noqa: E402

# The seed's "today": fixed, so the same seed gives the same data whatever day it runs.
UNTIL = date(2026, 10, 31)
# The year reported on: the twelve months up to UNTIL (the seed's busiest year).
YEAR = (date(2025, 11, 1), date(2026, 10, 31))
# The reports timed: (name, period, the date it is read on). The year ending on the report's date (its
# last month kept day by day, the date itself counted from the records), and the last twelve whole
# months read the day after they end (every month kept).
READINGS = [("year to the report date", YEAR, UNTIL),
            ("12 whole months, read the day after", (date(2025, 10, 1), date(2026, 9, 30)), date(2026, 10, 1))]


def normalise(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def ensure_database(url: str) -> bool:
    """Create the database if it is missing; True if this call created it."""
    parsed = sa.make_url(normalise(url))
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        return not path.exists()
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                       {"name": parsed.database})
            if not exists:
                connection.execute(sa.text(f'CREATE DATABASE "{parsed.database}"'))
            return not exists
    finally:
        admin.dispose()


def drop_database(url: str) -> None:
    parsed = sa.make_url(normalise(url))
    if parsed.get_backend_name() == "sqlite":
        Path(parsed.database).unlink(missing_ok=True)
        return
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
    admin.dispose()


def prepare(url: str, cases: int, *, seed: int = 2026, progress=None) -> dict:
    """Upgrade the database to the latest migration and seed it if it has no cases yet."""
    from flask_migrate import upgrade

    from victimcare.extensions import db
    from victimcare.seed import seed_cases

    say = progress or (lambda message: None)
    created = ensure_database(url)
    app = create_app({"SECRET_KEY": "benchmark", "DATABASE_URL": url})
    info = {"created": created, "seeded_now": False, "seed_seconds": None}
    with app.app_context():
        started = time.perf_counter()
        upgrade()
        info["upgrade_seconds"] = time.perf_counter() - started
        present = db.session.scalar(sa.text("SELECT COUNT(*) FROM cases"))
        if not present:
            say(f"seeding {cases:,} cases (seed {seed}, up to {UNTIL}) into {url}")
            started = time.perf_counter()
            seed_cases(cases, seed=seed, until=UNTIL, progress=say)
            info.update(seeded_now=True, seed_seconds=time.perf_counter() - started)
            say(f"  seeded in {info['seed_seconds']:.1f} s")
            present = cases
        elif present != cases:
            say(f"note: {url} holds {present:,} cases, not {cases:,}; using it as it is")
        info["cases"] = present
        started = time.perf_counter()
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(sa.text("VACUUM ANALYZE"))
        else:
            db.session.execute(sa.text("ANALYZE"))
            db.session.commit()
        info["analyze_seconds"] = time.perf_counter() - started
        db.engine.dispose()
    return info


# --- The equivalent hand-written SQL: what the report counts, as an analyst would write it. ---
#
# Each statement counts both periods at once (`now` is 1 for the year, 0 for the year before), as the
# report does, and the rates are sums of CASE over the records of the period. The victim measures
# join per-victim summaries of each kind of journey record (one pass over each table), and closures
# per-case summaries, rather than an EXISTS per row.

def _breakdown_sql(dialect: str, breakdown: str, dated: str) -> tuple[str, bool]:
    """The category expression for a breakdown, and whether it needs the offences table."""
    if breakdown == "month":
        return _month_sql(dialect, dated), False
    return {
        "area": ("c.area", False),
        "rights": ("CASE WHEN v.enhanced_rights THEN 'Enhanced' ELSE 'Standard' END", False),
        "offence": ("o.category", True),
        "sex": ("COALESCE(v.sex, 'Not recorded')", False),
        "ethnicity": ("COALESCE(v.ethnicity, 'Not recorded')", False),
        "disability": ("COALESCE(v.disability, 'Not recorded')", False),
    }[breakdown]


def _month_sql(dialect: str, dated: str) -> str:
    if dialect == "postgresql":
        return f"CAST(to_char({dated}, 'YYYYMM') AS INTEGER)"
    return f"CAST(strftime('%Y%m', {dated}) AS INTEGER)"


def _rate(met: str, of: str | None = None) -> str:
    """SUM(met), SUM(of): the records meeting a measure and those it applies to."""
    if of is None:
        return f"SUM(CASE WHEN {met} THEN 1 ELSE 0 END), COUNT(*)"
    return f"SUM(CASE WHEN ({of}) AND ({met}) THEN 1 ELSE 0 END), SUM(CASE WHEN {of} THEN 1 ELSE 0 END)"


VICTIM_RATES = {
    "contract": _rate("k.victim_id IS NOT NULL"),
    "what-matters": _rate("w.victim_id IS NOT NULL OR k.declined = 1"),
    "needs": _rate("n.victim_id IS NOT NULL"),
    "referred": _rate("k.refused = k.latest OR r.first_on <= c.referral_due_on"),
    "acknowledged": _rate("v.acknowledged_on IS NOT NULL"),
    "vps": _rate("n.vps = 1"),
    "vps-taken": _rate("n.taken = 1", of="n.vps = 1"),
}
ON_TIME = "u.given_on IS NOT NULL AND u.given_on <= u.due_on"
UPDATE_RATES = {
    "updates-on-time": _rate(ON_TIME),
    "updates-on-time-enhanced": _rate(ON_TIME, of="v.enhanced_rights"),
    "updates-on-time-standard": _rate(ON_TIME, of="NOT v.enhanced_rights"),
    "right-to-review": _rate("u.told_right_to_review", of="e.stage = 'no-further-action'"),
}
CLOSURE_RATES = {
    "closures-assessed": _rate("a.unassessed = 0", of="a.items > 0"),
    "closures-reviewed": _rate("s.approved = 1"),
    "closures-returned": _rate("s.returned = 1"),
}
FOLLOW_UP_RATES = {
    "vcu-follow-ups-done": _rate("f.status = 'done'"),
    "vcu-follow-ups-on-time": _rate("f.status = 'done' AND f.completed_on <= f.due_on"),
    "vcu-letters": _rate("f.letter_sent_on IS NOT NULL"),
}
STAGES = ("ease_of_contact", "actions_taken", "kept_informed", "treatment", "whole_experience")


def _now(dated: str) -> str:
    return f"CASE WHEN {dated} >= :start THEN 1 ELSE 0 END"


def hand_written_sql(dialect: str, breakdown: str) -> dict[str, tuple[str, list[str], int]]:
    """name -> (statement, the measures' keys in its columns, how many grouping columns lead each row)."""
    def rates(name, keys_sums, dated, source, where, *, end=":end", monthly=False):
        category, offences = _breakdown_sql(dialect, breakdown, dated)
        join = " JOIN offences o ON o.code = c.offence_code" if offences else ""
        groups = [_now(dated), category] + ([_month_sql(dialect, dated)] if monthly else [])
        sums = ", ".join(keys_sums.values())
        numbers = ", ".join(str(i + 1) for i in range(len(groups)))
        return name, (f"SELECT {', '.join(groups)}, {sums} FROM {source}{join}"
                      f" WHERE {where} AND {dated} BETWEEN :previous_start AND {end} GROUP BY {numbers}",
                      list(keys_sums), len(groups))

    # As in the report's statements, the per-victim and per-case summaries cover only the victims and
    # cases counted (the report's period and the one before), not every record.
    victims_counted = ("victim_id IN (SELECT cv.id FROM victims cv JOIN cases cc ON cc.id = cv.case_id"
                       " WHERE cc.reported_on BETWEEN :previous_start AND :end)")
    cases_counted = "IN (SELECT cc.id FROM cases cc WHERE cc.closed_on BETWEEN :previous_start AND :end)"
    statements = dict([
        rates("victim-measures", VICTIM_RATES, "c.reported_on",
              "victims v JOIN cases c ON c.id = v.case_id"
              " LEFT JOIN (SELECT victim_id, MAX(CASE WHEN what_matters_declined THEN 1 ELSE 0 END) AS declined,"
              " MAX(revision) AS latest, MAX(CASE WHEN referral_consent = 'refused' THEN revision END) AS refused"
              f" FROM contracts WHERE {victims_counted} GROUP BY victim_id) k ON k.victim_id = v.id"
              f" LEFT JOIN (SELECT victim_id FROM what_matters WHERE {victims_counted} GROUP BY victim_id) w"
              " ON w.victim_id = v.id"
              " LEFT JOIN (SELECT victim_id, MAX(CASE WHEN vps_offered_on IS NOT NULL THEN 1 ELSE 0 END) AS vps,"
              " MAX(CASE WHEN vps_taken = 'taken' THEN 1 ELSE 0 END) AS taken"
              f" FROM needs_assessments WHERE {victims_counted} GROUP BY victim_id) n ON n.victim_id = v.id"
              " LEFT JOIN (SELECT victim_id, MIN(referred_on) AS first_on FROM referrals"
              f" WHERE referred_on IS NOT NULL AND {victims_counted} GROUP BY victim_id) r ON r.victim_id = v.id",
              "1 = 1"),
        # by the breakdown and by month at once: the month trend for the charts is added up from it
        rates("updates", UPDATE_RATES, "u.due_on",
              "victim_updates u JOIN victims v ON v.id = u.victim_id JOIN cases c ON c.id = u.case_id"
              " LEFT JOIN key_stage_events e ON e.id = u.event_id", "u.kind = 'key-stage'", end=":updates_end",
              monthly=breakdown != "month"),
        rates("closures", CLOSURE_RATES, "c.closed_on",
              "cases c JOIN victims v ON v.case_id = c.id AND v.role = 'primary'"
              " LEFT JOIN (SELECT ov.case_id, COUNT(*) AS items, SUM(CASE WHEN w.outcome IS NULL THEN 1 ELSE 0 END)"
              " AS unassessed FROM what_matters w JOIN victims ov ON ov.id = w.victim_id"
              f" WHERE ov.case_id {cases_counted} GROUP BY ov.case_id) a"
              " ON a.case_id = c.id"
              " LEFT JOIN (SELECT case_id, MAX(CASE WHEN step = 'approved' THEN 1 ELSE 0 END) AS approved,"
              " MAX(CASE WHEN step = 'returned' THEN 1 ELSE 0 END) AS returned FROM closure_steps"
              f" WHERE case_id {cases_counted} GROUP BY case_id) s"
              " ON s.case_id = c.id", "c.closed_on IS NOT NULL"),
        rates("follow-ups", FOLLOW_UP_RATES, "f.due_on",
              "follow_ups f JOIN victims v ON v.id = f.victim_id JOIN cases c ON c.id = f.case_id", "1 = 1",
              end=":updates_end"),
        rates("support", {"vcu-support-taken-up": _rate("s.accepted")}, "f.completed_on",
              "support_offers s JOIN follow_ups f ON f.id = s.follow_up_id JOIN victims v ON v.id = f.victim_id"
              " JOIN cases c ON c.id = f.case_id", "1 = 1"),
        rates("recovery", {"service-recovery-closed": _rate("r.status = 'done'")}, "fb.surveyed_on",
              "service_recoveries r JOIN feedback fb ON fb.id = r.feedback_id JOIN victims v ON v.id = fb.victim_id"
              " JOIN cases c ON c.id = r.case_id", "1 = 1"),
    ])
    month = _month_sql(dialect, "fb.surveyed_on")
    statements["satisfaction-by-month"] = (
        f"SELECT {_now('fb.surveyed_on')}, {month},"
        f" {_rate('fb.whole_experience <= 3', of='fb.whole_experience IS NOT NULL')}"
        f" FROM feedback fb JOIN victims v ON v.id = fb.victim_id JOIN cases c ON c.id = fb.case_id"
        f" WHERE fb.surveyed_on BETWEEN :previous_start AND :end GROUP BY 1, 2",
        ["satisfaction-whole-experience"], 2)
    columns = ", ".join(f"SUM(CASE WHEN {s} <= 3 THEN 1 ELSE 0 END), COUNT({s})" for s in STAGES)
    statements["satisfaction"] = (
        f"SELECT {_now('surveyed_on')}, {columns}"
        f" FROM feedback WHERE surveyed_on BETWEEN :previous_start AND :end GROUP BY 1", [], 1)
    cross = {
        "needs-met": "SELECT {now}, w.category, w.outcome, COUNT(*) FROM what_matters w"
                     " JOIN victims v ON v.id = w.victim_id JOIN cases c ON c.id = v.case_id"
                     " WHERE w.outcome IS NOT NULL AND {dated} BETWEEN :previous_start AND :end GROUP BY 1, 2, 3",
        "partner-agencies": "SELECT {now}, a.service_code, a.impact, COUNT(*) FROM agency_impacts a"
                            " JOIN feedback fb ON fb.id = a.feedback_id"
                            " WHERE {dated} BETWEEN :previous_start AND :end GROUP BY 1, 2, 3",
        "complaints": "SELECT {now}, about, outcome, COUNT(*) FROM complaints"
                      " WHERE {dated} BETWEEN :previous_start AND :end GROUP BY 1, 2, 3",
        "lesson-themes": "SELECT {now}, r.lesson_theme, 'closed', COUNT(*) FROM service_recoveries r"
                         " JOIN feedback fb ON fb.id = r.feedback_id WHERE r.status = 'done'"
                         " AND r.lesson_theme IS NOT NULL AND {dated} BETWEEN :previous_start AND :end GROUP BY 1, 2",
    }
    dates = {"needs-met": "c.closed_on", "partner-agencies": "fb.surveyed_on", "complaints": "received_on",
             "lesson-themes": "fb.surveyed_on"}
    for key, sql in cross.items():
        statements[key] = (sql.format(now=_now(dates[key]), dated=dates[key]), [], 3)
    # The Scrutiny Panel: samples are of whole months, so a period takes the samples of its months.
    samples = ("FROM scrutiny_samples sa JOIN scrutiny_packs p ON p.sample_id = sa.id"
               " WHERE sa.month BETWEEN :previous_month AND :end")
    statements["scrutiny-findings"] = (
        f"SELECT CASE WHEN sa.month >= :month THEN 1 ELSE 0 END, fi.kind, 'findings', COUNT(*)"
        f" {samples.replace('WHERE', 'JOIN scrutiny_findings fi ON fi.pack_id = p.id WHERE')} GROUP BY 1, 2", [], 3)
    statements["scrutiny-actions"] = (
        f"SELECT CASE WHEN sa.month >= :month THEN 1 ELSE 0 END,"
        f" CASE WHEN a.status = 'open' AND a.due_on < :today THEN 'overdue' ELSE a.status END, 'actions', COUNT(*)"
        f" {samples.replace('WHERE', 'JOIN scrutiny_actions a ON a.pack_id = p.id WHERE')}"
        f" AND a.status IN ('open', 'done') GROUP BY 1, 2", [], 3)
    return statements


def run_hand_written(statements: dict, params: dict) -> dict[str, list]:
    from victimcare.extensions import db

    return {name: db.session.execute(sa.text(sql), {k: v for k, v in params.items() if f":{k}" in sql}).all()
            for name, (sql, _, _) in statements.items()}


def check_equivalent(report, statements: dict, results: dict[str, list]) -> None:
    """The hand-written SQL must count what the report counts (before disclosure control): every
    measure's totals in both periods, the month trends, each stage's answers and each cross table's total."""
    tables = {table.key: table for table in report.tables}
    trends = {table.key: table for table in report.trends.values()}
    checked = set()
    for name, (_, keys, width) in statements.items():
        rows = results[name]
        for i, key in enumerate(keys):
            for table in filter(None, (tables.get(key), trends.get(key))):
                for flag, met_table, total_table in ((1, table.met, table.total),
                                                     (0, table.before_met, table.before_total)):
                    met = sum(int(r[width + 2 * i] or 0) for r in rows if r[0] == flag)
                    total = sum(int(r[width + 2 * i + 1] or 0) for r in rows if r[0] == flag)
                    assert (met, total) == (met_table.counts[-1][0], total_table.counts[-1][0]), \
                        (key, flag, (met, total), (met_table.counts[-1][0], total_table.counts[-1][0]))
                checked.add(key)
    missing = (set(tables) | set(trends)) - checked
    assert not missing, f"measures without hand-written SQL: {sorted(missing)}"
    satisfaction = {int(r[0]): r for r in results["satisfaction"]}
    for i, row in enumerate(report.satisfaction):
        for flag, proportion in ((1, row.now), (0, row.before)):
            answers = int(satisfaction[flag][2 + 2 * i]) if flag in satisfaction else 0
            assert proportion.total == answers, (row.stage, flag, proportion.total, answers)
    crosses = {cross.key: cross for cross in [report.needs_met, *report.cross_tables, *report.scrutiny]}
    for key, cross in crosses.items():
        for flag, table in ((1, cross.table), (0, cross.before)):
            total = sum(int(r[3]) for r in results[key] if int(r[0]) == flag)
            assert total == table.counts[-1][-1], (key, flag, total, table.counts[-1][-1])


# --- Kept counts: the refresh, a day of changes, and the analyst's query over the kept counts ---

def kept_counts_sql() -> str:
    """The kept months and days of both periods added up per statement, category and measure, as an
    analyst would read the kept counts; the report's date itself is not kept and is counted from the
    records by the statements of `hand_written_sql` over that day alone."""
    return ("SELECT source, CASE WHEN month >= :start_day OR (month < 1000000 AND month >= :start_month)"
            " THEN 1 ELSE 0 END, category, detail, measure,"
            " SUM(met), SUM(total) FROM board_counts WHERE breakdown IN (:breakdown, '', 'month')"
            " AND (month BETWEEN :previous_month_number AND :last_kept_month"
            " OR month BETWEEN :first_kept_day AND :last_kept_day) GROUP BY 1, 2, 3, 4, 5")


def reading_params(period, today: date) -> tuple[dict, dict, dict | None]:
    """The hand-written statements' parameters for a report of the period read on `today`: over the
    records; over the kept counts (whole months before today's month, days of it before today); and
    over the records of the part not kept (today, if in the period), or None."""
    from victimcare.reports import kept

    previous = period.previous()
    params = {"start": period.start, "end": period.end, "updates_end": min(period.end, today),
              "previous_start": previous.start, "month": period.start.replace(day=1),
              "previous_month": previous.start.replace(day=1), "today": today}
    last_month = min(period.end, today.replace(day=1) - timedelta(days=1))
    last_day = min(period.end, today - timedelta(days=1))
    kept_params = {"start_month": kept.month_number(period.start), "start_day": kept.day_number(period.start),
                   "previous_month_number": kept.month_number(previous.start),
                   "last_kept_month": kept.month_number(last_month),
                   "first_kept_day": kept.day_number(today.replace(day=1)), "last_kept_day": kept.day_number(last_day)}
    live = {**params, "previous_start": today, "start": today} if today <= period.end else None
    return params, kept_params, live


def a_day_of_changes(count_recent: int = 300, count_old: int = 30, seed: int = 1) -> list[tuple[int, object]]:
    """Change `count_recent` victims of cases reported in the three months before October and `count_old`
    of older ones (their acknowledgement date), through the ORM as the app does, and commit: a day's
    edits, most of them on recent cases. Returns what to put back."""
    import random

    from victimcare.extensions import db
    from victimcare.models import Case, Victim

    rng = random.Random(seed)
    changed = []
    for low, high, count in ((date(2026, 7, 1), date(2026, 9, 30), count_recent),
                             (date(2025, 1, 1), date(2026, 6, 30), count_old)):
        ids = db.session.scalars(sa.select(Victim.id).join(Case, Case.id == Victim.case_id)
                                 .where(Case.reported_on.between(low, high))).all()
        for victim_id in rng.sample(ids, min(count, len(ids))):
            victim = db.session.get(Victim, victim_id)
            changed.append((victim_id, victim.acknowledged_on))
            victim.acknowledged_on = None if victim.acknowledged_on else date(2026, 10, 1)
            db.session.flush()
    db.session.commit()
    return changed


def put_back(changed: list[tuple[int, object]]) -> None:
    from victimcare.extensions import db
    from victimcare.models import Victim

    for victim_id, acknowledged_on in changed:
        db.session.get(Victim, victim_id).acknowledged_on = acknowledged_on
        db.session.flush()
    db.session.commit()


# --- Timing ---

def timed(fn, repeat: int) -> list[float]:
    fn()  # warm up: caches, templates, fonts
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


class StatementLog:
    """Each SQL statement run while it is active, with its parameters and time."""

    def __init__(self, engine):
        self.engine, self.entries, self._started = engine, [], []

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self._before)
        sa.event.listen(self.engine, "after_cursor_execute", self._after)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self._before)
        sa.event.remove(self.engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        self._started.append(time.perf_counter())

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        self.entries.append((statement, parameters, time.perf_counter() - self._started.pop()))


def describe(statement: str) -> str:
    """The statement's outermost FROM ... WHERE ..., shortened, to tell the statements apart."""
    text = " ".join(statement.split())
    depth, start = 0, None
    for i, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0 and text[i:i + 6].upper() == " FROM ":
            start = i + 1
            break
    return text[start:][:150] if start is not None else text[:150]


def database_size(dialect: str, url: str) -> int:
    from victimcare.extensions import db

    if dialect == "postgresql":
        return int(db.session.scalar(sa.text("SELECT pg_database_size(current_database())")))
    return Path(sa.make_url(url).database).stat().st_size


def explain(dialect: str, statement: str, parameters) -> str:
    """A one-line summary of how the database runs a statement: scans, indexes, time, buffers."""
    from victimcare.extensions import db

    connection = db.session.connection()
    if dialect == "postgresql":
        plan = connection.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement,
                                          parameters).scalar()
        plan = plan[0] if isinstance(plan, list) else plan
        scans: list[str] = []
        gathers: list[int] = []

        def walk(node):
            kind = node["Node Type"]
            if kind.startswith("Gather"):
                gathers.append(node.get("Workers Launched", 0))
            if "Scan" in kind and "Relation Name" in node:
                index = f" using {node['Index Name']}" if "Index Name" in node else ""
                scans.append(f"{kind} on {node['Relation Name']}{index} ({node.get('Actual Rows', 0):,} rows)")
            for child in node.get("Plans", ()):
                walk(child)

        walk(plan["Plan"])
        top = plan["Plan"]
        buffers = f"shared hit {top.get('Shared Hit Blocks', 0):,}, read {top.get('Shared Read Blocks', 0):,}"
        workers = max(gathers, default=0)
        jit = plan.get("JIT", {}).get("Timing", {}).get("Total")
        return (f"{plan['Execution Time']:.0f} ms{f' (JIT {jit:.0f} ms)' if jit else ''}; {buffers}"
                f"{f'; {workers} parallel workers' if workers else ''}; " + "; ".join(scans))
    rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    return "; ".join(row[-1] for row in rows)


def human_bytes(size: int) -> str:
    return f"{size / 2**30:.2f} GiB" if size >= 2**30 else f"{size / 2**20:.0f} MiB"


def run(url: str, cases: int, *, seed: int, repeat: int, pdf_repeat: int, breakdown: str,
        explain_plans: bool, reports_only: bool = False) -> tuple[list[tuple], dict]:
    from victimcare.extensions import db
    from victimcare.pdf import render_pdf as html_to_pdf
    from victimcare.reports import board, charts, kept, measures

    info = prepare(url, cases, seed=seed, progress=lambda message: print(message, file=sys.stderr, flush=True))
    app = create_app({"SECRET_KEY": "benchmark", "DATABASE_URL": url})
    period = measures.Period(*YEAR)
    params, _, _ = reading_params(period, UNTIL)
    rows: list[tuple] = []
    with app.test_request_context():
        dialect = db.engine.dialect.name
        threshold = app.config["SMALL_NUMBER_THRESHOLD"]
        info["backend"] = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(dialect, dialect)
        info["size"] = database_size(dialect, url)
        info["victims"] = db.session.scalar(sa.text("SELECT COUNT(*) FROM victims"))
        info["victims_in_year"] = db.session.scalar(sa.text(
            "SELECT COUNT(*) FROM victims v JOIN cases c ON c.id = v.case_id"
            " WHERE c.reported_on BETWEEN :start AND :end"), params)

        def build():
            charts.forget_drawn()
            return board.build(period, breakdown=breakdown, threshold=threshold, today=UNTIL)

        statements = hand_written_sql(dialect, breakdown)
        refresh = {}
        if reports_only:  # the kept counts as they are, brought up to date
            kept.refresh(measures.KEPT, today=UNTIL)
        else:
            started = time.perf_counter()
            refreshed = kept.refresh(measures.KEPT, today=UNTIL, everything=True)
            refresh["full"] = (time.perf_counter() - started, len(refreshed.months), refreshed.rows, len(refreshed.days))
            changed = a_day_of_changes()
            stale = len(set(refreshed.months) - kept.fresh_months())
            # The report during the day, before the nightly refresh: the changed units are read as counted.
            refresh["html_before_refresh"] = statistics.median(timed(lambda: board.render_html(build()), 2))
            started = time.perf_counter()
            again = kept.refresh(measures.KEPT, today=UNTIL)
            refresh["incremental"] = (time.perf_counter() - started, len(again.months), again.rows, len(changed), stale,
                                      len(again.days))
            put_back(changed)
            kept.refresh(measures.KEPT, today=UNTIL)
        info["refresh"] = refresh
        info["kept_rows"] = db.session.scalar(sa.text("SELECT COUNT(*) FROM board_counts"))

        def live(fn):
            with kept.counted_live():
                return fn()

        for name, dates, today in READINGS:
            reading = measures.Period(*dates)
            reading_all, kept_params, live_part = reading_params(reading, today)
            kept_params["breakdown"] = breakdown

            def build_reading(reading=reading, today=today):
                # as a first reader: the charts of the same figures drawn by an earlier build are not reused
                charts.forget_drawn()
                return board.build(reading, breakdown=breakdown, threshold=threshold, today=today)

            if not reports_only:
                raw = run_hand_written(statements, reading_all)
                check_equivalent(build_reading(), statements, raw)  # from kept counts, and the rest from the records
                with kept.counted_live():
                    check_equivalent(build_reading(), statements, raw)

            def hand_written_over_kept(kept_params=kept_params, live_part=live_part):
                if live_part is not None:
                    run_hand_written(statements, live_part)
                return db.session.execute(sa.text(kept_counts_sql()), kept_params).all()

            html = board.render_html(build_reading())
            results = {} if reports_only else {
                "hand-written SQL over the records": timed(lambda: run_hand_written(statements, reading_all), repeat)}
            results |= {
                "hand-written SQL over the kept counts (+ the report date from the records)": timed(
                    hand_written_over_kept, repeat),
                "report: build (SQL + disclosure control)": timed(build_reading, repeat),
                "report: HTML (build + render_html)": timed(lambda: board.render_html(build_reading()), repeat),
                "report: CSV zip (build + csv_zip)": timed(lambda: board.csv_zip(build_reading()), repeat),
                "report: PDF (build + render_pdf)": timed(lambda: board.render_pdf(build_reading()), pdf_repeat),
                "PDF alone: WeasyPrint from the page's HTML (write_pdf)": timed(lambda: html_to_pdf(html), pdf_repeat),
            }
            if today == UNTIL and not reports_only:  # counting a year from the records: slow at scale, so timed once
                results["report counted from the records: HTML (build + render_html)"] = timed(
                    lambda: live(lambda: board.render_html(build_reading())), 1)
            records = results.get("hand-written SQL over the records")
            floor = statistics.median(records) if records else None
            kept_floor = statistics.median(
                results["hand-written SQL over the kept counts (+ the report date from the records)"])
            for what, samples in results.items():
                median = statistics.median(samples)
                rows.append((info["backend"], cases, f"{name} ({reading.start} to {reading.end}, read {today}): {what}",
                             median, max(samples), floor and median / floor, median / kept_floor))

        from victimcare.reports import disclosure

        protect_seconds = []
        original = disclosure.protect

        def timed_protect(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                protect_seconds.append(time.perf_counter() - started)

        # measure disclosure control's share of a build (rates reach it through disclosure.protect_rate)
        measures.protect = disclosure.protect = timed_protect
        try:
            started = time.perf_counter()
            with StatementLog(db.engine) as log:
                report = build()
            info["build_seconds"] = time.perf_counter() - started
        finally:
            measures.protect = disclosure.protect = original
        info["protect_seconds"], info["protect_calls"] = sum(protect_seconds), len(protect_seconds)
        started = time.perf_counter()
        board.render_html(report)
        info["render_seconds"] = time.perf_counter() - started
        info["statements"] = [(describe(s), seconds, explain(dialect, s, p) if explain_plans else None)
                              for s, p, seconds in log.entries]
        info["sql_seconds"] = sum(seconds for _, _, seconds in log.entries)
        if explain_plans:
            info["hand_written_plans"] = {}
            for key, (sql, _, _) in statements.items():
                compiled = sa.text(sql).bindparams(**{k: v for k, v in params.items() if f":{k}" in sql})
                compiled = compiled.compile(dialect=db.engine.dialect)
                positional = compiled.positiontup and tuple(compiled.params[k] for k in compiled.positiontup)
                info["hand_written_plans"][key] = explain(dialect, str(compiled), positional or compiled.params)
        db.session.rollback()
        db.engine.dispose()
    return rows, info


def print_report(rows: list[tuple], info: dict, repeat: int, pdf_repeat: int) -> None:
    print(f"\n{info['backend']}, {info['cases']:,} cases, {info['victims']:,} victims "
          f"({info['victims_in_year']:,} in the year {YEAR[0]} to {YEAR[1]}); database {human_bytes(info['size'])}; "
          f"{repeat} repeats ({pdf_repeat} for the PDF)\n")
    print("| backend | cases | what | median | max | ratio to hand-written SQL over the records |"
          " ratio to hand-written SQL over the kept counts |")
    print("|---|---|---|---|---|---|---|")
    for backend, cases, what, median, longest, ratio, kept_ratio in rows:
        ratio = "–" if ratio is None else f"{ratio:.2f}×"
        print(f"| {backend} | {cases:,} | {what} | {median * 1000:,.0f} ms | {longest * 1000:,.0f} ms | {ratio} |"
              f" {kept_ratio:.2f}× |")
    if info["refresh"]:
        print_refresh(info)
    print_build(info)


def print_refresh(info: dict) -> None:
    full, incremental = info["refresh"]["full"], info["refresh"]["incremental"]
    print(f"\nKept counts: {info['kept_rows']:,} rows. `report refresh --all` (every month and day counted again): "
          f"{full[0]:,.1f} s for {full[1]} months and {full[3]} days, {full[2]:,} counts. After a day of changes "
          f"({incremental[3]} victims changed through the ORM, {incremental[4]} months made stale): `report refresh` "
          f"{incremental[0]:,.1f} s for {incremental[1]} months and {incremental[5]} days, {incremental[2]:,} counts. "
          f"The report's HTML after those changes, before that refresh: "
          f"{info['refresh']['html_before_refresh'] * 1000:,.0f} ms (median of 2).")


def print_build(info: dict) -> None:
    print(f"\nOne build of {info['build_seconds'] * 1000:,.0f} ms: {len(info['statements'])} statements, "
          f"{info['sql_seconds'] * 1000:,.0f} ms in the database; disclosure control {info['protect_seconds'] * 1000:,.0f} ms"
          f" over {info['protect_calls']} tables; then render_html {info['render_seconds'] * 1000:,.0f} ms:")
    for what, seconds, plan in info["statements"]:
        print(f"  {seconds * 1000:8.1f} ms  {what}")
        if plan:
            print(f"             plan: {plan}")
    for key, plan in info.get("hand_written_plans", {}).items():
        print(f"  hand-written {key}: {plan}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, nargs="+", default=[100_000])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdf-repeat", type=int, default=3)
    parser.add_argument("--breakdown", default="area",
                        choices=["area", "rights", "offence", "month", "sex", "ethnicity", "disability"])
    parser.add_argument("--database", help="a database URL to seed once and reuse (created if missing)")
    parser.add_argument("--keep", action="store_true", help="leave the --database in place afterwards")
    parser.add_argument("--reports-only", action="store_true",
                        help="time the reports and the hand-written SQL over the kept counts only: no refresh --all, "
                             "no day of changes, no hand-written SQL over the records (slow at scale; unchanged by "
                             "most changes to the report)")
    parser.add_argument("--explain", action="store_true",
                        help="print each statement's plan (PostgreSQL EXPLAIN ANALYZE, SQLite EXPLAIN QUERY PLAN)")
    args = parser.parse_args()
    options = dict(seed=args.seed, repeat=args.repeat, pdf_repeat=args.pdf_repeat, breakdown=args.breakdown,
                   explain_plans=args.explain, reports_only=args.reports_only)
    if args.database:
        if len(args.cases) != 1:
            parser.error("--database takes one --cases")
        url = normalise(args.database)
        existed = not ensure_database(url)
        try:
            print_report(*run(url, args.cases[0], **options), args.repeat, args.pdf_repeat)
        finally:
            if not args.keep and not existed:
                drop_database(url)
        return
    from tests.database import TestDatabase  # the same throwaway databases as the tests

    for cases in args.cases:
        with tempfile.TemporaryDirectory() as folder:
            database = TestDatabase(Path(folder))
            try:
                print_report(*run(database.url, cases, **options), args.repeat, args.pdf_repeat)
            finally:
                database.drop()


if __name__ == "__main__":
    main()
