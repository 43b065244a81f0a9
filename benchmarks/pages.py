"""Time the officer's pages at a given number of seeded cases.

    python benchmarks/pages.py --cases 10000 100000                 # SQLite
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test python benchmarks/pages.py --cases 10000 100000

For each size: a fresh database (on PostgreSQL, one of its own on that server), seeded with
`victimcare seed`, then an officer with a typical caseload signs in and requests, in process:
the case page of their cases, their due/overdue list, a VCU worker's follow-up queue (unfiltered,
by area, unclaimed), and /healthz as the app's minimal page.
Prints the median and 95th percentile in milliseconds and the ratio to the minimal page.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from argon2 import PasswordHasher  # noqa: E402

from tests.conftest import Browser  # noqa: E402
from tests.database import TestDatabase  # noqa: E402
from victimcare import create_app  # noqa: E402

PASSWORD = "Benchmark-Password-2026"


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def timed(browser: Browser, urls: list[str], repeat: int) -> list[float]:
    samples = []
    for i in range(repeat):
        url = urls[i % len(urls)]
        started = time.perf_counter()
        response = browser.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def run(cases: int, repeat: int) -> dict:
    from flask_migrate import upgrade

    from victimcare.extensions import db
    from victimcare.models import Case, CaseStatus, User
    from victimcare.seed import seed_cases

    with tempfile.TemporaryDirectory() as folder:
        database = TestDatabase(Path(folder))
        try:
            app = create_app({"SECRET_KEY": "benchmark", "DATABASE_URL": database.url})
            with app.app_context():
                upgrade()
                seed_cases(cases, seed=2026)
                db.session.execute(sa.text("ANALYZE"))
                officer = db.session.scalar(
                    sa.select(User).join(Case, Case.officer_id == User.id).where(Case.status == CaseStatus.OPEN)
                    .group_by(User.id).order_by(sa.func.count().desc()).limit(1))
                officer.password_hash = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(PASSWORD)
                case_ids = list(db.session.scalars(sa.select(Case.id).where(Case.officer_id == officer.id)
                                                   .order_by(Case.id).limit(200)))
                open_cases = db.session.scalar(sa.select(sa.func.count()).select_from(Case).where(
                    Case.officer_id == officer.id, Case.status == CaseStatus.OPEN))
                username, backend = officer.username, db.engine.dialect.name
                from victimcare.models import Role

                db.session.add(User(username="bench.vcu", display_name="VCU benchmark", role=Role.VCU,
                                    password_hash=officer.password_hash, team=None))
                queue_size = db.session.scalar(sa.text("SELECT COUNT(*) FROM follow_ups WHERE status <> 'done'"))
                db.session.commit()
            browser = Browser(app)
            vcu_browser = Browser(app)
            with app.app_context():
                browser.login(type("U", (), {"username": username})(), password=PASSWORD)
                vcu_browser.login(type("U", (), {"username": "bench.vcu"})(), password=PASSWORD)
            random.Random(1).shuffle(case_ids)
            timed(browser, ["/healthz", "/updates"] + [f"/cases/{i}" for i in case_ids[:5]], 20)  # warm up
            results = {
                "minimal (/healthz)": timed(browser, ["/healthz"], repeat),
                "case page": timed(browser, [f"/cases/{i}" for i in case_ids], repeat),
                "due/overdue list": timed(browser, ["/updates"], repeat),
                "VCU queue": timed(vcu_browser, ["/vcu/queue", "/vcu/queue?area=Newport",
                                                 "/vcu/queue?assignee=unclaimed"], repeat),
            }
            with app.app_context():
                db.engine.dispose()
        finally:
            database.drop()
    return {"backend": backend, "cases": cases, "open_cases_of_officer": open_cases, "queue_size": queue_size,
            "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=300)
    args = parser.parse_args()
    for cases in args.cases:
        report = run(cases, args.repeat)
        floor = statistics.median(report["results"]["minimal (/healthz)"])
        print(f"\n{report['backend']}, {cases:,} cases (officer with {report['open_cases_of_officer']} open cases; "
              f"{report['queue_size']:,} follow-ups in the VCU queue), {args.repeat} requests each:")
        for name, samples in report["results"].items():
            median, p95 = statistics.median(samples), percentile(samples, 0.95)
            print(f"  {name:<20} median {median:6.1f} ms  p95 {p95:6.1f} ms  ratio to minimal {median / floor:5.1f}x")


if __name__ == "__main__":
    main()
