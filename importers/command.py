"""``cwl import FILE... --ledger LEDGER --out OUT.beancount``.

Identifies each file's format, extracts its entries, drops what the ledger
or the output already holds (by ``source-id``), appends the rest to OUT and
accounts for every input row: read = imported + duplicates + rejected.
Rejected rows go to the ``--rejects`` CSV with file, line, reason and the
raw row, so nothing vanishes.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

from beancount.core import account as bean_account
from beancount.core import data

from cli.paths import ledger_problem, output_file_problem
from importers import registry
from importers.bank_statement import BankColumns, BankStatementImporter
from importers.expense_mapping import DEFAULT, ExpenseMapping
from importers.ledger_output import Held, append, load_held, opens_for
from importers.results import ImportResult, InputError, Progress
from ledger import accounts

PROGRESS_MIN_ROWS = 3000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    """Cells a spreadsheet would run as a formula are quoted to stay text."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_rejects(path: str, rejects: list[tuple[str, int, str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "line", "reason", "raw"])
        for file, line, reason, raw in rejects:
            writer.writerow([_safe_cell(file), line, _safe_cell(reason), _safe_cell(raw)])


def run_import(files: list[str], ledger: str | None, out: str, rejects_path: str | None,
               mapping_path: str | None, as_json: bool, strict: bool,
               stdout: TextIO | None = None, stderr: TextIO | None = None,
               bank_account: str = accounts.CURRENT_ACCOUNT, bank_columns: BankColumns | None = None
               ) -> int:
    """The command's work; returns the exit status (0, 1 strict rejects, 2 bad input).

    Bank statements go to ``bank_account``, so a group's own account keeps
    its balance assertions apart from the council's spend in Assets:Bank:Current.
    """
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        mapping = ExpenseMapping.load(mapping_path or DEFAULT)
    except InputError as exc:
        print(f"cwl import: {exc}", file=stderr)
        return 2
    # Every path is checked before anything is written: a bad --rejects
    # must not leave OUT half done.
    problem = ((ledger_problem(ledger) if ledger else None) or output_file_problem(out)
               or (output_file_problem(rejects_path) if rejects_path else None))
    if problem:
        print(f"cwl import: {problem}", file=stderr)
        return 2
    try:
        Path(out).touch()  # so a ledger that includes OUT loads before the first import
    except OSError as error:
        print(f"cwl import: {out}: cannot write ({error.strerror or error})", file=stderr)
        return 2
    held = load_held(ledger, out)
    if held.ledger_errors:
        print(f"cwl import: note: {ledger} loads with {held.ledger_errors} error(s); "
              "duplicates are judged on what loaded", file=stderr)
    bank = BankStatementImporter(bank_account, bank_columns or BankColumns())
    candidates = registry.importers(mapping, bank)
    summaries: list[FileSummary] = []
    all_rejects: list[tuple[str, int, str, str]] = []
    written = 0
    for path in files:
        summary = FileSummary(path)
        summaries.append(summary)
        try:
            importer = registry.identify(path, candidates)
            summary.format = registry.format_name(importer)
            result = importer.parse(path, held.entries, _progress_bar(Path(path).name, stderr))
        except InputError as exc:
            summary.error = exc.problem
            continue
        new = _count(summary, result, held)
        all_rejects.extend((path, r.line, r.reason, r.raw) for r in result.rejects)
        if new:
            opens = opens_for(new, held.opened)
            held.add(opens)
            append(out, f"cwl import {Path(path).name} ({summary.format}): "
                        f"{len(new)} entries", [*opens, *new])
            written += len(new)
    if rejects_path:
        try:
            write_rejects(rejects_path, all_rejects)
        except OSError as error:
            print(f"cwl import: {rejects_path}: cannot write ({error.strerror or error})",
                  file=stderr)
            return 2
    if as_json:
        json.dump({"files": [asdict(s) for s in summaries], "out": out,
                   "entries_written": written, "rejects": rejects_path}, stdout, indent=2)
        stdout.write("\n")
    else:
        for summary in summaries:
            print(summary.line(), file=stdout if not summary.error else stderr)
            if summary.recovered:
                print(f"  recovered {summary.recovered} rows whose fields ran together",
                      file=stdout)
            if summary.unmapped:
                print(f"  unmapped expense types, booked to {accounts.SUSPENSE}:", file=stdout)
                for expense_type, rows in summary.unmapped.items():
                    print(f"    {expense_type} ({rows} rows)", file=stdout)
        print(f"wrote {written} entries to {out}", file=stdout)
        if all_rejects and rejects_path:
            print(f"wrote {len(all_rejects)} rejected rows to {rejects_path}", file=stdout)
    if any(s.error for s in summaries):
        return 2
    if strict and all_rejects:
        return 1
    return 0


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
