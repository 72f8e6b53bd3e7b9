"""Charts for the PDF reports, drawn with matplotlib and put inline in the
HTML as SVG markup: vector in the PDF, nothing for WeasyPrint to fetch.

The models hold the data (``Bar`` lists and ``reports.models.series``
``TimeSeries``, money as ``Decimal``); here it becomes floats only to be
plotted. Output is deterministic, so the same books give the same bytes:
matplotlib's SVG ids come from a fixed salt and no date is written.
Text stays text in the SVG (``svg.fonttype: none``) in DejaVu Sans, the
reports' font, which matplotlib also measures with; ``$`` in a ledger name
is a dollar sign, not mathematics.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from decimal import Decimal

import matplotlib
from markupsafe import Markup, escape
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from reports.models.series import MONTHS, TimeSeries
from reports.models.tables import Bar
from reports.pdf.formatting import money

CM = 1 / 2.54  # inches
WIDTH = 16 * CM
TEXT = "#1d1d1d"
# Bars: the reports' blues first (own area, region, elsewhere, unknown), then
# colours far enough apart for a dozen categories. Lines: dark and distinct.
BARS = ("#1b5e7a", "#4f9bb8", "#9cc9da", "#b9b9b9", "#e0a040", "#7a4f9b", "#a3201c",
        "#5b8c3a", "#d17aa0", "#6b4423", "#2f2f2f", "#c9b458")
LINES = ("#1b5e7a", "#e0a040", "#a3201c", "#7a4f9b", "#5b8c3a", "#2f2f2f")
STYLE = {
    "svg.hashsalt": "community-wealth-ledger",
    "svg.fonttype": "none",
    "text.parse_math": False,
    "text.usetex": False,
    "font.family": ["DejaVu Sans"],
    "font.size": 7.5,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": "#777777",
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 8,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.axisbelow": True,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "xtick.major.size": 2.5,
    "ytick.major.size": 0,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.5,
    "legend.frameon": False,
    "legend.fontsize": 7.5,
    "figure.facecolor": "white",
}
METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
TAG = re.compile(r"<[^>]+>")
ID = re.compile(r' id="([^"]*)"')
REFERENCE = re.compile(r'(?:href="#|url\(#)([^")]+)')
REFERENCE_SITE = re.compile(r'(href="#|url\(#)([^")]+)')
STYLE_ATTRIBUTE = re.compile(r'style="([^"]*)"')
LEGEND_ROOM = 100  # characters of legend text across the 16 cm, at 7.5 pt


def _attributes(match: re.Match[str]) -> str:
    """A ``style="fill: #fff; stroke: none"`` as presentation attributes
    (``fill="#fff" stroke="none"``): WeasyPrint reads both in the SVG, but
    also runs an inline SVG's style attributes through the page's CSS, which
    warns of every property HTML does not know."""
    pairs = (part.split(":", 1) for part in match.group(1).split(";") if ":" in part)
    return " ".join(f'{name.strip()}="{escape(value.strip())}"' for name, value in pairs)


def _svg(figure: Figure, label: str) -> Markup:
    """The figure as an ``<svg>`` element to put inline in HTML (no XML
    prolog, doctype or style sheet), labelled for screen readers."""
    FigureCanvasSVG(figure)
    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        figure.savefig(buffer, format="svg", metadata=METADATA)
    text = buffer.getvalue().decode("utf-8")
    svg = text[text.index("<svg"):].strip()
    # matplotlib's one style sheet, *{stroke-linejoin: round; stroke-linecap: butt},
    # becomes the same on the root element, which its children inherit.
    svg = re.sub(r"\s*<style[^>]*>.*?</style>", "", svg, count=1, flags=re.DOTALL)
    # Only inside tags: a label's text (escaped, so never a tag) stays as written.
    svg = TAG.sub(lambda tag: STYLE_ATTRIBUTE.sub(_attributes, tag.group(0)), svg)
    svg = _own_ids(svg)
    svg = svg.replace("<svg ", f'<svg class="chart" role="img" aria-label="{escape(label)}" '
                      'stroke-linejoin="round" stroke-linecap="butt" ', 1)
    return Markup(svg)


def _own_ids(svg: str) -> str:
    """Ids fit to share one HTML page with other charts: matplotlib names
    every group (``figure_1``, ``text_23``), the same in each chart, and an
    id is an anchor to WeasyPrint. Ids nothing refers to go; the markers
    and clip paths referred to get a prefix from the chart's own content,
    so the same chart keeps the same bytes."""
    tags = TAG.findall(svg)
    used = {name for tag in tags for name in REFERENCE.findall(tag)}
    prefix = "c" + hashlib.sha256(svg.encode("utf-8")).hexdigest()[:10] + "-"

    def rename(match: re.Match[str]) -> str:
        name = match.group(1)
        return f' id="{prefix}{name}"' if name in used else ""

    def retag(tag: re.Match[str]) -> str:
        text = ID.sub(rename, tag.group(0))
        return REFERENCE_SITE.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", text)

    return TAG.sub(retag, svg)


def _pounds(value: float, _position: object = None) -> str:
    """An axis tick: ``£0``, ``£750k``, ``£1.2m``."""
    sign, value = ("−" if value < 0 else ""), abs(value)
    if value >= 1_000_000:
        text = f"{value / 1_000_000:.2f}".rstrip("0").rstrip(".") + "m"
    elif value >= 1_000:
        text = f"{value / 1_000:.1f}".rstrip("0").rstrip(".") + "k"
    else:
        text = f"{value:.0f}"
    return f"{sign}£{text}"


def _figure(height_cm: float) -> Figure:
    """A figure 16 cm wide, laid out so labels fit, with a margin for the
    little wider WeasyPrint sets some text than matplotlib measures it."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(WIDTH, height_cm * CM), layout="constrained")
    figure.get_layout_engine().set(w_pad=8 / 72, h_pad=3 / 72)
    return figure


