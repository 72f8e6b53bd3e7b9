"""Shared CSV handling: decoding, finding the header, declared columns.

Published CSVs come in UTF-8 (with or without a BOM), UTF-16 or
Windows-1252 (``importers.encodings``), often with a report preamble before
the header, and name the same column many ways.
An importer declares its columns once (``Column("Date", "Payment Date")``)
and gets back rows whose fields are looked up by meaning, with the line
each row started on, so every reject can be traced to the file.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from importers.results import InputError
from importers.values import clean_text

HEADER_SEARCH_ROWS = 50  # preambles are a few lines; a header further down is not one
SNIFF_BYTES = 64 * 1024
MAX_FIELD = 2000  # longer cells are corrupt data, not a supplier name
# The file is in memory whole already, so the csv module needs no field
# limit of its own: it would end the file at one huge field, where MAX_FIELD
# makes that field's row a reject and the other rows import.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
# A report's totals line, whatever the column: "Total", "TOTAL:", "Grand Total"...
TOTALS = frozenset({"total", "totals", "grandtotal", "grandtotals", "subtotal", "subtotals"})
TOTALS_LINE = "a totals line, not a payment"

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def header_key(name: str) -> str:
    """``Amount (£)`` and ``amount`` match; so do ``Vat Reg No`` and ``VAT reg. no``."""
    return _NOT_ALNUM.sub("", name.replace("†", "").casefold())


def totals_line(cells: list[str]) -> bool:
    """Whether a cell is only a word like "Total": the row sums the others."""
    if "otal" not in "\x1f".join(cells).lower():  # most rows: one look
        return False
    return any("total" in cell.lower() and header_key(cell) in TOTALS for cell in cells)


@dataclass(frozen=True)
class Column:
    """A field, by the names publishers give it; earlier names are preferred."""

    names: tuple[str, ...]
    required: bool = False

    def __init__(self, *names: str, required: bool = False) -> None:
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "required", required)

    def find(self, positions: Mapping[str, int]) -> int | None:
        for name in self.names:
            index = positions.get(header_key(name))
            if index is not None:
                return index
        return None


def decode(raw: bytes, path: str, final: bool = True) -> str:
    """A byte order mark's encoding, else UTF-8, else Windows-1252, else what
    charset-normalizer finds (``importers.encodings``); never a guess past
    that. ``final`` False: ``raw`` is only the file's start."""
    from importers.encodings import decode_text

    return decode_text(raw, path, final)


def read_text(path: str, limit: int | None = None) -> str:
    """The file's text, or its first ``limit`` bytes' whole lines."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read() if limit is None else handle.read(limit)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if limit is None or len(raw) < limit:
        return decode(raw, path)
    # The cut may split a character (dropped by the decoder) and a line (dropped here).
    text = decode(raw, path, final=False)
    return text[: max(text.rfind("\n"), 0)] or text


@dataclass
class Table:
    """A CSV file's header and the position of each declared column."""

    path: str
    header: list[str]
    header_line: int
    index: dict[str, int]
    records: list[tuple[int, list[str]]]  # (line it starts on, cells) after the header
    preamble: int = 0  # lines before the header that hold text (a report's title...)

    @property
    def total(self) -> int:
        """Records after the header, blank ones included: what a progress
        bar counts to, exactly, whatever line breaks a field holds."""
        return len(self.records)

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line, cells) for each row after the header, blank rows included."""
        return iter(self.records)


def _find_header(rows: Iterator[list[str]], columns: Mapping[str, Column],
                 limit: int) -> tuple[list[str], dict[str, int], int] | None:
    """The header, its declared columns' positions and how many lines
    holding text came before it (a preamble), or None."""
    preamble = 0
    for _, cells in zip(range(limit), rows):
        positions: dict[str, int] = {}
        for i, cell in enumerate(cells):
            positions.setdefault(header_key(cell), i)
        index = {name: col.find(positions) for name, col in columns.items()}
        if all(index[name] is not None for name, col in columns.items() if col.required):
            return cells, {k: v for k, v in index.items() if v is not None}, preamble
        preamble += any(clean_text(cell) for cell in cells)
    return None


class _LineTracker:
    """Wraps csv.reader to record the physical line each row starts on."""

    def __init__(self, text: str) -> None:
        self._reader = csv.reader(io.StringIO(text, newline=""))
        self.start = [0]

    def __iter__(self) -> _LineTracker:
        return self

    def __next__(self) -> list[str]:
        self.start[0] = self._reader.line_num + 1
        return next(self._reader)


def sniff(path: str, columns: Mapping[str, Column]) -> bool:
    """True when the file's first lines hold a header with the required columns."""
    try:
        text = read_text(path, SNIFF_BYTES)
        return _find_header(iter(_LineTracker(text)), columns, HEADER_SEARCH_ROWS) is not None
    except (InputError, csv.Error):
        return False


def open_table(path: str, columns: Mapping[str, Column]) -> Table:
    """Decode ``path`` and position its reader just after the header row."""
    text = read_text(path)
    if not text.strip():
        raise InputError(path, "is empty")
    tracker = _LineTracker(text)
    try:
        found = _find_header(tracker, columns, HEADER_SEARCH_ROWS)
    except csv.Error as exc:
        raise InputError(path, f"line {tracker.start[0]}: not readable as CSV ({exc})") from None
    if found is None:
        wanted = ", ".join(c.names[0] for c in columns.values() if c.required)
        raise InputError(path, f"no header row with the columns {wanted} "
                               f"in its first {HEADER_SEARCH_ROWS} rows")
    header, index, preamble = found
    header_line = tracker.start[0]
    records = []
    try:
        for cells in tracker:
            records.append((tracker.start[0], cells))
    except csv.Error as exc:
        raise InputError(path, f"line {tracker.start[0]}: not readable as CSV ({exc})") from None
    return Table(path, header, header_line, index, records, preamble)


def raw_line(cells: list[str]) -> str:
    """The row as CSV text again, for the rejects file."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def csv_suffix(path: str) -> bool:
    return Path(path).suffix.lower() in (".csv", ".txt")
