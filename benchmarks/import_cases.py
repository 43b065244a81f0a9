"""Time `victimcare import cases` of a deterministic records-system file, then of the same file again.

    python benchmarks/import_cases.py --cases 10000                 # SQLite in a temporary folder
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test python benchmarks/import_cases.py --cases 10000

For each format (CSV and JSON Lines) the file is generated (the same cases for the same --seed), imported
into a fresh database, then imported again: the second run must find every case unchanged.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.database import TestDatabase  # noqa: E402  (the same throwaway databases as the tests)
from victimcare import create_app  # noqa: E402

OFFENCES = ("burglary-residential", "assault-with-injury", "assault-without-injury", "criminal-damage", "theft",
            "robbery", "harassment", "stalking", "vehicle-crime", "public-order")
AREAS = ("Blaenau Gwent", "Caerphilly", "Monmouthshire", "Newport", "Torfaen")
FIRST = ("Alys", "Dai", "Gareth", "Megan", "Rhys", "Sian", "Tomos", "Nia", "Owen", "Ffion")
LAST = ("Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Lewis", "Hughes", "Morgan", "Pritchard")
FACTORS = ("vulnerable", "intimidated", "persistently-targeted", "bereaved")


def generate(count: int, seed: int, officers: list[str]) -> list[dict]:
    """`count` cases as POST /api/v1/cases takes them: about one in eight with a second victim."""
    rng = random.Random(seed)
    cases = []
    for n in range(count):
        reported = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
        victims = []
        for role in ("primary", "secondary")[:1 + (rng.random() < 0.125)]:
            victims.append({
                "role": role, "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                "date_of_birth": (date(1940, 1, 1) + timedelta(days=rng.randrange(25_000))).isoformat(),
                "factors": [f for f in FACTORS if rng.random() < 0.05],
                "preferred_language": rng.choice(("en", "en", "en", "en", "cy")),
                "phone": f"01633 {rng.randrange(10**6):06d}", "email": f"victim{n}.{role}@example.org"})
        cases.append({
            "crime_reference": f"GP/26/{n + 1:06d}", "offence": rng.choice(OFFENCES),
            "domestic_abuse": rng.random() < 0.2,
            "hate_crime": None, "reported_on": reported.isoformat(),
            "offence_date": (reported - timedelta(days=rng.randrange(3))).isoformat(),
            "area": rng.choice(AREAS), "officer": rng.choice(officers), "victims": victims})
    return cases


def as_jsonl(cases: list[dict]) -> bytes:
    return "".join(json.dumps(case) + "\n" for case in cases).encode()


def as_csv(cases: list[dict]) -> bytes:
    from victimcare.cases.rms_import import CSV_HEADER, FACTOR_SEPARATOR

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for case in cases:
        for victim in case["victims"]:
            values = {**{k: v for k, v in case.items() if k != "victims"},
                      **{f"victim_{k}": v for k, v in victim.items()}}
            values["victim_factors"] = FACTOR_SEPARATOR.join(victim["factors"])
            writer.writerow(["" if values.get(name) is None else str(values[name]).lower()
                             if isinstance(values.get(name), bool) else values[name] for name in CSV_HEADER])
    return out.getvalue().encode()


def run(fmt: str, data: bytes) -> list[tuple]:
    from flask_migrate import upgrade

    from tests.factories import make_team, make_user
    from victimcare.cases import rms_import
    from victimcare.extensions import db

    results = []
    with tempfile.TemporaryDirectory() as folder:
        database = TestDatabase(Path(folder))
        try:
            app = create_app({"SECRET_KEY": "benchmark", "DATABASE_URL": database.url})
            with app.app_context():
                upgrade()
                admin = make_user("admin", username="rms")
                for team in range(4):
                    for n in range(5):
                        make_user("officer", team=make_team(f"Team {team}"), username=f"officer{team}{n}")
                db.session.commit()
                for attempt in ("first import", "again (no change)"):
                    started = time.perf_counter()
                    report = rms_import.import_cases(data, fmt, by=admin, skip_invalid=False, source="benchmark")
                    elapsed = time.perf_counter() - started
                    assert report.ok, report.messages()[:5]
                    results.append((db.engine.dialect.name, fmt, attempt, report, elapsed))
                db.engine.dispose()
        finally:
            database.drop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--format", choices=["csv", "jsonl", "both"], default="both")
    args = parser.parse_args()

    officers = [f"officer{team}{n}" for team in range(4) for n in range(5)]
    cases = generate(args.cases, args.seed, officers)
    victims = sum(len(case["victims"]) for case in cases)
    files = {"csv": as_csv(cases), "jsonl": as_jsonl(cases)}
    rows = []
    for fmt in (("csv", "jsonl") if args.format == "both" else (args.format,)):
        rows += run(fmt, files[fmt])
    print(f"{args.cases:,} cases, {victims:,} victims (seed {args.seed})")
    print("| backend | format | file | run | created | updated | unchanged | time | cases/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for backend, fmt, attempt, report, elapsed in rows:
        print(f"| {backend} | {fmt} | {len(files[fmt]) / 2**20:.1f} MiB | {attempt} | {report.created:,} | "
              f"{report.updated:,} | {report.unchanged:,} | {elapsed:.1f} s | {args.cases / elapsed:,.0f} |")


if __name__ == "__main__":
    main()