# -- Horizontal bars ---------------------------------------------------------------------


def bar_chart(bars: list[Bar], title: str = "") -> Markup:
    """Horizontal bars, one per item, labelled with the £ value and its
    share of the total."""
    total = sum((b.value for b in bars), Decimal(0))
    values = [float(b.value) for b in bars]
    biggest = max([abs(v) for v in values] + [1.0])
    with matplotlib.rc_context(STYLE):
        figure = _figure(0.6 * len(bars) + (1.0 if title else 0.5))
        axes = figure.add_subplot()
        rows = list(range(len(bars)))
        axes.barh(rows, values, height=0.62,
                  color=[BARS[i % len(BARS)] for i in rows])
        for row, bar, value in zip(rows, bars, values):
            portion = f" ({bar.value / total * 100:.1f}%)" if total else ""
            axes.annotate(money(bar.value) + portion, (max(value, 0.0), row),
                          xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
        axes.set_yticks(rows, [b.label for b in bars], fontsize=8)
        axes.invert_yaxis()
        axes.set_xlim(min(min(values, default=0.0), 0.0) * 1.1, biggest * 1.55)
        axes.xaxis.set_visible(False)
        axes.spines[["bottom", "top", "right"]].set_visible(False)
        if title:
            axes.set_title(title)
    return _svg(figure, title or "; ".join(f"{b.label}: {money(b.value)}" for b in bars))


# -- Charts over time --------------------------------------------------------------------


def _ticks(chart: TimeSeries, room: int) -> tuple[list[int], list[str]]:
    """Month ticks along the steps, at most ``room`` of them: ``Apr`` with
    the year under the first and under each January."""
    if chart.step == "month":
        months = [(i, start) for i, start in enumerate(chart.starts)]
    else:  # by week: a tick at each week that ends in a new month
        months, last = [], None
        for i, start in enumerate(chart.starts):
            end = start.toordinal() + 6
            month = type(start).fromordinal(end).replace(day=1)
            if month != last:
                months.append((i, month))
                last = month
    every = max(1, math.ceil(len(months) / room))
    kept = months[::every]
    labels, year = [], None
    for _, day in kept:
        labels.append(MONTHS[day.month - 1] + (f"\n{day.year}" if day.year != year else ""))
        year = day.year
    return [i for i, _ in kept], labels


def _colours(chart: TimeSeries) -> dict[tuple[str, str], str]:
    """A colour per series name, the same in every panel."""
    colours: dict[tuple[str, str], str] = {}
    counts = {"bars": 0, "lines": 0}
    for panel in chart.panels:
        for series in panel.series:
            group = "bars" if series.style == "bars" else "lines"
            key = (group, series.name)
            if key not in colours:
                palette = BARS if group == "bars" else LINES
                colours[key] = palette[counts[group] % len(palette)]
                counts[group] += 1
    return colours


def _plot(axes: Axes, chart: TimeSeries, panel_index: int,
          colours: dict[tuple[str, str], str], room: int) -> None:
    panel = chart.panels[panel_index]
    steps = list(range(len(chart.starts)))
    up = [0.0] * len(steps)
    down = [0.0] * len(steps)
    for series in panel.series:
        values = [float(v) for v in series.values]
        if series.style == "bars":
            bottoms = [d if v < 0 else u for v, u, d in zip(values, up, down)]
            axes.bar(steps, values, width=0.8, bottom=bottoms, linewidth=0,
                     color=colours[("bars", series.name)], label=series.name)
            up = [u + max(v, 0.0) for u, v in zip(up, values)]
            down = [d + min(v, 0.0) for d, v in zip(down, values)]
        else:
            level = series.style == "level"
            axes.plot(steps, values, color=colours[("lines", series.name)],
                      linewidth=1.1 if level else 1.6, linestyle="--" if level else "-",
                      marker="o" if chart.step == "month" and not level else None,
                      markersize=2.5, label=series.name)
    ticks, labels = _ticks(chart, room)
    axes.set_xticks(ticks, labels)
    axes.set_xlim(-0.6, len(steps) - 0.4)
    axes.yaxis.set_major_formatter(FuncFormatter(_pounds))
    axes.grid(axis="y")
    low = min([0.0] + [min(float(v) for v in s.values) for s in panel.series if s.values])
    if low >= 0:
        axes.set_ylim(bottom=0)
    if panel.title:
        axes.set_title(panel.title)


def _legend(chart: TimeSeries, colours: dict[tuple[str, str], str]) -> list:
    styles = {}
    for panel in chart.panels:
        for series in panel.series:
            styles.setdefault(series.name, series.style)
    handles = []
    for name, style in styles.items():
        label = name if len(name) <= 60 else name[:59] + "…"
        if style == "bars":
            handles.append(Patch(color=colours[("bars", name)], label=label))
        else:
            handles.append(Line2D([], [], color=colours[("lines", name)], label=label,
                                  linestyle="--" if style == "level" else "-"))
    return handles


def _legend_columns(labels: list[str]) -> int:
    """As many legend columns (up to 5) as fit across the chart; entries
    fill each column top to bottom."""
    for columns in range(min(len(labels), 5), 1, -1):
        per = math.ceil(len(labels) / columns)
        widths = [max(len(label) for label in labels[i:i + per])
                  for i in range(0, len(labels), per)]
        if sum(widths) + 6 * len(widths) <= LEGEND_ROOM:
            return columns
    return 1


def time_chart(chart: TimeSeries) -> Markup:
    """A chart over time as an HTML figure: title, SVG and the caption with
    unit, period and source. One panel fills the width; several sit two to
    a row."""
    title = Markup('<p class="chart-title">{}</p>').format(chart.title)
    caption = Markup('<figcaption class="chart-caption">{}</figcaption>').format(chart.caption)
    if not chart.has_data or not chart.starts:
        body = Markup('<p class="empty">{}</p>').format(chart.empty)
        return Markup('<figure class="chart-figure keep">') + title + body + caption + \
            Markup("</figure>")
    count = len(chart.panels)
    columns = 1 if count == 1 else 2
    rows = math.ceil(count / columns)
    colours = _colours(chart)
    handles = _legend(chart, colours)
    legend_columns = _legend_columns([h.get_label() for h in handles])
    legend_rows = math.ceil(len(handles) / legend_columns)
    with matplotlib.rc_context(STYLE):
        figure = _figure(0.45 * legend_rows + (5.5 if count == 1 else 0.6 + 4.6 * rows))
        grid = figure.subplots(rows, columns, squeeze=False, sharex=True)
        for index, axes in enumerate(grid.flat):
            if index < count:
                _plot(axes, chart, index, colours, room=14 if columns == 1 else 7)
            else:
                axes.set_visible(False)
        for axes in grid.flat[:count]:
            axes.tick_params(labelbottom=True)
        figure.legend(handles=handles, loc="outside upper left", ncols=legend_columns)
    svg = _svg(figure, chart.title)
    return Markup('<figure class="chart-figure keep">') + title + svg + caption + \
        Markup("</figure>")
