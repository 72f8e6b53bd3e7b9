"""Period summaries: what a council paid each supplier over a month or quarter.

Many councils publish, instead of each payment, a total per supplier for
the period, often straight out of a spreadsheet: a title line before the
header, pivot-table headers ("Row Labels", "Sum of Amount"), a "Grand
Total" line at the end, sometimes old Mac line endings (a carriage return
alone). Such a file has supplier and amount columns but no date, so the
date of its rows is not in it: ``cwl import FILE --period 2011-01`` says
which period it covers, and each row is booked as a period total on the
period's last day, marked ``period: "2011-01"`` and ``period-total: TRUE``.
Without ``--period`` the file is refused with that explanation, never
dated by a guess.

Rows follow every rule spend rows do (``importers.transparency_spend``):
rejected with line and reason when they cannot be booked exactly,
redacted suppliers made anonymous, the date window applied to the
period's last day. Their ``source-id`` includes the period, so the same
supplier and sum in two months are two totals, and importing the file
again adds nothing.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from beancount.core import data

from importers.csv_importer import Fields
from importers.csv_table import Column, Table, sniff
from importers.expense_mapping import ExpenseMapping
from importers.provenance import SourceIds
from importers.results import ImportResult, InputError, Progress
from importers.transparency_spend import TransparencySpendImporter
from importers.values import DateWindow
from ledger import metadata

# Metadata keys on a period total. They belong in ledger/metadata.py (and
# docs/ledger-conventions.md) beside the other provenance keys.

PERIOD_FORMS = "2011-01, 2020-Q1 or 2020-04-01..2020-06-30"
NEEDS_PERIOD = ("a period summary (supplier totals with no date column): give the period it "
                f"covers with --period {PERIOD_FORMS}")

_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])", re.ASCII)
_DAYS = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", re.ASCII)
# Excel's pivot tables call an empty row label "(blank)".
_BLANK_LABELS = frozenset({"(blank)"})


@dataclass(frozen=True)
class SummaryPeriod:
    """The days a period summary covers, both ends included, and its name
    as the user gave it: a month, a calendar quarter or two dates."""

    label: str
    start: datetime.date
    end: datetime.date

    @classmethod
    def parse(cls, text: str) -> SummaryPeriod:
        """``2011-01`` (a month), ``2020-Q1`` (January to March: calendar
        quarters, not financial-year ones) or ``2020-04-01..2020-06-30``."""
        given = text.strip()
        try:
            period = cls._read(given)
        except ValueError as exc:
            raise ValueError(f"period {given!r} is not a real month or date ({exc})") from None
        if period is None:
            raise ValueError(f"period {given!r} is not a month, quarter or pair of dates: "
                             f"give {PERIOD_FORMS}")
        if period.end < period.start:
            raise ValueError(f"period {given!r} ends before it starts")
        return period

    @classmethod
    def _read(cls, given: str) -> SummaryPeriod | None:
        month = _MONTH.fullmatch(given)
        if month:
            year, number = int(month[1]), int(month[2])
            start = datetime.date(year, number, 1)
            return cls(given, start, start.replace(day=calendar.monthrange(year, number)[1]))
        quarter = _QUARTER.fullmatch(given)
        if quarter:
            year, last = int(quarter[1]), 3 * int(quarter[2])
            return cls(f"{year}-Q{quarter[2]}", datetime.date(year, last - 2, 1),
                       datetime.date(year, last, calendar.monthrange(year, last)[1]))
        days = _DAYS.fullmatch(given)
        if days:
            return cls(given, datetime.date.fromisoformat(days[1]),
                       datetime.date.fromisoformat(days[2]))
        return None


def _sum_of(*names: str) -> tuple[str, ...]:
    """A pivot table's names for a column's total: "Sum of Amount"..."""
    return tuple(f"Sum of {name}" for name in names)


_SPEND = TransparencySpendImporter.columns
_AMOUNTS = _SPEND["amount"].names


class PeriodSummaryImporter(TransparencySpendImporter):
    """Supplier totals for a period: supplier and amount columns, no date."""

    kind = "period"
    columns = {
        **{name: column for name, column in _SPEND.items() if name != "date"},
        "supplier": Column(*_SPEND["supplier"].names, "Row Labels", required=True),
        "amount": Column(*_AMOUNTS, *_sum_of(*_AMOUNTS), required=True),
    }
    _dated = {name: _SPEND[name] for name in ("date", "supplier", "amount")}

    def __init__(self, mapping: ExpenseMapping | None = None,
                 period: SummaryPeriod | None = None) -> None:
        super().__init__(mapping)
        self.period = period

    @property
    def name(self) -> str:
        return "period summary CSV"

    def identify(self, filepath: str) -> bool:
        """Supplier and amount columns, and no date column: a file with
        one is a spend file (``TransparencySpendImporter``)."""
        return super().identify(filepath) and not sniff(filepath, self._dated)

    def date(self, filepath: str) -> datetime.date | None:
        return self.period.end if self.period else None

    def parse(self, filepath: str, existing: data.Entries = (),
              progress: Progress | None = None,
              window: DateWindow | None = None) -> ImportResult:
        if self.period is None:
            raise InputError(filepath, NEEDS_PERIOD)
        return super().parse(filepath, existing, progress, window)

    def repair(self, cells: list[str], table: Table, width: int) -> list[str] | str:
        """Never: fields that ran together are split around a date, and
        these rows have none, so any split would be a guess."""
        problem = f"row has {len(cells)} fields, the header has {width}"
        if len(cells) > width:
            return problem
        return f"{problem}: with no date column, fields that ran together cannot be split " \
               "without guessing"

    def convert(self, fields: Fields, ids: SourceIds, cells: list[str], meta: data.Meta,
                result: ImportResult) -> list[data.Directive]:
        if fields["supplier"].casefold() in _BLANK_LABELS:
            fields["supplier"] = ""
        return super().convert(fields, ids, cells, meta, result)

    def booking_date(self, fields: Fields) -> datetime.date:
        """The period's last day, inside the date window like any date."""
        period = self._period()
        try:
            return self.window.entry_date(period.end.isoformat())
        except ValueError as exc:
            raise ValueError(f"period {period.label}: {exc}") from None

    def reference(self, fields: Fields, redacted: bool) -> str:
        """The period: the same supplier and sum in two months are two totals."""
        return self._period().label

    def describe(self, meta: data.Meta) -> None:
        meta[metadata.PERIOD] = self._period().label
        meta[metadata.PERIOD_TOTAL] = True

    def narration(self, fields: Fields) -> str:
        return super().narration(fields) or f"Total paid in {self._period().label}"

    def _period(self) -> SummaryPeriod:
        if self.period is None:  # parse refuses the file first
            raise ValueError(NEEDS_PERIOD)
        return self.period
