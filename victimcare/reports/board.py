"""The Board report as one object, rendered as a web page, CSV files or (later) PDF from the same figures."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date

from victimcare.reports import measures


@dataclass(frozen=True)
class BoardReport:
    period: measures.Period
    breakdown: str
    threshold: int
    tables: list[measures.MeasureTable]
    satisfaction: list[measures.StageSatisfaction]
    needs_met: measures.CrossTable


def build(period: measures.Period, *, breakdown: str, threshold: int, today: date) -> BoardReport:
    tables = [measures.victim_measure(key, period, breakdown, threshold) for key in measures.VICTIM_MEASURES]
    tables.append(measures.updates_on_time(period, breakdown, threshold, today))
    return BoardReport(period, breakdown, threshold, tables, measures.satisfaction(period, threshold),
                       measures.needs_met(period, threshold))


def csv_files(report: BoardReport) -> dict[str, str]:
    """One tidy table per measure: a row per category, published values only (blank where withheld)."""
    files = {}
    for table in report.tables:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["period_start", "period_end", "measure", "breakdown", "category", "met", "total",
                         "percent", "withheld_below"])
        for i, category in enumerate([*table.categories, "All"]):
            met, total = table.met.value(i, 0), table.total.value(i, 0)
            percent = measures.percentage(met, total, report.threshold).rstrip("%")
            writer.writerow([report.period.start, report.period.end, table.key, report.breakdown, category,
                             "" if met is None else met, "" if total is None else total,
                             "" if percent == "–" else percent, report.threshold])
        files[f"{table.key}.csv"] = buffer.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["period_start", "period_end", "stage", "answers", "satisfied_percent", "ci_low_percent",
                     "ci_high_percent", "previous_percent", "significant_change"])
    for row in report.satisfaction:
        if row.published:
            writer.writerow([report.period.start, report.period.end, row.stage, row.now.total,
                             f"{100 * row.now.share:.1f}", f"{100 * row.now.low:.1f}", f"{100 * row.now.high:.1f}",
                             f"{100 * row.before.share:.1f}" if row.before.total >= report.threshold else "",
                             row.change or ""])
        else:
            writer.writerow([report.period.start, report.period.end, row.stage, "", "", "", "", "", ""])
    files["satisfaction.csv"] = buffer.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    cross = report.needs_met
    writer.writerow(["period_start", "period_end", "what_mattered", *cross.columns, "total"])
    for r, name in enumerate([*cross.rows, "All"]):
        values = [cross.table.value(r, c) for c in range(len(cross.columns) + 1)]
        writer.writerow([report.period.start, report.period.end, name, *("" if v is None else v for v in values)])
    files["needs-met.csv"] = buffer.getvalue()
    return files


def csv_zip(report: BoardReport) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in csv_files(report).items():
            archive.writestr(name, text)
    return buffer.getvalue()


def render_html(report: BoardReport) -> str:
    from flask import render_template

    return render_template("board/report_print.html", report=report, satisfied_label=measures.SATISFIED_LABEL)


def render_pdf(report: BoardReport) -> bytes:
    from victimcare.pdf import render_pdf as html_to_pdf

    return html_to_pdf(render_html(report))
