"""The beangulp importer base every CSV format here builds on.

A subclass declares ``columns`` and turns one row's fields into directives
in ``convert``; this base finds the header, rejects oversized fields and
totals lines, checks row widths, cleans the text, numbers lines and turns
every ``ValueError`` into a reject, so no row can vanish whatever the
subclass does. Dates a subclass books go through ``self.window``.

What the summary should say about the file as a whole goes in the result's
``notes``: how many preamble lines came before the header and, for a
format that sets ``checks_totals``, a totals line ("Grand Total") whose
amount is not the sum of the rows above it, naming both figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from beancount.core import data

from importers.base import Importer, date_window
from importers.csv_table import (
    MAX_FIELD,
    TOTALS_LINE,
    Column,
    Table,
    csv_suffix,
    header_key,
    open_table,
    raw_line,
    sniff,
    totals_line,
)
from importers.provenance import SourceIds
from importers.results import ImportResult, Progress, Reject, Row
from importers.values import DateWindow, clean_text, parse_pennies

PROGRESS_EVERY = 500
SUBTOTALS = frozenset({"subtotal", "subtotals"})  # part of a file: not checked against it all


@dataclass
class CSVResult(ImportResult):
    """Rows and rejects, and notes on the file as a whole for the summary."""

    notes: list[str] = field(default_factory=list)


@dataclass
class RowsSum:
    """The amounts of the rows read so far, for checking a totals line."""

    total: Decimal = Decimal(0)
    since_last_total: Decimal = Decimal(0)
    unread: int = 0  # rows whose amount could not be read

    def add(self, cell: str | None) -> None:
        try:
            amount = parse_pennies(cell) if cell is not None else None
        except ValueError:
            amount = None
        if amount is None:
            self.unread += 1
            return
        self.total += amount
        self.since_last_total += amount


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


class Fields(dict[str, str]):
    """One row's declared fields, cleaned; absent columns read as ''."""

    def __missing__(self, key: str) -> str:
        return ""


class CSVImporter(Importer):
    """Rows in, directives or rejects out; subclasses say what a row means."""

    kind = "csv"
    columns: Mapping[str, Column] = {}
    # Headers that mark another format's file (360Giving has a "Title" ...).
    foreign: tuple[str, ...] = ()
    # Whether a totals line's "amount" is checked against the rows above it.
    checks_totals = False
    window: DateWindow  # set by parse, for the file being read
    _sum: RowsSum  # set by parse: the rows' amounts so far

    def identify(self, filepath: str) -> bool:
        if not csv_suffix(filepath) or not sniff(filepath, self.columns):
            return False
        return not self.foreign or not sniff(
            filepath, {"x": Column(*self.foreign, required=True)})

    def parse(self, filepath: str, existing: data.Entries = (),
              progress: Progress | None = None,
              window: DateWindow | None = None) -> ImportResult:
        """Every row after the header becomes a ``Row`` or a ``Reject``."""
        table = open_table(filepath, self.columns)
        self.window = date_window(existing, window)
        result = CSVResult()
        if table.preamble:
            lines = "line" if table.preamble == 1 else "lines"
            result.notes.append(f"skipped {table.preamble} preamble {lines} before the header "
                                f"on line {table.header_line}")
        self._sum = RowsSum()
        ids = SourceIds(self.kind)
        self.start(table, existing)
        width = len(table.header)
        for done, (line, cells) in enumerate(table.rows(), 1):
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, table.total)
            cleaned = [clean_text(c) for c in cells]
            if not any(cleaned):
                continue  # blank lines are layout, not data
            self._one(table, ids, result, line, cells, cleaned, width)
        if progress:
            progress(table.total, table.total)
        self.finish(result)
        return result

    def _one(self, table: Table, ids: SourceIds, result: CSVResult, line: int,
             cells: list[str], cleaned: list[str], width: int) -> None:
        """One row, ``cells`` as read and ``cleaned``; the raw text for the
        rejects file is made only for a row that is rejected."""
        if max(map(len, cells), default=0) > MAX_FIELD:
            result.rejects.append(Reject(line, raw_line(cells)[:MAX_FIELD],
                                         f"a field is longer than {MAX_FIELD} characters"))
            self._sum.add(None)
            return
        if totals_line(cleaned):
            result.rejects.append(Reject(line, raw_line(cells), TOTALS_LINE))
            self._check_total(table, line, cleaned, result)
            return
        source = cleaned
        if len(cleaned) > width and not any(cleaned[width:]):
            cleaned = cleaned[:width]
        if len(cleaned) != width:
            repaired = self.repair(cleaned, table, width)
            if isinstance(repaired, str):
                result.rejects.append(Reject(line, raw_line(cells), repaired))
                self._sum.add(None)
                return
            cleaned = repaired
            result.recovered += 1
        fields = Fields((name, cleaned[i]) for name, i in table.index.items())
        try:
            entries = self.convert(fields, ids, source, data.new_metadata(table.path, line), result)
        except ValueError as exc:
            result.rejects.append(Reject(line, raw_line(cells), str(exc)))
            if str(exc) != TOTALS_LINE:
                self._sum.add(fields["amount"] if "amount" in table.index else None)
            return
        self._sum.add(fields["amount"] if "amount" in table.index else None)
        result.rows.append(Row(line, entries))

    def _check_total(self, table: Table, line: int, cells: list[str],
                     result: CSVResult) -> None:
        """A totals line's amount against the sum of the rows above it (or
        since the last totals line, for a section's total): a difference
        is a warning naming both figures, a match is silent."""
        column = table.index.get("amount")
        label = next(c for c in cells if header_key(c) and totals_line([c]))
        if not self.checks_totals or column is None or header_key(label) in SUBTOTALS:
            return
        cell = cells[column] if column < len(cells) else ""
        rows = self._sum
        section, rows.since_last_total = rows.since_last_total, Decimal(0)
        if not cell:
            return  # a label with no figure: nothing to check
        try:
            stated = parse_pennies(cell)
        except ValueError as exc:
            result.notes.append(f'warning: the "{label}" line (line {line}) was not checked '
                                f"against the rows above it: {exc}")
            return
        if stated in (rows.total, section):
            return
        unread = ""
        if rows.unread:
            some = ("1 row whose amount could not be read is" if rows.unread == 1
                    else f"{rows.unread} rows whose amount could not be read are")
            unread = f"; {some} not in that sum"
        result.notes.append(f'warning: the "{label}" line (line {line}) says {_money(stated)}, '
                            f"but the rows above it sum to {_money(rows.total)}{unread}")

    # Hooks for subclasses.

    def start(self, table: Table, existing: data.Entries) -> None:
        """Called once the header is known, before the first row."""

    def finish(self, result: ImportResult) -> None:
        """Called after the last row (e.g. to add balance assertions)."""

    def repair(self, cells: list[str], table: Table, width: int) -> list[str] | str:
        """Cells fixed to the header's width, or the reason they cannot be."""
        return f"row has {len(cells)} fields, the header has {width}"

    def convert(self, fields: Fields, ids: SourceIds, cells: list[str],
                meta: data.Meta, result: ImportResult) -> list[data.Directive]:
        raise NotImplementedError
