"""The Board report's HTML with its charts drawn alongside the counting (`charts.drawn_alongside`, as
`board.build` does) against drawn after it (as when a report is rendered), alternately, on a seeded
database (see board.py --database --keep), as a first reader: kept charts are dropped before each.

    python benchmarks/board_charts_alongside.py --database postgresql://postgres@127.0.0.1:5432/victimcare_bench_1m
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from victimcare import create_app  # noqa: E402
from victimcare.reports import board, charts, measures  # noqa: E402

YEAR = measures.Period(date(2025, 11, 1), date(2026, 10, 31))  # as board.py: the year to the seed's last day
TODAY = date(2026, 10, 31)


class _NotDrawn:
    def result(self):
        return None


@contextmanager
def _drawn_after(*args):
    yield _NotDrawn()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    url = args.database.replace("postgresql://", "postgresql+psycopg://", 1)
    app = create_app({"SECRET_KEY": "benchmark", "DATABASE_URL": url})
    alongside = charts.drawn_alongside
    with app.test_request_context():
        def html() -> str:
            charts.forget_drawn()
            return board.render_html(board.build(YEAR, breakdown="area", threshold=10, today=TODAY))

        html()  # warm the database's cache
        timings: dict[str, list[float]] = {"alongside": [], "after": []}
        for _ in range(args.repeat):
            for name in timings:
                charts.drawn_alongside = alongside if name == "alongside" else _drawn_after
                started = time.perf_counter()
                html()
                timings[name].append(time.perf_counter() - started)
        charts.drawn_alongside = alongside
    for name, samples in timings.items():
        print(f"charts drawn {name} the counting: HTML median {statistics.median(samples) * 1000:,.0f} ms "
              f"({', '.join(f'{s * 1000:,.0f}' for s in samples)})")


if __name__ == "__main__":
    main()
