"""Stacked bar chart geometry for inline SVG.

The server works out every rectangle so the page needs no chart library and
no JavaScript; the template only writes the shapes out (and Jinja escapes
every label, which may come from the ledger).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

COLOURS = ("#1b5e7a", "#4f9bb8", "#e0a040", "#b9b9b9", "#7a4f9b", "#9cc9da")


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str  # tooltip: series, column and value


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    rects: list[Rect]
    labels: list[Label]  # under each column
    legend: list[tuple[str, str]]  # (colour, series name)
    axis: list[Label]  # the scale on the left


def stacked_columns(columns: list[str], series: list[str],
                    values: dict[tuple[str, str], Decimal], money: Callable[[Decimal], str],
                    width: int = 760, height: int = 260) -> Chart:
    """One column per ``columns`` item, stacked by ``series``; ``values`` is
    keyed (column, series) and ``money`` formats the scale and tooltips."""
    left, bottom, top = 90, 24, 10
    plot_h = height - bottom - top
    totals = [sum((max(values.get((c, s), Decimal(0)), Decimal(0)) for s in series),
                  Decimal(0)) for c in columns]
    biggest = max(totals, default=Decimal(0)) or Decimal(1)
    step = (width - left) / max(len(columns), 1)
    bar = step * 0.7
    rects, labels = [], []
    for i, column in enumerate(columns):
        x = left + i * step + (step - bar) / 2
        y = float(top + plot_h)
        for j, name in enumerate(series):
            value = values.get((column, name), Decimal(0))
            if value <= 0:
                continue
            h = float(value / biggest) * plot_h
            y -= h
            rects.append(Rect(round(x, 1), round(y, 1), round(bar, 1), round(h, 1),
                              COLOURS[j % len(COLOURS)], f"{column} {name}: {money(value)}"))
        labels.append(Label(round(x + bar / 2, 1), height - 6, column))
    axis = [Label(left - 6, round(top + plot_h * (1 - k / 4), 1) + 4, money(biggest * k / 4))
            for k in range(5)]
    legend = [(COLOURS[j % len(COLOURS)], name) for j, name in enumerate(series)]
    return Chart(width, height, rects, labels, legend, axis)
