"""Time `victimcare seed` into a fresh database.

    python benchmarks/seed.py --cases 100000            # SQLite in a temporary folder
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test python benchmarks/seed.py --cases 100000

On PostgreSQL the benchmark makes a database of its own on that server and drops it afterwards.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.database import TestDatabase  # noqa: E402  (the same throwaway databases as the tests)
from victimcare import create_app  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    from flask_migrate import upgrade

    from victimcare.extensions import db
    from victimcare.seed import seed_cases

    with tempfile.TemporaryDirectory() as folder:
        database = TestDatabase(Path(folder))
        try:
            app = create_app({"SECRET_KEY": "benchmark", "DATABASE_URL": database.url})
            with app.app_context():
                upgrade()
                started = time.perf_counter()
                summary = seed_cases(args.cases, seed=args.seed)
                elapsed = time.perf_counter() - started
                backend = db.engine.dialect.name
                db.engine.dispose()
        finally:
            database.drop()
    print(f"seed on {backend}: {summary.cases:,} cases, {summary.victims:,} victims "
          f"({summary.enhanced / summary.victims:.1%} with enhanced rights) in {elapsed:.1f} s "
          f"= {summary.cases / elapsed:,.0f} cases/s")


if __name__ == "__main__":
    main()
