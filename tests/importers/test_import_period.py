"""Period summaries: supplier totals with no date column, booked with
``cwl import FILE --period``.

The files are built from the real spend files as councils publish period
summaries: the date column dropped (or the payments summed per supplier
in a pivot table: "Row Labels", "Sum of Amount"), a one-cell title line
before the header, a "Grand Total" line, old Mac line endings (a carriage
return alone) and rows whose fields ran together. Each builder knows the
amount behind every line it writes, so the import can be checked to the
penny: what is booked plus what is rejected is the sum of the source rows.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import shutil
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from formats import csv_text
from importer_data import DEVON, LAMBETH

from cli.main import main
from importers.csv_table import TOTALS_LINE
from importers.period_files import NEEDS_PERIOD, PeriodSummaryImporter, SummaryPeriod
from importers.transparency_spend import TransparencySpendImporter
from ledger.metadata import PERIOD, PERIOD_TOTAL

Capture = pytest.CaptureFixture[str]
PENNY = Decimal("0.01")
LEDGER = """option "operating_currency" "GBP"
2000-01-01 open Assets:Bank:Current
include "imported.beancount"
"""
RUN_TOGETHER = "fields that ran together cannot be split without guessing"


@dataclass
class PeriodFile:
    """A period summary written for a test, and what each line holds."""

    path: Path
    period: str
    amounts: dict[int, Decimal] = field(default_factory=dict)  # line -> the row's amount
    run_together: set[int] = field(default_factory=set)  # lines of rows that ran together
    total_line: int = 0
    stated_total: Decimal = Decimal(0)
    preamble: int = 0
    header_line: int = 0

    @property
    def source_sum(self) -> Decimal:
        return sum(self.amounts.values(), Decimal(0))


def _write(path: Path, rows: list[list[str]], ending: str) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator=ending).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def _devon() -> tuple[list[str], list[list[str]]]:
    with open(DEVON, encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def devon_without_dates(folder: Path) -> PeriodFile:
    """Devon's May 2020 payments with the date column dropped: a title
    line, CR-only endings, every 997th row's amount and supplier run
    together, and a Grand Total line in the amount column."""
    header, rows = _devon()
    date = header.index("Date")
    header = header[:date] + header[date + 1:]
    amount, supplier = header.index("Amount"), header.index("Supplier Name")
    assert supplier == amount + 1
    file = PeriodFile(folder / "devon-2020-05-no-dates.csv", "2020-05", preamble=1,
                      header_line=2)
    lines = [["Devon County Council: payments over £500, May 2020"], header]
    for i, row in enumerate(rows):
        cells = row[:date] + row[date + 1:]
        line = len(lines) + 1
        file.amounts[line] = Decimal(cells[amount]).quantize(PENNY)
        if i % 997 == 500:
            cells = cells[:amount] + [cells[amount] + cells[supplier]] + cells[supplier + 1:]
            file.run_together.add(line)
        lines.append(cells)
    file.stated_total = file.source_sum
    total = [""] * len(header)
    total[0], total[amount] = "Grand Total", str(file.stated_total)
    file.total_line = len(lines) + 1
    lines.append(total)
    _write(file.path, lines, "\r")
    return file


def devon_pivot(folder: Path, stated: Decimal | None = None,
                run_together: int | None = 401) -> PeriodFile:
    """Devon's May 2020 payments summed per supplier as a spreadsheet
    pivot table exports them: "Row Labels", "Sum of Amount", Grand Total
    (``stated``, else the true sum), CR-only endings, and every
    ``run_together``th row's supplier and amount in one cell."""
    header, rows = _devon()
    amount, supplier = header.index("Amount"), header.index("Supplier Name")
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[row[supplier]] += Decimal(row[amount])
    file = PeriodFile(folder / "devon-2020-05-pivot.csv", "2020-05", preamble=1,
                      header_line=3)
    lines = [["Spend by supplier, May 2020"], [], ["Row Labels", "Sum of Amount"]]
    for i, name in enumerate(sorted(totals)):
        file.amounts[len(lines) + 1] = totals[name].quantize(PENNY)
        if run_together and i % run_together == 100:
            file.run_together.add(len(lines) + 1)
            lines.append([name + str(totals[name])])
        else:
            lines.append([name, str(totals[name])])
    file.stated_total = file.source_sum if stated is None else stated
    file.total_line = len(lines) + 1
    lines.append(["Grand Total", str(file.stated_total)])
    _write(file.path, lines, "\r")
    return file


