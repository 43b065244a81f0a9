"""The Board report as one object, rendered as a web page, CSV files or PDF from the same figures."""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date

from victimcare.reports import kept, measures
from victimcare.timeutil import as_utc
from victimcare.translatable import N_

# The report's sections, in order: (id, heading). The web page, the PDF and the contents list use them.
SECTIONS = (
    ("code", N_("Compliance with the Code")),
    ("needs", N_("Needs met")),
    ("satisfaction", N_("Satisfaction and feedback")),
    ("agencies", N_("Partner agencies")),
    ("vcu", N_("Victim Care Unit")),
    ("complaints", N_("Complaints and service recovery")),
    ("scrutiny", N_("Scrutiny Panel findings and open actions")),
)


@dataclass(frozen=True)
class BoardReport:
    period: measures.Period
    breakdown: str
    threshold: int
    tables: list[measures.MeasureTable]
    satisfaction: list[measures.StageSatisfaction]
    needs_met: measures.CrossTable
    cross_tables: list[measures.CrossTable] = field(default_factory=list)
    # Monthly rates for the charts (protected like every other table): key -> table.
    trends: dict[str, measures.MeasureTable] = field(default_factory=dict)
    # The Scrutiny Panel's findings and the actions that followed (victimcare.scrutiny), protected likewise.
    scrutiny: list[measures.CrossTable] = field(default_factory=list)
    # When the kept counts it read were counted, and how many of their months and days changed since
    # (not part of the figures: a report from kept counts equals the one counted from the records).
    as_counted: kept.AsCounted = field(default=kept.AsCounted(None, 0), compare=False)
    # The charts, when drawn while the report was built (`charts.drawn_alongside`).
    drawn: list | None = field(default=None, compare=False, repr=False)

    def section(self, key: str) -> list[measures.MeasureTable]:
        return [table for table in self.tables if table.section == key]

    def cross(self, key: str) -> measures.CrossTable | None:
        return next((table for table in self.cross_tables if table.key == key), None)

    @cached_property
    def charts(self) -> list:
        """Charts drawn from the published figures above (never from raw counts)."""
        from victimcare.reports import charts

        return self.drawn if self.drawn is not None else charts.for_report(self)

    @property
    def sections(self) -> tuple[tuple[str, str], ...]:
        return SECTIONS


def build(period: measures.Period, *, breakdown: str, threshold: int, today: date) -> BoardReport:
    """The report for a period, as of `today`: whole months before today's month, and the days of today's
    month before today, come from the counts kept for them as last counted (measures.KEPT, kept.py), the
    rest from the records."""
    with kept.one_reading():
        report = _build(period, breakdown=breakdown, threshold=threshold, today=today)
        return dataclasses.replace(report, as_counted=kept.as_counted(period))


def _build(period: measures.Period, *, breakdown: str, threshold: int, today: date) -> BoardReport:
    from victimcare.reports import charts

    # What the charts show first, so that they are drawn while the rest is counted.
    updates, updates_by_month = measures.updates_on_time(period, breakdown, threshold, today, by_month=True)
    trends = {"updates-on-time": updates_by_month[0],
              "satisfaction": measures.satisfaction_by_month(period, threshold, today)}
    needs_met = measures.needs_met(period, threshold, today)
    with charts.drawn_alongside(threshold, trends, needs_met) as drawing:
        tables = [*measures.victim_measures(period, breakdown, threshold, today),
                  *updates,
                  *measures.closures(period, breakdown, threshold, today),
                  *measures.victim_care_unit(period, breakdown, threshold, today),
                  *measures.service_recovery(period, breakdown, threshold, today)]
        cross_tables = [measures.partner_agencies(period, threshold, today),
                        measures.complaints(period, threshold, today), measures.lesson_themes(period, threshold, today)]
        satisfaction = measures.satisfaction(period, threshold, today)
        scrutiny = measures.scrutiny_panel(period, threshold, today)
    return BoardReport(period, breakdown, threshold, tables, satisfaction, needs_met, cross_tables, trends, scrutiny,
                       drawn=drawing.result())


def _blank(value) -> object:
    return "" if value is None or value == "–" else value


def csv_files(report: BoardReport) -> dict[str, str]:
    """One tidy table per measure: a row per category, published values only (blank where withheld)."""
    files = {}
    previous = report.period.previous()
    for table in [*report.tables, *report.trends.values()]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["period_start", "period_end", "measure", "breakdown", "category", "met", "total",
                         "percent", "previous_period_start", "previous_period_end", "previous_met",
                         "previous_total", "previous_percent", "withheld_below"])
        for row in table.rows():
            writer.writerow([report.period.start, report.period.end, table.key, table.breakdown, row["category"],
                             _blank(row["met_value"]), _blank(row["total_value"]), _blank(row["percent"].rstrip("%")),
                             previous.start, previous.end, _blank(row["before_met_value"]),
                             _blank(row["before_total_value"]), _blank(row["before_percent"].rstrip("%")),
                             report.threshold])
        name = table.key if table in report.tables else f"trend-{table.key}-by-month"
        files[f"{name}.csv"] = buffer.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["period_start", "period_end", "stage", "answers", "satisfied_percent", "ci_low_percent",
                     "ci_high_percent", "previous_percent", "significant_change"])
    for row in report.satisfaction:
        if row.published:
            writer.writerow([report.period.start, report.period.end, row.stage, row.now.total,
                             f"{100 * row.now.share:.1f}", f"{100 * row.now.low:.1f}", f"{100 * row.now.high:.1f}",
                             f"{100 * row.before.share:.1f}" if row.before_published else "",
                             row.change or ""])
        else:
            writer.writerow([report.period.start, report.period.end, row.stage, "", "", "", "", "", ""])
    files["satisfaction.csv"] = buffer.getvalue()
    for cross in [report.needs_met, *report.cross_tables, *report.scrutiny]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["period_start", "period_end", cross.row_label.lower().replace(" ", "_"), "column", "count",
                         "withheld_below"])
        for window, table in ((report.period, cross.table), (previous, cross.before)):
            if table is None:
                continue
            for r, name in enumerate([*cross.rows, "All"]):
                for c, column in enumerate([*cross.columns, "All"]):
                    writer.writerow([window.start, window.end, name, column, _blank(table.value(r, c)),
                                     report.threshold])
        files[f"{cross.key}.csv"] = buffer.getvalue()
    return files


def about_csv(report: BoardReport) -> str:
    """What the tables are: the period, the one compared with, the breakdown, the threshold, and when the
    kept counts read were counted and how many of their months and days have changed since (as the web
    page and the PDF say at their top)."""
    previous = report.period.previous()
    at = report.as_counted.at
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["period_start", "period_end", "previous_period_start", "previous_period_end", "breakdown",
                     "withheld_below", "counted_at", "months_and_days_changed_since"])
    writer.writerow([report.period.start, report.period.end, previous.start, previous.end, report.breakdown,
                     report.threshold, as_utc(at).replace(microsecond=0).isoformat() if at else "",
                     report.as_counted.changed if at else ""])
    return buffer.getvalue()


def csv_zip(report: BoardReport) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("about.csv", about_csv(report))
        for name, text in csv_files(report).items():
            archive.writestr(name, text)
    return buffer.getvalue()


def render_html(report: BoardReport) -> str:
    from flask import render_template

    return render_template("board/report_print.html", report=report, satisfied_label=measures.SATISFIED_LABEL)


def render_pdf(report: BoardReport) -> bytes:
    from victimcare.pdf import render_pdf as html_to_pdf

    return html_to_pdf(render_html(report))
