"""``cwl import FILE... --ledger LEDGER --out OUT.beancount``.

Identifies each file's format, extracts its entries, drops what the ledger
or the output already holds (by ``source-id``), appends the rest to OUT and
accounts for every input row: read = imported + duplicates + rejected.
Rejected rows go to the ``--rejects`` CSV with file, line, reason and the
raw row, so nothing vanishes.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import sys
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TextIO

import beangulp
from beancount.core import account as bean_account
from beancount.core import data

from cli.paths import ledger_problem, output_file_problem, same_file
from importers import registry
from importers.bank_statement import BankColumns, BankStatementImporter
from importers.expense_mapping import (
    DEFAULT,
    GROUPS,
    ExpenseMapping,
    Unmapped,
    largest_first,
    unmapped_types,
)
from importers.import_paths import included_files, write_problem
from importers.ledger_output import Held, append, load_held, opens_for, screen_inactive
from importers.period_files import PeriodSummaryImporter, SummaryPeriod
from importers.results import ImportResult, InputError, Progress
from importers.values import DateWindow
from ledger import accounts
from ledger.atomic_files import write_text

PROGRESS_MIN_ROWS = 3000
# What a spreadsheet may run as a formula when a cell starts with it (also
# behind spaces): = + - @ and their full-width forms, | (DDE), and line breaks.
FORMULA_START = ("=", "+", "-", "@", "|", "\uff1d", "\uff0b", "\uff0d", "\uff20",
                 "\t", "\r", "\n")


@dataclass
class FileSummary:
    file: str
    format: str = ""
    read: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0
    recovered: int = 0
    # Expense types booked to Expenses:Suspense: rows, and money ("1234.56"),
    # largest money first.
    unmapped: dict[str, int] = field(default_factory=dict)
    unmapped_money: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    # On the file as a whole: preamble lines skipped, a totals line that disagrees.
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        if self.error:
            return f"{self.file}: error: {self.error}"
        return (f"{self.file}: read {self.read}, imported {self.imported}, "
                f"duplicates {self.duplicates}, rejected {self.rejected}")


def _progress_bar(name: str, stream: TextIO) -> Progress:
    """A one-line bar on stderr, shown only for long files."""
    def show(done: int, total: int) -> None:
        if total < PROGRESS_MIN_ROWS:
            return
        share = min(done / total, 1.0) if total else 1.0
        bar = "#" * int(share * 30)
        stream.write(f"\r{name} [{bar:<30}] {share:4.0%} {done}/{total} rows")
        if done >= total:
            stream.write("\n")
        stream.flush()
    return show


def _count(summary: FileSummary, result: ImportResult, held: Held) -> list[data.Directive]:
    """Keep entries not already held; tally rows as imported or duplicate."""
    new: list[data.Directive] = []
    for row in result.rows:
        fresh = [e for e in row.entries if not held.holds(e)]
        held.add(fresh)
        new.extend(fresh)
        if fresh:
            summary.imported += 1
        else:
            summary.duplicates += 1
    summary.read = result.read
    summary.rejected = len(result.rejects)
    summary.recovered = result.recovered
    types = unmapped_types(result)
    summary.unmapped = {name: t.rows for name, t in types.items()}
    summary.unmapped_money = {name: f"{t.money:.2f}" for name, t in types.items()}
    summary.notes = list(getattr(result, "notes", []))
    return new


def _safe_cell(value: object) -> str:
    """Cells a spreadsheet would run as a formula, even behind spaces, are
    quoted to stay text; a lone surrogate (from a file name) is escaped,
    as no UTF-8 file can hold it."""
    text = str(value).encode("utf-8", "backslashreplace").decode("utf-8")
    formula = text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START)
    return "'" + text if formula else text


def write_rejects(path: str, rejects: list[tuple[str, int, str, str]]) -> None:
    """The rejects CSV, replaced whole: never half a list that looks complete.
    An InputError names the path when it cannot be written."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["file", "line", "reason", "raw"])
    for file, line, reason, raw in rejects:
        writer.writerow([_safe_cell(file), line, _safe_cell(reason), _safe_cell(raw)])
    try:
        write_text(path, out.getvalue())
    except OSError as error:
        raise InputError(path, f"cannot write ({error.strerror or error})") from None


