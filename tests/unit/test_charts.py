"""Charts are drawn from published figures only, and each carries a text alternative."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from victimcare.reports import charts
from victimcare.reports.disclosure import ProtectedTable, protect, protect_rate
from victimcare.reports.measures import CrossTable, MeasureTable

MONTHS = ["January 2026", "February 2026", "March 2026", "April 2026"]


def _monthly(met: list[int], total: list[int]) -> MeasureTable:
    return MeasureTable("updates-on-time", "Key-stage updates given on time", "Month", MONTHS,
                        *protect_rate(list(zip(met, total))), pair_categories=False)


def _with_hidden_counts_changed(table: ProtectedTable, delta: int) -> ProtectedTable:
    counts = [[value + delta if (r, c) in table.suppressed else value for c, value in enumerate(row)]
              for r, row in enumerate(table.counts)]
    return ProtectedTable(tuple(tuple(row) for row in counts), table.suppressed, table.threshold)


def test_a_withheld_month_is_a_gap_named_in_the_text_alternative():
    chart = charts.monthly_trend("t", "code", "On time", _monthly([50, 3, 40, 2], [100, 5, 50, 7]), 10)
    assert "January 2026 50%" in chart.description and "March 2026 80%" in chart.description
    assert "60%" not in chart.description  # February: 3 of 5, withheld
    assert "Not shown (too few to publish): February 2026, April 2026." in chart.description


@settings(max_examples=25, deadline=None)
@given(met=st.lists(st.integers(0, 60), min_size=4, max_size=4), extra=st.lists(st.integers(0, 60), min_size=4,
                                                                                  max_size=4),
       delta=st.integers(1, 5))
def test_a_chart_does_not_change_when_only_hidden_counts_do(met, extra, delta):
    """Whatever the withheld counts are, the picture is the same: nothing hidden leaks through it."""
    table = _monthly(met, [m + e for m, e in zip(met, extra)])
    changed = MeasureTable(table.key, table.title, table.breakdown, table.categories,
                           _with_hidden_counts_changed(table.met, delta),
                           _with_hidden_counts_changed(table.total, delta), pair_categories=False)
    drawn = charts.monthly_trend("t", "code", "T", table, 10).svg
    assert drawn == charts.monthly_trend("t", "code", "T", changed, 10).svg


def test_needs_met_chart_draws_published_cells_only():
    interior = [[40, 20, 3, 2], [30, 12, 11, 10], [25, 15, 4, 12], [2, 1, 1, 1]]
    cross = CrossTable("needs-met", "Needs met", "What mattered", ["Safety", "Justice", "Property", "Privacy"],
                       ["Met", "Partly met", "Not met", "No longer relevant"], protect(interior))
    chart = charts.needs_met(cross, 10)
    assert "Safety: met 62%, partly met 31%, not met withheld, no longer relevant withheld" in chart.description
    assert "Not shown (too few to publish): Property, Privacy." in chart.description
    hidden = CrossTable(cross.key, cross.title, cross.row_label, cross.rows, cross.columns,
                        _with_hidden_counts_changed(cross.table, 1))
    assert charts.needs_met(hidden, 10).svg == chart.svg


def test_charts_are_accessible_deterministic_svg_without_inline_css_or_script():
    first = charts.monthly_trend("on-time", "code", "On time", _monthly([50, 30, 40, 20], [100, 50, 50, 30]), 10)
    again = charts.monthly_trend("on-time", "code", "On time", _monthly([50, 30, 40, 20], [100, 50, 50, 30]), 10)
    assert first.svg == again.svg
    svg = first.svg
    assert svg.startswith("<svg ") and 'role="img"' in svg and 'aria-labelledby="on-time-title on-time-desc"' in svg
    assert '<title id="on-time-title">On time</title>' in svg and '<desc id="on-time-desc">' in svg
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg
    assert str(date.today().year) + "-" not in svg  # no creation date


def test_the_report_charts_are_drawn_again_only_for_other_figures_or_another_language(monkeypatch):
    from types import SimpleNamespace

    from flask_babel import force_locale

    from victimcare import create_app

    drawn = []
    real_svg = charts._svg
    monkeypatch.setattr(charts, "_svg", lambda figure, key, *rest: drawn.append(key) or real_svg(figure, key, *rest))
    monkeypatch.setattr(charts, "_DRAWN", charts.OrderedDict())
    cross = CrossTable("needs-met", "Needs met", "What mattered", ["Safety", "Justice"],
                       ["Met", "Partly met", "Not met", "No longer relevant"], protect([[40, 20, 30, 12], [30, 12, 11, 10]]))

    def report(on_time: list[int]):
        return SimpleNamespace(threshold=10, needs_met=cross, trends={
            "updates-on-time": _monthly(on_time, [100, 50, 50, 30]),
            "satisfaction": _monthly([60, 40, 45, 25], [100, 50, 50, 30])})

    with create_app({"SECRET_KEY": "charts", "DATABASE_URL": "sqlite://"}).test_request_context():
        first = charts.for_report(report([50, 30, 40, 20]))
        assert len(drawn) == 3
        assert charts.for_report(report([50, 30, 40, 20])) == first and len(drawn) == 3  # the same figures: kept
        changed = charts.for_report(report([50, 30, 40, 21]))  # one month's figure differs: drawn again
        assert len(drawn) == 6 and changed[0].svg != first[0].svg
        with force_locale("cy"):
            welsh = charts.for_report(report([50, 30, 40, 20]))
        assert len(drawn) == 9 and welsh[0].description != first[0].description
