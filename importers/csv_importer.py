"""The beangulp importer base every CSV format here builds on.

A subclass declares ``columns`` and turns one row's fields into directives
in ``convert``; this base finds the header, rejects oversized fields and
totals lines, checks row widths, cleans the text, numbers lines and turns
every ``ValueError`` into a reject, so no row can vanish whatever the
subclass does. Dates a subclass books go through ``self.window``.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping

from beancount.core import data

from importers.base import Importer, date_window
from importers.csv_table import (
    MAX_FIELD,
    TOTALS_LINE,
    Column,
    Table,
    csv_suffix,
    open_table,
    raw_line,
    sniff,
    totals_line,
)
from importers.provenance import SourceIds
from importers.results import ImportResult, InputError, Progress, Reject, Row
from importers.values import DateWindow, clean_text

PROGRESS_EVERY = 500


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
    window: DateWindow  # set by parse, for the file being read

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
        result = ImportResult()
        ids = SourceIds(self.kind)
        self.start(table, existing)
        width = len(table.header)
        done = 0
        try:
            for line, cells in table.rows():
                done += 1
                if progress and done % PROGRESS_EVERY == 0:
                    progress(done, table.total_lines - table.header_line)
                if not any(clean_text(c) for c in cells):
                    continue  # blank lines are layout, not data
                self._one(table, ids, result, line, cells, width)
        except csv.Error as exc:
            raise InputError(filepath, f"line {table.line_of[0]}: not readable as CSV ({exc})"
                             ) from None
        if progress:
            progress(done, done)
        self.finish(result)
        return result

    def _one(self, table: Table, ids: SourceIds, result: ImportResult, line: int,
             cells: list[str], width: int) -> None:
        raw = raw_line(cells)
        if any(len(c) > MAX_FIELD for c in cells):
            result.rejects.append(Reject(line, raw[:MAX_FIELD],
                                         f"a field is longer than {MAX_FIELD} characters"))
            return
        cleaned = [clean_text(c) for c in cells]
        if totals_line(cleaned):
            result.rejects.append(Reject(line, raw, TOTALS_LINE))
            return
        source = cleaned
        if len(cleaned) > width and not any(cleaned[width:]):
            cleaned = cleaned[:width]
        if len(cleaned) != width:
            repaired = self.repair(cleaned, table, width)
            if isinstance(repaired, str):
                result.rejects.append(Reject(line, raw, repaired))
                return
            cleaned = repaired
            result.recovered += 1
        fields = Fields((name, cleaned[i]) for name, i in table.index.items())
        try:
            entries = self.convert(fields, ids, source, data.new_metadata(table.path, line), result)
        except ValueError as exc:
            result.rejects.append(Reject(line, raw, str(exc)))
            return
        result.rows.append(Row(line, entries))

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