SUMMARY_TYPES = 10  # unmapped expense types the summary names; --suggest-mapping lists all
SUGGEST_HEADER = ["expense type", "rows", "money", "account"]


def _unmapped(summaries: list[FileSummary]) -> dict[str, Unmapped]:
    """The run's unmapped expense types over all its files, largest money first."""
    totals: dict[str, Unmapped] = {}
    for summary in summaries:
        for name, rows in summary.unmapped.items():
            money = Decimal(summary.unmapped_money.get(name, "0.00"))
            totals.setdefault(name, Unmapped()).add(Unmapped(rows, money))
    return largest_first(totals)


def write_suggestions(path: str, summaries: list[FileSummary]) -> int:
    """``--suggest-mapping``: every unmapped expense type with its rows and
    money and an empty ``account`` for an officer to fill in, then pass back
    with ``--mapping``. Replaced whole; returns the number of types."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SUGGEST_HEADER)
    types = _unmapped(summaries)
    for name, totals in types.items():
        writer.writerow([_safe_cell(name), totals.rows, f"{totals.money:.2f}", ""])
    try:
        write_text(path, out.getvalue())
    except OSError as error:
        raise InputError(path, f"cannot write ({error.strerror or error})") from None
    return len(types)


def _suggest_problem(path: str, files: list[str], ledger: str | None, out: str,
                     rejects_path: str | None, mapping_path: str | None) -> str | None:
    """``--suggest-mapping`` is rewritten whole, so it may name no file the
    run reads or writes, nor the books, nor the shipped mapping."""
    option = "--suggest-mapping must be another file"
    problem = output_file_problem(path)
    if problem:
        return problem
    if ledger and same_file(path, ledger):
        return f"{path}: is the ledger given as --ledger; {option}"
    source = next((f for f in files if same_file(path, f)), None)
    if source:
        return f"{path}: is the input file {source}; {option}"
    for other, name in ((out, "--out"), (rejects_path, "--rejects"),
                        (mapping_path, "--mapping"), (str(DEFAULT), "the shipped mapping"),
                        (str(GROUPS), "the shipped mapping")):
        if other and same_file(path, other):
            return f"{path}: is also {name}; {option}"
    included = next((f for f in included_files(ledger) if same_file(path, f)),
                    None) if ledger else None
    if included:
        return f"{path}: is {included}, which the ledger includes; {option}"
    return None


def _pounds(money: Decimal) -> str:
    return f"-£{-money:,.2f}" if money < 0 else f"£{money:,.2f}"


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


@dataclass
class ImportRun:
    """What one run did: a summary per file, every reject, entries written."""

    summaries: list[FileSummary] = field(default_factory=list)
    rejects: list[tuple[str, int, str, str]] = field(default_factory=list)
    written: int = 0

    @property
    def failed(self) -> bool:
        return any(s.error for s in self.summaries)


def _import_files(files: list[str], held: Held, candidates: list[beangulp.Importer],
                  window: DateWindow, out: str, stderr: TextIO) -> ImportRun:
    """Each file read, counted and appended to OUT (all of its entries or none)."""
    run = ImportRun()
    for path in files:
        summary = FileSummary(path)
        run.summaries.append(summary)
        try:
            importer = registry.identify(path, candidates)
            summary.format = registry.format_name(importer)
            result = importer.parse(path, held.entries, _progress_bar(Path(path).name, stderr),
                                    window)
        except InputError as exc:
            summary.error = exc.problem
            continue
        screen_inactive(result, held, path)  # rows before their account opens
        new = _count(summary, result, held)
        run.rejects.extend((path, r.line, r.reason, r.raw) for r in result.rejects)
        if new:
            opens = opens_for(new, held.opened)
            try:
                append(out, f"cwl import {Path(path).name} ({summary.format}): "
                            f"{len(new)} entries", [*opens, *new])
            except OSError as error:
                raise InputError(out, f"cannot write ({error.strerror or error})") from None
            held.add(opens)
            run.written += len(new)
    return run


def _report_unmapped(summary: FileSummary, suggested: bool, stdout: TextIO) -> None:
    """The largest unmapped expense types by money; the rest counted, not listed."""
    types = _unmapped([summary])
    rows = sum(t.rows for t in types.values())
    money = sum((t.money for t in types.values()), Decimal("0.00"))
    print(f"  unmapped expense types, booked to {accounts.SUSPENSE}: {len(types)} types, "
          f"{_rows(rows)}, {_pounds(money)}", file=stdout)
    for expense_type, totals in list(types.items())[:SUMMARY_TYPES]:
        print(f"    {expense_type} ({_rows(totals.rows)}, {_pounds(totals.money)})", file=stdout)
    rest = list(types.values())[SUMMARY_TYPES:]
    if rest:
        how = ("all are in the --suggest-mapping file" if suggested
               else "list them all with --suggest-mapping FILE")
        print(f"    and {len(rest)} more types ({_rows(sum(t.rows for t in rest))}, "
              f"{_pounds(sum((t.money for t in rest), Decimal('0.00')))}): {how}", file=stdout)


def _report(run: ImportRun, out: str, rejects_path: str | None, as_json: bool,
            stdout: TextIO, stderr: TextIO, suggestions: tuple[str, int] | None = None
            ) -> None:
    """The summary, as lines of text or with ``--json`` as JSON."""
    if as_json:
        json.dump({"files": [asdict(s) for s in run.summaries], "out": out,
                   "entries_written": run.written, "rejects": rejects_path,
                   "suggest_mapping": suggestions[0] if suggestions else None},
                  stdout, indent=2)
        stdout.write("\n")
        return
    for summary in run.summaries:
        print(summary.line(), file=stdout if not summary.error else stderr)
        if summary.recovered:
            print(f"  recovered {summary.recovered} rows whose fields ran together",
                  file=stdout)
        for note in summary.notes:
            print(f"  {note}", file=stdout)
        if summary.unmapped:
            _report_unmapped(summary, suggestions is not None, stdout)
    print(f"wrote {run.written} entries to {out}", file=stdout)
    if run.rejects and rejects_path:
        print(f"wrote {len(run.rejects)} rejected rows to {rejects_path}", file=stdout)
    if suggestions:
        print(f"wrote {suggestions[1]} unmapped expense types to {suggestions[0]}: fill in "
              "their account and pass it with --mapping", file=stdout)


def _path_problem(files: list[str], ledger: str | None, out: str,
                  rejects_path: str | None) -> str | None:
    """Every path is checked before anything is written: a bad --rejects
    must not leave OUT half done, nor may either overwrite the books."""
    return ((ledger_problem(ledger) if ledger else None) or output_file_problem(out)
            or (output_file_problem(rejects_path) if rejects_path else None)
            or write_problem(out, rejects_path, ledger, files))


def _remove_if_empty(path: str) -> None:
    """An OUT a failed run created holds nothing: it would only look like an import."""
    with contextlib.suppress(OSError):
        if os.path.getsize(path) == 0:
            os.unlink(path)


def run_import(files: list[str], ledger: str | None, out: str, rejects_path: str | None,
               mapping_path: str | None, as_json: bool, strict: bool,
               stdout: TextIO | None = None, stderr: TextIO | None = None,
               bank_account: str = accounts.CURRENT_ACCOUNT,
               bank_columns: BankColumns | None = None,
               period: SummaryPeriod | None = None, suggest_path: str | None = None) -> int:
    """The command's work; returns the exit status (0, 1 strict rejects, 2 bad input).

    Bank statements go to ``bank_account``, so a group's own account keeps
    its balance assertions apart from the council's spend in Assets:Bank:Current.
    A run that fails (status 2, or an exception) leaves no empty OUT it created.
    ``suggest_path`` gets every expense type left unmapped, for ``--mapping``.
    """
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        mapping = ExpenseMapping.load(mapping_path)
    except InputError as exc:
        print(f"cwl import: {exc}", file=stderr)
        return 2
    problem = _path_problem(files, ledger, out, rejects_path) or (
        _suggest_problem(suggest_path, files, ledger, out, rejects_path, mapping_path)
        if suggest_path else None)
    if problem:
        print(f"cwl import: {problem}", file=stderr)
        return 2
    created = not os.path.lexists(out)
    try:
        Path(out).touch()  # so a ledger that includes OUT loads before the first import
    except OSError as error:
        print(f"cwl import: {out}: cannot write ({error.strerror or error})", file=stderr)
        return 2
    status = 2
    try:
        held = load_held(ledger, out)
        if held.ledger_errors:
            print(f"cwl import: note: {ledger} loads with {held.ledger_errors} error(s); "
                  "duplicates are judged on what loaded", file=stderr)
        bank = BankStatementImporter(bank_account, bank_columns or BankColumns())
        # Tried last: a file with supplier and amount columns but no date.
        periods = PeriodSummaryImporter(mapping, period)
        run = _import_files(files, held, [*registry.importers(mapping, bank), periods],
                            DateWindow.after(held.books_end), out, stderr)
        if rejects_path and (run.rejects or not run.failed):
            write_rejects(rejects_path, run.rejects)
        suggestions = None
        if suggest_path and (not run.failed or any(s.unmapped for s in run.summaries)):
            suggestions = suggest_path, write_suggestions(suggest_path, run.summaries)
        _report(run, out, rejects_path, as_json, stdout, stderr, suggestions)
        status = 2 if run.failed else 1 if strict and run.rejects else 0
    except InputError as exc:  # OUT or the rejects file could not be written
        print(f"cwl import: {exc}", file=stderr)
    finally:
        if status == 2 and created:
            _remove_if_empty(out)
    return status


def run(args: argparse.Namespace) -> int:
    return run_import(args.files, args.ledger, args.out, args.rejects, args.mapping,
                      args.json, args.strict, bank_account=args.bank_account,
                      bank_columns=args.bank_columns, period=args.period,
                      suggest_path=args.suggest_mapping)


def _asset_account(text: str) -> str:
    """``--bank-account``: an Assets account, as a statement's balance is one."""
    if not bean_account.is_valid(text) or bean_account.root(1, text) != "Assets":
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an Assets account such as Assets:Bank:Group")
    return text