def lambeth_without_dates(folder: Path) -> PeriodFile:
    """Lambeth's June 2012 report with its date column dropped, keeping
    its own preamble and Total line. Where the date had run into a
    neighbouring field it is cut out of that field; where it sat between
    the supplier and the amount, those two are left run together."""
    amounts = {e.meta["lineno"]: e.postings[0].units.number
               for e in TransparencySpendImporter().parse(str(LAMBETH)).entries}
    with open(LAMBETH, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header_line = next(i for i, row in enumerate(rows, 1) if row[:1] == ["Body"])
    date = rows[header_line - 1].index("Invoice Creation Date")
    width = len(rows[header_line - 1])
    file = PeriodFile(folder / "lambeth-2012-06-no-dates.csv", "2012-06", preamble=6,
                      header_line=header_line)
    lines = []
    for line, row in enumerate(rows, 1):
        if line in amounts:
            file.amounts[line] = amounts[line]
        if line <= header_line or len(row) == width:
            row = row[:date] + row[date + 1:] if len(row) == width else row
        else:
            row = [re.sub(r"\d{2}/\d{2}/\d{4}", "", cell) for cell in row]
            if len(row) < width - 1:
                file.run_together.add(line)
        if row[:1] == ["Total"]:
            file.total_line, file.stated_total = line, Decimal(row[date])
        lines.append(row)
    _write(file.path, lines, "\n")
    return file


BUILDERS: list[Callable[[Path], PeriodFile]] = [devon_without_dates, devon_pivot,
                                                lambeth_without_dates]


@pytest.fixture
def books(tmp_path: Path) -> Path:
    (tmp_path / "main.beancount").write_text(LEDGER)
    return tmp_path


def _import(books: Path, capsys: Capture, *files: Path | str,
            extra: tuple[str, ...] = ()) -> tuple[int, str, str]:
    status = main(["import", *map(str, files), "--ledger", str(books / "main.beancount"),
                   "--out", str(books / "imported.beancount"),
                   "--rejects", str(books / "rejects.csv"), *extra])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _summary(out: str) -> dict:
    return json.loads(out)["files"][0]


def _rejects(books: Path) -> dict[int, str]:
    with open(books / "rejects.csv", newline="", encoding="utf-8") as handle:
        return {int(r["line"]): r["reason"] for r in csv.DictReader(handle)}


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
def test_every_row_is_booked_as_a_period_total_or_rejected_to_the_penny(
        books: Path, build: Callable[[Path], PeriodFile], capsys: Capture) -> None:
    file = build(books)
    period = SummaryPeriod.parse(file.period)
    status, out, _ = _import(books, capsys, file.path, extra=("--period", file.period, "--json"))
    assert status == 0
    summary = _summary(out)
    assert summary["format"] == "period summary CSV"
    assert summary["read"] == summary["imported"] + summary["duplicates"] + summary["rejected"]

    # Every row is booked or rejected, with its line and a reason; none vanishes.
    rejects = _rejects(books)
    result = PeriodSummaryImporter(period=period).parse(str(file.path))
    imported = {row.line: row.entries for row in result.rows}
    assert set(imported) | set(rejects) == set(file.amounts) | {file.total_line}
    assert not set(imported) & set(rejects)
    assert summary["read"] == len(file.amounts) + 1
    assert rejects[file.total_line] == TOTALS_LINE
    assert file.run_together and all(RUN_TOGETHER in rejects[line] for line in file.run_together)
    assert all(rejects.values())

    # To the penny: each total is its row's amount, and booked + rejected = the source.
    booked = {line: entries[0].postings[0].units.number for line, entries in imported.items()}
    assert all(booked[line] == file.amounts[line] for line in booked)
    rejected = sum((file.amounts[line] for line in rejects if line != file.total_line),
                   Decimal(0))
    assert sum(booked.values(), Decimal(0)) + rejected == file.source_sum

    # Booked on the period's last day, marked as a period total, and the books load.
    entries, errors, _ = loader.load_file(str(books / "main.beancount"))
    assert errors == []
    transactions = [e for e in entries if isinstance(e, data.Transaction)]
    assert len(transactions) == summary["imported"] == len(imported)
    assert {e.date for e in transactions} == {period.end}
    assert all(e.meta[PERIOD] == file.period and e.meta[PERIOD_TOTAL] is True
               for e in transactions)
    assert sum(e.postings[0].units.number for e in transactions) == sum(booked.values())

    # The preamble is skipped and counted.
    lines = "line" if file.preamble == 1 else "lines"
    assert summary["notes"][0] == (f"skipped {file.preamble} preamble {lines} before the "
                                   f"header on line {file.header_line}")

    # Importing it again adds nothing.
    size = (books / "imported.beancount").stat().st_size
    status, out, _ = _import(books, capsys, file.path, extra=("--period", file.period, "--json"))
    again = _summary(out)
    assert (again["imported"], again["duplicates"]) == (0, summary["imported"])
    assert (books / "imported.beancount").stat().st_size == size


def test_a_pivot_table_loads_inside_the_demo_books(demo_dir: Path, tmp_path: Path,
                                                   capsys: Capture) -> None:
    books = tmp_path / "books"
    shutil.copytree(demo_dir, books)
    ledger = books / "main.beancount"
    before = sorted(e.message for e in loader.load_file(str(ledger))[1])
    ledger.write_text(ledger.read_text() + 'include "imported.beancount"\n')
    file = devon_pivot(tmp_path)
    status, out, _ = _import(books, capsys, file.path, extra=("--period", "2020-05", "--json"))
    summary = _summary(out)
    rejected = len(file.run_together) + 1  # and the Grand Total
    assert status == 0 and summary["rejected"] == rejected
    assert summary["imported"] == len(file.amounts) - len(file.run_together)
    entries, errors, _ = loader.load_file(str(ledger))
    assert sorted(e.message for e in errors) == before
    totals = [e for e in entries if isinstance(e, data.Transaction) and e.meta.get(PERIOD_TOTAL)]
    assert len(totals) == summary["imported"]
    assert {e.date for e in totals} == {datetime.date(2020, 5, 31)}
    rejected_sum = sum(file.amounts[line] for line in file.run_together)
    assert sum(e.postings[0].units.number for e in totals) + rejected_sum == file.source_sum


def test_without_period_the_file_is_refused_and_told_to_give_one(
        books: Path, capsys: Capture) -> None:
    file = devon_pivot(books)
    status, out, err = _import(books, capsys, file.path)
    assert status == 2
    assert err == (f"{file.path}: error: a period summary (supplier totals with no date "
                   "column): give the period it covers with --period 2011-01, 2020-Q1 or "
                   "2020-04-01..2020-06-30\n")
    assert NEEDS_PERIOD in err
    assert not (books / "imported.beancount").exists()


@pytest.mark.parametrize(("stated", "warned"), [(None, False), (Decimal("46438002.08"), True),
                                                (Decimal("46438000"), True)])
def test_the_grand_total_is_checked_against_the_rows(
        books: Path, stated: Decimal | None, warned: bool, capsys: Capture) -> None:
    file = devon_pivot(books, stated, run_together=None)
    status, out, _ = _import(books, capsys, file.path, extra=("--period", "2020-05"))
    assert status == 0
    assert file.source_sum == Decimal("46438002.07")
    warning = (f'  warning: the "Grand Total" line (line {file.total_line}) says '
               f"{file.stated_total:,.2f}, but the rows above it sum to 46,438,002.07\n")
    assert (warning in out) == warned
    assert ("warning" in out) == warned


def test_a_total_that_misses_rows_which_could_not_be_read_says_so(
        books: Path, capsys: Capture) -> None:
    file = lambeth_without_dates(books)
    _, out, _ = _import(books, capsys, file.path, extra=("--period", "2012-06"))
    unread = len(file.run_together)
    read = file.source_sum - sum(file.amounts[line] for line in file.run_together)
    rows = "rows whose amount could not be read are" if unread > 1 else \
        "row whose amount could not be read is"
    assert (f'  warning: the "Total" line (line {file.total_line}) says 40,292,334.84, but the '
            f"rows above it sum to {read:,.2f}; {unread} {rows} not in that sum\n") in out


@pytest.mark.parametrize(("given", "start", "end"), [
    ("2011-01", "2011-01-01", "2011-01-31"),
    ("2020-02", "2020-02-01", "2020-02-29"),
    ("2020-Q1", "2020-01-01", "2020-03-31"),  # calendar quarters, not financial-year ones
    ("2020-q2", "2020-04-01", "2020-06-30"),
    ("2020-Q4", "2020-10-01", "2020-12-31"),
    ("2020-04-01..2020-06-30", "2020-04-01", "2020-06-30"),
])
def test_periods_are_months_calendar_quarters_or_two_dates(given: str, start: str,
                                                           end: str) -> None:
    period = SummaryPeriod.parse(given)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)


