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
from pathlib import Path
from typing import TextIO

import beangulp
from beancount.core import account as bean_account
from beancount.core import data

from cli.paths import ledger_problem, output_file_problem
from importers import registry
from importers.bank_statement import BankColumns, BankStatementImporter
from importers.expense_mapping import DEFAULT, ExpenseMapping
from importers.import_paths import write_problem
from importers.ledger_output import Held, append, load_held, opens_for
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
    unmapped: dict[str, int] = field(default_factory=dict)
    error: str | None = None

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
    summary.unmapped = dict(result.unmapped.most_common())
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


def _report(run: ImportRun, out: str, rejects_path: str | None, as_json: bool,
            stdout: TextIO, stderr: TextIO) -> None:
    """The summary, as lines of text or with ``--json`` as JSON."""
    if as_json:
        json.dump({"files": [asdict(s) for s in run.summaries], "out": out,
                   "entries_written": run.written, "rejects": rejects_path}, stdout, indent=2)
        stdout.write("\n")
        return
    for summary in run.summaries:
        print(summary.line(), file=stdout if not summary.error else stderr)
        if summary.recovered:
            print(f"  recovered {summary.recovered} rows whose fields ran together",
                  file=stdout)
        if summary.unmapped:
            print(f"  unmapped expense types, booked to {accounts.SUSPENSE}:", file=stdout)
            for expense_type, rows in summary.unmapped.items():
                print(f"    {expense_type} ({rows} rows)", file=stdout)
    print(f"wrote {run.written} entries to {out}", file=stdout)
    if run.rejects and rejects_path:
        print(f"wrote {len(run.rejects)} rejected rows to {rejects_path}", file=stdout)


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
               bank_account: str = accounts.CURRENT_ACCOUNT, bank_columns: BankColumns | None = None
               ) -> int:
    """The command's work; returns the exit status (0, 1 strict rejects, 2 bad input).

    Bank statements go to ``bank_account``, so a group's own account keeps
    its balance assertions apart from the council's spend in Assets:Bank:Current.
    A run that fails (status 2, or an exception) leaves no empty OUT it created.
    """
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        mapping = ExpenseMapping.load(mapping_path or DEFAULT)
    except InputError as exc:
        print(f"cwl import: {exc}", file=stderr)
        return 2
    problem = _path_problem(files, ledger, out, rejects_path)
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
        run = _import_files(files, held, registry.importers(mapping, bank),
                            DateWindow.after(held.books_end), out, stderr)
        if rejects_path and (run.rejects or not run.failed):
            write_rejects(rejects_path, run.rejects)
        _report(run, out, rejects_path, as_json, stdout, stderr)
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
                      bank_columns=args.bank_columns)


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
    sub.add_argument("--mapping", help=f"expense type -> account CSV (default: {DEFAULT.name} "
                                       "shipped with the importers)")
    sub.add_argument("--bank-account", type=_asset_account, default=accounts.CURRENT_ACCOUNT,
                     metavar="ACCOUNT",
                     help="account bank statements are booked to "
                          f"(default: {accounts.CURRENT_ACCOUNT})")
    sub.add_argument("--bank-columns", type=_bank_columns, metavar="FIELD=COLUMN,...",
                     help="a bank statement's column names, e.g. "
                          "'date=When,description=What,amount=Sum,balance=Bal' "
                          "(fields: date, description, amount, debit, credit, balance; "
                          "'|' between alternatives)")
    sub.set_defaults(run=run)