def _bank_columns(text: str) -> BankColumns:
    try:
        return BankColumns.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _period(text: str) -> SummaryPeriod:
    try:
        return SummaryPeriod.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser(
        "import", help="import council files (transparency spend, 360Giving, OCDS, bank CSV)")
    sub.add_argument("files", nargs="+", metavar="FILE", help="files to import")
    sub.add_argument("--ledger", required=True,
                     help="main .beancount file; entries it holds are not imported again")
    sub.add_argument("--out", required=True, help=".beancount file to append new entries to")
    sub.add_argument("--rejects", help="CSV to write rejected rows to (file, line, reason, raw)")
    sub.add_argument("--json", action="store_true", help="print the summary as JSON")
    sub.add_argument("--strict", action="store_true", help="exit 1 when any row was rejected")
    sub.add_argument("--mapping", metavar="FILE",
                     help="expense type -> account CSV whose filled lines go before the "
                          f"default mapping ({DEFAULT.name}, then {GROUPS.name}, shipped "
                          "with the importers)")
    sub.add_argument("--suggest-mapping", metavar="FILE",
                     help="write every expense type left in Expenses:Suspense, with its rows "
                          "and money, largest first, and an empty account column to fill in "
                          "and pass back with --mapping")
    sub.add_argument("--bank-account", type=_asset_account, default=accounts.CURRENT_ACCOUNT,
                     metavar="ACCOUNT",
                     help="account bank statements are booked to "
                          f"(default: {accounts.CURRENT_ACCOUNT})")
    sub.add_argument("--bank-columns", type=_bank_columns, metavar="FIELD=COLUMN,...",
                     help="a bank statement's column names, e.g. "
                          "'date=When,description=What,amount=Sum,balance=Bal' "
                          "(fields: date, description, amount, debit, credit, balance; "
                          "'|' between alternatives)")
    sub.add_argument("--period", type=_period, metavar="PERIOD",
                     help="the period a period summary (supplier totals with no date column) "
                          "covers: a month 2011-01, a calendar quarter 2020-Q1 (Jan-Mar) or "
                          "2020-04-01..2020-06-30; its rows are booked on the last day")
    sub.set_defaults(run=run)
