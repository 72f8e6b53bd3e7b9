"""The shapes renderers lay out: tables of raw values under typed columns,
headline figures, bars, and plain JSON-ready data for Fava. Models hold
``Decimal`` money and dates; renderers format them."""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import pandas as pd

ZERO = Decimal(0)

Kind = Literal["text", "money", "count", "share", "number", "date"]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: Kind = "text"


@dataclass
class Table:
    """Rows of raw values under typed columns; ``totals`` is a last row."""

    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    totals: dict[str, Any] | None = None
    note: str = ""
    empty: str = "None in the period."

    @classmethod
    def from_frame(cls, title: str, columns: list[Column], frame: pd.DataFrame,
                   totals: dict[str, Any] | None = None, note: str = "",
                   empty: str = "None in the period.") -> Table:
        keys = [c.key for c in columns]
        rows = [dict(zip(keys, values)) for values in
                frame.reindex(columns=keys).itertuples(index=False, name=None)]
        return cls(title, columns, rows, totals, note, empty)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=[c.key for c in self.columns])


@dataclass(frozen=True)
class Figure:
    """A headline number, with where it came from in the books."""

    label: str
    value: Decimal | int | None
    kind: Kind = "money"
    source: str = ""


@dataclass(frozen=True)
class IdList:
    """A long list of ids, set in columns: read down, never broken."""

    title: str
    ids: tuple[str, ...]
    note: str = ""


def natural_key(text: str) -> tuple:
    """``SBGF-2`` before ``SBGF-10``: digits compare as numbers."""
    return tuple(int(part) if part.isdigit() else part.casefold()
                 for part in re.split(r"(\d+)", text))


@dataclass(frozen=True)
class Bar:
    """One bar of a chart."""

    label: str
    value: Decimal


def to_dict(value: Any) -> Any:
    """Plain JSON-ready data: Decimals as strings, dates in ISO form."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_dict(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, pd.DataFrame):
        return [to_dict(row) for row in value.to_dict("records")]
    if isinstance(value, dict):
        return {str(k): to_dict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_dict(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def where(meta: dict[str, Any] | None, root: Path | None = None) -> str:
    """``file:line`` of an entry or declaration, relative to the ledger."""
    meta = meta or {}
    filename = str(meta.get("filename", "?"))
    if root is not None:
        try:
            filename = str(Path(filename).resolve().relative_to(root))
        except ValueError:
            pass
    return f"{filename}:{meta.get('lineno', '?')}"


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part / whole`` as a fraction, None when there is no whole."""
    return part / whole if whole else None


def money_sum(values: Any) -> Decimal:
    return sum(values, ZERO)
