"""Turning a model's raw values into the text a PDF shows.

Templates only lay out strings: money, shares and dates are written here,
once, the way a council officer writes them (``£12,345.67``, ``12.3%``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from reports.models.tables import Column, Figure, Kind, Table

DASH = "–"


def money(value: Decimal) -> str:
    sign = "−" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"


def cell(value: Any, kind: Kind) -> str:
    """One value as text, by its column's kind; empty for no value."""
    if value is None or (isinstance(value, float) and value != value):
        return DASH if kind != "text" else ""
    if kind == "money":
        return money(Decimal(value))
    if kind == "share":
        return f"{Decimal(value) * 100:,.1f}%"
    if kind == "count":
        return f"{int(value):,}"
    if kind == "number":
        number = Decimal(value)
        return f"{number:,.2f}" if number != number.to_integral() else f"{number:,.0f}"
    if kind == "date" and isinstance(value, datetime.date):
        return f"{value:%-d %b %Y}"
    return str(value)


def _align(column: Column) -> str:
    """The cell's CSS class: numbers right-aligned, dates kept on one line."""
    if column.kind in ("money", "share", "count", "number"):
        return "num"
    return "date" if column.kind == "date" else "text"


def table(t: Table) -> dict[str, Any]:
    """A table as header labels and rows of (text, alignment) cells."""
    def row(values: dict[str, Any]) -> list[tuple[str, str]]:
        return [(cell(values.get(c.key), c.kind), _align(c)) for c in t.columns]

    return {"title": t.title, "note": t.note, "empty": t.empty,
            "columns": [(c.label, _align(c)) for c in t.columns],
            "rows": [row(r) for r in t.rows],
            "totals": row(t.totals) if t.totals else None}


def figure(f: Figure) -> dict[str, str]:
    return {"label": f.label, "value": cell(f.value, f.kind), "source": f.source}
