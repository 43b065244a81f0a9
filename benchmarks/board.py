"""Time the Victims' Board report for a year at a given number of seeded cases.

    python benchmarks/board.py --cases 100000                       # SQLite in a temporary folder
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test python benchmarks/board.py --cases 100000

Seeding a million cases takes a while, so a seeded database can be kept and reused:

    python benchmarks/board.py --cases 1000000 --database sqlite:////work/benchdata/board-1m.sqlite --keep
    python benchmarks/board.py --cases 1000000 \\
        --database postgresql://postgres@127.0.0.1:5432/victimcare_bench_1m --keep

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
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402

from victimcare import create_app  # noqa: E402

# The seed's "today": fixed, so the same seed gives the same data whatever day it runs.
UNTIL = date(2026, 10, 31)
# The year reported on: the twelve months up to UNTIL (the seed's busiest year).
YEAR = (date(2025, 11, 1), date(2026, 10, 31))


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


# --- The equivalent hand-written SQL: one statement per measure, as an analyst would write it. ---

def _breakdown_sql(dialect: str, breakdown: str, dated: str) -> tuple[str, bool]:
    """The category expression for a breakdown, and whether it needs the offences table."""
    if breakdown == "month":
        if dialect == "postgresql":
            return f"CAST(to_char({dated}, 'YYYYMM') AS INTEGER)", False
        return f"CAST(strftime('%Y%m', {dated}) AS INTEGER)", False
    return {
        "area": ("c.area", False),
        "rights": ("CASE WHEN v.enhanced_rights THEN 'Enhanced' ELSE 'Standard' END", False),
        "offence": ("o.category", True),
        "sex": ("COALESCE(v.sex, 'Not recorded')", False),
        "ethnicity": ("COALESCE(v.ethnicity, 'Not recorded')", False),
        "disability": ("COALESCE(v.disability, 'Not recorded')", False),
    }[breakdown]


VICTIM_CONDITIONS = {
    "contract": "EXISTS (SELECT 1 FROM contracts k WHERE k.victim_id = v.id)",
    "what-matters": "EXISTS (SELECT 1 FROM what_matters w WHERE w.victim_id = v.id)"
                    " OR EXISTS (SELECT 1 FROM contracts k WHERE k.victim_id = v.id AND k.what_matters_declined)",
    "needs": "EXISTS (SELECT 1 FROM needs_assessments n WHERE n.victim_id = v.id)",
    "acknowledged": "v.acknowledged_on IS NOT NULL",
    "vps": "EXISTS (SELECT 1 FROM needs_assessments n WHERE n.victim_id = v.id AND n.vps_offered_on IS NOT NULL)",
}
STAGES = ("ease_of_contact", "actions_taken", "kept_informed", "treatment", "whole_experience")


def hand_written_sql(dialect: str, breakdown: str) -> dict[str, str]:
    statements = {}
    category, offences = _breakdown_sql(dialect, breakdown, "c.reported_on")
    join = " JOIN offences o ON o.code = c.offence_code" if offences else ""
    for key, condition in VICTIM_CONDITIONS.items():
        statements[key] = (
            f"SELECT {category} AS category, SUM(CASE WHEN {condition} THEN 1 ELSE 0 END) AS met, COUNT(*) AS total"
            f" FROM victims v JOIN cases c ON c.id = v.case_id{join}"
            f" WHERE c.reported_on BETWEEN :start AND :end GROUP BY 1 ORDER BY 1")
    category, offences = _breakdown_sql(dialect, breakdown, "u.due_on")
    join = " JOIN offences o ON o.code = c.offence_code" if offences else ""
    statements["updates-on-time"] = (
        f"SELECT {category} AS category,"
        f" SUM(CASE WHEN u.given_on IS NOT NULL AND u.given_on <= u.due_on THEN 1 ELSE 0 END) AS met,"
        f" COUNT(*) AS total"
        f" FROM victim_updates u JOIN victims v ON v.id = u.victim_id JOIN cases c ON c.id = u.case_id{join}"
        f" WHERE u.kind = 'key-stage' AND u.due_on BETWEEN :start AND :updates_end GROUP BY 1 ORDER BY 1")
    columns = ", ".join(f"SUM(CASE WHEN {s} <= 3 THEN 1 ELSE 0 END), COUNT({s})" for s in STAGES)
    statements["satisfaction"] = (
        f"SELECT CASE WHEN surveyed_on >= :start THEN 'now' ELSE 'before' END AS window, {columns}"
        f" FROM feedback WHERE surveyed_on BETWEEN :previous_start AND :end GROUP BY 1")
    statements["needs-met"] = (
        "SELECT w.category, w.outcome, COUNT(*) FROM what_matters w"
        " JOIN victims v ON v.id = w.victim_id JOIN cases c ON c.id = v.case_id"
        " WHERE w.outcome IS NOT NULL AND c.closed_on BETWEEN :start AND :end GROUP BY 1, 2")
    return statements


def one_pass_sql(dialect: str, breakdown: str, *, joins: bool) -> dict[str, str]:
    """The same figures with the five victim measures in one statement (a suggestion for measures.py):
    with `joins`, each kind of record is aggregated once per victim and joined, instead of an EXISTS
    per victim (which PostgreSQL runs as one index probe per row)."""
    statements = hand_written_sql(dialect, breakdown)
    category, offences = _breakdown_sql(dialect, breakdown, "c.reported_on")
    join = " JOIN offences o ON o.code = c.offence_code" if offences else ""
    if joins:
        conditions = {
            "contract": "k.victim_id IS NOT NULL",
            "what-matters": "w.victim_id IS NOT NULL OR k.declined = 1",
            "needs": "n.victim_id IS NOT NULL",
            "acknowledged": "v.acknowledged_on IS NOT NULL",
            "vps": "n.vps = 1",
        }
        join += (
            " LEFT JOIN (SELECT victim_id, MAX(CASE WHEN what_matters_declined THEN 1 ELSE 0 END) AS declined"
            " FROM contracts GROUP BY victim_id) k ON k.victim_id = v.id"
            " LEFT JOIN (SELECT victim_id, MAX(CASE WHEN vps_offered_on IS NOT NULL THEN 1 ELSE 0 END) AS vps"
            " FROM needs_assessments GROUP BY victim_id) n ON n.victim_id = v.id"
            " LEFT JOIN (SELECT DISTINCT victim_id FROM what_matters) w ON w.victim_id = v.id")
    else:
        conditions = VICTIM_CONDITIONS
    sums = ", ".join(f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)" for condition in conditions.values())
    for key in VICTIM_CONDITIONS:
        del statements[key]
    statements["victim-measures"] = (
        f"SELECT {category} AS category, {sums}, COUNT(*) AS total FROM victims v JOIN cases c ON c.id = v.case_id"
        f"{join} WHERE c.reported_on BETWEEN :start AND :end GROUP BY 1 ORDER BY 1")
    return statements


def split_victim_measures(results: dict[str, list]) -> dict[str, list]:
    """One row per category with five counts -> the per-measure (category, met, total) rows."""
    results = dict(results)
    rows = results.pop("victim-measures")
    for i, key in enumerate(VICTIM_CONDITIONS):
        results[key] = [(row[0], row[1 + i], row[-1]) for row in rows]
    return results


def run_hand_written(statements: dict[str, str], params: dict) -> dict[str, list]:
    from victimcare.extensions import db

    return {key: db.session.execute(sa.text(sql), params).all() for key, sql in statements.items()}


def check_equivalent(report, results: dict[str, list]) -> None:
    """The hand-written SQL must count what the report counts (before disclosure control)."""
    for table in report.tables:
        rows = results[table.key]
        met, total = sum(int(r[1] or 0) for r in rows), sum(int(r[2]) for r in rows)
        counts = table.met.counts[-1][0], table.total.counts[-1][0]
        assert (met, total) == counts, (table.key, (met, total), counts)
    needs = sum(r[2] for r in results["needs-met"])
    assert needs == report.needs_met.table.counts[-1][-1], ("needs-met", needs)
    now = {r[0]: r for r in results["satisfaction"]}.get("now")
    for i, row in enumerate(report.satisfaction):
        assert row.now.total == (int(now[2 + 2 * i]) if now else 0), (row.stage, row.now.total)


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
        explain_plans: bool) -> tuple[list[tuple], dict]:
    from victimcare.extensions import db
    from victimcare.reports import board, measures

    info = prepare(url, cases, seed=seed, progress=lambda message: print(message, file=sys.stderr, flush=True))
    app = create_app({"SECRET_KEY": "benchmark", "DATABASE_URL": url})
    period = measures.Period(*YEAR)
    previous = period.previous()
    params = {"start": period.start, "end": period.end, "updates_end": min(period.end, UNTIL),
              "previous_start": previous.start}
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
            return board.build(period, breakdown=breakdown, threshold=threshold, today=UNTIL)

        statements = hand_written_sql(dialect, breakdown)
        one_pass = one_pass_sql(dialect, breakdown, joins=False)
        one_pass_joins = one_pass_sql(dialect, breakdown, joins=True)
        report = build()
        check_equivalent(report, run_hand_written(statements, params))
        check_equivalent(report, split_victim_measures(run_hand_written(one_pass, params)))
        check_equivalent(report, split_victim_measures(run_hand_written(one_pass_joins, params)))
        results = {
            "hand-written SQL": timed(lambda: run_hand_written(statements, params), repeat),
            "hand-written SQL, victim measures in one statement (EXISTS)":
                timed(lambda: run_hand_written(one_pass, params), repeat),
            "hand-written SQL, victim measures in one statement (joined per-victim aggregates)":
                timed(lambda: run_hand_written(one_pass_joins, params), repeat),
            "report: build (SQL + disclosure control)": timed(build, repeat),
            "report: HTML (build + render_html)": timed(lambda: board.render_html(build()), repeat),
            "report: CSV zip (build + csv_zip)": timed(lambda: board.csv_zip(build()), repeat),
            "report: PDF (build + render_pdf)": timed(lambda: board.render_pdf(build()), pdf_repeat),
        }
        if dialect == "postgresql":
            # Just-in-time compilation costs more than it saves on these statements; SET lasts
            # until the end of the transaction, which the rollback below ends.
            db.session.execute(sa.text("SET jit = off"))
            results["report: HTML, JIT off"] = timed(lambda: board.render_html(build()), repeat)
            results["hand-written SQL, JIT off"] = timed(lambda: run_hand_written(statements, params), repeat)
            results["hand-written SQL, one statement (joined), JIT off"] = timed(
                lambda: run_hand_written(one_pass_joins, params), repeat)
            db.session.rollback()
        floor = statistics.median(results["hand-written SQL"])
        for what, samples in results.items():
            median = statistics.median(samples)
            rows.append((info["backend"], cases, what, median, max(samples), median / floor))

        protect_seconds = []
        original = measures.protect

        def timed_protect(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                protect_seconds.append(time.perf_counter() - started)

        measures.protect = timed_protect  # measure disclosure control's share of a build
        try:
            started = time.perf_counter()
            with StatementLog(db.engine) as log:
                report = build()
            info["build_seconds"] = time.perf_counter() - started
        finally:
            measures.protect = original
        info["protect_seconds"], info["protect_calls"] = sum(protect_seconds), len(protect_seconds)
        started = time.perf_counter()
        board.render_html(report)
        info["render_seconds"] = time.perf_counter() - started
        info["statements"] = [(describe(s), seconds, explain(dialect, s, p) if explain_plans else None)
                              for s, p, seconds in log.entries]
        info["sql_seconds"] = sum(seconds for _, _, seconds in log.entries)
        if explain_plans:
            info["hand_written_plans"] = {}
            for key, sql in statements.items():
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
    print("| backend | cases | what | median | max | ratio to hand-written SQL |")
    print("|---|---|---|---|---|---|")
    for backend, cases, what, median, longest, ratio in rows:
        print(f"| {backend} | {cases:,} | {what} | {median * 1000:,.0f} ms | {longest * 1000:,.0f} ms | {ratio:.2f}× |")
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
    parser.add_argument("--explain", action="store_true",
                        help="print each statement's plan (PostgreSQL EXPLAIN ANALYZE, SQLite EXPLAIN QUERY PLAN)")
    args = parser.parse_args()
    options = dict(seed=args.seed, repeat=args.repeat, pdf_repeat=args.pdf_repeat, breakdown=args.breakdown,
                   explain_plans=args.explain)
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
