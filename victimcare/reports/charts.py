"""Charts for the Board report, drawn only from figures already published (after disclosure control).

A chart never sees a raw count: it reads the protected tables' published values, and where a value is
withheld it draws nothing (a gap), so a suppressed cell cannot leak through a picture. Each chart is
SVG text: deterministic (a fixed hash salt, no date), with no `style` attributes or `<style>` element
(the page's Content Security Policy allows no inline styles, so presentation attributes are used),
and with a title and a description as its text alternative; the table it draws sits beside it.
"""

from __future__ import annotations

import base64
import contextvars
import functools
import io
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape

import matplotlib

matplotlib.use("Agg")

from flask_babel import gettext  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from victimcare.i18n import category_label, current_locale  # noqa: E402
from victimcare.reports.disclosure import ProtectedTable  # noqa: E402
from victimcare.translatable import translate  # noqa: E402

BLUE, GREEN, RED, ORANGE, GREY, BLACK = "#1d70b8", "#00703c", "#d4351c", "#f47738", "#b1b4b6", "#0b0c0c"
OUTCOME_COLOURS = (GREEN, BLUE, RED, ORANGE)
STYLE = {"font.family": ["sans-serif"], "font.sans-serif": ["Liberation Sans", "Arial", "DejaVu Sans"],
         "font.size": 9, "svg.fonttype": "none"}