@pytest.mark.parametrize(("given", "why"), [
    ("2020-13", "is not a real month or date"),
    ("2020-Q5", "is not a month, quarter or pair of dates"),
    ("May 2020", "is not a month, quarter or pair of dates"),
    ("2020-06-30..2020-04-01", "ends before it starts"),
    ("2020-02-30..2020-03-31", "is not a real month or date"),
])
def test_a_period_that_is_not_one_is_refused(books: Path, given: str, why: str,
                                             capsys: Capture) -> None:
    file = devon_pivot(books)
    with pytest.raises(SystemExit):
        _import(books, capsys, file.path, extra=("--period", given))
    assert why in capsys.readouterr().err


def test_the_quarter_and_its_label_reach_the_books(books: Path, capsys: Capture) -> None:
    file = devon_pivot(books)
    assert _import(books, capsys, file.path, extra=("--period", "2020-q2"))[0] == 0
    text = (books / "imported.beancount").read_text()
    assert '2020-06-30 * "1 2 1 MENTORS LTD" "Total paid in 2020-Q2"' in text
    assert 'period: "2020-Q2"\n  period-total: TRUE\n' in text


def test_the_same_totals_for_two_periods_are_two_imports(books: Path, capsys: Capture) -> None:
    file = devon_pivot(books, run_together=None)
    first = _summary(_import(books, capsys, file.path, extra=("--period", "2020-05", "--json"))[1])
    second = _summary(_import(books, capsys, file.path, extra=("--period", "2020-06", "--json"))[1])
    assert first["imported"] == second["imported"] == len(file.amounts)
    again = _summary(_import(books, capsys, file.path, extra=("--period", "2020-06", "--json"))[1])
    assert again["imported"] == 0


