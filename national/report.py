"""What ``cwl national`` writes: one CSV per rule, and a national PDF.

The CSVs hold every row a rule returned; the PDF lays the same answers out
for a reader (the councils read, then each rule's table, the cross-council
matches with each council's file and line), through the project's PDF
renderer, which escapes everything and fetches nothing.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from national.engines import Result
from national.inputs import CouncilFile
from national.queries import Query
from reports.exports.cells import money, safe_text
from reports.exports.files import replace_atomically
from reports.models.tables import Column, Table

PDF_NAME = "national.pdf"
# A table longer than this is cut in the PDF; its CSV has every row.
PDF_ROWS = 300


def write_csv(result: Result, out: Path) -> None:
    """Every row, as a spreadsheet can open it without running a formula."""
    with replace_atomically(out) as handle:
        writer = csv.writer(handle)
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow([_cell(value) for value in row])


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return money(value) if value == value.quantize(Decimal("0.01")) else str(value)
    if isinstance(value, (datetime.date, bool, int)):
        return str(value)
    return safe_text(str(value))


def _kind(name: str, values: list[Any]) -> str:
    sample = next((v for v in values if v is not None), None)
    if isinstance(sample, Decimal):
        return "number" if name.endswith("percent") else "money"
    if isinstance(sample, bool):
        return "text"
    if isinstance(sample, int):
        return "count" if not name.endswith("line") else "text"
    if isinstance(sample, datetime.date):
        return "date"
    return "text"


def table(query: Query, result: Result) -> Table:
    """A rule's answer as a report table, cut at ``PDF_ROWS``."""
    columns = [Column(name, name.replace("_", " "),
                      _kind(name, [r[i] for r in result.rows[:50]]))
               for i, name in enumerate(result.columns)]
    shown = result.rows[:PDF_ROWS]
    note = (f"The first {PDF_ROWS} of {len(result.rows)} rows; {query.name}.csv has all."
            if len(result.rows) > PDF_ROWS else f"All rows are in {query.name}.csv.")
    rows = [dict(zip(result.columns, row)) for row in shown]
    return Table(query.title, columns, rows, note=note, empty="No rows.")


@dataclass
class NationalReport:
    """The national PDF's model (``reports/pdf/templates/national.html``)."""

    title: str
    period: str  # the days the councils' postings cover
    produced: str
    engine: str
    councils: Table
    tables: list[Table] = field(default_factory=list)
    template: str = "national.html"


# The days the postings cover: plain SQL, as the rules are.
DATES_SQL = "SELECT MIN(date) AS first, MAX(date) AS last FROM postings"


def period_text(first: datetime.date | None, last: datetime.date | None) -> str:
    if first is None or last is None:
        return "No postings"
    return f"Postings dated {first:%-d %B %Y} to {last:%-d %B %Y}"


def councils_table(files: list[CouncilFile], folder: Path) -> Table:
    columns = [Column("council_id", "council"), Column("council_name", "name"),
               Column("file", "file"), Column("rows", "postings", "count")]
    rows = [{"council_id": f.council_id, "council_name": f.council_name,
             "file": str(f.path.relative_to(folder)) if f.path.is_relative_to(folder)
             else f.path.name, "rows": f.rows} for f in files]
    return Table(f"{len(files)} councils read", columns, rows)


def write_pdf(report: NationalReport, out: Path) -> Path:
    from reports.pdf.renderer import write_pdf as render  # WeasyPrint: only when asked

    return render(report, out)