@dataclass(frozen=True)
class Chart:
    key: str
    section: str
    title: str
    description: str  # the text alternative: what the chart shows, value by value
    table_caption: str  # the table beside it with the same figures
    svg: str

    @property
    def caption(self) -> str:
        return f"{self.title}. {self.description}"

    @property
    def data_uri(self) -> str:
        """The SVG as an image address, for the PDF: WeasyPrint draws an image far faster than the same
        SVG inline, whose every element it would style and lay out as part of the page."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode()


def published_share(met: int | None, total: int | None, threshold: int) -> float | None:
    """A percentage exactly as the tables may publish it, or None (never drawn) where they may not."""
    if met is None or total is None or total < threshold or total == 0:
        return None
    return 100 * met / total


def _styled(draw):
    """Draw inside the charts' own settings (fonts and sizes), leaving matplotlib's defaults alone."""
    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        with matplotlib.rc_context(STYLE):
            return draw(*args, **kwargs)
    return wrapper


@_styled
def monthly_trend(key: str, section: str, title: str, measure, threshold: int) -> Chart:
    """A line of the monthly share from a month-by-month `MeasureTable`, with gaps where withheld."""
    rows = [row for row in measure.rows() if row["category"] != "All"]
    labels = [category_label(row["category"]) for row in rows]
    values = [published_share(row["met_value"], row["total_value"], threshold) for row in rows]
    figure, axes = _figure(height=2.6)
    x = list(range(len(labels)))
    axes.plot(x, [math.nan if v is None else v for v in values], color=BLUE, marker="o", linewidth=2)
    axes.set_xticks(x, [_short_month(label) for label in labels], rotation=45 if len(labels) > 6 else 0,
                    ha="right" if len(labels) > 6 else "center")
    axes.set_ylim(0, 100)
    axes.set_ylabel(gettext("% of the month's total"))
    axes.grid(axis="y", color=GREY, linewidth=0.5)
    shown = [f"{label} {value:.0f}%" for label, value in zip(labels, values) if value is not None]
    withheld = [label for label, value in zip(labels, values) if value is None]
    description = (gettext("Line chart by month: %(values)s.",
                           values="; ".join(shown) if shown else gettext("no month can be published"))
                   + (gettext(" Not shown (too few to publish): %(names)s.", names=", ".join(withheld)) if withheld else ""))
    caption = gettext("%(measure)s, by month", measure=translate(measure.title))
    return Chart(key, section, title, description, caption, _svg(figure, key, title, description))


@_styled
def needs_met(cross, threshold: int) -> Chart:
    """Stacked bars: how far what mattered was met, as shares of each category's published total.

    Withheld cells are drawn together as one hatched 'withheld' part: their sum is the published total
    less the published cells, which a reader of the table can already work out, so nothing new shows.
    """
    table: ProtectedTable = cross.table
    total_column = len(cross.columns)
    drawn, withheld_rows = [], []
    for r, name in enumerate(cross.rows):
        total = table.value(r, total_column)
        if total is None or total < threshold:
            withheld_rows.append(name)
            continue
        values = [table.value(r, c) for c in range(total_column)]
        shares = [None if v is None else 100 * v / total for v in values]
        drawn.append((name, shares, 100 - sum(v for v in shares if v is not None)))
    figure, axes = _figure(height=1.0 + 0.32 * max(len(drawn), 1))
    left = [0.0] * len(drawn)
    for c, column in enumerate(cross.columns):
        widths = [shares[c] or 0.0 for _, shares, _ in drawn]
        axes.barh(range(len(drawn)), widths, left=left, color=OUTCOME_COLOURS[c % len(OUTCOME_COLOURS)],
                  label=str(column), edgecolor="white", linewidth=0.5)
        left = [a + b for a, b in zip(left, widths)]
    axes.barh(range(len(drawn)), [rest for _, _, rest in drawn], left=left, color="white", edgecolor=GREY,
              hatch="///", linewidth=0.5, label=gettext("Withheld (small numbers)"))
    axes.set_yticks(range(len(drawn)), [name for name, _, _ in drawn])
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel(gettext("% of the things that mattered in the category"))
    axes.legend(ncols=5, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=7,
                handlelength=1.2, columnspacing=1.0)
    withheld_word = gettext("withheld")
    parts = "; ".join(f"{name}: " + ", ".join(f"{str(column).lower()} {withheld_word if share is None else f'{share:.0f}%'}"
                                              for column, share in zip(cross.columns, shares))
                      for name, shares, _ in drawn)
    title = gettext("Needs met at closure, by what mattered")
    description = (gettext("Stacked bar chart of shares per category. %(parts)s.",
                           parts=parts or gettext("No category can be published"))
                   + (gettext(" Not shown (too few to publish): %(names)s.", names=", ".join(withheld_rows))
                      if withheld_rows else ""))
    caption = gettext("%(table)s: this period", table=translate(cross.title))
    return Chart("needs-met", "needs", title, description, caption,
                 _svg(figure, "needs-met", title, description))


# Drawing the report's charts takes longer than the rest of its page (matplotlib), and the same figures
# are read again and again (the page, then its PDF; each member before a meeting). Charts are a function
# of the published figures and the language only, so the latest few sets are kept.
_DRAWN: OrderedDict[tuple, list[Chart]] = OrderedDict()
_DRAWN_KEPT = 16
_DRAWN_LOCK = threading.Lock()


def for_report(report) -> list[Chart]:
    """The report's charts, drawn again only when their figures or the language differ from a recent report's."""
    return for_figures(report.threshold, report.trends, report.needs_met)


@contextmanager
def drawn_alongside(threshold: int, trends: dict, needs_met) -> Iterator[Future]:
    """Draw the charts in a second thread while the block runs, for the block to take with `.result()`.

    Drawing takes matplotlib about half a second, about as long as the report's remaining statements
    keep the database busy; while this thread waits for the database it lets the other run. The thread
    runs in a copy of this one's context (the app, the request and its language)."""
    # The language is settled here, where the request's user may be read from the database; the thread
    # then finds it settled and never touches the session this thread is using.
    current_locale()
    context = contextvars.copy_context()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="board-charts") as pool:
        yield pool.submit(context.run, for_figures, threshold, trends, needs_met)