def test_the_date_window_applies_to_the_periods_last_day(books: Path, capsys: Capture) -> None:
    (books / "main.beancount").write_text(LEDGER + '2020-06-30 note Assets:Bank:Current "x"\n')
    spend = books / "totals.csv"
    spend.write_text(csv_text([["Supplier", "Amount"], ["Acme Ltd", "10.00"]]))
    assert _import(books, capsys, spend, extra=("--period", "2021-07"))[0] == 0
    assert _rejects(books) == {2: "period 2021-07: date '2021-07-31' is more than a year after "
                                  "the books' last date (2020-06-30)"}
    assert _import(books, capsys, spend, extra=("--period", "2021-06"))[0] == 0
    assert _rejects(books) == {}
    assert "2021-06-30 * \"Acme Ltd\"" in (books / "imported.beancount").read_text()


@pytest.mark.parametrize("header", [["Row Labels", "Sum of Amount"], ["Row Labels", "Total"],
                                    ["Row Labels", "Sum of Total"], ["Supplier Name", "Amount"],
                                    ["Payee", "Sum of Net Amount", "Expense Type"]])
def test_pivot_and_plain_headers_are_period_summaries(books: Path, header: list[str]) -> None:
    path = books / "totals.csv"
    path.write_text(csv_text([header, ["Acme Ltd", "10.00", "Stationery"][:len(header)]]))
    importer = PeriodSummaryImporter(period=SummaryPeriod.parse("2020-05"))
    assert importer.identify(str(path))
    [entry] = importer.parse(str(path)).entries
    assert (entry.payee, entry.postings[0].units.number) == ("Acme Ltd", Decimal("10.00"))


def test_a_file_with_a_date_column_is_spend_even_with_period(books: Path,
                                                             capsys: Capture) -> None:
    status, out, _ = _import(books, capsys, DEVON, extra=("--period", "2020-01", "--json"))
    summary = _summary(out)
    assert (status, summary["format"], summary["imported"]) == (0, "transparency spend CSV",
                                                                7436)
    assert not PeriodSummaryImporter().identify(str(DEVON))
    assert "period-total" not in (books / "imported.beancount").read_text()


def test_redacted_and_blank_row_labels(books: Path) -> None:
    path = books / "totals.csv"
    path.write_text(csv_text([["Row Labels", "Sum of Amount"],
                              ["REDACTED UNDER DP ACT", "610.53"], ["(blank)", "5.00"],
                              ["Acme Ltd", "-12.50"], ["Grand Total", "603.03"]]))
    result = PeriodSummaryImporter(period=SummaryPeriod.parse("2020-05")).parse(str(path))
    redacted, credit = result.entries
    assert redacted.meta["redacted"] is True
    assert redacted.payee == f"Redacted payee {redacted.meta['source-id']}"
    assert credit.meta["credit-note"] is True
    assert [(r.line, r.reason) for r in result.rejects] == [(3, "missing supplier name"),
                                                             (5, TOTALS_LINE)]
    assert result.notes == []  # the Grand Total matches all three rows: silent
