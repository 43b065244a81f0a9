"""A long fuzz run of the JSON API: many examples per operation, for every role's token.

    python benchmarks/fuzz_api.py --examples 60                      # SQLite
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test python benchmarks/fuzz_api.py --examples 60

Builds a fresh database with the records every operation can reach (tests/api/fuzzing.py), then for each
operation in /api/v1/openapi.json sends `--examples` generated requests (valid and invalid, half at those
records) with each role that may use it and `--other-role-examples` with every other role. Prints the
operations covered, the requests sent, each 5xx (must be none) and each answer that does not match the
document, with the status codes seen. Exits 1 if there was any 5xx or mismatch.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.api import fuzzing  # noqa: E402
from tests.database import TestDatabase  # noqa: E402
from victimcare import create_app  # noqa: E402
from victimcare.extensions import db  # noqa: E402

CONFIG = {"TESTING": True, "SECRET_KEY": "fuzz-run-not-for-production"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=60, help="per operation, role and generation mode")
    parser.add_argument("--other-role-examples", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        database = TestDatabase(Path(workdir))
        database.migrate(lambda extra: create_app({**CONFIG, **extra}))
        database.reset()
        try:
            app = create_app({**CONFIG, "DATABASE_URL": database.live_url})
            with app.app_context():
                world = fuzzing.build_world(db)
            schema = fuzzing.load_schema(app)
            report = fuzzing.run(app, schema, world, examples=args.examples,
                                 other_role_examples=args.other_role_examples)
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
        finally:
            database.drop()
    print(f"backend: {'PostgreSQL' if database.is_postgres else 'SQLite'}; {args.examples} examples per operation, "
          f"role and mode; {args.other_role_examples} for other roles")
    print(report.summary())
    for line in report.server_errors + report.mismatches:
        print(" ", line)
    return 1 if report.server_errors or report.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
