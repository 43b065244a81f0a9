"""benchmarks/board.py, run small: the script keeps working, and its hand-written SQL (written apart
from the report's statements, as an analyst would) counts what the report counts, from kept counts and
from the records, for both of its readings; `check_equivalent` raises at the first count that differs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests import database as test_databases

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture()
def board_benchmark():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import board

        yield board
    finally:
        sys.path.remove(str(BENCHMARKS))
        sys.modules.pop("board", None)


@pytest.mark.slow
def test_the_board_benchmark_runs_and_its_hand_written_sql_counts_what_the_report_counts(board_benchmark, tmp_path):
    database = test_databases.TestDatabase(tmp_path)
    try:
        rows, info = board_benchmark.run(database.url, 300, seed=5, repeat=1, pdf_repeat=1, breakdown="area",
                                         explain_plans=False)
    finally:
        database.drop()
    assert info["cases"] == 300 and info["seeded_now"]
    timed = {what for _, _, what, *_ in rows}
    for name, _, _ in board_benchmark.READINGS:
        for what in ("hand-written SQL over the records", "report: HTML (build + render_html)",
                     "report: CSV zip (build + csv_zip)", "report: PDF (build + render_pdf)"):
            assert any(label.startswith(name) and label.endswith(what) for label in timed), (name, what)
    assert all(median > 0 for _, _, _, median, *_ in rows)
    full_seconds, months, counts, days = info["refresh"]["full"]
    assert months > 12 and days == 30 and counts > 0
    assert info["statements"] and info["protect_calls"] > 0