def for_figures(threshold: int, trends: dict, needs_met) -> list[Chart]:
    """The charts of these published figures (`for_report`)."""
    key = (current_locale(), threshold, _published_trend(trends["updates-on-time"]),
           _published_trend(trends["satisfaction"]), _published_cross(needs_met))
    with _DRAWN_LOCK:
        if key in _DRAWN:
            _DRAWN.move_to_end(key)
            return list(_DRAWN[key])
    drawn = _draw(threshold, trends, needs_met)
    with _DRAWN_LOCK:
        _DRAWN[key] = drawn
        while len(_DRAWN) > _DRAWN_KEPT:
            _DRAWN.popitem(last=False)
    return list(drawn)


def forget_drawn() -> None:
    """Drop the kept charts, so that the next report draws its own (the benchmark times a first reading)."""
    with _DRAWN_LOCK:
        _DRAWN.clear()


def _published_trend(measure) -> tuple:
    """All a trend chart draws from: the measure's title and its published values by month."""
    return (measure.title, *((row["category"], row["met_value"], row["total_value"]) for row in measure.rows()))


def _published_cross(cross) -> tuple:
    """All the needs-met chart draws from: the cross table's names and its published cells."""
    table = cross.table
    return (cross.title, tuple(cross.rows), tuple(map(str, cross.columns)),
            tuple(tuple(table.value(r, c) for c in range(len(cross.columns) + 1)) for r in range(len(cross.rows))))


def _draw(threshold: int, trends: dict, cross) -> list[Chart]:
    return [
        monthly_trend("updates-on-time-trend", "code", gettext("Key-stage updates given on time, month by month"),
                      trends["updates-on-time"], threshold),
        needs_met(cross, threshold),
        monthly_trend("satisfaction-trend", "satisfaction",
                      gettext("Victims satisfied with the whole experience, month by month"),
                      trends["satisfaction"], threshold),
    ]


def _short_month(label: str) -> str:
    parts = label.split()
    return f"{parts[0][:3]} {parts[1][2:]}" if len(parts) == 2 and parts[1].isdigit() else label


def _figure(height: float):
    figure = Figure(figsize=(7.0, height), layout="constrained")
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


_STYLE = re.compile(r'style="([^"]*)"')


def _svg(figure: Figure, key: str, title: str, description: str) -> str:
    """The figure as inline SVG markup: deterministic, accessible, and with no inline CSS."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": f"victimcare-{key}", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None,
                                                       "Type": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)
    text = re.sub(r"\s*<style[^>]*>.*?</style>", "", text, flags=re.S)
    text = _STYLE.sub(lambda m: _attributes(m.group(1)), text)
    # Ids must be unique on a page holding several charts: prefix them all with the chart's key.
    text = re.sub(r'id="([^"]+)"', lambda m: f'id="{key}-{m.group(1)}"', text)
    text = re.sub(r'(url\(#|href="#)([^)"]+)', lambda m: f"{m.group(1)}{key}-{m.group(2)}", text)
    heading = (f'<title id="{key}-title">{escape(title)}</title>'
               f'<desc id="{key}-desc">{escape(description)}</desc>')
    text = re.sub(r"<svg ([^>]*?)width=\"[^\"]*\" height=\"[^\"]*\"",
                  lambda m: f'<svg {m.group(1)}width="100%"', text, count=1)
    return text.replace(
        "<svg ", f'<svg role="img" aria-labelledby="{key}-title {key}-desc" stroke-linejoin="round" '
                 'stroke-linecap="butt" ', 1).replace(">", ">" + heading, 1).strip()


def _attributes(style: str) -> str:
    """`style="fill: #fff; stroke: none"` as presentation attributes `fill="#fff" stroke="none"`."""
    pairs = []
    for declaration in style.split(";"):
        if ":" in declaration:
            name, value = declaration.split(":", 1)
            pairs.append(f'{name.strip()}="{escape(value.strip().replace(chr(34), chr(39)))}"')
    return " ".join(pairs)
